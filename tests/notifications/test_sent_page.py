"""The staff's page of messages sent: their own cohorts only, filters, resend."""

import re

import pytest

from notifications.kinds import Channel, Kind
from notifications.models import Delivery
from tests import factories
from tests.notifications.page_helpers import deliveries

pytestmark = pytest.mark.django_db

SENT = "/notifications/sent/"


def shown(response) -> list[str]:
    """The addresses in the table, in order."""
    return re.findall(r'<small class="muted wraps-anywhere">([^<]+)</small>', response.text)


@pytest.fixture
def cohort(enrolment):
    return enrolment.cohort


@pytest.fixture
def owner(participant):
    user = participant.user
    user.email = "peserta@example.go.id"
    user.save()
    return user


@pytest.fixture
def staff(organiser_staff):
    return factories.logged_in(organiser_staff)


@pytest.fixture
def other_cohort(db):
    return factories.CohortFactory()


@pytest.fixture
def other_staff(other_cohort):
    user = factories.UserFactory()
    other_cohort.organiser.staff.add(user)
    return factories.logged_in(user)


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(SENT)["Location"].startswith("/accounts/login/")


def test_a_participant_may_not_see_the_page_nor_resend(owner, cohort):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.FAILED)
    client = factories.logged_in(owner)
    assert client.get(SENT).status_code == 403
    assert client.post(f"/notifications/sent/{delivery.pk}/resend/").status_code == 403


def test_staff_see_the_deliveries_of_their_own_cohorts_only(staff, owner, cohort, other_cohort):
    deliveries(owner, cohort=cohort, address="mine@example.go.id")
    deliveries(owner, cohort=other_cohort, address="theirs@example.go.id")
    deliveries(owner, cohort=None, address="nobodys@example.go.id")
    response = staff.get(SENT)
    assert response.status_code == 200
    assert shown(response) == ["mine@example.go.id"]


def test_a_superuser_sees_every_delivery(superuser, owner, cohort, other_cohort):
    deliveries(owner, cohort=cohort, address="a@example.go.id")
    deliveries(owner, cohort=other_cohort, address="b@example.go.id")
    deliveries(owner, cohort=None, address="c@example.go.id")
    assert sorted(shown(factories.logged_in(superuser).get(SENT))) == [
        "a@example.go.id",
        "b@example.go.id",
        "c@example.go.id",
    ]


def test_another_organisers_staff_neither_see_nor_resend_this_organisers_deliveries(other_staff, owner, cohort):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.FAILED)
    assert shown(other_staff.get(SENT)) == []
    assert other_staff.post(f"/notifications/sent/{delivery.pk}/resend/").status_code == 404
    delivery.refresh_from_db()
    assert (delivery.status, delivery.resends) == (Delivery.Status.FAILED, 0)


def test_the_filters_narrow_by_channel_status_kind_and_recipient(staff, owner, cohort):
    other = factories.UserFactory(full_name="Andi Mattalatta")
    deliveries(owner, cohort=cohort, address="peserta@example.go.id")
    deliveries(owner, cohort=cohort, channel=Channel.WHATSAPP, address="+6281234567890", status=Delivery.Status.FAILED)
    deliveries(other, cohort=cohort, address="andi@example.go.id", kind=Kind.BUDGET_APPROVED)
    assert shown(staff.get(SENT, {"channel": "whatsapp"})) == ["+6281234567890"]
    assert shown(staff.get(SENT, {"status": "failed"})) == ["+6281234567890"]
    assert shown(staff.get(SENT, {"kind": Kind.BUDGET_APPROVED})) == ["andi@example.go.id"]
    assert shown(staff.get(SENT, {"q": "mattalatta"})) == ["andi@example.go.id"]  # the name
    assert shown(staff.get(SENT, {"q": "81234"})) == ["+6281234567890"]  # the address
    assert shown(staff.get(SENT, {"channel": "email", "kind": Kind.MILESTONE_DUE})) == ["peserta@example.go.id"]


