"""The organiser's workspace is for an organiser's staff, and shows them their own cohorts only."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import logged_in

pytestmark = pytest.mark.django_db


def test_organiser_staff_see_the_cohorts_their_organiser_runs_and_no_other(organiser_staff, enrolment):
    factories.CohortFactory()  # another organiser's
    response = logged_in(organiser_staff).get(reverse("organise:cohorts"))
    assert response.status_code == 200
    assert list(response.context["cohorts"]) == [enrolment.cohort]
    assert response.context["cohorts"][0].active == 1


def test_another_organisers_cohort_is_not_found(organiser_staff):
    other = factories.CohortFactory()
    assert logged_in(organiser_staff).get(reverse("organise:cohort", args=[other.pk])).status_code == 404


def test_organiser_staff_open_their_cohort(organiser_staff, enrolment):
    response = logged_in(organiser_staff).get(reverse("organise:cohort", args=[enrolment.cohort.pk]))
    assert response.status_code == 200
    assert response.context["active"] == 1


@pytest.mark.parametrize("role", ["participant", "mentor", "stranger"])
def test_other_roles_are_refused_the_workspace(request, role, enrolment):
    user = request.getfixturevalue(role)
    user = getattr(user, "user", user)
    client = logged_in(user)
    assert client.get(reverse("organise:cohorts")).status_code == 403
    assert client.get(reverse("organise:cohort", args=[enrolment.cohort.pk])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, enrolment):
    response = client.get(reverse("organise:cohort", args=[enrolment.cohort.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_superuser_sees_every_cohort(superuser, enrolment):
    other = factories.CohortFactory()
    response = logged_in(superuser).get(reverse("organise:cohorts"))
    assert set(response.context["cohorts"]) == {enrolment.cohort, other}


def test_the_header_links_organiser_staff_to_their_cohorts(organiser_staff, participant):
    url = reverse("organise:cohorts")
    assert f'href="{url}"' in logged_in(organiser_staff).get(url).text
    assert f'href="{url}"' not in logged_in(participant.user).get(reverse("projects:dashboard")).text
