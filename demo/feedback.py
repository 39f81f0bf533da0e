"""Demo feedback from the design seminar's panel, in every status, with its history, evidence and money.

Each item is replayed in memory by the rules of assessments.feedback (the moves in MOVES,
who may make them, the status that follows the money) and written in bulk: the services
would cost a second and a half. The timestamps are then set back to the days they stand
for. An item already stored for the same project, giver and text is not given again.
"""

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.due_dates import parse_due_date
from assessments.models import (
    BudgetFeedback,
    FeedbackEvent,
    FeedbackEvidence,
    FeedbackItem,
    Presentation,
    SeminarKind,
)
from diklat import quarters
from people.models import User
from projects.models import BudgetLine, Milestone

from . import remarks
from .budget import confirm_feedback_lines
from .files import pdf_bytes, png_bytes
from .names import slug
from .people import Cast, Enrolled
from .replay import BUDGET_PATHS, PATHS, Replayed
from .seminar_sessions import MINUTES_EACH, acronym

SEED = 20261001
DAY = datetime.timedelta(days=1)
BY_PROJECT_STATUS = {
    "draft": ["open", "open", "accepted"],
    "submitted": ["open", "accepted"],
    "returned": ["open", "open", "accepted"],
    "approved": ["open", "accepted", "in_progress"],
    "in_implementation": ["open", "accepted", "in_progress", "in_progress", "implemented", "verified", "rejected"],
    "completed": ["implemented", "verified", "verified", "verified"],
}
PENGUJI_STATUSES = ["implemented", "verified", "rejected", "in_progress", "accepted", "open", "resumed"]
BUDGET_STATUSES = ["verified", "accepted", "in_progress", "implemented", "rejected", "open", "in_progress"]
MILESTONE_HINTS = {
    "scope": "Uji coba",
    "stakeholders": "Sosialisasi",
    "sustainability": "Keputusan Kepala Daerah",
    "rollout": "Mereplikasi",
    "budget": "seluruh unit kerja",
}
QUARTER_AHEAD = {"scope": 0, "stakeholders": 0, "other": 1, "budget": 1, "sustainability": 2, "rollout": 4}


@dataclass
class Plan:
    person: Enrolled
    giver: User
    category: str
    text: str
    due: str
    status: str
    budget: dict | None = None
    times: list[datetime.datetime] = field(default_factory=list)


def agency_code(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())[:8] or "OPD"


