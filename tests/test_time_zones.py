"""Everyone's local time: a chosen zone, or the one of their province; every time shown with its label."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.models import FeedbackEvent
from diklat.middleware import SESSION_KEY, zone_of
from people.models import ProvincialStaff, User
from regions.models import Region
from tests import factories
from tests.assessments.factories import FeedbackItemFactory, SessionFactory

WITA = datetime.timezone(datetime.timedelta(hours=8))


def enrolment_in(code: str):
    agency = factories.AgencyFactory(government=Region.objects.get(code=code))
    return factories.EnrolmentFactory(participant=factories.ParticipantFactory(agency=agency))


def mentor_of(*codes: str):
    user = factories.UserFactory()
    for code in codes:
        factories.AssignmentFactory(enrolment=enrolment_in(code), user=user, role="mentor")
    return user


def test_a_mentor_gets_the_zone_of_their_participants_province(db):
    assert zone_of(mentor_of("73.71")) == "Asia/Makassar"  # Kota Makassar, in Sulawesi Selatan


def test_a_mentor_of_several_provinces_gets_the_most_common_one(db):
    assert zone_of(mentor_of("94", "73", "91")) == "Asia/Jayapura"


def test_a_coach_or_examiner_gets_the_zone_of_their_participants_too(db):
    coach = factories.UserFactory()
    factories.AssignmentFactory(enrolment=enrolment_in("51"), user=coach, role="coach")
    examiner = factories.UserFactory()
    factories.AssignmentFactory(enrolment=enrolment_in("81"), user=examiner, role="examiner")

    assert (zone_of(coach), zone_of(examiner)) == ("Asia/Makassar", "Asia/Jayapura")


def test_a_session_examiner_without_assignments_gets_the_hosts_zone(db):
    examiner = factories.UserFactory()
    cohort = factories.CohortFactory(organiser=factories.OrganiserFactory(region=Region.objects.get(code="94")))
    SessionFactory(seminar__cohort=cohort, examiners=[examiner])

    assert zone_of(examiner) == "Asia/Jayapura"


def test_provincial_staff_get_their_provinces_zone(db):
    staff = factories.UserFactory()
    ProvincialStaff.objects.create(user=staff, province=Region.objects.get(code="73"))

    assert zone_of(staff) == "Asia/Makassar"


def test_a_chosen_zone_wins_over_the_province(db):
    mentor = mentor_of("73")
    mentor.time_zone = "Asia/Jayapura"

    assert zone_of(mentor) == "Asia/Jayapura"


def test_a_zone_outside_the_three_is_refused_by_the_database(db):
    user = factories.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(time_zone="Europe/Paris")


# --- the profile page ---------------------------------------------------------------------------


def test_the_profile_page_says_the_automatic_zone(client, db):
    client.force_login(mentor_of("73"))

    page = client.get(reverse("people:profile")).content.decode()

    assert "WITA" in page
    assert 'name="time_zone"' in page


def test_choosing_a_zone_refreshes_the_remembered_one(client, db):
    mentor = mentor_of("73")
    client.force_login(mentor)
    client.get("/")
    assert client.session[SESSION_KEY] == "Asia/Makassar"

    response = client.post(reverse("people:profile"), {"time_zone": "Asia/Jayapura"})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == "Asia/Jayapura"
    mentor.refresh_from_db()
    assert mentor.time_zone == "Asia/Jayapura"


def test_a_zone_changed_elsewhere_is_seen_on_the_next_request(client, db):
    mentor = mentor_of("73")
    client.force_login(mentor)
    client.get("/")
    User.objects.filter(pk=mentor.pk).update(time_zone="Asia/Jakarta")  # e.g. staff in the admin

    client.get("/")

    assert client.session[SESSION_KEY] == "Asia/Jakarta"


def test_going_back_to_automatic_uses_the_province_again(client, db):
    mentor = mentor_of("73")
    mentor.time_zone = "Asia/Jayapura"
    mentor.save(update_fields=["time_zone"])
    client.force_login(mentor)

    client.post(reverse("people:profile"), {"time_zone": ""})

    assert client.session[SESSION_KEY] == "Asia/Makassar"


def test_an_unknown_zone_is_refused_with_a_message(client, db):
    mentor = mentor_of("73")
    client.force_login(mentor)

    client.cookies["django_language"] = "en"
    response = client.post(reverse("people:profile"), {"time_zone": "Europe/Paris"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.time_zone == ""


def test_the_profile_page_needs_a_login(client, db):
    response = client.get(reverse("people:profile"))

    assert response.status_code == 302 and "login" in response["Location"]


# --- what a WITA mentor sees ------------------------------------------------------------------


def test_a_wita_mentor_sees_a_0800_wita_session_as_0800_wita(client, db):
    enrolment = enrolment_in("73")
    mentor = factories.AssignmentFactory(enrolment=enrolment, role="mentor").user
    start = datetime.datetime(2030, 5, 6, 8, 0, tzinfo=WITA)
    session = SessionFactory(seminar__cohort=enrolment.cohort, seminar__starts_at=start)
    session.presentations.create(enrolment=enrolment, order=1)
    client.force_login(mentor)

    client.cookies["django_language"] = "en"
    page = client.get(session.get_absolute_url()).content.decode()

    assert "08:00 WITA" in page
    assert "07:00" not in page


def test_a_wita_mentor_sees_feedback_history_in_wita_with_its_label(client, db):
    enrolment = enrolment_in("73")
    mentor = factories.AssignmentFactory(enrolment=enrolment, role="mentor").user
    item = FeedbackItemFactory(project=factories.ChangeProjectFactory(enrolment=enrolment), given_by=mentor)
    event = FeedbackEvent.objects.create(item=item, to_status="open", by=mentor)
    FeedbackEvent.objects.filter(pk=event.pk).update(at=datetime.datetime(2030, 5, 6, 0, 0, tzinfo=datetime.UTC))
    client.force_login(mentor)

    page = client.get(reverse("assessments:feedback", args=[item.pk])).content.decode()

    assert "08:00 WITA" in page
