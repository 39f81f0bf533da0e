"""Completing a project is final: never the obvious tap while something is unfinished, and never by accident."""

import re

import pytest
from django.urls import reverse

from projects.models import ChangeProject, Milestone
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(project):
    project.status = ChangeProject.Status.IN_IMPLEMENTATION
    project.save(update_fields=["status"])
    return project


@pytest.fixture
def owner_client(client, running):
    client.force_login(running.enrolment.participant.user)
    return client


def done(project, horizon, **fields):
    finished = {"status": Milestone.Status.DONE, "progress": 100, "completed_on": factories.today()}
    return factories.MilestoneFactory(project=project, horizon=horizon, **finished, **fields)


def complete_url(project):
    return reverse("projects:transition", args=[project.pk, "complete"])


def actions_of(page: str) -> str:
    return re.search(r'<div class="actions" id="project-actions">(.*?)\n</div>', page, re.S).group(1)


def test_with_later_milestones_open_completing_asks_first_and_names_what_is_open(owner_client, running):
    done(running, "short", weight=39)
    factories.MilestoneFactory(project=running, horizon="medium", activity="Replikasi ke 5 OPD", weight=40, progress=0)
    factories.MilestoneFactory(project=running, horizon="long", activity="Perbup layanan", weight=21, progress=0)
    page = owner_client.get(running.get_absolute_url()).content.decode()
    actions = actions_of(page)
    assert '<details class="confirm-transition">' in actions
    assert "button primary" not in actions  # nothing else to do, yet completing is not offered as the main tap
    assert "Progress is 39% and 2 milestones are still open" in actions
    assert actions.index("Replikasi ke 5 OPD") < actions.index("Perbup layanan")  # medium before long
    assert 'name="confirmed" value="yes"' in actions


def test_completing_without_the_confirmation_changes_nothing_and_says_why(owner_client, running):
    done(running, "short")
    factories.MilestoneFactory(project=running, horizon="medium")
    response = owner_client.post(complete_url(running), follow=True)
    assert "Milestones are still open: confirm" in response.text
    running.refresh_from_db()
    assert running.status == ChangeProject.Status.IN_IMPLEMENTATION
    assert not running.transitions.exists()


def test_confirmed_it_completes_with_later_milestones_open(owner_client, running):
    done(running, "short")
    factories.MilestoneFactory(project=running, horizon="long")
    owner_client.post(complete_url(running), {"confirmed": "yes"})
    running.refresh_from_db()
    assert running.status == ChangeProject.Status.COMPLETED


def test_an_open_short_term_milestone_shows_the_button_disabled_with_the_reason(owner_client, running):
    factories.MilestoneFactory(project=running, horizon="short", progress=60)
    actions = actions_of(owner_client.get(running.get_absolute_url()).content.decode())
    assert re.search(r"<button[^>]*disabled[^>]*>Mark as completed</button>", actions)
    assert "Finish or cancel every short-term milestone" in actions
    assert "confirmed" not in actions


def test_even_confirmed_an_open_short_term_milestone_bars_completion(owner_client, running):
    factories.MilestoneFactory(project=running, horizon="short")
    response = owner_client.post(complete_url(running), {"confirmed": "yes"}, follow=True)
    assert "Finish or cancel every short-term milestone" in response.text
    running.refresh_from_db()
    assert running.status == ChangeProject.Status.IN_IMPLEMENTATION


def test_with_everything_done_completing_is_the_main_button_and_needs_no_confirmation(owner_client, running):
    for horizon in ("short", "medium", "long"):
        done(running, horizon)
    factories.MilestoneFactory(project=running, horizon="long", status=Milestone.Status.CANCELLED)
    actions = actions_of(owner_client.get(reverse("projects:dashboard")).content.decode())
    assert re.search(r'<button type="submit" class="button primary">Mark as completed</button>', actions)
    owner_client.post(complete_url(running))
    running.refresh_from_db()
    assert running.status == ChangeProject.Status.COMPLETED


def test_the_indonesian_page_says_it_in_indonesian(owner_client, running, settings):
    settings.LANGUAGE_CODE = "id"
    done(running, "short", weight=3)
    factories.MilestoneFactory(project=running, horizon="medium", weight=1)
    actions = actions_of(owner_client.get(running.get_absolute_url()).content.decode())
    assert "Progres baru 75% dan 1 milestone masih terbuka" in actions
    assert "Ya, tandai selesai" in actions
