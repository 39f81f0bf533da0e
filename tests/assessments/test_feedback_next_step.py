"""A feedback item's page offers the step the workflow expects next as its one main button."""

import re

import pytest
from django.urls import reverse

from assessments import feedback
from assessments.models import FeedbackItem
from tests.assessments.test_feedback import give, png

pytestmark = pytest.mark.django_db
Status = FeedbackItem.Status


@pytest.fixture
def item(project, examiner_one, presentation):
    return give(project, examiner_one, presentation=presentation)


def moves_section(client, item) -> str:
    page = client.get(reverse("assessments:feedback", args=[item.pk])).content.decode()
    return re.search(r'<section class="card" id="moves">(.*?)</section>', page, re.S).group(1)


def main_buttons(section: str) -> list[str]:
    return re.findall(r'value="(\w+)" class="button primary"', section)


def folded(section: str) -> list[str]:
    other = re.search(r'<details class="other-moves"[^>]*>(.*?)</details>', section, re.S)
    return re.findall(r'name="target" value="(\w+)"', other.group(1)) if other else []


def test_new_feedback_offers_accepting_as_the_main_step_and_folds_the_jumps_ahead(client, item, participant):
    client.force_login(participant.user)
    section = moves_section(client, item)
    assert main_buttons(section) == ["accepted"]
    assert folded(section) == ["in_progress", "implemented"]
    assert 'name="files"' in re.search(r'<details class="other-moves".*?</details>', section, re.S).group(0)


def test_accepted_feedback_offers_starting_then_reporting(client, item, participant):
    client.force_login(participant.user)
    feedback.move_feedback(item, Status.ACCEPTED, by=participant.user)
    assert main_buttons(moves_section(client, item)) == ["in_progress"]
    feedback.move_feedback(item, Status.IN_PROGRESS, by=participant.user)
    section = moves_section(client, item)
    assert main_buttons(section) == ["implemented"]
    assert folded(section) == []
    assert section.index('name="files"') < section.index('value="implemented"')  # evidence asked for by the button


def test_the_giver_verifies_as_the_main_step_and_may_reject_beside_it(client, item, participant, examiner_one):
    feedback.move_feedback(item, Status.IMPLEMENTED, by=participant.user, files=[png()])
    client.force_login(examiner_one)
    section = moves_section(client, item)
    assert main_buttons(section) == ["verified"]
    assert 'value="rejected" class="button warning"' in section
    assert folded(section) == []


def test_a_folded_step_still_works(client, item, participant):
    client.force_login(participant.user)
    client.post(reverse("assessments:feedback-move", args=[item.pk]), {"target": "in_progress", "note": "Mulai."})
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
