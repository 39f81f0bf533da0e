"""The rollout admin: fixed-size changelists, scoping, stages through the services, checked evidence."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from people.models import ProvincialStaff
from rollout.models import AdoptionEvidence, Innovation, InnovationStageChange
from tests import factories
from tests.rollout.conftest import fake_pdf
from tests.rollout.factories import AdoptionFactory, InnovationFactory, region, target

pytestmark = pytest.mark.django_db

CHANGELIST_QUERIES = 12


def staff(user):
    """Give a user the admin and every permission on the rollout models."""
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="rollout")
        | Permission.objects.filter(codename__endswith="provincialstaff")
    )
    return user


def form_data(response, **overrides) -> dict:
    """What the browser would post back from an admin change form, with ``overrides``."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.initial_forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None:
                    data[sub.add_prefix(name)] = value
    data.update(overrides)
    return data


def build_innovations(count):
    agency = factories.AgencyFactory()
    for _ in range(count):
        innovation = InnovationFactory()
        target(innovation, agency=agency)
        AdoptionFactory(innovation=innovation, agency=agency, stage="applied")


def build_adoptions(count):
    innovation = InnovationFactory()
    for _ in range(count):
        AdoptionFactory(innovation=innovation)


def build_staff(count):
    for _ in range(count):
        ProvincialStaff.objects.create(user=factories.UserFactory(), province=region("73"))


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("model", "build"),
    [
        ("rollout_innovation", build_innovations),
        ("rollout_adoption", build_adoptions),
        ("people_provincialstaff", build_staff),
    ],
)
def test_changelists_run_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries, model, build, rows):
    build(rows)
    with django_assert_max_num_queries(CHANGELIST_QUERIES):
        response = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


def test_the_innovation_changelist_shows_coverage(admin_client, innovation, agency_73, agency_31):
    target(innovation, agency=agency_73)
    target(innovation, agency=agency_31)
    AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied")
    response = admin_client.get(reverse("admin:rollout_innovation_changelist"))
    assert "50%" in response.content.decode()


def test_organiser_staff_see_only_their_cohorts_innovations_and_adoptions(client, organiser_staff, innovation):
    other = InnovationFactory()
    AdoptionFactory(innovation=other)
    mine = AdoptionFactory(innovation=innovation)
    client.force_login(staff(organiser_staff))
    innovations = client.get(reverse("admin:rollout_innovation_changelist")).context["cl"].result_list
    adoptions = client.get(reverse("admin:rollout_adoption_changelist")).context["cl"].result_list
    assert list(innovations) == [innovation]
    assert list(adoptions) == [mine]
    response = client.get(reverse("admin:rollout_innovation_change", args=[other.pk]))
    assert response.status_code == 302  # "does not exist" for rows out of scope


def test_a_mentor_on_the_staff_reads_but_does_not_change(client, mentor, innovation):
    client.force_login(staff(mentor))
    response = client.get(reverse("admin:rollout_innovation_change", args=[innovation.pk]))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def test_the_stage_is_not_an_editable_field(admin_client, innovation):
    response = admin_client.get(reverse("admin:rollout_innovation_change", args=[innovation.pk]))
    assert "stage" not in response.context["adminform"].form.fields
    data = form_data(response, name="Nama Diperbarui", stage="applied")
    response = admin_client.post(reverse("admin:rollout_innovation_change", args=[innovation.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    innovation.refresh_from_db()
    assert (innovation.name, innovation.stage) == ("Nama Diperbarui", "initiative")


def test_adding_an_innovation_goes_through_the_service(admin_client, admin_user, project):
    response = admin_client.get(reverse("admin:rollout_innovation_add"))
    data = form_data(response, project=project.pk, name="Inovasi Admin", form="governance", regulation="none")
    response = admin_client.post(reverse("admin:rollout_innovation_add"), data)
    assert response.status_code == 302
    innovation = Innovation.objects.get(project=project)
    step = innovation.stage_changes.get()
    assert (step.to_stage, step.by) == ("initiative", admin_user)


def test_the_action_moves_innovations_through_the_service(admin_client, admin_user, innovation):
    response = admin_client.post(
        reverse("admin:rollout_innovation_changelist"),
        {"action": "move_to_trial", "_selected_action": [innovation.pk]},
    )
    assert response.status_code == 302
    step = InnovationStageChange.objects.filter(innovation=innovation).last()
    assert (step.from_stage, step.to_stage, step.by) == ("initiative", "trial", admin_user)


def test_a_refused_action_says_why_and_changes_nothing(client, mentor, innovation):
    client.force_login(staff(mentor))
    response = client.post(
        reverse("admin:rollout_innovation_changelist"),
        {"action": "move_to_trial", "_selected_action": [innovation.pk]},
        follow=True,
    )
    assert any("may not change" in str(message) for message in response.context["messages"])
    innovation.refresh_from_db()
    assert innovation.stage == "initiative"


def test_the_adoption_actions_move_stages_through_the_service(admin_client, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="piloting")
    admin_client.post(
        reverse("admin:rollout_adoption_changelist"),
        {"action": "move_to_applied", "_selected_action": [adoption.pk]},
    )
    adoption.refresh_from_db()
    assert adoption.stage == "applied"
    assert adoption.stage_changes.last().to_stage == "applied"


def evidence_post(admin_client, adoption, **evidence):
    url = reverse("admin:rollout_adoption_change", args=[adoption.pk])
    data = form_data(admin_client.get(url))
    data["evidence-TOTAL_FORMS"] = 1
    data.update({f"evidence-0-{key}": value for key, value in evidence.items()})
    return admin_client.post(url, data)


def test_evidence_added_in_the_admin_is_recorded_by_the_service(admin_client, admin_user, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = evidence_post(admin_client, adoption, kind="decree", reference="SK 12/2026")
    assert response.status_code == 302
    evidence = AdoptionEvidence.objects.get()
    assert (evidence.reference, evidence.uploaded_by) == ("SK 12/2026", admin_user)


def test_a_file_that_is_not_what_its_name_says_is_refused_in_the_admin(admin_client, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = evidence_post(admin_client, adoption, kind="mou", upload=fake_pdf())
    assert response.status_code == 200
    [errors] = [
        inline.formset.errors
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "evidence"
    ]
    assert "upload" in errors[0]
    assert not AdoptionEvidence.objects.exists()


def test_only_a_superuser_names_provincial_staff_and_only_for_a_province(client, admin_client, provincial_staff):
    user = factories.UserFactory()
    url = reverse("admin:people_provincialstaff_add")
    response = admin_client.post(url, {"user": user.pk, "province": region("73.02").pk})
    assert response.status_code == 200  # a regency is not a choice
    response = admin_client.post(url, {"user": user.pk, "province": region("73").pk})
    assert response.status_code == 302
    client.force_login(staff(provincial_staff))
    assert client.get(url).status_code == 403
    rows = client.get(reverse("admin:people_provincialstaff_changelist")).context["cl"].result_list
    assert [row.user for row in rows] == [provincial_staff]