@pytest.mark.parametrize(
    "params",
    [
        {"channel": "pigeon"},
        {"status": "lost"},
        {"kind": "'; DROP TABLE x; --"},
        {"page": "-1"},
        {"page": "abc"},
        {"q": "\x00"},
        {"q": "x" * 5000},
    ],
)
def test_an_unknown_filter_value_is_ignored(staff, owner, cohort, params):
    deliveries(owner, cohort=cohort, count=2)
    response = staff.get(SENT, params)
    assert response.status_code == 200
    if "q" not in params:
        assert len(shown(response)) == 2


def test_the_page_shows_fifty_a_page_and_keeps_the_filters(staff, owner, cohort):
    deliveries(owner, cohort=cohort, count=55, status=Delivery.Status.FAILED)
    first = staff.get(SENT, {"status": "failed"})
    assert len(shown(first)) == 50 and "Page 1 of 2" in first.text
    assert 'href="?status=failed&amp;page=2"' in first.text
    assert len(shown(staff.get(SENT, {"status": "failed", "page": 2}))) == 5


def test_the_page_needs_a_fixed_number_of_queries(staff, owner, cohort, django_assert_max_num_queries):
    for status in Delivery.Status.values:
        deliveries(owner, cohort=cohort, count=10, status=status)
    other = factories.UserFactory()
    deliveries(other, cohort=cohort, count=10, channel=Channel.WHATSAPP, address="+6281200000000")
    staff.get(SENT)  # the first request after logging in also finds the user's zone
    # session, user, the staff check, the header, the count, the page's rows (with recipient and cohort)
    with django_assert_max_num_queries(6):
        response = staff.get(SENT)
    assert len(shown(response)) == 50


def test_resending_a_failed_delivery_queues_it_again_and_says_so(staff, owner, cohort):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.FAILED)
    response = staff.post(f"/notifications/sent/{delivery.pk}/resend/", {"next": "/notifications/sent/?status=failed"})
    assert response["Location"] == "/notifications/sent/?status=failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.resends, delivery.last_error) == ("queued", 0, 1, "")
    assert "Queued again: peserta@example.go.id." in staff.get(response["Location"]).text


def test_a_resent_delivery_is_sent_by_the_worker(
    staff, owner, cohort, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.FAILED, title="Tonggak capaian jatuh tempo")
    with django_capture_on_commit_callbacks() as callbacks:
        staff.post(f"/notifications/sent/{delivery.pk}/resend/")
    assert run_tasks(callbacks) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 1)
    assert [mail.subject for mail in mailoutbox] == ["Tonggak capaian jatuh tempo"]


def test_a_sent_delivery_can_be_resent_once_more(staff, owner, cohort):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.SENT)
    staff.post(f"/notifications/sent/{delivery.pk}/resend/")
    staff.post(f"/notifications/sent/{delivery.pk}/resend/")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.resends) == (Delivery.Status.QUEUED, 1)  # the second found it queued


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (Delivery.Status.SENDING, "This message is being sent or waits for the digest: it cannot be resent now."),
        (Delivery.Status.DIGEST, "This message is being sent or waits for the digest: it cannot be resent now."),
        (Delivery.Status.QUEUED, "This message is already waiting to be sent."),
        (Delivery.Status.RETRYING, "This message is already waiting to be sent."),
    ],
)
def test_a_delivery_on_its_way_is_not_resent(staff, owner, cohort, status, said):
    (delivery,) = deliveries(owner, cohort=cohort, status=status)
    response = staff.post(f"/notifications/sent/{delivery.pk}/resend/", follow=True)
    assert said in response.text
    delivery.refresh_from_db()
    assert (delivery.status, delivery.resends) == (status, 0)


def test_only_failed_and_sent_deliveries_offer_resend(staff, owner, cohort):
    for status in Delivery.Status.values:
        deliveries(owner, cohort=cohort, status=status)
    assert staff.get(SENT).text.count(">Resend</button>") == 2


def test_resend_needs_a_post_and_returns_only_to_the_page(staff, owner, cohort):
    (delivery,) = deliveries(owner, cohort=cohort, status=Delivery.Status.FAILED)
    assert staff.get(f"/notifications/sent/{delivery.pk}/resend/").status_code == 405
    response = staff.post(f"/notifications/sent/{delivery.pk}/resend/", {"next": "https://evil.example/"})
    assert response["Location"] == SENT
