"""Cohort set-up: creating, editing and copying a cohort with its stages' dates, for organiser staff only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import Seminar, SeminarKind
from diklat import cohort_setup
from diklat.models import Cohort, CohortStage, Programme
from organise.setup import copy_cohort_setup
from tests import factories
from tests.assessments.factories import SeminarFactory, SessionFactory
from tests.factories import logged_in
from tests.organise.setup_fixtures import D, Stage, form_data, organiser_with_staff, pkn2, plan

pytestmark = pytest.mark.django_db


def errors_of(dates) -> dict:
    return cohort_setup.date_errors(dates)


# --- the order of the dates ---------------------------------------------------------------------


def test_a_plan_laid_out_in_order_has_no_error():
    assert errors_of(plan()) == {}


def test_the_cohort_cannot_end_before_it_starts():
    assert errors_of(plan(end_date=D(2027, 1, 31))) == {"end_date": "The cohort cannot end before it starts."}


def test_a_stage_cannot_end_before_it_starts():
    errors = errors_of(plan(stages={Stage.OWNERSHIP: (D(2027, 2, 20), D(2027, 2, 16))}))
    assert errors == {"ownership_end": "The stage cannot end before it starts."}


def test_a_stage_must_start_after_the_previous_one_ends():
    errors = errors_of(plan(stages={Stage.OWNERSHIP: (D(2027, 2, 14), D(2027, 2, 28))}))
    assert errors == {
        "ownership_start": "This stage must start after “Diagnosis of the need for change” ends (14 Feb 2027)."
    }


def test_a_stage_must_fall_within_the_cohorts_dates():
    errors = errors_of(plan(stages={Stage.EVALUATION: (D(2027, 6, 17), D(2027, 7, 3))}))
    assert errors == {"evaluation_start": "The stage must fall within the cohort's dates."}


def test_a_stage_needs_both_days_or_neither():
    errors = errors_of(plan(stages={Stage.DIAGNOSIS: (D(2027, 2, 1), None)}))
    assert errors == {"diagnosis_end": "Give both the first and the last day of the stage, or neither."}
    assert errors_of(plan(stages={Stage.DIAGNOSIS: (None, None)})) == {}


def test_the_seminars_fall_in_their_stages_and_in_order():
    assert errors_of(plan(design_seminar_date=D(2027, 3, 20))) == {
        "design_seminar_date": "The design seminar must fall within the design stage."
    }
    assert errors_of(plan(results_seminar_date=D(2027, 6, 10))) == {
        "results_seminar_date": "The results seminar must fall within the evaluation stage."
    }
    no_stages = plan(stages=dict.fromkeys(Stage, (None, None)))
    assert errors_of(plan(stages=no_stages.stages, design_seminar_date=D(2027, 6, 25))) == {
        "results_seminar_date": "The results seminar must come after the design seminar."
    }


# --- the service --------------------------------------------------------------------------------


def test_a_cohort_is_created_with_its_stages():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    cohort = cohort_setup.create_cohort(
        by=staff, programme=programme, rule_set=rule_set, organiser=organiser, number=3, year=2027, dates=plan()
    )
    assert (cohort.start_date, cohort.results_seminar_date) == (D(2027, 2, 1), D(2027, 6, 20))
    stages = {s.stage: (s.start_date, s.end_date) for s in cohort.stages.all()}
    assert stages[Stage.LABORATORY] == (D(2027, 3, 13), D(2027, 6, 16)) and len(stages) == 5


def test_the_rule_set_must_belong_to_the_programme():
    organiser, staff = organiser_with_staff()
    programme, _rule_set = pkn2()
    pka = Programme.objects.get(code="pka").rule_sets.first()
    with pytest.raises(ValidationError) as refused:
        cohort_setup.create_cohort(
            by=staff, programme=programme, rule_set=pka, organiser=organiser, number=1, year=2027, dates=plan()
        )
    assert refused.value.message_dict == {"rule_set": ["The rule set belongs to another programme."]}


def test_staff_cannot_create_a_cohort_for_another_organiser():
    _organiser, staff = organiser_with_staff()
    other = factories.OrganiserFactory()
    programme, rule_set = pkn2()
    with pytest.raises(PermissionDenied):
        cohort_setup.create_cohort(
            by=staff, programme=programme, rule_set=rule_set, organiser=other, number=1, year=2027, dates=plan()
        )
    assert not Cohort.objects.filter(organiser=other).exists()


def test_a_taken_number_is_a_field_error():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    existing = factories.CohortFactory(
        organiser=organiser,
        number=4,
        year=2027,
        start_date=D(2027, 1, 1),
        end_date=D(2027, 12, 1),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    with pytest.raises(ValidationError) as refused:
        cohort_setup.create_cohort(
            by=staff, programme=programme, rule_set=rule_set, organiser=organiser, number=4, year=2027, dates=plan()
        )
    assert refused.value.message_dict == {"number": ["This organiser already has cohort 4 of this programme in 2027."]}
    assert Cohort.objects.filter(organiser=organiser).get() == existing


def test_an_edit_moves_the_dates_and_drops_a_stage_left_empty():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    cohort = cohort_setup.create_cohort(
        by=staff, programme=programme, rule_set=rule_set, organiser=organiser, number=1, year=2027, dates=plan()
    )
    dates = plan(end_date=D(2027, 7, 10), stages={Stage.EVALUATION: (None, None)})
    cohort_setup.update_cohort(cohort, by=staff, rule_set=rule_set, number=2, year=2027, dates=dates)
    cohort.refresh_from_db()
    assert (cohort.number, cohort.end_date) == (2, D(2027, 7, 10))
    assert not cohort.stages.filter(stage=Stage.EVALUATION).exists()


def test_the_rule_set_is_kept_once_the_cohort_has_seminars():
    organiser, staff = organiser_with_staff()
    cohort = factories.CohortFactory(organiser=organiser)
    SeminarFactory(cohort=cohort)
    older = cohort.programme.rule_sets.exclude(pk=cohort.rule_set_id).first()
    with pytest.raises(ValidationError) as refused:
        cohort_setup.update_cohort(
            cohort,
            by=staff,
            rule_set=older,
            number=cohort.number,
            year=cohort.year,
            dates=cohort_setup.CohortDates.of(cohort),
        )
    assert list(refused.value.message_dict) == ["rule_set"]


def test_a_copy_moves_every_date_by_the_same_days_and_takes_the_next_number():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    source = cohort_setup.create_cohort(
        by=staff, programme=programme, rule_set=rule_set, organiser=organiser, number=1, year=2027, dates=plan()
    )
    design = SeminarFactory(
        cohort=source, kind=SeminarKind.DESIGN, starts_at=datetime.datetime(2027, 3, 12, 1, tzinfo=datetime.UTC)
    )
    SessionFactory(seminar=design)
    copy, shift = copy_cohort_setup(source, by=staff, start_date=D(2027, 8, 2))
    assert shift == 182
    assert (copy.programme, copy.rule_set, copy.organiser) == (programme, rule_set, organiser)
    assert (copy.number, copy.year) == (2, 2027)
    assert (copy.start_date, copy.end_date) == (D(2027, 8, 2), D(2027, 12, 29))
    assert (copy.design_seminar_date, copy.results_seminar_date) == (D(2027, 9, 10), D(2027, 12, 19))
    lab = copy.stages.get(stage=Stage.LABORATORY)
    assert (lab.start_date, lab.end_date) == (D(2027, 9, 11), D(2027, 12, 15))
    seminar = Seminar.objects.get(cohort=copy)
    assert seminar.kind == SeminarKind.DESIGN and seminar.starts_at == design.starts_at + datetime.timedelta(days=182)
    assert not seminar.sessions.exists()
    assert CohortStage.objects.filter(cohort=source).count() == 5  # the source is untouched


# --- the pages ----------------------------------------------------------------------------------


def test_organiser_staff_create_a_cohort_for_their_own_organiser_from_the_page():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    client = logged_in(staff)
    page = client.get(reverse("organise:cohort-new"))
    assert page.status_code == 200 and "organiser" not in page.context["form"].fields
    other = factories.OrganiserFactory()
    data = form_data(plan(), programme=programme.pk, rule_set=rule_set.pk, organiser=other.pk, number=5)
    response = client.post(reverse("organise:cohort-new"), data)
    cohort = Cohort.objects.get(number=5)
    assert response.status_code == 302 and response.url == reverse("organise:cohort", args=[cohort.pk])
    assert cohort.organiser == organiser  # the organiser posted is ignored: staff set up their own cohorts only


def test_staff_of_two_organisers_choose_among_theirs_only():
    organiser, staff = organiser_with_staff()
    second = factories.OrganiserFactory()
    second.staff.add(staff)
    stranger = factories.OrganiserFactory()
    programme, rule_set = pkn2()
    data = form_data(plan(), programme=programme.pk, rule_set=rule_set.pk, organiser=stranger.pk)
    response = logged_in(staff).post(reverse("organise:cohort-new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["organiser"] == ["Choose one of your organisers."]
    data["organiser"] = second.pk
    assert logged_in(staff).post(reverse("organise:cohort-new"), data).status_code == 302
    assert Cohort.objects.get().organiser == second


def test_wrong_dates_and_a_taken_number_are_shown_at_their_fields():
    organiser, staff = organiser_with_staff()
    programme, rule_set = pkn2()
    factories.CohortFactory(
        organiser=organiser,
        number=1,
        year=2027,
        start_date=D(2027, 1, 1),
        end_date=D(2027, 12, 1),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    data = form_data(
        plan(stages={Stage.OWNERSHIP: (D(2027, 2, 10), D(2027, 2, 28))}),
        programme=programme.pk,
        rule_set=rule_set.pk,
    )
    response = logged_in(staff).post(reverse("organise:cohort-new"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"number", "ownership_start"}
    assert "This organiser already has cohort 1 of this programme in 2027." in response.text


def test_the_edit_page_saves_the_set_up():
    organiser, staff = organiser_with_staff()
    cohort = factories.CohortFactory(
        organiser=organiser,
        year=2027,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 30),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    url = reverse("organise:cohort-edit", args=[cohort.pk])
    client = logged_in(staff)
    assert client.get(url).context["form"]["start_date"].value() == D(2027, 2, 1)
    response = client.post(url, form_data(plan(), rule_set=cohort.rule_set_id, number=9))
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.number == 9 and cohort.stages.count() == 5


def test_the_copy_page_creates_the_shifted_cohort():
    organiser, staff = organiser_with_staff()
    source = factories.CohortFactory(
        organiser=organiser,
        number=1,
        year=2027,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 30),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    response = logged_in(staff).post(reverse("organise:cohort-copy", args=[source.pk]), {"start_date": "2027-02-08"})
    copy = Cohort.objects.exclude(pk=source.pk).get()
    assert response.status_code == 302 and response.url == reverse("organise:cohort", args=[copy.pk])
    assert (copy.number, copy.start_date, copy.end_date) == (2, D(2027, 2, 8), D(2027, 7, 7))


def test_the_copy_page_shows_a_taken_number_at_its_field():
    organiser, staff = organiser_with_staff()
    source = factories.CohortFactory(
        organiser=organiser,
        number=1,
        year=2027,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 30),
        design_seminar_date=None,
        results_seminar_date=None,
    )
    response = logged_in(staff).post(
        reverse("organise:cohort-copy", args=[source.pk]), {"start_date": "2027-03-01", "number": "1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["number"] == [
        "This organiser already has cohort 1 of this programme in 2027."
    ]


def test_the_list_and_the_home_link_to_the_set_up_pages(organiser_staff, enrolment):
    client = logged_in(organiser_staff)
    assert f'href="{reverse("organise:cohort-new")}"' in client.get(reverse("organise:cohorts")).text
    home = client.get(reverse("organise:cohort", args=[enrolment.cohort.pk])).text
    assert f'href="{reverse("organise:cohort-edit", args=[enrolment.cohort.pk])}"' in home
    assert f'href="{reverse("organise:cohort-copy", args=[enrolment.cohort.pk])}"' in home


@pytest.mark.parametrize("name", ["cohort-edit", "cohort-copy"])
def test_another_organisers_staff_get_not_found(organiser_staff, name):
    other = factories.CohortFactory()
    assert logged_in(organiser_staff).get(reverse(f"organise:{name}", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("name", ["cohort-new", "cohort-edit", "cohort-copy"])
def test_a_participant_is_refused_and_a_visitor_sent_to_log_in(client, participant, enrolment, name):
    url = reverse(f"organise:{name}", args=[] if name == "cohort-new" else [enrolment.cohort.pk])
    assert logged_in(participant.user).get(url).status_code == 403
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_superuser_chooses_the_organiser_and_is_told_when_there_is_none(superuser):
    programme, rule_set = pkn2()
    data = form_data(plan(), programme=programme.pk, rule_set=rule_set.pk)
    response = logged_in(superuser).post(reverse("organise:cohort-new"), data)
    assert response.status_code == 400 and "No organiser exists yet: add one in the admin first." in response.text
    first, second = factories.OrganiserFactory(), factories.OrganiserFactory()
    response = logged_in(superuser).post(reverse("organise:cohort-new"), {**data, "organiser": second.pk})
    assert response.status_code == 302
    assert Cohort.objects.get().organiser == second and first.cohorts.count() == 0


def test_a_copy_into_an_impossible_year_is_a_field_error():
    organiser, staff = organiser_with_staff()
    source = factories.CohortFactory(organiser=organiser)
    response = logged_in(staff).post(reverse("organise:cohort-copy", args=[source.pk]), {"start_date": "2150-01-01"})
    assert response.status_code == 400
    assert response.context["form"].errors["start_date"] == ["Choose a first day between the years 2000 and 2100."]
