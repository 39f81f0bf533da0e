"""Mentors, coaches and examiners assigned in bulk from the organiser's page, with the agency head suggested."""

import pytest
from django.urls import reverse

from mentors import services
from mentors.models import Assignment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    cohort = factories.CohortFactory()
    cohort.staff_member = factories.UserFactory(username="staf")
    cohort.organiser.staff.add(cohort.staff_member)
    return cohort


@pytest.fixture
def staff_client(client, cohort):
    client.force_login(cohort.staff_member)
    return client


def url(cohort, name="assignments", *args):
    return reverse(f"organise:{name}", args=[cohort.pk, *args])


def enrol(cohort, n, **participant):
    return factories.EnrolmentFactory(cohort=cohort, participant__user__full_name=f"Peserta {n:02d}", **participant)


def test_one_person_is_assigned_to_every_ticked_participant(staff_client, cohort):
    first, second, untouched = (enrol(cohort, n) for n in (1, 2, 3))
    coach = factories.UserFactory(username="coach-andi", email="andi@bpsdm.example.go.id")
    response = staff_client.post(
        url(cohort), {"enrolments": [first.pk, second.pk], "role": "coach", "person": "ANDI@bpsdm.example.go.id"}
    )
    assert response.status_code == 302
    assert set(Assignment.objects.filter(user=coach, role="coach").values_list("enrolment", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert not untouched.assignments.exists()
    again = staff_client.post(
        url(cohort), {"enrolments": [first.pk], "role": "coach", "person": "coach-andi"}, follow=True
    )
    assert "0 added, 0 replaced, 1 already assigned" in again.text
    assert Assignment.objects.filter(user=coach).count() == 2


def test_a_new_mentor_replaces_the_old_one_and_history_keeps_both(staff_client, cohort):
    enrolment = enrol(cohort, 1)
    old = factories.AssignmentFactory(enrolment=enrolment, role="mentor")
    new = factories.ParticipantFactory()
    response = staff_client.post(url(cohort), {"enrolments": [enrolment.pk], "role": "mentor", "person": new.nip})
    assert response.status_code == 302
    assert list(enrolment.assignments.values_list("user", "role")) == [(new.user_id, "mentor")]
    assert Assignment.history.filter(user=old.user, history_type="-").exists()


def test_an_unknown_person_or_no_tick_is_refused_on_the_form(staff_client, cohort):
    enrolment = enrol(cohort, 1)
    unknown = staff_client.post(url(cohort), {"enrolments": [enrolment.pk], "role": "examiner", "person": "tak-ada"})
    assert unknown.status_code == 400 and unknown.context["form"].errors["person"]
    assert unknown.context["ticked"] == {enrolment.pk}  # the ticks stay
    none = staff_client.post(url(cohort), {"role": "examiner", "person": "staf"})
    assert none.status_code == 400 and none.context["form"].errors["enrolments"]
    bad_role = staff_client.post(url(cohort), {"enrolments": [enrolment.pk], "role": "boss", "person": "staf"})
    assert bad_role.status_code == 400 and bad_role.context["form"].errors["role"]
    assert not Assignment.objects.exists()


def test_another_cohorts_participant_cannot_be_ticked(staff_client, cohort):
    stranger = factories.EnrolmentFactory()
    response = staff_client.post(url(cohort), {"enrolments": [stranger.pk], "role": "coach", "person": "staf"})
    assert response.status_code == 400
    assert not stranger.assignments.exists()


def test_a_participant_is_not_assigned_to_themselves(staff_client, cohort):
    enrolment, other = enrol(cohort, 1), enrol(cohort, 2)
    response = staff_client.post(
        url(cohort),
        {"enrolments": [enrolment.pk, other.pk], "role": "examiner", "person": enrolment.participant.user.username},
        follow=True,
    )
    assert "Not assigned to themselves" in response.text
    assert list(Assignment.objects.values_list("enrolment", flat=True)) == [other.pk]


def test_the_agency_head_is_suggested_and_taken_in_one_step(staff_client, cohort):
    head = factories.UserFactory(full_name="Kepala Bappeda")
    agency = factories.AgencyFactory(head=head)
    with_head = [enrol(cohort, n, participant__agency=agency) for n in (1, 2)]
    without_head = enrol(cohort, 3)
    page = staff_client.get(url(cohort))
    assert page.text.count("Suggested: Kepala Bappeda (agency head)") == 2
    ticked = [e.pk for e in (*with_head, without_head)]
    response = staff_client.post(url(cohort, "assignments_suggested"), {"enrolments": ticked}, follow=True)
    assert "Suggested mentors assigned: 2." in response.text
    assert set(Assignment.objects.filter(user=head, role="mentor").values_list("enrolment", flat=True)) == {
        e.pk for e in with_head
    }
    assert not without_head.assignments.exists()
    assert "Suggested:" not in staff_client.get(url(cohort)).text


def test_the_head_is_not_suggested_as_their_own_mentor(cohort):
    enrolment = enrol(cohort, 1)
    agency = enrolment.participant.agency
    agency.head = enrolment.participant.user
    agency.save()
    assert services.suggested_mentors([enrolment]) == {}


def test_filters_find_who_lacks_a_role_and_search_by_name_or_nip(staff_client, cohort):
    with_mentor, without = enrol(cohort, 1), enrol(cohort, 2)
    factories.AssignmentFactory(enrolment=with_mentor, role="mentor")
    shown = staff_client.get(url(cohort) + "?missing=mentor").context["rows"]
    assert [row["enrolment"] for row in shown] == [without]
    by_nip = staff_client.get(url(cohort) + f"?q={with_mentor.participant.nip[:8]}").context["rows"]
    assert [row["enrolment"] for row in by_nip] == [with_mentor]
    by_name = staff_client.get(url(cohort) + "?q=peserta 02").context["rows"]
    assert [row["enrolment"] for row in by_name] == [without]


def test_an_assignment_is_removed_only_within_the_cohort(staff_client, cohort):
    mine = factories.AssignmentFactory(enrolment=enrol(cohort, 1), role="coach")
    theirs = factories.AssignmentFactory(role="coach")
    assert staff_client.post(url(cohort, "assignment_remove", theirs.pk)).status_code == 404
    assert staff_client.post(url(cohort, "assignment_remove", mine.pk)).status_code == 302
    assert not Assignment.objects.filter(pk=mine.pk).exists() and Assignment.objects.filter(pk=theirs.pk).exists()


def test_the_page_is_scoped_to_the_organiser(client, cohort):
    enrolment = enrol(cohort, 1)
    other = factories.UserFactory()
    factories.CohortFactory().organiser.staff.add(other)
    client.force_login(other)
    assert client.get(url(cohort)).status_code == 404
    assert (
        client.post(url(cohort), {"enrolments": [enrolment.pk], "role": "coach", "person": other.username}).status_code
        == 404
    )
    client.force_login(enrolment.participant.user)
    assert client.get(url(cohort)).status_code == 403
    client.logout()
    assert client.get(url(cohort)).status_code == 302
    assert not Assignment.objects.exists()


def test_the_page_needs_a_fixed_number_of_queries(staff_client, cohort, django_assert_max_num_queries):
    head = factories.UserFactory()
    agency = factories.AgencyFactory(head=head)
    for n in range(30):
        enrolment = enrol(cohort, n, participant__agency=agency)
        factories.AssignmentFactory(enrolment=enrolment, role="coach")
    with django_assert_max_num_queries(14):
        response = staff_client.get(url(cohort))
    assert len(response.context["rows"]) == 30
