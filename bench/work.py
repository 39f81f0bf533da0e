"""The work of the scale data set: projects with their plan, progress and budget, seminars and scores,
feedback, innovations and their adoptions, in the proportions the national measurement used.

Per participant: one project, ten milestones, four progress updates, two budget lines, a scored
design seminar (two examiners × every indicator) and an upcoming results seminar, one feedback
item (every fifth about the budget); every tenth project became an innovation adopted by three
agencies of its own province's neighbours (the core's by agencies of the core province).
"""

import datetime
import random

from assessments.models import (
    BudgetFeedback,
    FeedbackItem,
    Presentation,
    Rubric,
    RubricIndicator,
    Score,
    Seminar,
    SeminarSession,
    SessionEvent,
)
from projects.models import BudgetLine, ChangeProject, Milestone, ProgressUpdate
from rollout.models import Adoption, Innovation, RolloutTarget

from .cast import DAY, CohortPlan
from .copying import Loader

STATUSES = (
    ["draft"] * 2 + ["submitted"] * 2 + ["returned"] + ["approved"] * 5 + ["in_implementation"] * 9 + ["completed"]
)
HORIZONS = ["short"] * 4 + ["medium"] * 3 + ["long"] * 3
CATEGORIES = ["scope", "stakeholders", "sustainability", "rollout", "budget"]
FEEDBACK_STATUSES = ["open", "accepted", "in_progress", "implemented", "verified"]


