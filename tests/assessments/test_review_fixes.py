"""Rules found missing in review: unusable rubrics, examiner visibility, one session per seminar."""

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Presentation, RubricIndicator
from tests import factories
from tests.assessments.factories import PresentationFactory


def test_scoring_with_a_rubric_whose_weights_do_not_add_up_is_refused(presentation, examiner_one, full_scores):
    indicator = RubricIndicator.objects.filter(component__rubric=presentation.session.seminar.rubric).first()
    RubricIndicator.objects.filter(pk=indicator.pk).update(weight=indicator.weight - 5)
    with pytest.raises(ValidationError) as refused:
        services.score_presentation(presentation, by=examiner_one, scores=full_scores(80, 90, 70, 100))
    assert "weights" in " ".join(refused.value.messages)
    assert not presentation.scores.exists()


def test_a_seminar_cannot_use_a_rubric_whose_weights_do_not_add_up(seminar):
    indicator = RubricIndicator.objects.filter(component__rubric=seminar.rubric).first()
    RubricIndicator.objects.filter(pk=indicator.pk).update(weight=indicator.weight + 1)
    with pytest.raises(ValidationError) as refused:
        seminar.full_clean()
    assert "rubric" in refused.value.message_dict


def test_an_examiner_assignment_alone_does_not_show_a_presentation_of_another_session(elsewhere, examiner_one):
    factories.AssignmentFactory(enrolment=elsewhere.presentation.enrolment, user=examiner_one, role="examiner")
    assert not Presentation.objects.visible_to(examiner_one).filter(pk=elsewhere.presentation.pk).exists()


def test_mentors_coaches_and_the_participant_still_see_their_presentation(presentation, mentor, coach, participant):
    for user in (mentor, coach, participant.user):
        assert Presentation.objects.visible_to(user).filter(pk=presentation.pk).exists()


def test_a_participant_cannot_present_in_two_sessions_of_one_seminar(presentation, elsewhere):
    second = Presentation(session=elsewhere.session, enrolment=presentation.enrolment, order=9)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "enrolment" in refused.value.message_dict
    assert PresentationFactory._meta.model.objects.filter(enrolment=presentation.enrolment).count() == 1
