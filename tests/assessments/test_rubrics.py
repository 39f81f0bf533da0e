"""Rubrics as versioned data: seeded defaults, weight checks, copies, freezing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import rubric_versions, services
from assessments.models import LevelDescriptor, Rubric, RubricIndicator, SeminarKind
from diklat.models import RuleSet
from tests.assessments.factories import build_rubric


def _structure(rubric):
    return [
        (c.name, c.weight, c.order, [(i.name, i.weight, i.order, i.levels.count()) for i in c.indicators.all()])
        for c in rubric.components.all()
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("programme", ["pkn2", "pka", "pkp"])
@pytest.mark.parametrize("kind", [SeminarKind.DESIGN, SeminarKind.RESULTS])
def test_the_seeded_rubrics_weights_add_up(programme, kind):
    rule_sets = RuleSet.objects.filter(programme__code=programme)
    assert rule_sets.exists()
    for rule_set in rule_sets:
        rubric = Rubric.objects.current(rule_set, kind)

        assert rubric is not None, rule_set
        assert sum(c.weight for c in rubric.components.all()) == Decimal(100)
        assert rubric.weight_errors() == []


@pytest.mark.django_db
def test_every_seeded_indicator_has_level_descriptors():
    seeded = RubricIndicator.objects.filter(component__rubric__version=1)

    assert seeded.exists()
    assert not seeded.filter(levels__isnull=True).exists()


@pytest.mark.django_db
def test_a_rubric_whose_component_weights_do_not_add_up_says_so(cohort):
    rubric = build_rubric(cohort.rule_set, [("A", [("a1", 30), ("a2", 20)]), ("B", [("b1", 40)])], version=40)

    assert rubric.weight_errors() == ["The component weights add up to 90, not 100."]


@pytest.mark.django_db
def test_a_component_whose_indicators_do_not_add_up_says_so(cohort):
    rubric = build_rubric(cohort.rule_set, [("Capaian", [("a1", 30), ("a2", 20)]), ("B", [("b1", 50)])], version=41)
    rubric.components.filter(name="Capaian").update(weight=Decimal(60))
    rubric.components.filter(name="B").update(weight=Decimal(40))

    errors = rubric.weight_errors()

    assert "The indicators of “Capaian” add up to 50, not its weight 60." in errors
    assert "The indicators of “B” add up to 50, not its weight 40." in errors


@pytest.mark.django_db
def test_check_weights_refuses_a_rubric_that_does_not_add_up(cohort):
    rubric = build_rubric(cohort.rule_set, [("A", [("a1", 30)])], version=42)

    with pytest.raises(ValidationError) as caught:
        rubric.check_weights()

    assert caught.value.messages == ["The component weights add up to 30, not 100."]


def test_the_small_test_rubric_adds_up(rubric):
    rubric.check_weights()

    assert rubric.weight_errors() == []


def test_copying_a_rubric_makes_the_next_version_with_the_same_structure(rubric, chair):
    LevelDescriptor.objects.create(
        indicator=RubricIndicator.objects.filter(component__rubric=rubric).first(),
        lowest=90,
        highest=100,
        description="Sangat baik",
    )

    copy = rubric_versions.copy_rubric(rubric, by=chair)

    latest = Rubric.objects.filter(rule_set=rubric.rule_set, kind=rubric.kind).exclude(pk=copy.pk)
    assert copy.version == max(r.version for r in latest) + 1
    assert copy.copied_from == rubric
    assert (copy.rule_set, copy.kind, copy.name) == (rubric.rule_set, rubric.kind, rubric.name)
    assert _structure(copy) == _structure(rubric)
    assert copy.weight_errors() == []


def test_a_copy_takes_a_new_name_when_given(rubric, chair):
    assert rubric_versions.copy_rubric(rubric, by=chair, name="Rubrik 2027").name == "Rubrik 2027"


def test_copying_leaves_the_original_untouched(rubric, chair):
    before = _structure(rubric)

    rubric_versions.copy_rubric(rubric, by=chair)

    assert _structure(rubric) == before


def test_a_rubric_without_scores_is_editable(rubric):
    assert rubric.is_frozen is False
    rubric_versions.ensure_rubric_editable(rubric)  # does not raise


def test_a_rubric_is_frozen_once_a_score_uses_it(rubric, presentation, examiner_one, indicators):
    services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: 80}, complete=False)

    assert rubric.is_frozen is True
    with pytest.raises(ValidationError, match="frozen"):
        rubric_versions.ensure_rubric_editable(rubric)


def test_a_copy_of_a_frozen_rubric_is_editable(rubric, presentation, examiner_one, indicators, chair):
    services.score_presentation(presentation, by=examiner_one, scores={indicators[0].pk: 80}, complete=False)

    copy = rubric_versions.copy_rubric(rubric, by=chair)

    assert copy.is_frozen is False
    rubric_versions.ensure_rubric_editable(copy)


# --- a seminar's rubric and participants -------------------------------------------------------


def test_a_seminar_refuses_a_rubric_of_another_rule_set(seminar):
    other_rule_set = RuleSet.objects.filter(programme__code="pkp").first()
    seminar.rubric = Rubric.objects.current(other_rule_set, SeminarKind.RESULTS)

    with pytest.raises(ValidationError) as caught:
        seminar.full_clean()

    assert list(caught.value.message_dict) == ["rubric"]


def test_a_seminar_refuses_a_rubric_of_the_other_seminar_kind(seminar):
    seminar.rubric = Rubric.objects.current(seminar.cohort.rule_set, SeminarKind.DESIGN)

    with pytest.raises(ValidationError) as caught:
        seminar.full_clean()

    assert list(caught.value.message_dict) == ["rubric"]


def test_a_seminar_with_a_fitting_rubric_is_valid(seminar):
    seminar.full_clean()


def test_a_presentation_refuses_a_participant_of_another_cohort(presentation):
    from tests import factories

    presentation.enrolment = factories.EnrolmentFactory()

    with pytest.raises(ValidationError) as caught:
        presentation.full_clean()

    assert list(caught.value.message_dict) == ["enrolment"]
