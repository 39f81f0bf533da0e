"""The admin offers non-superusers only what they may see, and never lets them touch a superuser's or other
staff's account (security review findings F2, F3, F4 and F10)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from mentors.models import Assignment
from projects.models import ChangeProject, Milestone
from rollout import services as rollout_services
from rollout.models import Adoption, Innovation
from tests import factories
from tests.assessments.factories import SeminarFactory, SessionFactory
from tests.factories import logged_in

pytestmark = pytest.mark.django_db

PASSWORD = {"password1": "Pwned-by-staff-123", "password2": "Pwned-by-staff-123", "usable_password": "true"}


def grant(user, *app_labels):
    """Every admin permission on the models of ``app_labels``."""
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=app_labels))


def choices(response, field):
    return set(response.context["adminform"].form.fields[field].queryset)


# --- F2: accounts of superusers and other staff ------------------------------------------------


def test_organiser_staff_cannot_put_a_superuser_on_a_panel(admin_staff, enrolment, superuser):
    response = admin_staff.post(
        reverse("admin:mentors_assignment_add"),
        {"enrolment": enrolment.pk, "user": superuser.pk, "role": "examiner", "position": ""},
    )
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not Assignment.objects.filter(user=superuser).exists()


def test_organiser_staff_cannot_reset_the_password_of_a_superuser_on_their_cohorts_panel(
    admin_staff, enrolment, superuser
):
    Assignment.objects.create(enrolment=enrolment, user=superuser, role="examiner")  # put there by a superuser
    response = admin_staff.post(reverse("admin:auth_user_password_change", args=[superuser.pk]), PASSWORD)
    assert response.status_code == 404
    superuser.refresh_from_db()
    assert not superuser.check_password(PASSWORD["password1"])
    assert admin_staff.get(reverse("admin:people_user_change", args=[superuser.pk])).status_code == 302
    assert superuser not in admin_staff.get(reverse("admin:people_user_changelist")).context["cl"].result_list


def test_organiser_staff_cannot_change_or_delete_another_staff_members_account(admin_staff, enrolment):
    colleague = factories.UserFactory(is_staff=True)
    Assignment.objects.create(enrolment=enrolment, user=colleague, role="mentor")
    response = admin_staff.post(reverse("admin:auth_user_password_change", args=[colleague.pk]), PASSWORD)
    assert response.status_code == 404
    colleague.refresh_from_db()
    assert not colleague.check_password(PASSWORD["password1"])
    assert admin_staff.post(reverse("admin:people_user_delete", args=[colleague.pk]), {"post": "yes"}).status_code in {
        302,
        403,
    }
    assert type(colleague).objects.filter(pk=colleague.pk).exists()


def test_user_admin_refuses_privileged_accounts_even_when_they_are_in_scope(rf, staff_user, superuser):
    from django.contrib import admin

    from people.models import User

    user_admin = admin.site._registry[User]
    request = rf.get("/")
    request.user = staff_user
    for perm in (user_admin.has_view_permission, user_admin.has_change_permission, user_admin.has_delete_permission):
        assert perm(request, superuser) is False
    assert user_admin.has_change_permission(request, staff_user) is True


def test_organiser_staff_set_only_their_own_password_never_a_participants(admin_staff, staff_user, participant):
    url = reverse("admin:auth_user_password_change", args=[participant.user.pk])
    assert admin_staff.post(url, PASSWORD).status_code == 404
    participant.user.refresh_from_db()
    assert not participant.user.check_password(PASSWORD["password1"])
    own = admin_staff.post(reverse("admin:auth_user_password_change", args=[staff_user.pk]), PASSWORD)
    assert own.status_code == 302


def test_a_superuser_still_resets_any_password(superuser, staff_user):
    response = logged_in(superuser).post(reverse("admin:auth_user_password_change", args=[staff_user.pk]), PASSWORD)
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD["password1"])


# --- F3: panels of other organisers' participants ---------------------------------------------


def test_organiser_staff_cannot_make_themselves_mentor_in_another_organisers_cohort(
    admin_staff, staff_user, other_project
):
    ChangeProject.objects.filter(pk=other_project.pk).update(status=ChangeProject.Status.SUBMITTED)
    response = admin_staff.post(
        reverse("admin:mentors_assignment_add"),
        {"enrolment": other_project.enrolment_id, "user": staff_user.pk, "role": "mentor", "position": ""},
    )
    assert response.status_code == 200
    assert "enrolment" in response.context["adminform"].form.errors
    assert not Assignment.objects.filter(enrolment=other_project.enrolment, user=staff_user).exists()
    assert admin_staff.get(reverse("projects:detail", args=[other_project.pk])).status_code == 404


def test_organiser_staff_assign_a_mentor_in_their_own_cohort(admin_staff, enrolment):
    mentor = factories.UserFactory()
    response = admin_staff.post(
        reverse("admin:mentors_assignment_add"),
        {"enrolment": enrolment.pk, "user": mentor.pk, "role": "mentor", "position": ""},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(enrolment=enrolment, user=mentor).exists()


def test_the_assignment_form_offers_only_visible_enrolments_and_plain_users(
    admin_staff, staff_user, enrolment, other_project, superuser
):
    plain = factories.UserFactory()
    colleague = factories.UserFactory(is_staff=True)
    response = admin_staff.get(reverse("admin:mentors_assignment_add"))
    assert choices(response, "enrolment") == {enrolment}
    users = choices(response, "user")
    assert {plain, staff_user} <= users
    assert not {superuser, colleague} & users


def test_a_superuser_is_offered_every_enrolment(superuser, enrolment, other_project):
    response = logged_in(superuser).get(reverse("admin:mentors_assignment_add"))
    assert choices(response, "enrolment") == {enrolment, other_project.enrolment}


# --- F4: projects, their plan and progress; seminars; rollout ------------------------------------


def test_organiser_staff_cannot_add_a_milestone_to_another_organisers_project(admin_staff, project, other_project):
    today = timezone.localdate()
    data = {
        "horizon": "short",
        "activity": "Ditanam oleh staf lain",
        "output": "",
        "responsible": "x",
        "start_date": today.isoformat(),
        "target_date": (today + datetime.timedelta(days=5)).isoformat(),
        "weight": "1",
        "status": "planned",
        "progress": "0",
        "estimated_cost": "0",
        "completed_on": "",
    }
    response = admin_staff.post(reverse("admin:projects_milestone_add"), {**data, "project": other_project.pk})
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Milestone.objects.filter(project=other_project).exists()
    response = admin_staff.post(reverse("admin:projects_milestone_add"), {**data, "project": project.pk})
    assert response.status_code == 302
    assert Milestone.objects.filter(project=project).exists()


def test_organiser_staff_cannot_create_a_project_for_another_organisers_enrolment(admin_staff):
    foreign_enrolment = factories.EnrolmentFactory()
    data = {
        "enrolment": foreign_enrolment.pk,
        "agency": foreign_enrolment.participant.agency_id,
        "title": "Proyek titipan",
        "problem": "p",
        "breakthrough": "b",
    }
    for prefix in ("milestones", "stakeholders", "risks", "team", "budget_lines", "transitions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_staff.post(reverse("admin:projects_changeproject_add"), data)
    assert response.status_code == 200
    assert "enrolment" in response.context["adminform"].form.errors
    assert not ChangeProject.objects.filter(enrolment=foreign_enrolment).exists()


@pytest.mark.parametrize("url_name", ["milestone", "budgetline", "stakeholder", "risk", "teammember", "progressupdate"])
def test_project_rows_offer_only_the_staffs_projects(admin_staff, project, other_project, url_name):
    response = admin_staff.get(reverse(f"admin:projects_{url_name}_add"))
    assert choices(response, "project") == {project}


def test_a_progress_update_offers_only_visible_milestones_and_plain_authors(
    admin_staff, staff_user, project, other_project, superuser
):
    mine = factories.MilestoneFactory(project=project)
    factories.MilestoneFactory(project=other_project)
    response = admin_staff.get(reverse("admin:projects_progressupdate_add"))
    assert choices(response, "milestone") == {mine}
    authors = choices(response, "author")
    assert {staff_user, project.enrolment.participant.user} <= authors
    assert superuser not in authors


def test_the_project_form_offers_only_visible_enrolments(admin_staff, enrolment, other_project):
    response = admin_staff.get(reverse("admin:projects_changeproject_add"))
    assert choices(response, "enrolment") == {enrolment}


def test_the_enrolment_form_offers_only_the_staffs_cohorts(admin_staff, enrolment, other_project):
    response = admin_staff.get(reverse("admin:diklat_enrolment_add"))
    assert choices(response, "cohort") == {enrolment.cohort}


def test_seminars_sessions_and_presentations_offer_only_the_staffs_rows(
    admin_staff, staff_user, enrolment, other_project, superuser
):
    grant(staff_user, "assessments")
    response = admin_staff.get(reverse("admin:assessments_seminar_add"))
    assert choices(response, "cohort") == {enrolment.cohort}
    session = SessionFactory(seminar=SeminarFactory(cohort=enrolment.cohort))
    SessionFactory(seminar=SeminarFactory(cohort=other_project.enrolment.cohort))
    response = admin_staff.get(reverse("admin:assessments_seminarsession_change", args=[session.pk]))
    assert choices(response, "seminar") == {session.seminar}
    assert superuser not in choices(response, "examiners")
    assert superuser not in choices(response, "chair")
    presentations = response.context["inline_admin_formsets"][0].formset
    assert set(presentations.empty_form.fields["enrolment"].queryset) == {enrolment}


def test_adoptions_offer_only_visible_innovations(admin_staff, staff_user, project, other_project):
    grant(staff_user, "rollout")
    mine = rollout_services.record_innovation(project, by=staff_user, name="Inovasi", form="public_service")
    rollout_services.record_innovation(
        other_project, by=other_project.enrolment.participant.user, name="Lain", form="public_service"
    )
    response = admin_staff.get(reverse("admin:rollout_adoption_add"))
    assert choices(response, "innovation") == {mine}
    response = admin_staff.get(reverse("admin:rollout_innovation_add"))
    assert choices(response, "project") == {project}


# --- F10: the services' rules show at the field ---------------------------------------------------


def adoption_data(innovation, planned_on):
    data = {
        "innovation": innovation.pk,
        "agency": factories.AgencyFactory().pk,
        "planned_on": planned_on.isoformat(),
        "contact_name": "",
        "contact_phone": "",
    }
    for prefix in ("stage_changes", "evidence"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_an_adoption_planned_in_the_future_is_refused_at_the_field(project, superuser):
    innovation = rollout_services.record_innovation(
        project, by=project.enrolment.participant.user, name="Inovasi", form="public_service"
    )
    client = logged_in(superuser)
    client.raise_request_exception = False
    future = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(reverse("admin:rollout_adoption_add"), adoption_data(innovation, future))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["planned_on"] == ["The date cannot be in the future."]
    assert not Adoption.objects.exists()
    response = client.post(reverse("admin:rollout_adoption_add"), adoption_data(innovation, timezone.localdate()))
    assert response.status_code == 302
    assert Adoption.objects.filter(innovation=innovation).exists()


def test_a_mentor_who_may_not_manage_the_rollout_is_refused_at_the_field(project, mentor):
    mentor.is_staff = True
    mentor.save()
    grant(mentor, "rollout")
    client = logged_in(mentor)
    client.raise_request_exception = False
    add = admin_innovation_data(project)
    response = client.post(reverse("admin:rollout_innovation_add"), add)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["project"] == [
        "You may not change the rollout records of this project."
    ]
    assert not Innovation.objects.exists()
    innovation = rollout_services.record_innovation(
        project, by=project.enrolment.participant.user, name="Inovasi", form="public_service"
    )
    response = client.post(reverse("admin:rollout_adoption_add"), adoption_data(innovation, timezone.localdate()))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["innovation"] == [
        "You may not change the rollout records of this project."
    ]
    assert not Adoption.objects.exists()


def admin_innovation_data(project):
    data = {"project": project.pk, "name": "Inovasi", "form": "public_service", "regulation": "none"}
    for prefix in ("stage_changes", "targets"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data
