"""Build the demo change projects: one per enrolment, in every status, with plan, progress and evidence.

Statuses move through projects.services.lifecycle.apply_transition, as on the pages. Progress updates
are written directly (the service would cost ten queries each) with the same consistency:
progress before/after, milestone status and completion day, evidence checked by
check_evidence and stored through the FileField. Afterwards the timestamps are set back to
plausible days of the cohort.
"""

import datetime
import random
from collections import Counter
from dataclasses import asdict

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import (
    ChangeProject,
    Evidence,
    Milestone,
    ProgressUpdate,
    ProjectTransition,
    Risk,
    Stakeholder,
    TeamMember,
)
from projects.models.milestones import horizon_violation
from projects.services.lifecycle import apply_transition

from . import plan
from .budget import commitment, confirmed_lines
from .files import pdf_bytes, png_bytes
from .names import NameMaker, slug
from .people import Cast, Enrolled, PeopleBuilder
from .themes import theme_for

STATUS_COUNTS = {"draft": 4, "submitted": 5, "returned": 4, "approved": 7, "in_implementation": 33, "completed": 7}
DAY = datetime.timedelta(days=1)


def statuses(rng: random.Random) -> list[str]:
    """Sixty statuses; the first (the PR project of the demo participant) is under way."""
    pool = [status for status, count in STATUS_COUNTS.items() for _ in range(count)]
    pool.remove("in_implementation")
    rng.shuffle(pool)
    return ["in_implementation", *pool]


HEAD_NAME = "Drs. H. Muhammad Rasyid, M.Si."  # a made-up regional head (PPK), signing the commitments


