"""Show times in the user's own zone (WIB, WITA or WIT) while storing UTC."""

import zoneinfo

from django.conf import settings
from django.utils import timezone

from diklat.models import Organiser
from people.models import Participant

SESSION_KEY = "diklat_time_zone"


def zone_of(user) -> str:
    """The zone of the user's province: their agency's as a participant, else their organiser's."""
    government = (
        Participant.objects.filter(user=user)
        .values_list("agency__government__time_zone", "agency__government__parent__time_zone")
        .first()
    )
    if government:
        return government[1] or government[0]
    organiser_zone = Organiser.objects.filter(staff=user, region__isnull=False).values_list(
        "region__time_zone", flat=True
    )
    return organiser_zone.first() or settings.TIME_ZONE


class LocalTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            zone = request.session.get(SESSION_KEY)
            if zone is None:
                zone = request.session[SESSION_KEY] = zone_of(request.user)
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
