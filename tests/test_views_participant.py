"""The participant's pages: dashboard, project design, milestones, budget, updates and transitions."""

import datetime

import pytest
from django.urls import reverse

from projects.models import BudgetLine, ChangeProject, Milestone, ProgressUpdate, Stakeholder
from projects.services.lifecycle import apply_transition
from regions.models import Agency, AgencyKind, Region
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    return factories.today()


@pytest.fixture
def owner_client(client, project):
    client.force_login(project.enrolment.participant.user)
    return client


def milestone_data(**overrides):
    data = {
        "horizon": "short",
        "activity": "Menyusun SOP respons cepat",
        "output": "SOP",
        "responsible": "Ketua tim",
        "start_date": today().isoformat(),
        "target_date": (today() + datetime.timedelta(days=10)).isoformat(),
        "weight": "2",
        "status": "planned",
        "progress": "0",
        "estimated_cost": "1.500.000",
    }
    return {**data, **overrides}


def budget_data(**overrides):
    data = {
        "source": "apbd",
        "fiscal_year": str(today().year + 1),
        "description": "Pelatihan tim humas",
        "planned": "3.800.000",
    }
    return {**data, **overrides}


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def plan_data(agency, **overrides):
    data = {
        "title": "Sistem Respons Cepat Humas",
        "agency": str(agency.pk),
        "background": "Berita negatif menyebar cepat.",
        "problem": "Respons lambat.",
        "ideal_condition": "Respons dalam 24 jam.",
        "breakthrough": "Pusat respons cepat.",
        "objectives": "",
        "output": "",
        "outcome": "",
        "key_success_factors": "",
        **management("stakeholders"),
        **management("risks"),
        **management("team"),
    }
    return {**data, **overrides}


