"""The change history through the pages: recorded when a participant edits, read as a timeline, staff's admin view."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diklat.admin_history import ScopedHistoryAdmin
from diklat.admin_scoping import ScopedAdminMixin
from diklat.middleware import SESSION_KEY
from diklat.staff import organiser_staff_group
from projects.models import BudgetLine, Milestone
from projects.services.commitments import record_commitment
from tests import factories
from tests.test_horizon_windows import SIGNATORIES, scan

pytestmark = pytest.mark.django_db


def today():
    return factories.today()


@pytest.fixture
def owner_client(client, project):
    client.force_login(project.enrolment.participant.user)
    return client


def milestone_data(milestone, **overrides):
    data = {
        "horizon": milestone.horizon,
        "activity": milestone.activity,
        "output": milestone.output,
        "responsible": milestone.responsible,
        "start_date": milestone.start_date.isoformat(),
        "target_date": milestone.target_date.isoformat(),
        "weight": str(milestone.weight),
        "status": milestone.status,
        "progress": str(milestone.progress),
        "estimated_cost": str(milestone.estimated_cost),
    }
    return {**data, **overrides}


def budget_data(line, **overrides):
    data = {
        "source": line.source,
        "fiscal_year": str(line.fiscal_year),
        "description": line.description,
        "document_reference": line.document_reference,
        "planned": str(line.planned),
        "approved": "",
        "realised": "",
    }
    return {**data, **overrides}


def edit_milestone(client, milestone, **changes):
    response = client.post(
        reverse("projects:milestone_edit", args=[milestone.pk]), milestone_data(milestone, **changes)
    )
    assert response.status_code == 302
    return response


def timeline(client, project, **params):
    return client.get(reverse("projects:history", args=[project.pk]), params)


# --- recorded through the pages ---------------------------------------------------------------------


def test_a_milestone_edited_on_its_page_shows_on_the_project_page_with_dates_as_dd_mm_yyyy(owner_client, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    old, new = milestone.target_date, milestone.target_date - datetime.timedelta(days=2)
    edit_milestone(owner_client, milestone, target_date=new.isoformat(), weight="4")
    row = Milestone.history.filter(id=milestone.pk).latest("history_id")
    assert row.history_user == project.enrolment.participant.user
    page = owner_client.get(project.get_absolute_url()).content.decode()
    assert 'id="changes"' in page
    assert f"<del>{old:%d-%m-%Y}</del> → <ins>{new:%d-%m-%Y}</ins>" in page
    assert "<del>1</del> → <ins>4</ins>" in page
    assert project.enrolment.participant.user.full_name in page


def test_a_budget_line_edited_on_its_page_shows_its_amounts_in_rupiah(owner_client, project):
    line = factories.BudgetLineFactory(project=project, planned=3_800_000)
    url = reverse("projects:budget_edit", args=[line.pk])
    assert owner_client.post(url, budget_data(line, planned="4.250.000")).status_code == 302
    assert BudgetLine.history.filter(id=line.pk).latest("history_id").planned == 4_250_000
    page = timeline(owner_client, project).content.decode()
    assert "<del>Rp 3.800.000</del> → <ins>Rp 4.250.000</ins>" in page


def test_the_timeline_is_in_indonesian_and_names_the_field(owner_client, project):
    owner_client.cookies["django_language"] = "id"
    milestone = factories.MilestoneFactory(project=project, weight=1)
    edit_milestone(owner_client, milestone, weight="3")
    page = timeline(owner_client, project).content.decode()
    assert "Riwayat perubahan" in page
    assert "Bobot: <del>1</del>" in page


def test_a_returned_project_shows_the_mentors_comment_as_the_reason(client, project, mentor):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    client.force_login(project.enrolment.participant.user)
    client.post(reverse("projects:transition", args=[project.pk, "submit"]))
    client.force_login(mentor)
    client.post(reverse("projects:transition", args=[project.pk, "return"]), {"comment": "Perjelas indikator."})
    page = timeline(client, project).content.decode()
    assert "Perjelas indikator." in page
    assert "<del>Submitted to the mentor</del> → <ins>Returned for revision</ins>" in page


def test_a_time_is_shown_in_the_readers_zone_with_its_label(owner_client, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    edit_milestone(owner_client, milestone, weight="2")
    Milestone.history.filter(id=milestone.pk, history_type="~").update(
        history_date=datetime.datetime(2026, 12, 2, 0, 0, tzinfo=datetime.UTC)
    )
    owner_client.cookies["django_language"] = "id"
    session = owner_client.session
    session[SESSION_KEY] = "Asia/Makassar"
    session.save()
    assert "2 Des 2026 08:00 WITA" in timeline(owner_client, project).content.decode()


def test_changes_of_feedback_and_the_panel_are_on_the_timeline(owner_client, project, mentor):
    assignment = project.enrolment.assignments.get(role="mentor")
    assignment.position = "Kepala Dinas"
    assignment.save()
    page = timeline(owner_client, project).content.decode()
    assert "Kepala Dinas" in page
    assert mentor.full_name in page


def test_a_written_commitment_is_on_the_timeline_with_who_recorded_it(owner_client, project, participant):
    record_commitment(
        project,
        by=participant.user,
        signed_on=factories.today(),
        summary="Replikasi ke lima OPD",
        signatories=SIGNATORIES,
        files=[scan()],
    )
    page = timeline(owner_client, project).content.decode()
    assert "Replikasi ke lima OPD" in page
    assert f"{factories.today():%d-%m-%Y}" in page


# --- paging and the query budget --------------------------------------------------------------------


def test_the_project_page_shows_the_latest_changes_and_links_to_all(owner_client, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    for weight in range(2, 15):
        milestone.weight = weight
        milestone.save()
    page = owner_client.get(project.get_absolute_url())
    assert len(page.context["changes"]["entries"]) == 10
    html = page.content.decode()
    assert reverse("projects:history", args=[project.pk]) in html
    # Folded under its heading with the number of changes: the audit trail no longer lengthens every visit.
    total = page.context["changes"]["total"]
    assert total >= 14
    folded = html[html.index('id="changes"') :]
    assert folded.index('<details class="section-fold">') < folded.index(f'<span class="muted">({total})</span>')


def test_the_history_page_is_paged_and_survives_a_bad_page_number(owner_client, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    for weight in range(2, 60):
        milestone.weight = weight % 100 or 1
        milestone.save()
    first = timeline(owner_client, project)
    assert len(first.context["page"].object_list) == 50
    assert timeline(owner_client, project, page="2").context["page"].number == 2
    assert timeline(owner_client, project, page="abc").status_code == 200
    assert timeline(owner_client, project, page="99999").context["page"].number == 2


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["projects:history", "projects:detail"])
def test_the_timeline_costs_the_same_queries_at_one_and_thirty_changes(
    owner_client, project, mentor, url_name, django_assert_max_num_queries
):
    url = reverse(url_name, args=[project.pk])
    milestone = factories.MilestoneFactory(project=project, weight=1)
    line = factories.BudgetLineFactory(project=project, planned=1_000_000)
    edit_milestone(owner_client, milestone, weight="2")
    at_one = queries_of(owner_client, url)
    for n in range(30):
        milestone.refresh_from_db()
        edit_milestone(owner_client, milestone, weight=str(3 + n))
        line.planned += 1000
        line.save()
    with django_assert_max_num_queries(at_one):
        owner_client.get(url)


# --- who may read it --------------------------------------------------------------------------------


def test_a_stranger_cannot_read_a_projects_history(client, stranger, project):
    client.force_login(stranger)
    assert timeline(client, project).status_code == 404


def test_another_participant_cannot_read_it(client, project, other_project):
    client.force_login(other_project.enrolment.participant.user)
    assert timeline(client, project).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, project):
    response = timeline(client, project)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("role", ["mentor", "coach", "examiner", "organiser_staff"])
def test_the_people_around_the_project_read_its_history(client, request, project, role):
    client.force_login(request.getfixturevalue(role))
    assert timeline(client, project).status_code == 200


# --- the admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_staff(client, organiser_staff):
    organiser_staff.is_staff = True
    organiser_staff.save()
    organiser_staff.groups.add(organiser_staff_group())
    client.force_login(organiser_staff)
    return client


def test_every_admin_with_history_is_still_scoped_before_the_plain_model_admin():
    """The history mixin is a ModelAdmin: put before the scoping mixins it would shadow their get_queryset."""
    with_history = [type(ma) for ma in admin.site._registry.values() if isinstance(ma, ScopedHistoryAdmin)]
    assert len(with_history) == 7
    for admin_class in with_history:
        order = admin_class.__mro__
        assert order.index(ScopedAdminMixin) < order.index(ModelAdmin), admin_class


def admin_history(milestone):
    return reverse("admin:projects_milestone_history", args=[milestone.pk])


def test_organiser_staff_see_the_history_of_their_cohorts_rows_in_the_admin(admin_staff, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    milestone.weight = 7
    milestone.save()
    response = admin_staff.get(admin_history(milestone))
    assert response.status_code == 200
    assert milestone.activity in response.content.decode()


def test_organiser_staff_get_no_history_of_another_cohorts_row(admin_staff, other_project):
    milestone = factories.MilestoneFactory(project=other_project)
    assert admin_staff.get(admin_history(milestone)).status_code == 404
    version = Milestone.history.filter(id=milestone.pk).latest("history_id").history_id
    url = reverse("admin:projects_milestone_simple_history", args=[milestone.pk, version])
    assert admin_staff.get(url).status_code == 404


def test_organiser_staff_get_no_history_of_a_deleted_row(admin_staff, project):
    milestone = factories.MilestoneFactory(project=project)
    pk = milestone.pk
    milestone.delete()
    assert admin_staff.get(reverse("admin:projects_milestone_history", args=[pk])).status_code == 404


def test_a_version_cannot_be_posted_back_from_the_admin(admin_staff, project):
    milestone = factories.MilestoneFactory(project=project, weight=1)
    version = Milestone.history.filter(id=milestone.pk).latest("history_id").history_id
    url = reverse("admin:projects_milestone_simple_history", args=[milestone.pk, version])
    assert admin_staff.get(url).status_code == 200
    assert admin_staff.post(url, milestone_data(milestone, weight="9")).status_code == 405
    milestone.refresh_from_db()
    assert milestone.weight == 1


def test_a_garbled_admin_history_address_is_not_found(admin_staff, project):
    milestone = factories.MilestoneFactory(project=project)
    assert admin_staff.get(f"/admin/projects/milestone/{milestone.pk}x/history/").status_code == 404
    assert admin_staff.get(f"/admin/projects/milestone/{milestone.pk}/history/9x/").status_code == 404


def test_a_superuser_sees_the_history_of_any_row(client, other_project):
    client.force_login(factories.UserFactory(username="root", is_superuser=True, is_staff=True))
    milestone = factories.MilestoneFactory(project=other_project)
    assert client.get(admin_history(milestone)).status_code == 200
