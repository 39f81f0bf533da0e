"""Long pages open with jump links to their sections, and every link lands on a section of the page."""

import re

import pytest
from django.urls import reverse

from assessments import services
from tests import factories

from .conftest import score_everyone

pytestmark = pytest.mark.django_db
JUMP_NAV = re.compile(r'<nav class="jump-links[^"]*"[^>]*>(.*?)</nav>', re.DOTALL)


def jump_targets(page: str) -> list[str]:
    nav = JUMP_NAV.search(page)
    assert nav, "no jump links"
    return re.findall(r'href="#([\w-]+)"', nav.group(1))


def assert_every_target_is_on(page: str, expected: set[str]) -> None:
    targets = jump_targets(page)
    assert expected <= set(targets)
    for target in targets:
        assert f'id="{target}"' in page, target


def test_the_session_page_jumps_to_participants_panel_record_chair_and_history(client, day):
    score_everyone(day)
    services.finalise_session(day.session, by=day.chair, acknowledge_flags=True)
    client.force_login(day.chair)
    page = client.get(reverse("assessments:session", args=[day.session.pk])).content.decode()
    assert_every_target_is_on(page, {"results", "panel", "official-documents", "chair", "session-history"})
    client.force_login(day.examiners[1])
    examiner_page = client.get(reverse("assessments:session", args=[day.session.pk])).content.decode()
    assert "chair" not in jump_targets(examiner_page)  # only the chair has that section


def test_the_project_page_jumps_to_each_of_its_sections(client):
    project = factories.ChangeProjectFactory(status="in_implementation")
    factories.MilestoneFactory(project=project)
    client.force_login(project.enrolment.participant.user)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert_every_target_is_on(page, {"milestones", "timeline", "budget", "updates", "design", "team", "changes"})
