"""Demo rollout: innovations of the cohort's projects, their targets and adoptions, and a provincial staff login.

Eighteen approved or running projects became innovations at every maturity stage; SIGAP HUMAS
and two others have a long, hand-written history (rollout_data), the rest are drawn
(rollout_plan). The rows are those rollout.services would write, the adoption histories
replayed by its rules, stored in bulk. An innovation already stored for a project is left as
it is, with its targets and adoptions: a second run adds nothing.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import ProvincialStaff, User
from projects.models import ChangeProject
from regions.models import Agency, AgencyKind, Region
from rollout.models import (
    Adoption,
    AdoptionEvidence,
    AdoptionStageChange,
    GovernmentAffair,
    Innovation,
    InnovationStageChange,
    RolloutTarget,
)

from . import rollout_data as data
from .bulk import ensure_all
from .feedback import agency_code
from .files import pdf_bytes
from .names import NameMaker, slug
from .people import Cast, PeopleBuilder
from .rollout_plan import Planned, Planner, replay_adoption

SEED = 20261115
DAY = datetime.timedelta(days=1)
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class RolloutBuilder:
    def __init__(self, today: datetime.date, cast: Cast, people: PeopleBuilder):
        self.today, self.cast, self.people = today, cast, people
        self.rng = random.Random(SEED)
        self.names = NameMaker(self.rng)
        self.cohort = cast.cohort
        self.zone = ZoneInfo(cast.organiser.region.time_zone)
        self.pelapor: User | None = None
        self.innovations_created = self.adoptions_created = 0

    def build(self) -> User:
        """Create (or find) the provincial staff login and the cohort's innovations; return the login."""
        self.pelapor = self.ensure_pelapor()
        by_enrolment = {
            project.enrolment_id: project
            for project in ChangeProject.objects.filter(enrolment__cohort=self.cohort).select_related(
                "agency__government__parent", "enrolment__participant__user", "enrolment__participant__agency"
            )
        }
        projects = [by_enrolment[e.enrolment.pk] for e in self.cast.enrolled if e.enrolment.pk in by_enrolment]
        planner = Planner(self.rng, self.today, self.cohort.design_seminar_date, self.agencies(projects))
        plans = planner.plan(projects)
        for plan in plans:
            plan.contacts = [
                (self.names.person(a.government.province.code).full_name, self.phone()) for a, *_ in plan.adopters
            ]
        stored = {i.project_id: i for i in Innovation.objects.filter(project__in=[plan.project for plan in plans])}
        todo = [plan for plan in plans if plan.project.pk not in stored]
        if todo:
            self.write(todo, plans, stored)
        return self.pelapor

    # --- the login and the agencies -------------------------------------------------------------

    def ensure_pelapor(self) -> User:
        username, full_name = data.PELAPOR
        user = self.people.user(username, full_name)
        ProvincialStaff.objects.get_or_create(user=user, province=Region.objects.get(code=data.PROVINCE))
        return user

    def agencies(self, projects: list[ChangeProject]) -> dict[tuple[str, str], Agency]:
        """Every agency of the demo by (government code, name), the missing OPDs created as Agency.clean allows."""
        regions = {
            region.code: region for region in Region.objects.filter(code__in={row[0] for row in data.EXTRA_AGENCIES})
        }
        kinds = {kind.code: kind for kind in AgencyKind.objects.all()}
        setdas = {
            agency.government_id: agency
            for agency in Agency.objects.filter(government__in=list(regions.values()), name="Sekretariat Daerah")
        }
        wanted = []
        for code, kind, name, parent in data.EXTRA_AGENCIES:
            agency = Agency(government=regions[code], kind=kinds[kind], name=name)
            if parent:
                agency.parent = setdas[regions[code].pk]
            agency.clean()
            wanted.append(agency)
        stored = ensure_all(Agency, ("government_id", "name"), wanted)
        pks = {agency.pk for agency in stored.values()}
        for project in projects:
            pks |= {project.agency_id, project.enrolment.participant.agency_id}
        found = Agency.objects.filter(pk__in=pks).select_related("government__parent", "kind")
        return {(a.government.code, a.name): a for a in sorted(found, key=lambda a: (a.government.code, a.name))}

    def phone(self) -> str:
        return f"08{self.rng.randrange(11, 13)}{self.rng.randrange(10**7, 10**8)}"

    def actor(self, plan: Planned, stage: str) -> User:
        """The participant keeps their rollout records; provincial (else organiser) staff confirm what is applied."""
        if stage not in Adoption.APPLIED_OR_BEYOND:
            return plan.project.enrolment.participant.user
        return self.pelapor if plan.project.agency.government.province.code == data.PROVINCE else self.cast.staff

    def moment(self, day: datetime.date, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=self.zone)

    # --- writing ----------------------------------------------------------------------------------

    def write(self, todo: list[Planned], plans: list[Planned], stored: dict) -> None:
        innovations = Innovation.objects.bulk_create(
            Innovation(
                project=plan.project,
                name=plan.name,
                stage=plan.stage,
                form=plan.form,
                is_digital=plan.digital,
                regulation=plan.regulation,
                regulation_reference=plan.reference,
            )
            for plan in todo
        )
        for plan, innovation in zip(todo, innovations, strict=True):
            stored[plan.project.pk] = plan.innovation = innovation
            # Recorded in the laboratory, with the history going back to the day it began.
            innovation.created_at = self.moment(min(self.cohort.design_seminar_date + 10 * DAY, self.today), 10)
        by_key = {plan.key: stored[plan.project.pk] for plan in plans}
        for plan in todo:
            if plan.origin:
                plan.innovation.derived_from = by_key[plan.origin]
                plan.innovation.clean()
        Innovation.objects.bulk_update(innovations, ["derived_from", "created_at"])
        codes = dict(GovernmentAffair.objects.values_list("code", "pk"))
        links = Innovation.affairs.through
        links.objects.bulk_create(
            links(innovation=plan.innovation, governmentaffair_id=codes[code]) for plan in todo for code in plan.affairs
        )
        InnovationStageChange.objects.bulk_create(
            InnovationStageChange(
                innovation=plan.innovation,
                from_stage=data.STAGES[step - 1] if step else "",
                to_stage=data.STAGES[step],
                on=day,
                by=plan.project.enrolment.participant.user,
                reason=plan.note if step == 0 else "",
            )
            for plan in todo
            for step, day in enumerate(plan.history)
        )
        targets = [RolloutTarget(innovation=plan.innovation, agency=agency) for plan in todo for agency in plan.targets]
        targets += [RolloutTarget(innovation=plan.innovation, government=g) for plan in todo for g in plan.governments]
        for target in targets:
            target.clean()
        RolloutTarget.objects.bulk_create(targets)
        self.innovations_created = len(todo)
        self.write_adoptions(todo)

    def write_adoptions(self, todo: list[Planned]) -> None:
        replayed = []
        for plan in todo:
            for (agency, path, uploads), (contact, phone) in zip(plan.adopters, plan.contacts, strict=True):
                adoption = Adoption(
                    innovation=plan.innovation, agency=agency, contact_name=contact, contact_phone=phone
                )
                changes = replay_adoption(adoption, path, lambda stage, plan=plan: self.actor(plan, stage))
                adoption.clean()
                replayed.append((plan, adoption, changes, uploads))
        Adoption.objects.bulk_create(adoption for _plan, adoption, _changes, _uploads in replayed)
        for _plan, adoption, changes, _uploads in replayed:
            for change in changes:
                change.adoption = adoption
        AdoptionStageChange.objects.bulk_create(change for *_rest, changes, _uploads in replayed for change in changes)
        evidence = [row for plan, adoption, _c, uploads in replayed for row in self.evidence(plan, adoption, uploads)]
        AdoptionEvidence.objects.bulk_create(evidence)
        for row in evidence:  # auto_now_add stamped "now": set back to the day the document was filed
            row.uploaded_at = self.moment(row.dated, 14)
        AdoptionEvidence.objects.bulk_update(evidence, ["uploaded_at"])
        self.adoptions_created = len(replayed)

    def evidence(self, plan: Planned, adoption: Adoption, uploads: tuple[str, ...]) -> list[AdoptionEvidence]:
        """An MoU once piloting, a statement letter once applied, a decree once institutionalised."""
        # Its own generator: the draws do not depend on which innovations were stored before.
        rng = random.Random(f"{SEED}/{plan.name}/{adoption.agency.government.code}/{adoption.agency.name}")
        code = agency_code(adoption.agency.name)
        rows = []
        for kind, day in (
            ("mou", adoption.piloting_on),
            ("statement", adoption.applied_on),
            ("decree", adoption.institutionalised_on),
        ):
            kept = rng.random() < 0.75 or plan.told or kind == "decree"
            if day is None or not kept:
                continue
            number = data.EVIDENCE_NUMBER[kind].format(
                n=rng.randrange(1, 400), code=code, month=ROMAN_MONTHS[day.month - 1], year=day.year
            )
            row = AdoptionEvidence(
                adoption=adoption, kind=kind, reference=number, dated=day, uploaded_by=self.actor(plan, adoption.stage)
            )
            if kind in uploads:
                title = data.EVIDENCE_TITLE[kind].format(innovation=plan.name)
                upload = SimpleUploadedFile(f"{slug(title)}.pdf", pdf_bytes(f"{title} - {number}"), "application/pdf")
                row.attach(upload)
            rows.append(row)
        return rows
