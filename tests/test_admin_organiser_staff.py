"""Organiser staff run their cohorts' seminars, sessions and innovations in the admin, and only theirs;
the admin carries the product's name."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from diklat.staff import STAFF_PERMISSIONS, STAFF_VIEW_ONLY, organiser_staff_group
from rollout import services as rollout_services
from tests.assessments.factories import PresentationFactory, SeminarFactory, SessionFactory
from tests.factories import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(enrolment, project, other_project):
    """A seminar, a session with a presentation and an innovation in the staff's cohort, and the same elsewhere."""
    mine = PresentationFactory(
        session=SessionFactory(seminar=SeminarFactory(cohort=enrolment.cohort)), enrolment=enrolment
    )
    theirs = PresentationFactory(
        session=SessionFactory(seminar=SeminarFactory(cohort=other_project.enrolment.cohort)),
        enrolment=other_project.enrolment,
    )

    def innovation(of, name):
        return rollout_services.record_innovation(
            of, by=of.enrolment.participant.user, name=name, form="public_service"
        )

    return {
        "mine": {
            "seminar": mine.session.seminar,
            "seminarsession": mine.session,
            "innovation": innovation(project, "A"),
        },
        "theirs": {
            "seminar": theirs.session.seminar,
            "seminarsession": theirs.session,
            "innovation": innovation(other_project, "B"),
        },
    }


def admin_url(model, action, *args):
    app = "rollout" if model == "innovation" else "assessments"
    return reverse(f"admin:{app}_{model}_{action}", args=args)


def test_every_permission_the_group_names_exists():
    group = organiser_staff_group()
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    for app, models in STAFF_PERMISSIONS.items():
        for model in models:
            assert {(app, f"{action}_{model}") for action in ("view", "add", "change")} <= codenames
    for app, models in STAFF_VIEW_ONLY.items():
        for model in models:
            assert (app, f"view_{model}") in codenames
    assert not {codename for _, codename in codenames if codename.startswith("delete_")}


@pytest.mark.parametrize("model", ["seminar", "seminarsession", "innovation"])
def test_organiser_staff_list_and_open_their_cohorts_rows_only(admin_staff, rows, model):
    mine, theirs = rows["mine"][model], rows["theirs"][model]
    response = admin_staff.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
    response = admin_staff.get(admin_url(model, "change", mine.pk))
    assert response.status_code == 200
    assert response.context["has_change_permission"]
    assert admin_staff.get(admin_url(model, "add")).status_code == 200
    response = admin_staff.get(admin_url(model, "change", theirs.pk))
    assert response.status_code in {302, 403, 404}
    assert str(theirs) not in response.content.decode()


def test_organiser_staff_see_and_edit_the_presentations_of_their_session(admin_staff, rows, enrolment):
    session = rows["mine"]["seminarsession"]
    response = admin_staff.get(admin_url("seminarsession", "change", session.pk))
    formsets = {f.formset.model.__name__: f.formset for f in response.context["inline_admin_formsets"]}
    presentations = formsets["Presentation"]
    assert [form.instance.enrolment for form in presentations.forms] == [enrolment]
    assert set(presentations.empty_form.fields["enrolment"].queryset) == {enrolment}
    assert {"SessionAbsence", "SessionEvent"} <= set(formsets)


def test_organiser_staff_view_the_rubrics_a_seminar_names(admin_staff, rows):
    rubric = rows["mine"]["seminar"].rubric
    assert admin_staff.get(reverse("admin:assessments_rubric_change", args=[rubric.pk])).status_code == 200
    assert (
        admin_staff.post(reverse("admin:assessments_rubric_delete", args=[rubric.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_the_admin_index_lists_seminars_and_innovations_for_organiser_staff(admin_staff):
    response = admin_staff.get(reverse("admin:index"))
    assert response.status_code == 200
    models = {model["object_name"] for app in response.context["app_list"] for model in app["models"]}
    assert {"Seminar", "SeminarSession", "Innovation", "Rubric"} <= models


@pytest.mark.parametrize("model", ["seminar", "seminarsession", "innovation"])
def test_a_superuser_still_sees_every_row(superuser, rows, model):
    client = logged_in(superuser)
    response = client.get(admin_url(model, "changelist"))
    assert set(response.context["cl"].result_list) == {rows["mine"][model], rows["theirs"][model]}
    assert client.get(admin_url(model, "change", rows["theirs"][model].pk)).status_code == 200


def test_the_admin_carries_the_products_name(superuser, settings):
    settings.LANGUAGE_CODE = "id"
    client = logged_in(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Administrasi Diklat Tracker" in page
    assert "Django" not in page.split("<body", 1)[1].split("</header>", 1)[0]
    assert "<title>Administrasi Diklat Tracker | Diklat Tracker</title>" in page


def test_migrating_gives_an_existing_staff_group_the_permissions_added_since(db):
    group = organiser_staff_group()
    group.permissions.clear()  # as a database set up before the lists grew
    call_command("migrate", verbosity=0)
    assert group.permissions.filter(content_type__app_label="assessments", codename="change_seminar").exists()
