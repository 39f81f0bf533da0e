"""The report filters list a bounded few choices (cascading), and still accept any valid one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diklat.models import Cohort, Programme
from regions.models import Agency, Region
from reports import filters
from reports.filters import report_filters
from reports.models import DataGeneration
from tests import factories

pytestmark = pytest.mark.django_db


def listed(form, name) -> list[str]:
    return [str(value) for value, _label in form.fields[name].widget.choices if value != ""]


def test_with_no_area_chosen_no_government_nor_agency_is_listed(world):
    form = report_filters({}, world.superuser)
    assert listed(form, "government") == [] and listed(form, "agency") == []
    assert "province" in str(form.fields["government"].help_text).lower()


def test_a_chosen_province_lists_its_own_government_and_those_inside_it(world):
    form = report_filters({"province": world.province.code}, world.superuser)
    expected = set(Region.objects.filter(parent=world.province).values_list("code", flat=True)) | {world.province.code}
    assert set(listed(form, "government")) == expected
    assert world.jakarta.code not in listed(form, "government")


def test_a_chosen_government_lists_its_agencies_only(world):
    form = report_filters({"government": world.city.code}, world.superuser)
    assert form.is_valid(), form.errors
    expected = {str(pk) for pk in Agency.objects.filter(government=world.city).values_list("pk", flat=True)}
    assert set(listed(form, "agency")) == expected and expected


def test_a_chosen_agency_is_accepted_and_listed_even_with_no_government_chosen(world):
    agency = world.agencies.b1
    form = report_filters({"agency": str(agency.pk)}, world.superuser)
    assert form.is_valid(), form.errors
    assert listed(form, "agency") == [str(agency.pk)]


def test_provincial_staff_are_listed_the_governments_of_their_province(world):
    form = report_filters({}, world.provincial)
    governments = set(listed(form, "government"))
    assert world.province.code in governments and world.city.code in governments
    assert world.jakarta.code not in governments


def test_cohorts_are_the_most_recent_and_the_chosen_one(world, monkeypatch):
    monkeypatch.setattr(filters, "LISTED_COHORTS", 1)
    newest = factories.CohortFactory(year=2099)
    form = report_filters({}, world.superuser)
    assert listed(form, "cohort") == [str(newest.pk)]
    older = Cohort.objects.exclude(pk=newest.pk).first()
    chosen = report_filters({"cohort": str(older.pk)}, world.superuser)
    assert chosen.is_valid(), chosen.errors
    assert set(listed(chosen, "cohort")) == {str(newest.pk), str(older.pk)}


@pytest.mark.parametrize("value", ["\x00", "7371" * 10, "abc", "-1", "99999999999999999999"])
def test_a_strange_value_is_a_field_error_not_a_crash(world, client, value):
    client.force_login(world.superuser)
    for name in ("government", "agency", "cohort"):
        response = client.get("/reports/progress/", {name: value})
        assert response.status_code in (200, 400), (name, value)


def test_the_page_costs_the_same_queries_with_ten_times_the_agencies(world, client, django_assert_num_queries):
    client.force_login(world.superuser)
    client.get("/reports/progress/")
    with CaptureQueriesContext(connection) as before:
        page = client.get("/reports/progress/")
    factories.AgencyFactory.create_batch(60, government=world.city)
    with django_assert_num_queries(len(before)):
        again = client.get("/reports/progress/")
    assert page.text.count("<option") == again.text.count("<option")


def test_the_filter_selects_render_in_python_with_the_choice_selected_and_names_escaped(db):
    Programme.objects.filter(code="pka").update(name='PKA <b>"baru"</b>')
    user = factories.UserFactory(is_superuser=True)
    html = str(report_filters({"programme": "pka"}, user)["programme"])
    assert html.startswith('<select name="programme"') and 'id="id_programme"' in html
    assert '<option value="pka" selected>PKA &lt;b&gt;&quot;baru&quot;&lt;/b&gt;' in html
    assert html.count("<option") == Programme.objects.count() + 1  # and the empty choice


def test_the_reachable_cohorts_are_kept_per_generation_and_follow_a_change(world):
    """Kept in the cache between requests, and read anew once a committed change advances the generation."""
    listed_before = listed(report_filters({}, world.provincial), "cohort")
    assert str(world.cohort.pk) in listed_before
    with CaptureQueriesContext(connection) as second:
        report_filters({}, world.provincial)
    assert not any("UNION" in query["sql"] for query in second.captured_queries)  # from the cache

    newcomer = factories.CohortFactory()
    factories.ChangeProjectFactory(
        enrolment__cohort=newcomer, enrolment__participant__agency=world.agencies.a1, agency=world.agencies.a1
    )  # in the staff's province
    assert str(newcomer.pk) not in listed(report_filters({}, world.provincial), "cohort")  # kept: same generation
    DataGeneration.advance()  # what the commit of that change does (tests/reports/test_snapshots.py)
    assert str(newcomer.pk) in listed(report_filters({}, world.provincial), "cohort")
    assert str(newcomer.pk) not in listed(report_filters({}, world.jakarta_staff), "cohort")
