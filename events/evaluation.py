"""The six-month evaluation with data: what this product already knows about the attending agencies.

For each agency whose head attended: its officials' change projects (and how many are being
implemented or done), the follow-through of the feedback they received, and the innovations it
has adopted in the rollout. Three grouped queries whatever the number of agencies.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from assessments.models import FeedbackItem
from projects.models import ChangeProject
from regions.models import Agency
from rollout.models import Adoption

from .models import CheckIn, Event

IMPLEMENTING = (ChangeProject.Status.IN_IMPLEMENTATION, ChangeProject.Status.COMPLETED)
ADOPTED = (Adoption.Stage.APPLIED, Adoption.Stage.INSTITUTIONALISED)


@dataclass
class AgencyFigures:
    agency: Agency
    projects: int = 0
    implementing: int = 0
    feedback: int = 0
    feedback_resolved: int = 0
    feedback_overdue: int = 0
    adoptions: int = 0
    adopted: int = 0

    @property
    def follow_through(self) -> float | None:
        return round(100 * self.feedback_resolved / self.feedback, 1) if self.feedback else None


def attending_agencies(event: Event):
    """The agencies of those who checked in; before anyone has, of everyone invited."""
    present = CheckIn.objects.filter(invitee__event=event).values("invitee__agency")
    agencies = Agency.objects.filter(pk__in=present)
    if not agencies.exists():
        agencies = Agency.objects.filter(pk__in=event.invitees.values("agency"))
    return agencies.order_by("name")


def figures(event: Event, today: datetime.date) -> tuple[list[AgencyFigures], AgencyFigures]:
    rows = {agency.pk: AgencyFigures(agency) for agency in attending_agencies(event)}
    ids = list(rows)
    agency_of_project = "enrolment__participant__agency"
    for row in (
        ChangeProject.objects.filter(**{f"{agency_of_project}__in": ids})
        .values(agency_of_project)
        .annotate(total=Count("pk"), implementing=Count("pk", filter=Q(status__in=IMPLEMENTING)))
        .order_by()
    ):
        figure = rows[row[agency_of_project]]
        figure.projects, figure.implementing = row["total"], row["implementing"]
    agency_of_item = f"project__{agency_of_project}"
    for row in (
        FeedbackItem.objects.filter(**{f"{agency_of_item}__in": ids})
        .values(agency_of_item)
        .annotate(
            total=Count("pk"),
            resolved=Count("pk", filter=Q(status__in=FeedbackItem.RESOLVED)),
            overdue=Count("pk", filter=~Q(status__in=FeedbackItem.RESOLVED) & Q(due_date__lt=today)),
        )
        .order_by()
    ):
        figure = rows[row[agency_of_item]]
        figure.feedback, figure.feedback_resolved, figure.feedback_overdue = (
            row["total"],
            row["resolved"],
            row["overdue"],
        )
    for row in (
        Adoption.objects.filter(agency__in=ids)
        .values("agency")
        .annotate(total=Count("pk"), adopted=Count("pk", filter=Q(stage__in=ADOPTED)))
        .order_by()
    ):
        figure = rows[row["agency"]]
        figure.adoptions, figure.adopted = row["total"], row["adopted"]
    total = AgencyFigures(agency=None)
    for figure in rows.values():
        for name in (
            "projects",
            "implementing",
            "feedback",
            "feedback_resolved",
            "feedback_overdue",
            "adoptions",
            "adopted",
        ):
            setattr(total, name, getattr(total, name) + getattr(figure, name))
    return list(rows.values()), total
