"""Long lists come in pages: the rows of one page, a pager, and the totals of the whole list."""

import datetime
import re

import pytest
from django.urls import reverse

import assessments.views.feedback
import events.views.events
import events.views.followup
import events.views.people
import mentors.views
from events.models import ActionItem
from tests import factories
from tests.assessments.factories import FeedbackItemFactory
from tests.events.factories import EventFactory, InviteeFactory

pytestmark = pytest.mark.django_db


def pages_of(client, url: str, marker: str) -> list[int]:
    """How many ``marker`` rows each page shows, following the "next" links to the end."""
    counts = []
    while url:
        page = client.get(url).content.decode()
        counts.append(page.count(marker))
        following = re.search(r'href="([^"]*)" rel="next"', page)
        url = url.split("?")[0] + following.group(1).replace("&amp;", "&") if following else None
    return counts


def test_a_mentor_s_participants_in_pages_with_the_total_awaiting(monkeypatch):
    monkeypatch.setattr(mentors.views, "PAGE_SIZE", 2)
    mentor = factories.UserFactory()
    for _ in range(3):
        project = factories.ChangeProjectFactory(
            status="submitted", enrolment__participant__user__full_name="Peserta Uji"
        )
        factories.AssignmentFactory(enrolment=project.enrolment, user=mentor)
    client = factories.logged_in(mentor)
    assert pages_of(client, reverse("mentors:participants"), '<td data-label="Participant">Peserta Uji') == [2, 1]
    assert "3 projects await your review." in client.get(reverse("mentors:participants")).content.decode()


def test_the_feedback_one_gave_in_pages(monkeypatch):
    monkeypatch.setattr(assessments.views.feedback, "PAGE_SIZE", 2)
    mentor = factories.UserFactory()
    for _ in range(5):
        project = factories.ChangeProjectFactory()
        factories.AssignmentFactory(enrolment=project.enrolment, user=mentor)
        FeedbackItemFactory(project=project, given_by=mentor, text="Perluas ke semua kantor cabang.")
    client = factories.logged_in(mentor)
    assert pages_of(client, reverse("assessments:feedback-list"), "Perluas ke semua kantor cabang.") == [2, 2, 1]


def test_events_invitees_and_action_items_in_pages(monkeypatch):
    monkeypatch.setattr(events.views.events, "PAGE_SIZE", 2)
    monkeypatch.setattr(events.views.people, "INVITEES_PER_PAGE", 2)
    monkeypatch.setattr(events.views.followup, "PAGE_SIZE", 2)
    staff = factories.UserFactory()
    organiser = factories.OrganiserFactory()
    organiser.staff.add(staff)
    event, *_ = [EventFactory(organiser=organiser, title="Retret Kepala OPD") for _ in range(3)]
    for _ in range(3):
        invitee = InviteeFactory(event=event, position="Kepala Dinas Uji")
        ActionItem.objects.create(
            event=event, title="Tindak lanjut uji", owner=invitee.user, due_date=datetime.date(2027, 6, 30)
        )
    client = factories.logged_in(staff)
    assert pages_of(client, reverse("events:list"), ">Retret Kepala OPD<") == [2, 1]
    invitees_url = reverse("events:invitees", args=[event.pk])
    assert pages_of(client, invitees_url, "Kepala Dinas Uji") == [2, 1]
    assert "3 invitees" in client.get(invitees_url).content.decode()  # the whole list's count on every page
    assert pages_of(client, reverse("events:actions", args=[event.pk]), "Tindak lanjut uji") == [2, 1]


def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(monkeypatch):
    monkeypatch.setattr(events.views.events, "PAGE_SIZE", 2)
    staff = factories.UserFactory()
    organiser = factories.OrganiserFactory()
    organiser.staff.add(staff)
    for _ in range(3):
        EventFactory(organiser=organiser, title="Retret Kepala OPD")
    client = factories.logged_in(staff)
    for number in ("99", "abc", "-1", "1e9", "9" * 40):
        response = client.get(reverse("events:list"), {"page": number})
        assert response.status_code == 200, number
        assert ">Retret Kepala OPD<" in response.content.decode()
