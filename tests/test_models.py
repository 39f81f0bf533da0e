"""Model behaviour: how rows print, cohort dates and horizons, and the rules models check themselves."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from diklat.models import Cohort, CohortStage, Organiser, Programme, RuleSet, add_months, roman
from projects.models import Evidence, ProjectTransition, Risk, Stakeholder, TeamMember
from regions.models import Agency, AgencyKind, Region
from tests import factories


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def cohort_on(results_seminar: str, **extra) -> Cohort:
    """An unsaved PKN II cohort whose results seminar falls on the given day."""
    programme = Programme.objects.get(code="pkn2")
    seminar = day(results_seminar)
    fields = {
        "programme": programme,
        "rule_set": programme.rule_sets.get(name="Perlan 5/2022 jo. 6/2022"),
        "number": 1,
        "year": seminar.year,
        "start_date": seminar - datetime.timedelta(days=90),
        "end_date": seminar + datetime.timedelta(days=10),
        "design_seminar_date": seminar - datetime.timedelta(days=60),
        "results_seminar_date": seminar,
    }
    return Cohort(**{**fields, **extra})


# --- how rows print --------------------------------------------------------------------------------


def test_a_user_prints_as_their_full_name(db):
    assert str(factories.UserFactory(full_name="Andi Makkasau")) == "Andi Makkasau"


def test_a_user_without_full_name_prints_as_their_username(db):
    user = factories.UserFactory(username="andi", full_name="")
    assert str(user) == "andi"
    assert user.get_full_name() == "andi"
    assert user.get_short_name() == "andi"


def test_a_users_short_name_is_the_first_word_of_the_full_name(db):
    assert factories.UserFactory(full_name="Andi Makkasau").get_short_name() == "Andi"


def test_a_participant_prints_as_their_user(participant):
    assert str(participant) == participant.user.full_name


def test_a_province_prints_with_its_level(db):
    assert str(Region.objects.get(code="73")) == "Province of Sulawesi Selatan"


def test_a_regency_prints_as_its_name(db):
    regency = Region.objects.filter(parent__code="73", name__startswith="Kabupaten").first()
    assert str(regency) == regency.name


def test_an_agency_prints_with_its_government(db):
    agency = factories.AgencyFactory(name="Dinas Kesehatan")
    assert str(agency) == "Dinas Kesehatan — Province of Sulawesi Selatan"


def test_an_agency_kind_prints_as_its_name(db):
    assert str(AgencyKind.objects.get(code="kecamatan")) == "Kecamatan"


def test_a_programme_prints_with_its_former_name(db):
    assert str(Programme.objects.get(code="pka")) == "PKA (formerly Diklatpim Tingkat III)"


def test_a_programme_without_former_name_prints_as_its_name(db):
    assert str(Programme(code="x", name="Latsar CPNS", product="aksi")) == "Latsar CPNS"


def test_a_rule_set_prints_with_its_programme(db):
    rule_set = RuleSet.objects.get(programme__code="pkp", name="Perlan 15/2019")
    assert str(rule_set) == "PKP — Perlan 15/2019"


def test_an_organiser_prints_as_its_name(db):
    assert str(factories.OrganiserFactory(name="BPSDM Sulawesi Selatan")) == "BPSDM Sulawesi Selatan"


def test_a_cohort_prints_its_number_in_roman_numerals(db):
    cohort = factories.CohortFactory(number=12, year=2025)
    assert str(cohort) == "PKN Tingkat II Cohort XII of 2025"


def test_a_cohort_stage_prints_as_the_rule_sets_name_or_else_its_stage(enrolment):
    stage = CohortStage(cohort=enrolment.cohort, stage=CohortStage.Stage.LABORATORY)
    assert str(stage) == "Leadership laboratory"
    stage.name = "Laboratorium Kepemimpinan"
    assert str(stage) == "Laboratorium Kepemimpinan"


def test_an_enrolment_prints_participant_and_cohort(enrolment):
    assert str(enrolment) == f"{enrolment.participant} — {enrolment.cohort}"


def test_an_assignment_prints_role_person_and_participant(enrolment):
    assignment = factories.AssignmentFactory(enrolment=enrolment, role="coach", user__full_name="Dr. Basri")
    assert str(assignment) == f"Coach: Dr. Basri → {enrolment.participant}"


def test_a_project_prints_as_its_title(db):
    assert str(factories.ChangeProjectFactory(title="Humas Cepat Tanggap")) == "Humas Cepat Tanggap"


def test_a_transition_prints_from_and_to(project):
    assert str(ProjectTransition(project=project, from_status="submitted", to_status="returned")) == (
        "Submitted to the mentor → Returned for revision"
    )


def test_a_milestone_prints_as_its_activity(db):
    assert str(factories.MilestoneFactory(activity="Rapat koordinasi")) == "Rapat koordinasi"


def test_a_progress_update_prints_its_date_and_the_start_of_the_note(project):
    update = factories.ProgressUpdateFactory(project=project, happened_on=day("2025-03-04"), note="x" * 100)
    assert str(update) == "04-03-2025: " + "x" * 60


def test_an_evidence_file_prints_as_its_original_name():
    assert str(Evidence(original_name="foto rapat.jpg")) == "foto rapat.jpg"


def test_a_budget_line_prints_description_and_fiscal_year(db):
    line = factories.BudgetLineFactory(description="Pelatihan admin", fiscal_year=2026)
    assert str(line) == "Pelatihan admin (2026)"


def test_design_rows_print_readably():
    assert str(Stakeholder(name="Gubernur")) == "Gubernur"
    assert str(Risk(description="Anggaran terlambat")) == "Anggaran terlambat"
    assert str(TeamMember(name="Rina", team_role="Sekretaris")) == "Rina (Sekretaris)"


# --- roman numerals and months -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "numeral"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (49, "XLIX"), (90, "XC"), (2024, "MMXXIV")],
)
def test_roman_numerals(number, numeral):
    assert roman(number) == numeral


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2025-11-15", 2, "2026-01-15"),
        ("2025-06-30", 12, "2026-06-30"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-05-10", 0, "2025-05-10"),
    ],
)
def test_add_months_keeps_the_day_or_falls_back_to_the_end_of_the_month(start, months, expected):
    assert add_months(day(start), months) == day(expected)


# --- cohort horizons and checks ------------------------------------------------------------------------


def test_a_short_term_window_runs_from_the_cohorts_start_to_the_results_seminar(db):
    assert cohort_on("2025-06-30").horizon_window("short") == (day("2025-04-01"), day("2025-06-30"))


def test_a_medium_term_window_runs_from_six_to_twelve_months_after_the_seminar(db):
    assert cohort_on("2025-06-30").horizon_window("medium") == (day("2025-12-30"), day("2026-06-30"))


def test_a_long_term_window_runs_from_twelve_to_twenty_four_months_after_the_seminar(db):
    assert cohort_on("2025-01-31").horizon_window("long") == (day("2026-01-31"), day("2027-01-31"))


def test_the_horizon_window_follows_the_rule_set_months(db):
    cohort = cohort_on("2025-01-31")
    cohort.rule_set.medium_horizon_from_months, cohort.rule_set.medium_horizon_months = 0, 1
    assert cohort.horizon_window("medium") == (day("2025-01-31"), day("2025-02-28"))


def test_a_cohort_without_results_seminar_keeps_short_term_work_within_its_dates_and_has_no_later_window(db):
    cohort = cohort_on("2025-06-30", results_seminar_date=None)
    assert cohort.horizon_window("short") == (cohort.start_date, cohort.end_date)
    assert cohort.horizon_window("medium") == (None, None)


def test_a_cohort_with_consistent_dates_is_clean(db):
    cohort_on("2025-06-30").clean()


def test_a_cohort_refuses_a_rule_set_of_another_programme(db):
    cohort = cohort_on("2025-06-30", rule_set=RuleSet.objects.get(programme__code="pkp", name="Perlan 15/2019"))
    with pytest.raises(ValidationError) as caught:
        cohort.clean()
    assert caught.value.message_dict == {"rule_set": ["The rule set belongs to another programme."]}


def test_a_cohort_refuses_a_results_seminar_after_its_end(db):
    cohort = cohort_on("2025-06-30")
    cohort.end_date = day("2025-06-29")
    with pytest.raises(ValidationError) as caught:
        cohort.clean()
    assert caught.value.message_dict == {"results_seminar_date": ["The seminar must fall within the cohort's dates."]}


def test_a_cohort_refuses_a_design_seminar_before_its_start(db):
    cohort = cohort_on("2025-06-30")
    cohort.design_seminar_date = cohort.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        cohort.clean()
    assert list(caught.value.message_dict) == ["design_seminar_date"]


def test_a_cohort_refuses_to_end_before_it_starts(db):
    cohort = cohort_on("2025-06-30", design_seminar_date=None, results_seminar_date=None)
    cohort.end_date = cohort.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        cohort.clean()
    assert caught.value.message_dict == {"end_date": ["The cohort cannot end before it starts."]}


def test_a_cohort_takes_its_organisers_time_zone(db):
    organiser = factories.OrganiserFactory(region=Region.objects.get(code="94"))
    assert factories.CohortFactory(organiser=organiser).time_zone == "Asia/Jayapura"


def test_a_national_organiser_uses_the_default_time_zone(db):
    assert Organiser(name="Pusbangkom LAN", region=None).time_zone == "Asia/Jakarta"


# --- agencies -------------------------------------------------------------------------------------------


def agency(kind: str, government_code: str, **extra) -> Agency:
    return Agency(
        name="Uji", kind=AgencyKind.objects.get(code=kind), government=Region.objects.get(code=government_code), **extra
    )


def test_a_kecamatan_in_a_province_is_refused_at_the_kind(db):
    with pytest.raises(ValidationError) as caught:
        agency("kecamatan", "73").clean()
    assert caught.value.message_dict == {"kind": ["A Kecamatan cannot belong to Province of Sulawesi Selatan."]}


def test_a_kecamatan_in_a_regency_is_accepted(db):
    agency("kecamatan", "73.71").clean()


def test_a_biro_in_a_regency_is_refused_at_the_kind(db):
    with pytest.raises(ValidationError) as caught:
        agency("biro", "73.71").clean()
    assert list(caught.value.message_dict) == ["kind"]


def test_a_biro_in_a_province_is_accepted(db):
    agency("biro", "73").clean()


def test_a_bagian_in_a_province_is_refused(db):
    with pytest.raises(ValidationError):
        agency("bagian", "73").clean()


def test_a_dinas_fits_any_regional_government(db):
    agency("dinas", "73").clean()
    agency("dinas", "73.71").clean()


def test_a_unit_must_belong_to_the_same_government_as_its_parent_agency(db):
    setda = factories.AgencyFactory(kind=AgencyKind.objects.get(code="setda"), government=Region.objects.get(code="73"))
    unit = agency("bagian", "73.71", parent=setda)
    with pytest.raises(ValidationError) as caught:
        unit.clean()
    assert list(caught.value.message_dict) == ["parent"]


def test_agencies_in_a_province_include_those_of_its_regencies_and_cities(db):
    inside = [
        factories.AgencyFactory(government=Region.objects.get(code="73")),
        factories.AgencyFactory(government=Region.objects.get(code="73.71")),
    ]
    factories.AgencyFactory(government=Region.objects.get(code="31"))
    assert set(Agency.objects.in_province(Region.objects.get(code="73"))) == set(inside)


# --- regions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "abbreviation"), [("31", "WIB"), ("73", "WITA"), ("94", "WIT"), ("61", "WIB"), ("51", "WITA")]
)
def test_a_region_names_its_time_zone(db, code, abbreviation):
    assert Region.objects.get(code=code).zone_abbreviation == abbreviation


def test_a_region_gives_its_zone_as_zoneinfo(db):
    assert Region.objects.get(code="73").zone.key == "Asia/Makassar"


def test_a_regency_knows_its_province(db):
    province = Region.objects.get(code="73")
    assert Region.objects.get(code="73.71").province == province
    assert province.province == province
