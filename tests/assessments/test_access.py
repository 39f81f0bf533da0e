"""Who sees which sessions and presentations: every role, refusals included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from assessments import access
from assessments.models import FeedbackItem, Presentation, SeminarSession
from tests import factories
from tests.assessments.factories import FeedbackItemFactory


@pytest.fixture
def world(session, presentation, other_presentation, elsewhere):
    """Two sessions of one seminar: ours with two participants, and Ruang B with one."""
    return elsewhere


def sessions_seen_by(user):
    return set(SeminarSession.objects.visible_to(user))


def presentations_seen_by(user):
    return set(Presentation.objects.visible_to(user))


def test_an_examiner_sees_their_session_and_everyone_presenting_in_it(
    world, session, presentation, other_presentation, examiner_one
):
    assert sessions_seen_by(examiner_one) == {session}
    assert presentations_seen_by(examiner_one) == {presentation, other_presentation}


def test_an_examiner_of_another_session_sees_only_that_session(world, examiner_one):
    assert sessions_seen_by(world.examiner) == {world.session}
    assert presentations_seen_by(world.examiner) == {world.presentation}


def test_the_chair_sees_their_session_and_everyone_presenting_in_it(
    world, session, presentation, other_presentation, chair
):
    assert sessions_seen_by(chair) == {session}
    assert presentations_seen_by(chair) == {presentation, other_presentation}


@pytest.mark.parametrize("who", ["mentor", "coach"])
def test_a_mentor_or_coach_sees_the_session_but_only_their_own_participant(request, world, session, presentation, who):
    user = request.getfixturevalue(who)

    assert sessions_seen_by(user) == {session}
    assert presentations_seen_by(user) == {presentation}


def test_organiser_staff_see_every_session_and_presentation_of_their_cohorts(world, session, organiser_staff):
    assert sessions_seen_by(organiser_staff) == {session, world.session}
    assert presentations_seen_by(organiser_staff) == set(Presentation.objects.all())


def test_staff_of_another_organiser_see_nothing(world):
    outsider = factories.UserFactory()
    factories.OrganiserFactory().staff.add(outsider)

    assert sessions_seen_by(outsider) == set()
    assert presentations_seen_by(outsider) == set()


def test_a_participant_sees_only_their_own_presentation(world, presentation, participant):
    assert presentations_seen_by(participant.user) == {presentation}


def test_a_participant_does_not_see_the_sessions_panel_view(world, participant):
    assert sessions_seen_by(participant.user) == set()


def test_a_stranger_sees_nothing(world, stranger):
    assert sessions_seen_by(stranger) == set()
    assert presentations_seen_by(stranger) == set()


def test_an_anonymous_visitor_sees_nothing(world):
    assert sessions_seen_by(AnonymousUser()) == set()
    assert presentations_seen_by(AnonymousUser()) == set()


def test_a_superuser_sees_everything(world):
    admin = factories.UserFactory(is_superuser=True)

    assert sessions_seen_by(admin) == set(SeminarSession.objects.all())
    assert presentations_seen_by(admin) == set(Presentation.objects.all())


def test_visibility_never_duplicates_rows(world, session, examiner_one, mentor):
    # An examiner who is also the participant's mentor matches two ways.
    factories.AssignmentFactory(enrolment=session.presentations.get(order=2).enrolment, user=examiner_one, role="coach")

    assert SeminarSession.objects.visible_to(examiner_one).count() == 1
    assert Presentation.objects.visible_to(examiner_one).count() == 2


# --- panel roles -------------------------------------------------------------------------------


def test_panel_role_names_how_each_person_scores(world, presentation, examiner_one, mentor, coach, chair, stranger):
    assert access.panel_role(examiner_one, presentation) == "examiner"
    assert access.panel_role(mentor, presentation) == "mentor"
    assert access.panel_role(coach, presentation) == "coach"
    assert access.panel_role(chair, presentation) is None
    assert access.panel_role(stranger, presentation) is None
    assert access.panel_role(world.examiner, presentation) is None
    assert access.panel_role(AnonymousUser(), presentation) is None


def test_a_mentor_has_no_panel_role_for_another_participant(world, other_presentation, mentor):
    assert access.panel_role(mentor, other_presentation) is None


def test_scorable_by_lists_what_each_panel_member_scores(world, presentation, other_presentation, examiner_one, mentor):
    assert set(Presentation.objects.scorable_by(examiner_one)) == {presentation, other_presentation}
    assert set(Presentation.objects.scorable_by(mentor)) == {presentation}
    assert set(Presentation.objects.scorable_by(world.examiner)) == {world.presentation}


def test_only_the_chair_or_a_superuser_chairs(session, chair, examiner_one):
    assert access.can_chair(chair, session) is True
    assert access.can_chair(examiner_one, session) is False
    assert access.can_chair(AnonymousUser(), session) is False
    assert access.can_chair(factories.UserFactory(is_superuser=True), session) is True


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_is_seen_by_the_participant_and_their_panel_but_not_by_others(project, participant, mentor, stranger):
    item = FeedbackItemFactory(project=project, given_by=mentor)
    FeedbackItemFactory()  # on someone else's project

    assert list(FeedbackItem.objects.visible_to(participant.user)) == [item]
    assert list(FeedbackItem.objects.visible_to(mentor)) == [item]
    assert not FeedbackItem.objects.visible_to(stranger).exists()
    assert not FeedbackItem.objects.visible_to(AnonymousUser()).exists()


def test_a_session_examiner_sees_the_feedback_they_gave(project, presentation, examiner_one):
    item = FeedbackItemFactory(project=project, given_by=examiner_one, presentation=presentation)

    assert list(FeedbackItem.objects.visible_to(examiner_one)) == [item]


def test_a_session_examiner_sees_other_feedback_on_participants_they_examined(
    project, presentation, examiner_two, mentor
):
    item = FeedbackItemFactory(project=project, given_by=mentor)

    assert list(FeedbackItem.objects.visible_to(examiner_two)) == [item]


def test_an_examiner_of_another_session_does_not_see_the_feedback(project, presentation, elsewhere, mentor):
    FeedbackItemFactory(project=project, given_by=mentor)

    assert not FeedbackItem.objects.visible_to(elsewhere.examiner).exists()