class ProjectBuilder:
    def __init__(self, rng: random.Random, today: datetime.date, cast: Cast, names: NameMaker):
        self.rng, self.today, self.cast, self.names = rng, today, cast, names
        self.cohort = cast.cohort
        self.design_seminar = self.cohort.design_seminar_date
        self.lab_start = self.design_seminar + DAY
        self.timestamps: dict[int, list[datetime.date]] = {}  # project pk -> the days of its transitions
        self.update_days: dict[int, datetime.date] = {}  # update pk -> day
        self.created = 0

    def build(self) -> int:
        seen: Counter[str] = Counter()
        for index, (enrolled, status) in enumerate(zip(self.cast.enrolled, statuses(self.rng), strict=True)):
            theme = theme_for(enrolled.seat.agency, seen[enrolled.seat.agency])
            seen[enrolled.seat.agency] += 1
            self.project(index, enrolled, status, theme)
        self.backdate()
        return self.created

    # --- one project ------------------------------------------------------------------------------

    def project(self, index: int, enrolled: Enrolled, status: str, theme) -> None:
        rng = self.rng
        government, site = enrolled.government, enrolled.site
        gov_name = PeopleBuilder.government_name(government)
        fields = plan.project_fields(theme, site.name, gov_name)
        late_from = {"draft": 0, "submitted": 0, "returned": 0, "approved": 2}.get(status)
        milestones = plan.milestone_plan(theme, self.cohort, rng, self.today, late_from)
        for step in milestones:
            assert horizon_violation(self.cohort, step.horizon, step.target_date) is None, step
        team = [self.names.person(government.province.code) for _ in plan.TEAM[:4]]
        risks = rng.sample(plan.RISKS, 3)
        budget = plan.budget_lines(theme, status, self.today.year, index, rng)
        seed = rng.randrange(10**9)  # the walk below draws from its own generator
        if ChangeProject.objects.filter(enrolment=enrolled.enrolment).exists():
            return
        self.created += 1
        project = ChangeProject.objects.create(enrolment=enrolled.enrolment, agency=site, **fields)
        Milestone.objects.bulk_create(
            Milestone(project=project, **asdict(step), status=Milestone.Status.PLANNED) for step in milestones
        )
        mentor_post = enrolled.enrolment.assignments.get(role="mentor").position or "Mentor"
        Stakeholder.objects.bulk_create(
            Stakeholder(project=project, name=name, side=side, influence=influence, strength=strength, role=role)
            for name, side, influence, strength, role in plan.stakeholders(
                government, site.name, mentor_post, pr=index == 0
            )
        )
        Risk.objects.bulk_create(
            Risk(project=project, description=text, likelihood=likelihood, impact=impact, mitigation=mitigation)
            for text, likelihood, impact, mitigation in risks
        )
        TeamMember.objects.bulk_create(
            TeamMember(
                project=project, name=person.full_name, team_role=role, position=position.format(agency=site.name)
            )
            for person, (role, position) in zip(team, plan.TEAM, strict=False)
        )
        owner, mentor = enrolled.participant.user, enrolled.mentor
        confirmed_lines(project, budget, owner=owner, mentor=mentor, today=self.today)
        self.walk(project, enrolled, status, theme, random.Random(seed), pr=index == 0)
        if index == 0 or status == "completed":
            head = plan.head_of(government)
            commitment(project, owner=owner, mentor=mentor, head=HEAD_NAME, head_position=head, on=self.today - DAY)

    def walk(self, project, enrolled: Enrolled, status: str, theme, rng: random.Random, *, pr: bool) -> None:
        owner, mentor = enrolled.participant.user, enrolled.mentor
        ds, today = self.design_seminar, self.today
        steps: list[tuple[str, object, str, datetime.date]] = []
        revise = rng.random() < 0.3
        if status == "submitted":
            steps = [("submit", owner, "", today - rng.randrange(1, 8) * DAY)]
        elif status == "returned":
            steps = [
                ("submit", owner, "", today - rng.randrange(12, 20) * DAY),
                ("return", mentor, rng.choice(plan.RETURN_COMMENTS), today - rng.randrange(3, 10) * DAY),
            ]
        elif status in {"approved", "in_implementation", "completed"}:
            late = status == "approved"
            submitted = (ds + rng.randrange(5, 15) * DAY) if late else ds - rng.randrange(6, 10) * DAY
            steps = [("submit", owner, "", submitted)]
            if revise and not pr:
                steps += [
                    ("return", mentor, rng.choice(plan.RETURN_COMMENTS), submitted + 2 * DAY),
                    ("submit", owner, "", submitted + 4 * DAY),
                ]
            approved = today - rng.randrange(2, 8) * DAY if late else ds + rng.randrange(0, 2) * DAY
            steps.append(("approve", mentor, plan.APPROVAL_COMMENT, approved))
            if not late:
                steps.append(("start", owner, "", self.lab_start + rng.randrange(1, 4) * DAY))
        days = []
        for name, by, comment, day in steps:
            apply_transition(project, name, by=by, comment=comment)
            days.append(day)
        if status in {"approved", "in_implementation", "completed"}:
            self.progress(project, owner, status, theme, rng, pr=pr)
        if status == "completed":
            apply_transition(project, "complete", by=owner)
            days.append(today - rng.randrange(1, 4) * DAY)
        self.timestamps[project.pk] = days

    # --- progress and evidence ------------------------------------------------------------------------

    def progress(self, project, owner, status: str, theme, rng: random.Random, *, pr: bool) -> None:
        """Write the updates a participant would have posted, moving each milestone's progress."""
        milestones = list(project.milestones.order_by("target_date", "pk"))
        if status == "approved":
            targets = [100, 100]
        elif status == "completed":
            targets = [100] * 6 + [20]
        elif pr:
            targets = [100, 100, 100, 100, 70, 30]
        else:
            targets = [
                100,
                100,
                100 if rng.random() < 0.9 else 60,
                100 if rng.random() < 0.6 else rng.choice([40, 50, 60, 80]),
                100 if rng.random() < 0.35 else rng.choice([20, 40, 60]),
                rng.choice([0, 0, 10, 20, 30, 40]),
                rng.choice([0, 0, 10]),
            ]
        moved = []
        for position, target in enumerate(targets):
            if not target:
                continue
            milestone = milestones[position]
            latest = min(milestone.target_date, self.today) if target == 100 else self.today
            day = min(self.today, max(milestone.start_date, latest - rng.randrange(0, 4) * DAY))
            if target == 100:
                note = f"{milestone.activity} selesai: {milestone.output.lower()} sudah tersedia."
            else:
                note = f"{milestone.activity} berjalan, {target}% tercapai; jadwal dengan unit terkait disesuaikan."
            update = ProgressUpdate.objects.create(
                project=project,
                milestone=milestone,
                author=owner,
                happened_on=day,
                note=note,
                progress_before=milestone.progress,
                progress_after=target,
            )
            self.update_days[update.pk] = day
            for uploaded in self.evidence_files(theme, milestone, position, target, rng, pr=pr):
                evidence = Evidence(update=update, uploaded_by=owner)
                evidence.attach(uploaded)
                evidence.save()
            milestone.progress = target
            milestone.status = Milestone.Status.DONE if target == 100 else Milestone.Status.IN_PROGRESS
            milestone.completed_on = day if target == 100 else None
            moved.append(milestone)
        Milestone.objects.bulk_update(moved, ["progress", "status", "completed_on"])

    def evidence_files(self, theme, milestone, position: int, target: int, rng: random.Random, *, pr: bool) -> list:
        stem = slug(theme.acronym).replace(".", "-")
        if pr and position == 2:
            return [SimpleUploadedFile(f"sop-{stem}.pdf", pdf_bytes(f"SOP {theme.acronym}"), "application/pdf")]
        if (pr and target == 100) or (target == 100 and rng.random() < 0.2):
            picture = png_bytes(milestone.activity, position)
            return [SimpleUploadedFile(f"dokumentasi-{stem}-{position + 1}.png", picture, "image/png")]
        if target == 100 and rng.random() < 0.1:
            report = pdf_bytes(f"Laporan: {milestone.activity}")
            return [SimpleUploadedFile(f"laporan-{stem}-{position + 1}.pdf", report, "application/pdf")]
        return []

    # --- timestamps -----------------------------------------------------------------------------------

    def moment(self, day: datetime.date, hour: int, zone) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.randrange(0, 60)), tzinfo=zone)

    def backdate(self) -> None:
        """Move transitions, updates and uploads from 'now' to the days they stand for."""
        if not self.timestamps:
            return
        projects = ChangeProject.objects.filter(pk__in=self.timestamps).select_related("agency__government")
        transitions = ProjectTransition.objects.filter(project__in=projects).order_by("project", "pk")
        by_project: dict[int, list[ProjectTransition]] = {}
        for transition in transitions:
            by_project.setdefault(transition.project_id, []).append(transition)
        changed_projects, changed_transitions = [], []
        for project in projects:
            zone = project.agency.government.zone
            project.created_at = self.moment(self.cohort.start_date + 20 * DAY, 10, zone)
            previous = None
            for transition, day in zip(by_project.get(project.pk, []), self.timestamps[project.pk], strict=True):
                transition.at = self.moment(day, 9 + self.rng.randrange(0, 7), zone)
                if previous and transition.at <= previous:  # two steps on one day keep their order
                    transition.at = previous + datetime.timedelta(minutes=30)
                previous = transition.at
                changed_transitions.append(transition)
                project.status_changed_at = transition.at
            changed_projects.append(project)
        ChangeProject.objects.bulk_update(changed_projects, ["created_at", "status_changed_at"])
        ProjectTransition.objects.bulk_update(changed_transitions, ["at"])
        updates = list(
            ProgressUpdate.objects.filter(pk__in=self.update_days).select_related("project__agency__government")
        )
        for update in updates:
            update.created_at = self.moment(self.update_days[update.pk], 16, update.project.agency.government.zone)
        ProgressUpdate.objects.bulk_update(updates, ["created_at"])
        evidence = list(Evidence.objects.filter(update__in=updates).select_related("update"))
        for item in evidence:
            item.uploaded_at = item.update.created_at
        Evidence.objects.bulk_update(evidence, ["uploaded_at"])
