"""Show times in the user's own zone (WIB, WITA or WIT) while storing UTC."""

import zoneinfo

from django.conf import settings
from django.db.models import CharField, Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.models import SeminarSession
from diklat.models import Organiser
from mentors.models import Assignment
from people.models import Participant, ProvincialStaff, User

SESSION_KEY = "diklat_time_zone"
# The user's own choice when the zone was remembered: a changed choice (on the profile page or in
# the admin) is seen on the next request, as request.user is read fresh each time.
SETTING_KEY = "diklat_time_zone_setting"


def _most_common(rows) -> Subquery:
    """The zone that occurs most often among the rows (ties: alphabetical)."""
    counted = rows.order_by().values("zone").annotate(n=Count("pk")).order_by("-n", "zone")
    return Subquery(counted.values("zone")[:1])


def _derived_zone_expression() -> Coalesce:
    """The zone of the province of the user in the outer query (OuterRef "pk"), or NULL."""
    me = OuterRef("pk")
    agency = "agency__government__"
    participant = Participant.objects.filter(user=me).values(
        zone=Coalesce(f"{agency}parent__time_zone", f"{agency}time_zone")
    )
    province = ProvincialStaff.objects.filter(user=me).order_by("province__code").values("province__time_zone")
    organiser = Organiser.objects.filter(staff=me, region__isnull=False).order_by("pk").values("region__time_zone")
    guided = Assignment.objects.filter(user=me).annotate(
        zone=Coalesce(
            f"enrolment__participant__{agency}parent__time_zone", f"enrolment__participant__{agency}time_zone"
        )
    )
    hosted = SeminarSession.objects.filter(examiners=me).annotate(
        zone=F("seminar__cohort__organiser__region__time_zone")
    )
    return Coalesce(
        Subquery(participant[:1]),
        Subquery(province[:1]),
        Subquery(organiser[:1]),
        _most_common(guided),
        _most_common(hosted),
        output_field=CharField(),
    )


def derived_zone(user) -> str:
    """The zone of the user's province when they have not chosen one, in one query.

    A participant: their agency's province. Provincial staff: their province. Organiser staff:
    their organiser's region. A mentor, coach or examiner: the province most of their
    participants work in, else the host of the sessions they sit on. Anyone else: WIB.
    """
    zone = (
        User.objects.filter(pk=user.pk).annotate(zone=_derived_zone_expression()).values_list("zone", flat=True).first()
    )
    return zone or settings.TIME_ZONE


def zones_of(user_ids) -> dict[int, str]:
    """Each user's zone (chosen, else derived as above), in one query however many users."""
    rows = User.objects.filter(pk__in=user_ids).annotate(derived=_derived_zone_expression())
    return {
        pk: chosen or derived or settings.TIME_ZONE
        for pk, chosen, derived in rows.values_list("pk", "time_zone", "derived")
    }


def zone_of(user) -> str:
    """The user's chosen zone, or the one of their province."""
    return user.time_zone or derived_zone(user)


def remember_zone(session, user) -> str:
    zone = session[SESSION_KEY] = zone_of(user)
    session[SETTING_KEY] = user.time_zone
    return zone


class LocalTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            zone = request.session.get(SESSION_KEY)
            if zone is None or request.session.get(SETTING_KEY, "") != user.time_zone:
                zone = remember_zone(request.session, user)
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
