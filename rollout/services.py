"""Every change to innovations and their rollout: pages, API, admin and commands call these."""

import datetime
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat import access
from diklat.history import attribute
from evidence.checks import check_evidence
from people.models import User
from projects.models import ChangeProject
from regions.models import Agency, Region

from .models import (
    Adoption,
    AdoptionEvidence,
    AdoptionStageChange,
    Innovation,
    InnovationStageChange,
    RolloutTarget,
)
from .tasks import notify_adoption_stage

INNOVATION_FIELDS = ("name", "form", "is_digital", "regulation", "regulation_reference", "derived_from")
INNOVATION_ORDER = [Innovation.Stage.INITIATIVE, Innovation.Stage.TRIAL, Innovation.Stage.APPLIED]
ADOPTION_DATE_FIELD = {
    Adoption.Stage.PLANNED: "planned_on",
    Adoption.Stage.PILOTING: "piloting_on",
    Adoption.Stage.APPLIED: "applied_on",
    Adoption.Stage.INSTITUTIONALISED: "institutionalised_on",
}


def can_manage_rollout(user: User, project: ChangeProject) -> bool:
    """The participant, their cohort's organiser staff and the province's reporting staff keep rollout records."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or access.is_owner(user, project) or access.is_organiser_staff(user, project):
        return True
    return ChangeProject.objects.filter(access.in_reported_province(user, "agency"), pk=project.pk).exists()


def _require_manager(user: User, project: ChangeProject) -> None:
    if not can_manage_rollout(user, project):
        raise PermissionDenied(_("You may not change the rollout records of this project."))


def _not_in_future(on: datetime.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def record_innovation(
    project: ChangeProject,
    *,
    by: User,
    affairs: Iterable | None = None,
    started_on: datetime.date | None = None,
    **fields,
) -> Innovation:
    """Record (or update) the innovation that a change project became.

    ``affairs`` replaces the government affairs when given; ``started_on`` dates the first step of the
    maturity history (the initiative) when the innovation is first recorded.
    """
    _require_manager(by, project)
    unknown = set(fields) - set(INNOVATION_FIELDS)
    if unknown:
        raise ValueError(f"unexpected fields: {sorted(unknown)}")
    innovation = Innovation.objects.select_for_update().filter(project=project).first()
    created = innovation is None
    innovation = innovation or Innovation(project=project)
    for name, value in fields.items():
        setattr(innovation, name, value.strip() if isinstance(value, str) else value)
    if innovation.regulation == Innovation.Regulation.NONE:
        innovation.regulation_reference = ""
    started_on = started_on or timezone.localdate()
    if created:
        _not_in_future(started_on, "started_on")
    innovation.full_clean()
    innovation.save()
    if affairs is not None:
        innovation.affairs.set(affairs)
    if created:
        InnovationStageChange.objects.create(
            innovation=innovation, from_stage="", to_stage=innovation.stage, on=started_on, by=by
        )
    return innovation


@transaction.atomic
def change_innovation_stage(
    innovation: Innovation, stage: str, *, by: User, on: datetime.date | None = None, reason: str = ""
) -> Innovation:
    """Move the innovation on its maturity ladder; a step back needs a reason."""
    innovation = Innovation.objects.select_for_update().select_related("project").get(pk=innovation.pk)
    _require_manager(by, innovation.project)
    on = on or timezone.localdate()
    _not_in_future(on)
    if stage not in INNOVATION_ORDER:
        raise ValidationError({"stage": _("Unknown maturity stage.")})
    if stage == innovation.stage:
        raise ValidationError({"stage": _("The innovation is already at this stage.")})
    if INNOVATION_ORDER.index(stage) < INNOVATION_ORDER.index(innovation.stage) and not reason.strip():
        raise ValidationError({"reason": _("Going back a stage needs a reason.")})
    last = innovation.stage_changes.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise ValidationError(
            {"on": _("The date cannot be before the last change (%(date)s).") % {"date": f"{last.on:%d-%m-%Y}"}}
        )
    InnovationStageChange.objects.create(
        innovation=innovation, from_stage=innovation.stage, to_stage=stage, on=on, by=by, reason=reason.strip()
    )
    innovation.stage = stage
    innovation.save(update_fields=["stage"])
    return innovation


@transaction.atomic
def set_targets(
    innovation: Innovation, *, by: User, agencies: Iterable[Agency] = (), governments: Iterable[Region] = ()
) -> list[RolloutTarget]:
    """Replace the list of agencies and regional governments the innovation should reach."""
    innovation = Innovation.objects.select_for_update().select_related("project").get(pk=innovation.pk)
    _require_manager(by, innovation.project)
    agencies, governments = list(dict.fromkeys(agencies)), list(dict.fromkeys(governments))
    if any(agency.pk == innovation.project.agency_id for agency in agencies):
        raise ValidationError({"agencies": _("The innovation's own agency cannot be a rollout target.")})
    innovation.targets.all().delete()
    return RolloutTarget.objects.bulk_create(
        [RolloutTarget(innovation=innovation, agency=agency) for agency in agencies]
        + [RolloutTarget(innovation=innovation, government=government) for government in governments]
    )


@transaction.atomic
def record_adoption(
    innovation: Innovation,
    agency: Agency,
    *,
    by: User,
    planned_on: datetime.date | None = None,
    contact_name: str = "",
    contact_phone: str = "",
) -> Adoption:
    """Record that an agency plans to adopt the innovation."""
    innovation = Innovation.objects.select_related("project").get(pk=innovation.pk)
    _require_manager(by, innovation.project)
    planned_on = planned_on or timezone.localdate()
    _not_in_future(planned_on, "planned_on")
    if Adoption.objects.filter(innovation=innovation, agency=agency).exists():
        raise ValidationError({"agency": _("This agency already has an adoption record for this innovation.")})
    adoption = Adoption(
        innovation=innovation,
        agency=agency,
        planned_on=planned_on,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
    )
    adoption.full_clean()
    attribute(adoption, by=by)
    try:
        with transaction.atomic():
            adoption.save()
    except IntegrityError:
        raise ValidationError(
            {"agency": _("This agency already has an adoption record for this innovation.")}
        ) from None
    AdoptionStageChange.objects.create(adoption=adoption, from_stage="", to_stage=adoption.stage, on=planned_on, by=by)
    return adoption


@transaction.atomic
def change_adoption_stage(
    adoption: Adoption, stage: str, *, by: User, on: datetime.date | None = None, reason: str = ""
) -> Adoption:
    """Move an adoption along planned → piloting → applied → institutionalised; a step back needs a reason."""
    adoption = Adoption.objects.select_for_update().select_related("innovation__project").get(pk=adoption.pk)
    _require_manager(by, adoption.innovation.project)
    on = on or timezone.localdate()
    _not_in_future(on)
    order = Adoption.STAGE_ORDER
    if stage not in order:
        raise ValidationError({"stage": _("Unknown adoption stage.")})
    if stage == adoption.stage:
        raise ValidationError({"stage": _("The adoption is already at this stage.")})
    backwards = order.index(stage) < order.index(adoption.stage)
    if backwards and not reason.strip():
        raise ValidationError({"reason": _("Going back a stage needs a reason.")})
    last = adoption.stage_changes.order_by("-on", "-pk").first()
    floor = max(
        d for d in (adoption.planned_on, getattr(adoption, ADOPTION_DATE_FIELD[adoption.stage]), last and last.on) if d
    )
    if on < floor:
        raise ValidationError(
            {"on": _("The date cannot be before the last change (%(date)s).") % {"date": f"{floor:%d-%m-%Y}"}}
        )
    for later in order[order.index(stage) + 1 :]:
        setattr(adoption, ADOPTION_DATE_FIELD[later], None)
    if not backwards:
        for passed in order[order.index(adoption.stage) + 1 : order.index(stage) + 1]:
            setattr(adoption, ADOPTION_DATE_FIELD[passed], on)
    change = AdoptionStageChange.objects.create(
        adoption=adoption, from_stage=adoption.stage, to_stage=stage, on=on, by=by, reason=reason.strip()
    )
    transaction.on_commit(partial(notify_adoption_stage.enqueue, change.pk))
    adoption.stage = stage
    adoption.full_clean()
    attribute(adoption, by=by, reason=reason.strip())
    adoption.save()
    return adoption


@transaction.atomic
def update_adoption_contact(adoption: Adoption, *, by: User, contact_name: str, contact_phone: str) -> Adoption:
    """Change who to ask at the adopting agency."""
    adoption = Adoption.objects.select_for_update().select_related("innovation__project").get(pk=adoption.pk)
    _require_manager(by, adoption.innovation.project)
    adoption.contact_name, adoption.contact_phone = contact_name.strip(), contact_phone.strip()
    adoption.full_clean(exclude=["innovation", "agency"], validate_unique=False, validate_constraints=False)
    attribute(adoption, by=by)
    adoption.save(update_fields=["contact_name", "contact_phone"])
    return adoption


@transaction.atomic
def add_adoption_evidence(
    adoption: Adoption,
    *,
    by: User,
    kind: str,
    reference: str = "",
    dated: datetime.date | None = None,
    file=None,
) -> AdoptionEvidence:
    """Attach the proof of an adoption: a document number, an uploaded file, or both."""
    adoption = Adoption.objects.select_related("innovation__project").get(pk=adoption.pk)
    _require_manager(by, adoption.innovation.project)
    errors = {}
    if kind not in Adoption.EvidenceKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    if not reference.strip() and file is None:
        errors["reference"] = [_("Give the document number or upload the document.")]
    checked = None
    if file is not None:
        try:
            checked = check_evidence(file)
        except ValidationError as error:
            errors["file"] = error.messages
    if dated and dated > timezone.localdate():
        errors["dated"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    evidence = AdoptionEvidence(adoption=adoption, kind=kind, reference=reference.strip(), dated=dated, uploaded_by=by)
    if file is not None:
        evidence.attach(file, checked)
    evidence.save()
    return evidence
