"""Show times in the user's own zone (WIB, WITA or WIT) while storing UTC."""

import zoneinfo

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from diklat.models import Organiser
from people.models import Participant

SESSION_KEY = "diklat_time_zone"
# The user's own choice when the zone was remembered: a changed choice (on the profile page or in
# the admin) is seen on the next request, as request.user is read fresh each time.
SETTING_KEY = "diklat_time_zone_setting"


def _most_common(values) -> str | None:
    """The zone that occurs most often among the rows (ties: alphabetical), or None."""
    row = values.order_by().values("zone").annotate(n=Count("pk")).order_by("-n", "zone").first()
    return row["zone"] if row and row["zone"] else None


def derived_zone(user) -> str:
    """The zone of the user's province when they have not chosen one.

    A participant: their agency's province. Provincial staff: their province. Organiser staff:
    their organiser's region. A mentor, coach or examiner: the province most of their
    participants work in, else the host of the sessions they sit on. Anyone else: WIB.
    """
    participant = (
        Participant.objects.filter(user=user)
        .values_list("agency__government__time_zone", "agency__government__parent__time_zone")
        .first()
    )
    if participant:
        return participant[1] or participant[0]
    province = user.provinces_reported.order_by("province__code").values_list("province__time_zone", flat=True)
    organiser = Organiser.objects.filter(staff=user, region__isnull=False).values_list("region__time_zone", flat=True)
    agency = "enrolment__participant__agency__government__"
    guided = user.assignments.annotate(zone=Coalesce(f"{agency}parent__time_zone", f"{agency}time_zone"))
    hosted = user.examined_sessions.annotate(zone=F("seminar__cohort__organiser__region__time_zone"))
    return province.first() or organiser.first() or _most_common(guided) or _most_common(hosted) or settings.TIME_ZONE


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
