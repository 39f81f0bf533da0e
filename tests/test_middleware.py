"""Times are shown in the user's own zone: WIB, WITA or WIT."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from diklat.middleware import SESSION_KEY, LocalTimeZoneMiddleware, zone_of
from regions.models import Region
from tests import factories


def participant_in(government_code: str):
    agency = factories.AgencyFactory(government=Region.objects.get(code=government_code))
    return factories.ParticipantFactory(agency=agency).user


def zone_during_request(user, session=None) -> tuple[str, dict]:
    """Run the middleware around a view that reports the active zone; return it and the session."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()

    request = RequestFactory().get("/")
    request.user = user
    request.session = {} if session is None else session
    LocalTimeZoneMiddleware(view)(request)
    return seen["zone"], request.session


@pytest.mark.parametrize(
    ("code", "zone"),
    [("73", "Asia/Makassar"), ("73.71", "Asia/Makassar"), ("94", "Asia/Jayapura"), ("61", "Asia/Pontianak")],
)
def test_a_participant_gets_the_zone_of_their_agencys_province(db, code, zone):
    assert zone_of(participant_in(code)) == zone


def test_a_participant_in_jakarta_gets_western_indonesia_time(db):
    assert zone_of(participant_in("31")) == "Asia/Jakarta"


def test_organiser_staff_get_their_organisers_zone(db):
    staff = factories.UserFactory()
    factories.OrganiserFactory(region=Region.objects.get(code="91")).staff.add(staff)
    assert zone_of(staff) == "Asia/Jayapura"


def test_staff_of_a_national_organiser_get_jakarta_time(db):
    staff = factories.UserFactory()
    factories.OrganiserFactory(region=None).staff.add(staff)
    assert zone_of(staff) == "Asia/Jakarta"


def test_someone_with_no_profile_seat_or_participant_gets_jakarta_time(db):
    assert zone_of(factories.UserFactory()) == "Asia/Jakarta"


def test_a_participant_in_makassar_sees_times_in_makassar_during_a_request(db):
    zone, _ = zone_during_request(participant_in("73"))
    assert zone == "Asia/Makassar"


def test_the_zone_is_remembered_in_the_session(db):
    _, session = zone_during_request(participant_in("94"))
    assert session[SESSION_KEY] == "Asia/Jayapura"


def test_the_zone_in_the_session_is_used_without_asking_again(db, django_assert_num_queries):
    user = participant_in("73")
    with django_assert_num_queries(0):
        zone, _ = zone_during_request(user, session={SESSION_KEY: "Asia/Jayapura"})
    assert zone == "Asia/Jayapura"


def test_organiser_staff_see_times_in_their_organisers_zone_during_a_request(db):
    staff = factories.UserFactory()
    factories.OrganiserFactory(region=Region.objects.get(code="51")).staff.add(staff)
    assert zone_during_request(staff)[0] == "Asia/Makassar"


def test_an_anonymous_visitor_sees_jakarta_time(db):
    zone, session = zone_during_request(AnonymousUser())
    assert zone == "Asia/Jakarta"
    assert SESSION_KEY not in session


def test_the_zone_is_reset_after_the_request(db):
    zone_during_request(participant_in("94"))
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"


def test_the_middleware_runs_on_a_real_request(client, db):
    user = participant_in("73")
    client.force_login(user)
    client.get("/")
    assert client.session[SESSION_KEY] == "Asia/Makassar"
