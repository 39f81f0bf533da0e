"""The admin: changelists with a fixed number of queries, organiser scoping, transitions through the service."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from projects.models import ChangeProject, Evidence, ProjectTransition
from tests import factories

CHANGELIST_QUERIES = 14


def build_projects(count):
    for _ in range(count):
        project = factories.ChangeProjectFactory()
        factories.MilestoneFactory(project=project)
        factories.BudgetLineFactory(project=project)


def build_participants(count):
    factories.ParticipantFactory.create_batch(count)


def build_milestones(count):
    project = factories.ChangeProjectFactory()
    factories.MilestoneFactory.create_batch(count // 2, project=project)
    factories.MilestoneFactory.create_batch(count - count // 2)


def build_cohorts(count):
    for _ in range(count):
        factories.EnrolmentFactory()


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("model", "build"),
    [
        ("projects_changeproject", build_projects),
        ("people_participant", build_participants),
        ("projects_milestone", build_milestones),
        ("diklat_cohort", build_cohorts),
    ],
)
def test_changelists_run_a_fixed_number_of_queries_whatever_the_row_count(
    admin_client, django_assert_max_num_queries, model, build, rows
):
    build(rows)
    with django_assert_max_num_queries(CHANGELIST_QUERIES):
        response = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


def test_project_changelist_shows_progress_and_formatted_budget_lines(admin_client, approved_project):
    factories.BudgetLineFactory(project=approved_project, planned=3_800_000)
    response = admin_client.get(reverse("admin:projects_budgetline_changelist"))
    assert "Rp 3.800.000" in response.content.decode()
    response = admin_client.get(reverse("admin:projects_changeproject_change", args=[approved_project.pk]))
    assert "Rp 3.800.000" in response.content.decode()


def test_project_status_cannot_be_edited_in_the_admin_form(admin_client, project):
    response = admin_client.get(reverse("admin:projects_changeproject_change", args=[project.pk]))
    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields
    assert "title" in response.context["adminform"].form.fields


def test_an_admin_action_approves_a_submitted_project_through_the_service(admin_client, admin_user, project):
    ChangeProject.objects.filter(pk=project.pk).update(status=ChangeProject.Status.SUBMITTED)
    response = admin_client.post(
        reverse("admin:projects_changeproject_changelist"),
        {"action": "approve_selected", "_selected_action": [project.pk]},
        follow=True,
    )
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.APPROVED
    transition = ProjectTransition.objects.get(project=project)
    assert (transition.from_status, transition.to_status, transition.by) == ("submitted", "approved", admin_user)
    assert "1 project updated." in [str(m) for m in response.context["messages"]]


def test_an_admin_action_refuses_an_illegal_transition_with_a_message(admin_client, project):
    response = admin_client.post(
        reverse("admin:projects_changeproject_changelist"),
        {"action": "approve_selected", "_selected_action": [project.pk]},
        follow=True,
    )
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.DRAFT
    assert not ProjectTransition.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert messages[0].startswith(f"{project.title}: ")
    assert "cannot be moved" in messages[0]


@pytest.fixture
def staff_client(client, organiser_staff):
    organiser_staff.is_staff = True
    organiser_staff.save()
    codenames = ["view_changeproject", "change_changeproject", "view_participant", "view_cohort"]
    organiser_staff.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(organiser_staff)
    return client


def test_organiser_staff_see_only_their_cohorts_projects_in_the_admin(staff_client, project, other_project):
    response = staff_client.get(reverse("admin:projects_changeproject_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [project]
    assert staff_client.get(reverse("admin:projects_changeproject_change", args=[project.pk])).status_code == 200
    outside = staff_client.get(reverse("admin:projects_changeproject_change", args=[other_project.pk]))
    assert outside.status_code == 302  # the admin's "no such object" redirect


def test_organiser_staff_see_only_their_cohorts_participants_and_cohorts(staff_client, participant, other_project):
    participants = staff_client.get(reverse("admin:people_participant_changelist")).context["cl"].result_list
    assert list(participants) == [participant]
    cohorts = staff_client.get(reverse("admin:diklat_cohort_changelist")).context["cl"].result_list
    assert [cohort.pk for cohort in cohorts] == [participant.enrolments.get().cohort_id]


def test_organiser_staff_who_are_not_the_mentor_are_refused_approval(staff_client, project):
    ChangeProject.objects.filter(pk=project.pk).update(status=ChangeProject.Status.SUBMITTED)
    response = staff_client.post(
        reverse("admin:projects_changeproject_changelist"),
        {"action": "approve_selected", "_selected_action": [project.pk]},
        follow=True,
    )
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.SUBMITTED
    assert [str(m) for m in response.context["messages"]] == [f"{project.title}: You may not do this to this project."]


def test_participants_are_found_by_a_nip_typed_with_spaces(admin_client, participant):
    factories.ParticipantFactory()
    nip = participant.nip_formatted
    response = admin_client.get(reverse("admin:people_participant_changelist"), {"q": nip})
    assert list(response.context["cl"].result_list) == [participant]


def test_participant_page_shows_the_grouped_nip_and_what_it_encodes(admin_client, participant):
    response = admin_client.get(reverse("admin:people_participant_change", args=[participant.pk]))
    content = response.content.decode()
    assert participant.nip_formatted in content
    assert f"{participant.service_start:%m-%Y}" in content


def test_a_nip_typed_in_groups_is_saved_as_18_digits(admin_client, participant):
    url = reverse("admin:people_participant_change", args=[participant.pk])
    data = {
        "user": participant.user_id,
        "employment": "pns",
        "nip": "19701218 199603 2 001",
        "ni_pppk": "",
        "rank": "IV/a",
        "position": "Kepala Dinas",
        "position_type": "jpt_pratama",
        "echelon": "II.b",
        "agency": participant.agency_id,
        "phone": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.nip == "197012181996032001"


def test_regions_cannot_be_added_or_deleted_in_the_admin(admin_client):
    from regions.models import Region

    region = Region.objects.get(code="73")
    assert admin_client.get(reverse("admin:regions_region_add")).status_code == 403
    assert admin_client.get(reverse("admin:regions_region_delete", args=[region.pk])).status_code == 403
    assert admin_client.get(reverse("admin:regions_region_change", args=[region.pk])).status_code == 200


def test_user_admin_edits_the_full_name(admin_client, participant):
    response = admin_client.get(reverse("admin:people_user_change", args=[participant.user_id]))
    assert "full_name" in response.context["adminform"].form.fields
    assert len(response.context["inline_admin_formsets"]) == 1  # the participant profile


def test_every_admin_page_of_the_project_renders_for_a_superuser(admin_client, approved_project, mentor):
    from django.contrib import admin

    factories.BudgetLineFactory(project=approved_project)
    update = factories.ProgressUpdateFactory(project=approved_project)
    Evidence.objects.create(
        update=update,
        file=ContentFile(b"%PDF-1.4 x", name="a.pdf"),
        original_name="a.pdf",
        content_type="pdf",
        size=10,
        uploaded_by=update.author,
    )
    ProjectTransition.objects.create(project=approved_project, from_status="submitted", to_status="approved", by=mentor)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"regions", "people", "diklat", "projects", "mentors"}:
            continue
        info = model._meta.app_label, model._meta.model_name
        assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200, info
        add = admin_client.get(reverse("admin:{}_{}_add".format(*info)))
        assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403), info
        obj = model._default_manager.order_by("-pk").first()
        if obj is not None:
            change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            assert change.status_code == 200, info


def test_deleting_a_project_in_the_admin_removes_it_with_its_plan(admin_client, approved_project):
    url = reverse("admin:projects_changeproject_changelist")
    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [approved_project.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not ChangeProject.objects.filter(pk=approved_project.pk).exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_cohort_page_with_its_enrolments_runs_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, rows
):
    cohort = factories.CohortFactory()
    factories.EnrolmentFactory.create_batch(rows, cohort=cohort)
    with django_assert_max_num_queries(18):
        response = admin_client.get(reverse("admin:diklat_cohort_change", args=[cohort.pk]))
    assert response.status_code == 200
    assert len(response.context["inline_admin_formsets"][1].formset.forms) == rows


def test_organiser_staff_see_only_the_users_of_their_cohorts(staff_client, organiser_staff, participant, mentor):
    organiser_staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    stranger = factories.UserFactory()
    users = staff_client.get(reverse("admin:people_user_changelist")).context["cl"].result_list
    assert set(users) == {organiser_staff, participant.user, mentor}
    assert stranger not in users
