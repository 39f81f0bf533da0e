"""Helpers shared by the seminar pages: scoping, local times of the host, service errors."""

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from diklat import access as diklat_access
from projects.models import ChangeProject
from regions.models import ZONE_ABBREVIATIONS

from ..models import FeedbackEvidence, FeedbackItem, Presentation, SeminarSession


@dataclass
class LocalTime:
    """A moment as the host's wall clock shows it, with the zone's abbreviation (WIB, WITA, WIT).

    ``at`` is naive on purpose: templates convert aware datetimes to the reader's own zone.
    """

    at: datetime.datetime
    zone: str
    instant: datetime.datetime

    @property
    def date(self) -> datetime.date:
        return self.at.date()

    def __str__(self):
        return f"{self.at:%d-%m-%Y %H:%M} {self.zone}"


def host_zone(organiser) -> str:
    return organiser.region.time_zone if organiser.region_id else settings.TIME_ZONE


def host_time(moment: datetime.datetime | None, organiser) -> LocalTime | None:
    """The moment in the time zone of the seminar's host (the cohort's organiser)."""
    if moment is None:
        return None
    zone = host_zone(organiser)
    return LocalTime(
        at=timezone.make_naive(moment, ZoneInfo(zone)), zone=ZONE_ABBREVIATIONS.get(zone, zone), instant=moment
    )


def session_start(session: SeminarSession) -> LocalTime:
    seminar = session.seminar
    return host_time(session.starts_at or seminar.starts_at, seminar.cohort.organiser)


def sessions_for(user):
    """The sessions this user may open, with what the pages show of them in the same query."""
    return SeminarSession.objects.visible_to(user).select_related(
        "seminar__cohort__organiser__region",
        "seminar__cohort__programme",
        "seminar__rubric",
        "chair",
        "finalised_by",
    )


def visible_feedback(user):
    """The feedback the user may see: the model's own rule, shared with the API."""
    return FeedbackItem.objects.visible_to(user)


def visible_evidence(user):
    return FeedbackEvidence.objects.visible_to(user)


def feedback_projects(user):
    """Projects the user may see, and those of participants presenting in a session they examine."""
    if not user.is_authenticated:
        return ChangeProject.objects.none()
    examining = Presentation.objects.filter(enrolment=OuterRef("enrolment"), session__examiners=user)
    return ChangeProject.objects.filter(Q(diklat_access.project_scope(user)) | Q(Exists(examining)))


def as_error_dict(error: ValidationError, rename: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A service's ValidationError as {field: messages}, optionally renaming fields."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        return {
            rename.get(field, field): ValidationError(errors).messages for field, errors in error.error_dict.items()
        }
    return {NON_FIELD_ERRORS: error.messages}


def merge_errors(target: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for field, messages in more.items():
        target.setdefault(field, []).extend(messages)


@dataclass
class Refusal:
    """What the top of the page says when a POST was refused, and where on the page the form is."""

    message: str
    errors: list[str] = dataclass_field(default_factory=list)
    anchor: str = ""


def refusal_of(message: str, form, anchor: str) -> Refusal:
    """The form's errors, for the notice at the top, pointing to the first field in error."""
    errors = [error for errors in form.errors.values() for error in errors]
    field_in_error = next((name for name in form.errors if name in form.fields), None)
    return Refusal(message, errors, f"id_{field_in_error}" if field_in_error else anchor)