# --- who sees what ------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, project):
    for url in (reverse("projects:dashboard"), project.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_login_page_renders_with_a_language_switch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert reverse("set_language").encode() in response.content


def test_the_header_names_the_user_and_logs_out_with_a_post(owner_client, project):
    user = project.enrolment.participant.user
    response = owner_client.get(reverse("projects:dashboard"))
    assert user.full_name in response.text
    assert f'action="{reverse("logout")}" method="post"' in response.text
    assert owner_client.post(reverse("logout")).status_code == 302
    assert owner_client.get(reverse("projects:dashboard")).status_code == 302


def test_the_language_switch_turns_the_pages_to_english(owner_client):
    response = owner_client.post(reverse("set_language"), {"language": "en", "next": reverse("projects:dashboard")})
    assert response.url == reverse("projects:dashboard")
    assert '<html lang="en">' in owner_client.get(reverse("projects:dashboard")).text


def test_home_sends_a_participant_to_their_dashboard(owner_client):
    assert owner_client.get("/").url == reverse("projects:dashboard")


def test_the_dashboard_shows_the_participants_project_and_its_progress(owner_client, project):
    factories.MilestoneFactory(project=project, horizon="short", progress=40, weight=1)
    response = owner_client.get(reverse("projects:dashboard"))
    assert response.status_code == 200
    assert project.title in response.text
    assert response.context["project"].progress_short == 40
    assert 'style="width: 40%"' in response.text
    assert reverse("projects:transition", args=[project.pk, "submit"]) in response.text


def test_the_dashboard_offers_to_create_a_project_when_there_is_none_yet(client, enrolment):
    client.force_login(enrolment.participant.user)
    response = client.get(reverse("projects:dashboard"))
    assert response.context["project"] is None
    assert reverse("projects:create", args=[enrolment.pk]) in response.text


def test_the_dashboard_shows_the_mentors_comment_when_the_project_was_returned(owner_client, project):
    project.status, project.mentor_comment = ChangeProject.Status.RETURNED, "Perjelas tahapan jangka menengah."
    project.save()
    response = owner_client.get(reverse("projects:dashboard"))
    assert "Perjelas tahapan jangka menengah." in response.text


def test_the_dashboard_lists_overdue_milestones(owner_client, project):
    late = factories.MilestoneFactory(
        project=project,
        activity="Sosialisasi yang terlambat",
        start_date=today() - datetime.timedelta(days=10),
        target_date=today() - datetime.timedelta(days=1),
    )
    response = owner_client.get(reverse("projects:dashboard"))
    assert list(response.context["overdue_milestones"]) == [late]
    assert "Sosialisasi yang terlambat" in response.text


def test_the_detail_page_shows_the_design_budget_totals_and_history(owner_client, project, mentor):
    Stakeholder.objects.create(project=project, name="Kominfo", side="internal")
    factories.confirmed_line(project, planned=3_800_000, approved=2_000_000)
    factories.BudgetLineFactory(project=project, planned=1_200_000)
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    apply_transition(project, "submit", by=project.enrolment.participant.user)
    response = owner_client.get(project.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Kominfo" in text
    assert "Rp 5.000.000" in text  # planned total
    assert "Rp 2.000.000" in text
    assert "WITA" in text  # Sulawesi Selatan's zone, on the status history
    assert [h["value"] for h in response.context["horizons"]] == ["short", "medium", "long"]


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_the_panel_and_organiser_staff_can_open_the_detail_page(client, project, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert reverse("projects:edit", args=[project.pk]) not in response.text


def test_another_participants_project_is_not_found(owner_client, other_project):
    assert owner_client.get(other_project.get_absolute_url()).status_code == 404


def test_a_stranger_cannot_find_a_project(client, stranger, project):
    client.force_login(stranger)
    assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 404


def test_the_not_found_page_is_our_own(client, stranger, project):
    client.force_login(stranger)
    response = client.get(project.get_absolute_url())
    assert "Diklat Tracker" in response.text
    assert "404" in response.text


def test_edit_links_are_shown_to_the_owner_only_while_the_plan_is_editable(owner_client, project):
    edit_url = reverse("projects:edit", args=[project.pk])
    assert edit_url in owner_client.get(project.get_absolute_url()).text
    project.status = ChangeProject.Status.SUBMITTED
    project.save()
    text = owner_client.get(project.get_absolute_url()).text
    assert edit_url not in text
    assert reverse("projects:milestone_create", args=[project.pk]) not in text


# --- creating and editing the plan -------------------------------------------------------------------


def test_a_participant_creates_their_project_with_a_stakeholder(client, enrolment):
    client.force_login(enrolment.participant.user)
    data = plan_data(
        enrolment.participant.agency,
        **management("stakeholders", total=1),
        **{
            "stakeholders-0-name": "Diskominfo",
            "stakeholders-0-side": "internal",
            "stakeholders-0-influence": "positive",
            "stakeholders-0-strength": "high",
            "stakeholders-0-role": "Penyedia kanal media",
        },
    )
    response = client.post(reverse("projects:create", args=[enrolment.pk]), data)
    project = ChangeProject.objects.get(enrolment=enrolment)
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert project.title == "Sistem Respons Cepat Humas"
    assert project.status == ChangeProject.Status.DRAFT
    assert list(project.stakeholders.values_list("name", flat=True)) == ["Diskominfo"]


def test_a_project_without_its_required_fields_is_not_created(client, enrolment):
    client.force_login(enrolment.participant.user)
    response = client.post(
        reverse("projects:create", args=[enrolment.pk]), plan_data(enrolment.participant.agency, problem="")
    )
    assert response.status_code == 200
    assert "problem" in response.context["form"].errors
    assert not ChangeProject.objects.filter(enrolment=enrolment).exists()


def test_a_participant_cannot_start_a_project_for_someone_elses_enrolment(client, enrolment):
    other = factories.EnrolmentFactory()
    client.force_login(enrolment.participant.user)
    assert client.get(reverse("projects:create", args=[other.pk])).status_code == 404


def test_agencies_on_offer_are_those_of_the_participants_province(owner_client, project):
    elsewhere = Agency.objects.create(
        name="Dinas Jauh", kind=AgencyKind.objects.get(code="dinas"), government=Region.objects.get(code="11")
    )
    response = owner_client.get(reverse("projects:edit", args=[project.pk]))
    choices = response.context["form"].fields["agency"].queryset
    assert project.agency in choices
    assert elsewhere not in choices
    response = owner_client.post(reverse("projects:edit", args=[project.pk]), plan_data(elsewhere))
    assert "agency" in response.context["form"].errors


def test_the_owner_edits_the_plan(owner_client, project):
    response = owner_client.post(
        reverse("projects:edit", args=[project.pk]),
        plan_data(
            project.agency,
            title="Judul Baru",
            **management("team", total=1),
            **{"team-0-name": "Andi", "team-0-team_role": "Sekretaris", "team-0-position": ""},
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Judul Baru"
    assert list(project.team.values_list("name", flat=True)) == ["Andi"]


def test_the_mentor_cannot_edit_the_plan(client, project, mentor):
    client.force_login(mentor)
    response = client.post(reverse("projects:edit", args=[project.pk]), plan_data(project.agency, title="X"))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "X"


def test_a_submitted_plan_cannot_be_edited(owner_client, project):
    project.status = ChangeProject.Status.SUBMITTED
    project.save()
    response = owner_client.post(reverse("projects:edit", args=[project.pk]), plan_data(project.agency, title="X"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title != "X"


# --- milestones ----------------------------------------------------------------------------------------


def test_the_owner_adds_a_milestone(owner_client, project):
    response = owner_client.post(reverse("projects:milestone_create", args=[project.pk]), milestone_data())
    assert response.status_code == 302
    milestone = project.milestones.get()
    assert milestone.activity == "Menyusun SOP respons cepat"
    assert milestone.estimated_cost == 1_500_000


def test_a_short_term_milestone_after_the_results_seminar_is_refused_at_the_target_date(owner_client, project):
    late = project.cohort.results_seminar_date + datetime.timedelta(days=1)
    response = owner_client.post(
        reverse("projects:milestone_create", args=[project.pk]), milestone_data(target_date=late.isoformat())
    )
    assert response.status_code == 200
    assert f"to {project.cohort.results_seminar_date:%d-%m-%Y}" in str(response.context["form"].errors["target_date"])
    assert not project.milestones.exists()


def test_a_target_before_the_start_is_refused_at_the_target_date(owner_client, project):
    response = owner_client.post(
        reverse("projects:milestone_create", args=[project.pk]),
        milestone_data(target_date=(today() - datetime.timedelta(days=5)).isoformat()),
    )
    assert "target_date" in response.context["form"].errors
    assert not project.milestones.exists()


def test_progress_over_100_is_refused_at_the_field(owner_client, project):
    response = owner_client.post(
        reverse("projects:milestone_create", args=[project.pk]), milestone_data(progress="101")
    )
    assert "progress" in response.context["form"].errors
    assert not project.milestones.exists()


def test_the_owner_edits_and_deletes_a_milestone(owner_client, project):
    milestone = factories.MilestoneFactory(project=project)
    response = owner_client.post(
        reverse("projects:milestone_edit", args=[milestone.pk]), milestone_data(activity="Diubah", progress="100")
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.activity, milestone.status) == ("Diubah", Milestone.Status.DONE)
    assert owner_client.get(reverse("projects:milestone_delete", args=[milestone.pk])).status_code == 200
    owner_client.post(reverse("projects:milestone_delete", args=[milestone.pk]))
    assert not project.milestones.exists()


def test_another_participants_milestone_is_not_found(owner_client, other_project):
    milestone = factories.MilestoneFactory(project=other_project)
    assert owner_client.get(reverse("projects:milestone_edit", args=[milestone.pk])).status_code == 404
    assert owner_client.post(reverse("projects:milestone_delete", args=[milestone.pk])).status_code == 404
    assert Milestone.objects.filter(pk=milestone.pk).exists()


# --- budget --------------------------------------------------------------------------------------------


def test_the_owner_adds_a_budget_line_written_with_thousand_dots(owner_client, project):
    response = owner_client.post(reverse("projects:budget_create", args=[project.pk]), budget_data())
    assert response.status_code == 302
    assert project.budget_lines.get().planned == 3_800_000


def test_a_negative_amount_is_refused_at_the_field(owner_client, project):
    response = owner_client.post(reverse("projects:budget_create", args=[project.pk]), budget_data(planned="-5000"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "planned" in errors
    assert not BudgetLine.objects.exists()


def test_the_owner_edits_and_deletes_a_budget_line(owner_client, project):
    line = factories.BudgetLineFactory(project=project)
    owner_client.post(reverse("projects:budget_edit", args=[line.pk]), budget_data(planned="Rp 3.000.000"))
    line.refresh_from_db()
    assert (line.planned, line.approved) == (3_000_000, None)
    owner_client.post(reverse("projects:budget_delete", args=[line.pk]))
    assert not project.budget_lines.exists()


def test_a_stranger_cannot_touch_a_budget_line(client, stranger, project):
    line = factories.BudgetLineFactory(project=project)
    client.force_login(stranger)
    assert client.post(reverse("projects:budget_delete", args=[line.pk])).status_code == 404
    assert BudgetLine.objects.filter(pk=line.pk).exists()


# --- progress updates ------------------------------------------------------------------------------------


def test_posting_an_update_with_progress_changes_the_dashboard_progress(client, approved_project):
    project = approved_project
    client.force_login(project.enrolment.participant.user)
    before = client.get(reverse("projects:dashboard")).context["project"].progress_overall
    milestone = project.milestones.get(horizon="short")
    response = client.post(
        reverse("projects:update_create", args=[project.pk]),
        {"note": "SOP selesai disusun.", "milestone": milestone.pk, "progress": "60", "happened_on": ""},
    )
    assert response.status_code == 302
    after = client.get(reverse("projects:dashboard"))
    assert before == 0
    assert after.context["project"].progress_overall == 20  # 60% of one of three equal milestones
    assert "SOP selesai disusun." in after.text


def test_an_update_with_progress_over_100_is_refused(client, approved_project):
    client.force_login(approved_project.enrolment.participant.user)
    milestone = approved_project.milestones.first()
    response = client.post(
        reverse("projects:update_create", args=[approved_project.pk]),
        {"note": "x", "milestone": milestone.pk, "progress": "101"},
    )
    assert "progress" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_an_update_dated_in_the_future_is_refused_at_the_date(client, approved_project):
    client.force_login(approved_project.enrolment.participant.user)
    later = today() + datetime.timedelta(days=2)  # beyond tomorrow in any Indonesian zone
    response = client.post(
        reverse("projects:update_create", args=[approved_project.pk]), {"note": "x", "happened_on": later}
    )
    assert "happened_on" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_updates_are_refused_before_the_mentor_approves(owner_client, project):
    response = owner_client.post(reverse("projects:update_create", args=[project.pk]), {"note": "x"})
    assert response.status_code == 302
    assert not ProgressUpdate.objects.exists()


# --- transitions -----------------------------------------------------------------------------------------


def test_the_owner_submits_a_complete_plan_to_the_mentor(owner_client, project):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    response = owner_client.post(reverse("projects:transition", args=[project.pk, "submit"]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.SUBMITTED


def test_submitting_without_every_horizon_shows_why_and_changes_nothing(owner_client, project):
    response = owner_client.post(reverse("projects:transition", args=[project.pk, "submit"]), follow=True)
    assert "Add at least one milestone for each horizon" in response.text
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.DRAFT


def test_a_transition_needs_a_post(owner_client, project):
    assert owner_client.get(reverse("projects:transition", args=[project.pk, "submit"])).status_code == 405


def test_an_unknown_transition_is_not_found(owner_client, project):
    assert owner_client.post(reverse("projects:transition", args=[project.pk, "explode"])).status_code == 404


def test_the_mentor_may_not_submit_for_the_participant(client, project, mentor):
    client.force_login(mentor)
    response = client.post(reverse("projects:transition", args=[project.pk, "submit"]))
    assert response.status_code == 403
    assert "Not allowed" in response.text
    project.refresh_from_db()
    assert project.status == ChangeProject.Status.DRAFT


def test_a_stranger_cannot_move_a_project(client, stranger, project):
    client.force_login(stranger)
    assert client.post(reverse("projects:transition", args=[project.pk, "submit"])).status_code == 404


# --- query budgets ---------------------------------------------------------------------------------------


def _fill(project, rows):
    for n in range(rows):
        factories.MilestoneFactory(project=project, horizon=("short", "medium", "long")[n % 3])
        factories.BudgetLineFactory(project=project)
        factories.ProgressUpdateFactory(project=project)


@pytest.mark.parametrize("rows", [1, 50])
def test_the_dashboard_runs_a_fixed_number_of_queries(owner_client, project, rows, django_assert_max_num_queries):
    _fill(project, rows)
    factories.MilestoneFactory(
        project=project,
        start_date=today() - datetime.timedelta(days=9),
        target_date=today() - datetime.timedelta(days=1),
    )
    with django_assert_max_num_queries(16):
        response = owner_client.get(reverse("projects:dashboard"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_detail_page_runs_a_fixed_number_of_queries(owner_client, project, rows, django_assert_max_num_queries):
    _fill(project, rows)
    # 19, and the change history: one query per kind of history row (6), the related rows it names (1 here).
    with django_assert_max_num_queries(27):  # 26 and the milestones with photos
        response = owner_client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["budget_lines"]) == rows
