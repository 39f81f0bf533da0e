"""A project's life: starting and editing the draft, then its status workflow of submission, review and completion."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat import access
from diklat.history import attribute
from diklat.models import Enrolment
from diklat.versioning import check_version
from people.models import User
from regions.models import Agency

from ..models import ChangeProject, Milestone, ProjectTransition
from ..tasks import notify_project_transition
from .guards import _assign, _locked, _require_owner

Status = ChangeProject.Status

PLAN_FIELDS = (
    "title",
    "agency",
    "background",
    "problem",
    "ideal_condition",
    "breakthrough",
    "objectives",
    "output",
    "outcome",
    "key_success_factors",
)

# --- the project and its plan -------------------------------------------------------------


def _check_agency(enrolment: Enrolment, agency: Agency | None, current_agency_id: int | None = None) -> None:
    """The project's agency is one of the participant's province (as ProjectForm offers), or stays as it is."""
    if agency is None or agency.pk == current_agency_id:
        return  # a missing agency is full_clean's to report
    province = enrolment.participant.agency.government.province
    if not Agency.objects.in_province(province).filter(pk=agency.pk).exists():
        raise ValidationError({"agency": _("Choose an agency of your own province.")})


@transaction.atomic
def create_project(enrolment: Enrolment, *, by: User, **fields) -> ChangeProject:
    """Start a draft project for a participant's enrolment (one project per enrolment)."""
    if enrolment.participant.user_id != by.pk:
        raise PermissionDenied(_("Only the participant can start their own change project."))
    if ChangeProject.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("There is already a change project for this cohort."))
    fields.setdefault("agency", enrolment.participant.agency)
    _check_agency(enrolment, fields["agency"], current_agency_id=enrolment.participant.agency_id)
    project = ChangeProject(enrolment=enrolment, status=Status.DRAFT)
    _assign(project, fields, PLAN_FIELDS)
    project.full_clean()
    attribute(project, by=by)
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        raise ValidationError(_("There is already a change project for this cohort.")) from None
    return project


@transaction.atomic
def update_project(
    project: ChangeProject, *, by: User, formsets: Iterable = (), expected_version: int | None = None, **fields
) -> ChangeProject:
    """Change the plan (and its stakeholder, risk and team rows) while it is a draft or returned."""
    project = _locked(project)
    _require_owner(by, project)
    check_version(project, expected_version)
    if not project.plan_is_editable:
        raise ValidationError(
            _("The plan can only be changed while it is a draft or returned for revision (now: %(status)s).")
            % {"status": project.get_status_display()}
        )
    if "agency" in fields:
        _check_agency(project.enrolment, fields["agency"], current_agency_id=project.agency_id)
    changed = _assign(project, fields, PLAN_FIELDS)
    project.full_clean()
    attribute(project, by=by)
    project.save(update_fields=[*changed, "updated_at"])
    for formset in formsets:
        formset.instance = project
        formset.save()
    return project


# --- the status workflow -------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    by_owner: bool
    by_mentor: bool
    needs_comment: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, True, False),
        Transition("approve", frozenset({Status.SUBMITTED}), Status.APPROVED, False, True),
        Transition("return", frozenset({Status.SUBMITTED}), Status.RETURNED, False, True, needs_comment=True),
        Transition("start", frozenset({Status.APPROVED}), Status.IN_IMPLEMENTATION, True, True),
        Transition("complete", frozenset({Status.IN_IMPLEMENTATION}), Status.COMPLETED, True, True),
    )
}


def allowed_transitions(project: ChangeProject, user: User) -> list[str]:
    """Name the transitions this user may apply to the project now (for buttons and the API)."""
    owner, mentor = access.is_owner(user, project), access.can_review_project(user, project)
    return [
        t.name
        for t in TRANSITIONS.values()
        if project.status in t.sources and ((t.by_owner and owner) or (t.by_mentor and mentor))
    ]


def _check_preconditions(project: ChangeProject, transition: Transition) -> None:
    if transition.name == "submit":
        horizons = set(project.milestones.exclude(status=Milestone.Status.CANCELLED).values_list("horizon", flat=True))
        missing = [h.label.lower() for h in Milestone.Horizon if h.value not in horizons]
        if missing:
            raise ValidationError(
                _("Add at least one milestone for each horizon before submitting; missing: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
    if transition.name == "complete" and project.milestones.filter(horizon=Milestone.Horizon.SHORT).open().exists():
        raise ValidationError(_("Finish or cancel every short-term milestone before completing the project."))


def milestones_still_open(project: ChangeProject) -> list[Milestone]:
    """What completing the project now would leave unfinished, the short-term ones (which bar it) first."""
    rank = {h.value: i for i, h in enumerate(Milestone.Horizon)}
    return sorted(project.milestones.open(), key=lambda m: (rank[m.horizon], m.target_date, m.pk))


@transaction.atomic
def apply_transition(
    project: ChangeProject, name: str, *, by: User, comment: str = "", expected_version: int | None = None
) -> ChangeProject:
    """Move the project along its workflow, recording who did it, when and why."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown action: %(name)s.") % {"name": name})
    project = _locked(project)
    owner, mentor = access.is_owner(by, project), access.can_review_project(by, project)
    if not ((transition.by_owner and owner) or (transition.by_mentor and mentor)):
        raise PermissionDenied(_("You may not do this to this project."))
    check_version(project, expected_version)
    if project.status not in transition.sources:
        raise ValidationError(
            _("A project that is “%(status)s” cannot be moved to “%(target)s”.")
            % {"status": project.get_status_display(), "target": Status(transition.target).label}
        )
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationError({"comment": _("Say what must be revised: a comment is required.")})
    _check_preconditions(project, transition)
    recorded = ProjectTransition.objects.create(
        project=project, from_status=project.status, to_status=transition.target, by=by, comment=comment
    )
    transaction.on_commit(partial(notify_project_transition.enqueue, recorded.pk))
    project.status = transition.target
    project.status_changed_at = timezone.now()
    update_fields = ["status", "status_changed_at", "updated_at"]
    if transition.by_mentor and not transition.by_owner:
        project.mentor_comment = comment
        update_fields.append("mentor_comment")
    attribute(project, by=by, reason=comment)
    project.save(update_fields=update_fields)
    return project


def submit_project(project, *, by, comment=""):
    return apply_transition(project, "submit", by=by, comment=comment)


def approve_project(project, *, by, comment=""):
    return apply_transition(project, "approve", by=by, comment=comment)


def return_project(project, *, by, comment):
    return apply_transition(project, "return", by=by, comment=comment)


def start_implementation(project, *, by, comment=""):
    return apply_transition(project, "start", by=by, comment=comment)


def complete_project(project, *, by, comment=""):
    return apply_transition(project, "complete", by=by, comment=comment)