class FeedbackBuilder:
    def __init__(self, today: datetime.date, cast: Cast):
        self.today, self.cast, self.cohort = today, cast, cast.cohort
        self.zone = ZoneInfo(cast.organiser.region.time_zone)
        self.rng = random.Random(SEED)
        presentations = Presentation.objects.filter(
            session__seminar__cohort=self.cohort, session__seminar__kind=SeminarKind.DESIGN
        ).select_related("session__chair", "enrolment__project")
        self.presentations = {p.enrolment_id: p for p in presentations}
        through = Presentation.session.field.related_model.examiners.through
        panels: dict[int, list[User]] = {}
        for row in through.objects.filter(seminarsession__seminar__cohort=self.cohort).select_related("user"):
            panels.setdefault(row.seminarsession_id, []).append(row.user)
        self.examiners = {
            enrolment: sorted(panels.get(p.session_id, []), key=lambda u: (u.pk != p.session.chair_id, u.username))
            for enrolment, p in self.presentations.items()
        }
        projects = [p.enrolment.project for p in self.presentations.values()]
        self.milestones: dict[int, list[Milestone]] = {}
        for milestone in Milestone.objects.filter(project__in=projects).order_by("target_date", "pk"):
            self.milestones.setdefault(milestone.project_id, []).append(milestone)
        self.lines: dict[int, list[BudgetLine]] = {}
        for line in BudgetLine.objects.filter(project__in=projects, source="apbd").order_by("fiscal_year", "pk"):
            self.lines.setdefault(line.project_id, []).append(line)
        self.design_day = self.cohort.design_seminar_date
        self.overdue_day = min(self.design_day + 35 * DAY, today - 7 * DAY)
        self.created = 0

    def project(self, person: Enrolled):
        return self.presentations[person.enrolment.pk].enrolment.project

    # --- what the panel says ------------------------------------------------------------------------

    def plan(self, person: Enrolled, giver: User, category: str, status: str, *, overdue=False, variant=0) -> Plan:
        project = self.project(person)
        words = {
            "acronym": acronym(project.title),
            "agency": person.site.name,
            "government": f"Pemerintah {person.government.name}",
        }
        this_year = category == "budget" and status not in {"open", "accepted"}
        ahead = 0 if this_year else QUARTER_AHEAD[category]
        due = self.overdue_day.strftime("%d-%m-%Y") if overdue else quarters.label_ahead(self.today, ahead)
        if category != "budget":
            text = remarks.FEEDBACK[category][variant % 2].format(**words)
            return Plan(person, giver, category, text, due, status)
        year = self.today.year if this_year else self.today.year + 1
        text = remarks.BUDGET_FEEDBACK["this_year" if this_year else "next_year"].format(year=year, **words)
        lines = [line for line in self.lines.get(project.pk, []) if line.fiscal_year == year][:1]
        asked = self.rng.randrange(10, 40) * 1_000_000 if this_year or not lines else lines[0].planned
        budget = {
            "fiscal_year": year,
            "source": "apbd",
            "amount_requested": asked,
            "budget_lines": lines,
            "approved": asked - self.rng.choice([0, 0, 10, 20]) * asked // 100 // 500_000 * 500_000,
            "reference": f"DPA-{agency_code(person.site.name)}/{year}/{self.rng.randrange(10, 999):04d}",
        }
        return Plan(person, giver, category, text, due, status, budget)

    def plans(self) -> list[Plan]:
        rng = self.rng
        penguji = self.cast.examiners[0]
        people = [p for p in self.cast.enrolled if p.enrolment.pk in self.presentations]
        plans: list[Plan] = []
        peserta, others = people[0], people[1:]
        first, second = self.examiners[peserta.enrolment.pk][:2]
        plans += [
            self.plan(peserta, first, "budget", "open"),
            self.plan(peserta, first, "scope", "in_progress"),
            self.plan(peserta, peserta.mentor, "stakeholders", "accepted"),
            self.plan(peserta, second, "sustainability", "implemented"),
            self.plan(peserta, first, "rollout", "open"),
        ]
        running = [p for p in others if self.project(p).status in {"in_implementation", "completed"}]
        own = [p for p in running if penguji in self.examiners[p.enrolment.pk]]
        categories = ["scope", "sustainability", "rollout", "stakeholders", "other", "scope", "rollout"]
        for person, status, category in zip(own, PENGUJI_STATUSES, categories, strict=False):
            plans.append(self.plan(person, penguji, category, status, overdue=status == "in_progress"))
        budgeted = own[len(PENGUJI_STATUSES) :][:1] + [p for p in running if p not in own]
        for person, status in zip(budgeted, BUDGET_STATUSES, strict=False):
            plans.append(self.plan(person, self.examiners[person.enrolment.pk][0], "budget", status))
        for person in others:
            pool = BY_PROJECT_STATUS[self.project(person).status]
            givers = [*self.examiners[person.enrolment.pk][: rng.choice([0, 1, 1, 2])]]
            if rng.random() < 0.3:
                givers.append(person.mentor)
            for giver in givers:
                category = rng.choice(["scope", "stakeholders", "sustainability", "rollout", "other"])
                status = rng.choice(pool)
                overdue = status in {"open", "accepted", "in_progress"} and rng.random() < 0.2
                plans.append(self.plan(person, giver, category, status, overdue=overdue, variant=rng.randrange(2)))
        unique: dict[tuple, Plan] = {}
        for plan in plans:
            unique.setdefault((plan.person.enrolment.pk, plan.giver.pk, plan.text), plan)
        return list(unique.values())

    # --- giving and following through ---------------------------------------------------------------

    def build(self) -> int:
        if not self.presentations:
            return 0
        plans = self.plans()
        projects = [self.project(plan.person).pk for plan in plans]
        stored = set(
            FeedbackItem.objects.filter(project__in=projects).values_list("project__enrolment", "given_by", "text")
        )
        todo = [self.replay(p) for p in plans if (p.person.enrolment.pk, p.giver.pk, p.text) not in stored]
        if not todo:
            return 0
        FeedbackItem.objects.bulk_create(done.item for done in todo)
        for done in todo:
            for row in [done.budget, *done.events, *done.evidence]:
                if row is not None:
                    row.item = done.item
        budgets = BudgetFeedback.objects.bulk_create(done.budget for done in todo if done.budget)
        links = BudgetFeedback.budget_lines.through
        links.objects.bulk_create(
            links(budgetfeedback=budget, budgetline=line) for budget in budgets for line in budget.lines
        )
        confirm_feedback_lines([done for done in todo if done.budget and done.budget.lines], self.today)
        events = FeedbackEvent.objects.bulk_create(event for done in todo for event in done.events)
        evidence = FeedbackEvidence.objects.bulk_create(upload for done in todo for upload in done.evidence)
        # auto_now_add stamped every row with "now": set them back to the days they stand for.
        for done in todo:
            done.item.created_at, done.item.updated_at = done.times[0], done.times[-1]
            for event, moment in zip(done.events, done.times, strict=True):
                event.at = moment
            for upload in done.evidence:
                upload.uploaded_at = upload.moment
        FeedbackItem.objects.bulk_update([done.item for done in todo], ["created_at", "updated_at"])
        FeedbackEvent.objects.bulk_update(events, ["at"])
        FeedbackEvidence.objects.bulk_update(evidence, ["uploaded_at"])
        return len(todo)

    def replay(self, plan: Plan) -> "Replayed":
        """The rows give_feedback, move_feedback and record_budget_progress would write for this plan."""
        project = self.project(plan.person)
        owner = plan.person.participant.user
        hint = MILESTONE_HINTS.get(plan.category)
        item = FeedbackItem(
            project=project,
            presentation=self.presentations[plan.person.enrolment.pk],
            given_by=plan.giver,
            category=plan.category,
            text=plan.text,
            milestone=next((m for m in self.milestones.get(project.pk, []) if hint and hint in m.activity), None),
            owner=remarks.OWNERS.get(plan.category, remarks.OWNER_DEFAULT),
            due_date=parse_due_date(plan.due),
        )
        done = Replayed(item, owner)
        done.event(FeedbackItem.Status.OPEN, plan.giver, "")
        money = plan.budget
        if money:
            done.budget = BudgetFeedback(
                fiscal_year=money["fiscal_year"], source=money["source"], amount_requested=money["amount_requested"]
            )
            done.budget.lines = money["budget_lines"]
        steps = (BUDGET_PATHS if money else PATHS)[plan.status]
        for position, step in enumerate(steps):
            if step == "approve":
                done.approved = money["approved"]
                done.budget.document_reference = done.reference = money["reference"]
                done.follow_money(owner)
            elif step.startswith("realise"):
                share = 100 if step == "realise_all" else self.rng.randrange(40, 70)
                done.realised = money["approved"] * share // 100 // 50_000 * 50_000
                done.follow_money(owner)
            elif step in {"verified", "rejected"}:
                done.move(step, plan.giver, remarks.NOTES["budget_rejected" if money and step == "rejected" else step])
            else:
                done.move(step, owner, remarks.NOTES["resumed" if "rejected" in steps[:position] else step])
                if step == "implemented":
                    done.upload(self.evidence(plan), owner)
        assert item.status == plan.status or (plan.status == "resumed" and item.status == "in_progress"), plan
        done.times = self.moments(plan, len(done.events) - 1)
        for upload, number in zip(done.evidence, done.evidence_at, strict=True):
            upload.moment = done.times[number]
        return done

    def evidence(self, plan: Plan) -> SimpleUploadedFile:
        stem = slug(acronym(self.project(plan.person).title)).replace(".", "-")
        if plan.category in {"scope", "other"}:
            caption = f"Pelaksanaan {acronym(self.project(plan.person).title)} di unit layanan"
            return SimpleUploadedFile(f"dokumentasi-{stem}.png", png_bytes(caption), "image/png")
        title = {"budget": "Rancangan DPA", "sustainability": "Keputusan Kepala Daerah"}.get(plan.category, "Laporan")
        return SimpleUploadedFile(f"{slug(title)}-{stem}.pdf", pdf_bytes(f"{title} {stem}"), "application/pdf")

    def moments(self, plan: Plan, steps: int) -> list[datetime.datetime]:
        """Given during the participant's presentation; each later step some days on, before today."""
        presentation = self.presentations[plan.person.enrolment.pk]
        given = presentation.session.starts_at + datetime.timedelta(minutes=MINUTES_EACH * presentation.order)
        span = max((self.today - self.design_day).days - 1, steps)
        times = [given]
        for step in range(1, steps + 1):
            day = self.design_day + (span * step // (steps + 1) + self.rng.randrange(0, 3)) * DAY
            hour = datetime.time(9 + self.rng.randrange(0, 8), self.rng.randrange(0, 60))
            moment = datetime.datetime.combine(min(day, self.today - DAY), hour, tzinfo=self.zone)
            times.append(max(moment, times[-1] + datetime.timedelta(hours=1)))
        return times