class WorkBuilder:
    def __init__(self, loader: Loader, today: datetime.date, rule_set):
        self.load, self.today = loader, today
        self.rubrics = {kind: Rubric.objects.current(rule_set, kind) for kind in ("design", "results")}
        self.indicators = list(
            RubricIndicator.objects.filter(component__rubric=self.rubrics["design"]).values_list("pk", flat=True)
        )

    def cohort(self, plan: CohortPlan, agencies: list[int], rng: random.Random) -> None:
        projects = {
            seat.enrolment: pk
            for seat, pk in zip(plan.seats, self.load.ids(ChangeProject, len(plan.seats)), strict=True)
        }
        self.load.copy(
            ChangeProject,
            (
                {
                    "id": projects[s.enrolment],
                    "enrolment_id": s.enrolment,
                    "agency_id": s.agency,
                    "title": f"Aksi perubahan {projects[s.enrolment]}: layanan digital terpadu",
                    "problem": "Layanan lambat dan tidak terukur.",
                    "breakthrough": "Aplikasi layanan terpadu.",
                    "status": STATUSES[i % len(STATUSES)],
                    "status_changed_at": self.load.now,
                }
                for i, s in enumerate(plan.seats)
            ),
        )
        self.plan_and_progress(plan, projects, rng)
        presentations = self.seminars(plan)
        self.feedback(plan, projects, presentations, rng)
        self.rollout(plan, projects, agencies, rng)

    def plan_and_progress(self, plan: CohortPlan, projects: dict[int, int], rng: random.Random) -> None:
        milestones, updates, lines = [], [], []
        for seat in plan.seats:
            project = projects[seat.enrolment]
            ids = self.load.ids(Milestone, len(HORIZONS))
            for index, (pk, horizon) in enumerate(zip(ids, HORIZONS, strict=True)):
                start = plan.start + (30 + 20 * index) * DAY
                target = start + 30 * DAY if horizon == "short" else plan.results + (60 * index) * DAY
                done = target < self.today and rng.random() < 0.6
                progress = 100 if done else rng.choice([0, 20, 50, 80])
                milestones.append(
                    {
                        "id": pk,
                        "project_id": project,
                        "horizon": horizon,
                        "activity": f"Kegiatan {index + 1}",
                        "responsible": "Tim efektif",
                        "start_date": start,
                        "target_date": target,
                        "weight": 10,
                        "status": "done" if done else ("in_progress" if progress else "planned"),
                        "progress": progress,
                        "completed_on": target if done else None,
                        "estimated_cost": 5_000_000,
                    }
                )
            for index, pk in enumerate(self.load.ids(ProgressUpdate, 4)):
                updates.append(
                    {
                        "id": pk,
                        "project_id": project,
                        "milestone_id": ids[index],
                        "author_id": seat.user,
                        "happened_on": min(plan.start + (60 + 10 * index) * DAY, self.today),
                        "note": "Kemajuan dilaporkan.",
                        "progress_before": 0,
                        "progress_after": 50,
                        "created_at": self.load.now,
                    }
                )
            for index, pk in enumerate(self.load.ids(BudgetLine, 2)):
                lines.append(
                    {
                        "id": pk,
                        "project_id": project,
                        "source": ("apbd", "csr")[index],
                        "fiscal_year": plan.start.year,
                        "description": "Pengembangan aplikasi",
                        "planned": 40_000_000,
                        # The second line approved on its DPA and partly realised on an SP2D, as the rules require.
                        "approved": 30_000_000 * index or None,
                        "document_reference": f"DPA-{plan.start.year}-{project}" if index else "",
                        "document_date": plan.start if index else None,
                        "approved_at": self.load.now if index else None,
                        "realised": 10_000_000 if index else None,
                        "realisation_reference": f"SP2D-{project}" if index else "",
                        "realised_at": self.load.now if index else None,
                    }
                )
        self.load.copy(Milestone, milestones)
        self.load.copy(ProgressUpdate, updates)
        self.load.copy(BudgetLine, lines)

    def seminars(self, plan: CohortPlan) -> dict[int, int]:
        """Both seminars with two rooms each; the design seminar scored, finalised and released."""
        presentations = {}
        for kind, day in (("design", plan.design), ("results", plan.results)):
            (seminar,) = self.load.ids(Seminar, 1)
            moment = datetime.datetime.combine(day, datetime.time(1), tzinfo=datetime.UTC)
            self.load.copy(
                Seminar,
                [
                    {
                        "id": seminar,
                        "cohort_id": plan.id,
                        "kind": kind,
                        "rubric_id": self.rubrics[kind].pk,
                        "starts_at": moment,
                    }
                ],
            )
            finalised = kind == "design"
            rooms = self.load.ids(SeminarSession, 2)
            self.load.copy(
                SeminarSession,
                (
                    {
                        "id": pk,
                        "seminar_id": seminar,
                        "name": f"Ruang {room + 1}",
                        "starts_at": moment,
                        "chair_id": plan.examiners[2 * room],
                        "status": "finalised" if finalised else "open",
                        "finalised_at": moment if finalised else None,
                        "finalised_by_id": plan.examiners[2 * room] if finalised else None,
                    }
                    for room, pk in enumerate(rooms)
                ),
            )
            self.load.copy(
                SeminarSession.examiners.through,
                (
                    {
                        "id": self.load.ids(SeminarSession.examiners.through, 1)[0],
                        "seminarsession_id": pk,
                        "user_id": user,
                    }
                    for room, pk in enumerate(rooms)
                    for user in plan.examiners[2 * room : 2 * room + 2]
                ),
            )
            rows = []
            for order, seat in enumerate(plan.seats):
                (pk,) = self.load.ids(Presentation, 1)
                rows.append(
                    {
                        "id": pk,
                        "session_id": rooms[seat.room],
                        "enrolment_id": seat.enrolment,
                        "order": order + 1,
                        "released_at": moment if finalised else None,
                    }
                )
                if finalised:
                    presentations[seat.enrolment] = pk
            self.load.copy(Presentation, rows)
            if finalised:
                self.load.copy(
                    SessionEvent,
                    (
                        {
                            "id": self.load.ids(SessionEvent, 1)[0],
                            "session_id": pk,
                            "kind": "finalised",
                            "by_id": plan.examiners[2 * room],
                            "at": moment,
                        }
                        for room, pk in enumerate(rooms)
                    ),
                )
                self.load.copy(Score, self.scores(plan, presentations, moment))
        return presentations

    def scores(self, plan: CohortPlan, presentations: dict[int, int], moment):
        for seat in plan.seats:
            for scorer in plan.examiners[2 * seat.room : 2 * seat.room + 2]:
                for indicator in self.indicators:
                    yield {
                        "id": self.load.ids(Score, 1)[0],
                        "presentation_id": presentations[seat.enrolment],
                        "indicator_id": indicator,
                        "scorer_id": scorer,
                        "role": "examiner",
                        "value": 70 + (seat.enrolment + indicator + scorer) % 28,
                        "updated_at": moment,
                    }

    def feedback(self, plan: CohortPlan, projects, presentations, rng: random.Random) -> None:
        items, money = [], []
        for index, seat in enumerate(plan.seats):
            (pk,) = self.load.ids(FeedbackItem, 1)
            category = CATEGORIES[index % len(CATEGORIES)]
            items.append(
                {
                    "id": pk,
                    "project_id": projects[seat.enrolment],
                    "presentation_id": presentations[seat.enrolment],
                    "given_by_id": plan.examiners[2 * seat.room],
                    "category": category,
                    "text": "Perjelas tahapan dan anggarannya.",
                    "owner": "Peserta",
                    "due_date": plan.design + rng.choice([60, 120, 240, 400]) * DAY,
                    "status": FEEDBACK_STATUSES[index % len(FEEDBACK_STATUSES)],
                }
            )
            if category == "budget":
                money.append(
                    {
                        "id": self.load.ids(BudgetFeedback, 1)[0],
                        "item_id": pk,
                        "fiscal_year": plan.start.year + 1,
                        "source": "apbd",
                        "amount_requested": 50_000_000,
                    }
                )
        self.load.copy(FeedbackItem, items)
        self.load.copy(BudgetFeedback, money)

    def rollout(self, plan: CohortPlan, projects, agencies: list[int], rng: random.Random) -> None:
        innovations, adoptions, targets = [], [], []
        for seat in plan.seats[::10]:
            (pk,) = self.load.ids(Innovation, 1)
            innovations.append(
                {
                    "id": pk,
                    "project_id": projects[seat.enrolment],
                    "name": f"Inovasi {pk}",
                    "stage": "applied",
                    "form": "public_service",
                }
            )
            adopters = rng.sample([a for a in agencies if a != seat.agency], 3)
            for stage, agency in zip(("planned", "piloting", "applied"), adopters, strict=True):
                targets.append({"id": self.load.ids(RolloutTarget, 1)[0], "innovation_id": pk, "agency_id": agency})
                adoptions.append(
                    {
                        "id": self.load.ids(Adoption, 1)[0],
                        "innovation_id": pk,
                        "agency_id": agency,
                        "stage": stage,
                        "planned_on": plan.results,
                        "piloting_on": plan.results + DAY if stage != "planned" else None,
                        "applied_on": plan.results + 2 * DAY if stage == "applied" else None,
                    }
                )
        self.load.copy(Innovation, innovations)
        self.load.copy(RolloutTarget, targets)
        self.load.copy(Adoption, adoptions)

    def build(self, cohorts: list[CohortPlan], core_agencies: list[int], other_agencies: list[int]) -> None:
        rng = random.Random(3)
        for plan in cohorts:
            self.cohort(plan, core_agencies if plan.core else other_agencies, rng)
