"""A cohort's design and results seminars: created under the rule set's current rubric, copied with a cohort."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from diklat.history import attribute
from diklat.models import Cohort
from people.models import User

from ..models import Rubric, Seminar, SeminarKind, SeminarSession
from .announce import announce
from .locks import locked_sessions, refuse_if_locked


def _rubric_for(cohort: Cohort, kind: str) -> Rubric | None:
    return Rubric.objects.current(cohort.rule_set, kind)


@transaction.atomic
def create_seminar(
    cohort: Cohort, *, kind: str, starts_at: datetime.datetime, place: str = "", online_link: str = ""
) -> Seminar:
    """The cohort's design or results seminar, scored with the newest rubric of its rule set for that kind."""
    if kind not in SeminarKind.values:
        raise ValidationError({"kind": _("Choose the design or the results seminar.")})
    label = SeminarKind(kind).label
    if Seminar.objects.filter(cohort=cohort, kind=kind).exists():
        raise ValidationError({"kind": _("The cohort has its %(seminar)s already.") % {"seminar": label}})
    rubric = _rubric_for(cohort, kind)
    if rubric is None:
        raise ValidationError(
            {
                "kind": _("The rule set has no rubric for the %(seminar)s: add one in the admin first.")
                % {"seminar": label}
            }
        )
    seminar = Seminar(
        cohort=cohort, kind=kind, rubric=rubric, starts_at=starts_at, place=place, online_link=online_link
    )
    seminar.clean()
    try:
        with transaction.atomic():
            seminar.save()
    except IntegrityError:  # created by someone else meanwhile
        raise ValidationError({"kind": _("The cohort has its %(seminar)s already.") % {"seminar": label}}) from None
    return seminar


def copy_seminars(source: Cohort, target: Cohort, *, days: int) -> list[Seminar]:
    """The source's seminars for the target, each moved by ``days`` days, without sessions or participants.

    The target scores with its rule set's newest rubric of each kind (the source's when there is none newer).
    """
    copies = []
    for seminar in source.seminars.select_related("rubric"):
        if Seminar.objects.filter(cohort=target, kind=seminar.kind).exists():
            continue
        copies.append(
            Seminar.objects.create(
                cohort=target,
                kind=seminar.kind,
                rubric=_rubric_for(target, seminar.kind) or seminar.rubric,
                starts_at=seminar.starts_at + datetime.timedelta(days=days),
                place=seminar.place,
                online_link=seminar.online_link,
            )
        )
    return copies


@transaction.atomic
def set_session_details(
    session: SeminarSession, *, name: str, starts_at: datetime.datetime | None, place: str, by: User | None = None
) -> SeminarSession:
    """Rename a session, give it its own start (None: the seminar's) and its room."""
    (session,) = locked_sessions(session.pk)
    refuse_if_locked(session)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the session a name.")})
    if SeminarSession.objects.filter(seminar_id=session.seminar_id, name=name).exclude(pk=session.pk).exists():
        raise ValidationError({"name": _("The seminar has a session named %(names)s already.") % {"names": name}})
    session.name, session.starts_at, session.place = name, starts_at, place.strip()
    attribute(session, by=by)
    try:
        with transaction.atomic():
            session.save(update_fields=["name", "starts_at", "place"])
    except IntegrityError:
        raise ValidationError(
            {"name": _("The seminar has a session named %(names)s already.") % {"names": name}}
        ) from None
    announce(session.pk)
    return session
