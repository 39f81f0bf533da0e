"""An event's set-up: saving it, choosing among the candidate venues, moving it along its status."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from evidence.checks import check_evidence

from .models import AgendaSession, Event, SessionMaterial, Venue

Status = Event.Status
NEXT = {
    Status.PLANNED: {Status.CONFIRMED},
    Status.CONFIRMED: {Status.RUNNING, Status.PLANNED},
    Status.RUNNING: {Status.CLOSED},
    Status.CLOSED: set(),
}


@transaction.atomic
def save_event(event: Event) -> Event:
    """Save the event; its agenda and missions must still fall on its days."""
    event.full_clean()
    if event.pk:
        outside = event.sessions.exclude(day__range=(event.starts_on, event.ends_on))
        if outside.exists():
            raise ValidationError(
                {
                    "ends_on": _("%(count)s agenda sessions fall outside these days: move them first.")
                    % {"count": outside.count()}
                }
            )
        if any(
            mission.opens_at.astimezone(event.zone).date() < event.starts_on
            or mission.closes_at.astimezone(event.zone).date() > event.ends_on
            for mission in event.missions.only("opens_at", "closes_at")
        ):
            raise ValidationError({"ends_on": _("Some missions fall outside these days: move them first.")})
    event.save()
    return event


@transaction.atomic
def choose_venue(venue: Venue) -> Venue:
    Venue.objects.filter(event_id=venue.event_id, chosen=True).exclude(pk=venue.pk).update(chosen=False)
    venue.chosen = True
    venue.save(update_fields=["chosen"])
    return venue


@transaction.atomic
def advance(event: Event, to: str) -> Event:
    """Move the event to its next status: it is confirmed once a venue is chosen; confirmed may go back to planned."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if to not in NEXT.get(event.status, set()):
        raise ValidationError(
            _("A %(from)s event cannot become %(to)s.")
            % {
                "from": event.get_status_display().lower(),
                "to": Status(to).label.lower() if to in Status.values else to,
            },
            code="transition",
        )
    if to == Status.CONFIRMED and event.venues.exists() and not event.venues.filter(chosen=True).exists():
        raise ValidationError(_("Choose one of the candidate venues before confirming the event."), code="no_venue")
    event.status = to
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def add_material(session: AgendaSession, uploaded, *, by) -> SessionMaterial:
    try:
        checked = check_evidence(uploaded)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    material = SessionMaterial(session=session, uploaded_by=by)
    material.attach(uploaded, checked)
    material.save()
    return material
