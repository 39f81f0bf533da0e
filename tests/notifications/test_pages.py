"""The notification centre and its bell: a user's own notifications only, opened, marked read; unsubscribe links."""

import re

import pytest
from django.urls import reverse

from notifications.kinds import Kind
from notifications.links import unsubscribe_token
from notifications.models import ChannelChoice, Notification
from tests import factories
from tests.notifications.page_helpers import notifications

pytestmark = pytest.mark.django_db

CENTRE = "/notifications/"


def shown_titles(response) -> list[str]:
    return re.findall(r'<a href="/notifications/\d+/">(?:<span[^>]*>[^<]*</span>)?([^<]+)</a>', response.text)


@pytest.fixture
def user(participant):
    return participant.user


@pytest.fixture
def client_of(user):
    return factories.logged_in(user)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", CENTRE),
        ("get", "/notifications/1/"),
        ("post", "/notifications/read/"),
        ("get", "/notifications/preferences/"),
    ],
)
def test_an_anonymous_visitor_is_sent_to_log_in(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_the_centre_lists_only_the_users_own_notifications_newest_first(client_of, user, stranger):
    notifications(user, 3)
    notifications(stranger, 1, title="Rahasia orang lain")
    response = client_of.get(CENTRE)
    assert response.status_code == 200
    assert shown_titles(response) == ["Pemberitahuan 3", "Pemberitahuan 2", "Pemberitahuan 1"]
    assert "Rahasia orang lain" not in response.text


def test_unread_ones_are_marked_and_the_unread_filter_shows_only_them(client_of, user):
    notifications(user, 2, read=True, title="Sudah dibaca")
    notifications(user, 3, title="Belum dibaca")
    page = client_of.get(CENTRE).text
    assert page.count('class="notification unread"') == 3
    assert page.count('class="notification"') == 2
    assert "Unread (3)" in page
    unread = client_of.get(CENTRE, {"show": "unread"})
    assert shown_titles(unread) == ["Belum dibaca"] * 3


def test_the_unread_filter_says_so_when_nothing_is_unread(client_of, user):
    notifications(user, 1, read=True)
    assert "Nothing unread." in client_of.get(CENTRE, {"show": "unread"}).text


def test_the_centre_shows_thirty_a_page(client_of, user):
    notifications(user, 40)
    first = client_of.get(CENTRE)
    assert len(shown_titles(first)) == 30 and "Page 1 of 2" in first.text
    second = client_of.get(CENTRE, {"page": 2})
    assert shown_titles(second)[-1] == "Pemberitahuan 1" and len(shown_titles(second)) == 10
    assert client_of.get(CENTRE, {"page": "x' OR 1=1"}).status_code == 200  # not a number: the first page


def test_the_pager_keeps_the_unread_filter(client_of, user):
    notifications(user, 35)
    page = client_of.get(CENTRE, {"show": "unread"}).text
    assert 'href="?show=unread&amp;page=2"' in page


def test_the_centre_needs_a_fixed_number_of_queries(client_of, user, django_assert_max_num_queries):
    notifications(user, 20, read=True)
    notifications(user, 20)
    client_of.get(CENTRE)  # the first request after logging in also finds and remembers the user's zone
    # session, user, the header (with the bell), unread count, page count, the page's rows
    with django_assert_max_num_queries(6):
        response = client_of.get(CENTRE)
    assert len(shown_titles(response)) == 30


def test_one_notification_is_marked_read(client_of, user):
    first, second = notifications(user, 2)
    response = client_of.post("/notifications/read/", {"notification": first.pk, "next": "/notifications/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/notifications/?page=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_all_are_marked_read(client_of, user, stranger):
    notifications(user, 3)
    (theirs,) = notifications(stranger, 1)
    response = client_of.post("/notifications/read/", {"all": "1"}, follow=True)
    assert "Marked as read." in response.text
    assert not Notification.objects.for_user(user).unread().exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notification_cannot_be_marked_read(client_of, stranger):
    (theirs,) = notifications(stranger, 1)
    response = client_of.post("/notifications/read/", {"notification": theirs.pk}, follow=True)
    assert response.status_code == 200 and "Marked as read." not in response.text
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("value", ["abc", "²", "-1", "9" * 40, ""])
def test_a_malformed_id_marks_nothing_and_is_no_error(client_of, user, value):
    notifications(user, 2)
    response = client_of.post("/notifications/read/", {"notification": value})
    assert response.status_code == 302
    assert Notification.objects.for_user(user).unread().count() == 2


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/notifications/", "/projects/"])
def test_marking_read_returns_only_to_a_page_of_the_centre(client_of, user, next_url):
    (mine,) = notifications(user, 1)
    response = client_of.post("/notifications/read/", {"notification": mine.pk, "next": next_url})
    assert response["Location"] == CENTRE


def test_marking_read_needs_a_post(client_of):
    assert client_of.get("/notifications/read/").status_code == 405


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(client_of, user):
    (mine,) = notifications(user, 1, link="/projects/7/")
    response = client_of.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == "/projects/7/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_opening_it_again_keeps_the_first_reading_time(client_of, user):
    (mine,) = notifications(user, 1)
    client_of.get(f"/notifications/{mine.pk}/")
    mine.refresh_from_db()
    first = mine.read_at
    client_of.get(f"/notifications/{mine.pk}/")
    mine.refresh_from_db()
    assert mine.read_at == first


def test_another_users_notification_cannot_be_opened(client_of, stranger):
    (theirs,) = notifications(stranger, 1)
    assert client_of.get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example/",
        "http://testserver/projects/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "projects/",
        "",
    ],
)
def test_a_link_that_is_not_a_path_on_this_site_is_never_followed(client_of, user, link):
    (mine,) = notifications(user, 1, link=link)
    response = client_of.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == CENTRE


def test_the_bell_shows_the_unread_count_on_every_page(client_of, user, stranger):
    notifications(user, 4)
    notifications(user, 2, read=True)
    notifications(stranger, 5)
    for url in ("/projects/", CENTRE, "/notifications/preferences/", reverse("people:profile")):
        page = client_of.get(url, follow=True).text
        assert 'data-unread="4"' in page and '<span class="bell-count">4<' in page, url


def test_the_bell_says_99_plus_above_99(client_of, user):
    notifications(user, 100)
    assert '<span class="bell-count">99+<' in client_of.get(CENTRE).text


def test_the_bell_has_no_count_when_everything_is_read(client_of, user):
    notifications(user, 2, read=True)
    page = client_of.get(CENTRE).text
    assert 'class="bell"' in page and "bell-count" not in page


# Unsubscribe, from the link in every e-mail


def unsubscribe_url(user, kind="") -> str:
    return f"/notifications/unsubscribe/{unsubscribe_token(user.pk, kind)}/"


def email_on(user, kind) -> bool:
    choice = ChannelChoice.objects.filter(user=user, kind=kind).first()
    return choice is None or choice.email


def test_the_unsubscribe_link_asks_first_and_changes_nothing_on_get(client, user):
    response = client.get(unsubscribe_url(user, Kind.FEEDBACK_DUE))
    assert response.status_code == 200
    assert "Stop e-mail about: Feedback due dates?" in response.text
    assert not ChannelChoice.objects.exists()


def test_unsubscribing_turns_email_off_for_that_kind_only_without_logging_in(client, user):
    response = client.post(unsubscribe_url(user, Kind.FEEDBACK_DUE))
    assert response.status_code == 200 and "You will no longer get e-mail about: Feedback due dates." in response.text
    choice = ChannelChoice.objects.get(user=user)
    assert (choice.kind, choice.email, choice.whatsapp) == (Kind.FEEDBACK_DUE, False, True)
    assert email_on(user, Kind.MILESTONE_DUE)


def test_a_token_without_a_kind_turns_every_kind_off_and_keeps_whatsapp(client, user):
    ChannelChoice.objects.create(user=user, kind=Kind.BUDGET_APPROVED, email=True, whatsapp=False)
    client.post(unsubscribe_url(user))
    assert not any(email_on(user, kind) for kind in Kind.values)
    assert ChannelChoice.objects.get(user=user, kind=Kind.BUDGET_APPROVED).whatsapp is False
    assert ChannelChoice.objects.filter(user=user, whatsapp=True).count() == len(Kind) - 1


def test_unsubscribing_twice_is_harmless(client, user):
    client.post(unsubscribe_url(user, Kind.SCORE_SHEET))
    assert client.post(unsubscribe_url(user, Kind.SCORE_SHEET)).status_code == 200
    assert ChannelChoice.objects.filter(user=user).count() == 1


def test_a_users_token_only_changes_that_users_choices(client, user, stranger):
    client.post(unsubscribe_url(stranger, Kind.MILESTONE_DUE))
    assert email_on(user, Kind.MILESTONE_DUE)
    assert not email_on(stranger, Kind.MILESTONE_DUE)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_not_found(client, user, stranger, method):
    token = unsubscribe_token(user.pk, Kind.MILESTONE_DUE)
    value, signature = token.rsplit(":", 1)
    forged = unsubscribe_token(stranger.pk, "").rsplit(":", 1)[0] + ":" + signature
    for bad in (value + ":" + signature[::-1], forged, "garbage", token + "x"):
        assert getattr(client, method)(f"/notifications/unsubscribe/{bad}/").status_code == 404
    assert not ChannelChoice.objects.exists()


def test_a_token_for_an_unknown_kind_is_not_found(client, user):
    assert client.post(unsubscribe_url(user, "no_such_kind")).status_code == 404


def test_a_token_of_an_inactive_or_deleted_user_is_not_found(client, user, stranger):
    url = unsubscribe_url(stranger, Kind.MILESTONE_DUE)
    user.is_active = False
    user.save()
    assert client.post(unsubscribe_url(user, Kind.MILESTONE_DUE)).status_code == 404
    stranger.delete()
    assert client.post(url).status_code == 404
    assert not ChannelChoice.objects.exists()
