"""The preferences page: channels per kind, daily digest, quiet hours and the WhatsApp number; never a 500."""

import datetime

import pytest

from notifications.kinds import Kind
from notifications.models import ChannelChoice, NotificationSettings
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/notifications/preferences/"


@pytest.fixture
def user(participant):
    return participant.user


@pytest.fixture
def client_of(user):
    return factories.logged_in(user)


def everything_on(**changes):
    """The form as it comes: every box ticked, no number, no digest, no quiet hours; then ``changes``."""
    data = {"mobile_phone": "", "quiet_from": "", "quiet_until": ""}
    for kind in Kind.values:
        data[f"email__{kind}"] = "on"
        data[f"whatsapp__{kind}"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def no_whatsapp(**changes):
    return everything_on(**{f"whatsapp__{kind}": None for kind in Kind.values}, **changes)


def field_errors(response, name) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(name, [])]


def test_every_channel_is_on_until_the_user_says_otherwise(client_of, user):
    user.mobile_phone = "+6281234567890"
    user.save()
    response = client_of.get(PAGE)
    assert response.status_code == 200
    assert response.text.count('type="checkbox"') == 2 * len(Kind) + 1  # and the digest
    assert response.text.count("checked") == 2 * len(Kind)


def test_without_a_number_whatsapp_is_shown_off_so_saving_needs_none(client_of, user):
    response = client_of.get(PAGE)
    assert response.text.count("checked") == len(Kind)  # e-mail only
    form = response.context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    assert client_of.post(PAGE, data).status_code == 302
    assert ChannelChoice.objects.filter(user=user, email=True, whatsapp=False).count() == len(Kind)


def test_the_page_shows_what_was_saved(client_of, user):
    user.mobile_phone = "+6281234567890"
    user.save()
    ChannelChoice.objects.create(user=user, kind=Kind.SCORE_SHEET, email=False, whatsapp=True)
    NotificationSettings.objects.create(
        user=user, digest=True, quiet_from=datetime.time(21), quiet_until=datetime.time(6, 30)
    )
    form = client_of.get(PAGE).context["form"]
    assert form["email__score_sheet"].initial is False and form["whatsapp__score_sheet"].initial is True
    assert form["email__milestone_due"].initial is True
    assert form["digest"].value() is True
    assert form["quiet_from"].value() == datetime.time(21) and form["quiet_until"].value() == datetime.time(6, 30)


def test_saving_stores_only_the_kinds_not_fully_on(client_of, user):
    data = everything_on(
        mobile_phone="0812 3456 7890",
        **{"email__score_sheet": None, "whatsapp__budget_approved": None},
        digest="on",
        quiet_from="22:00",
        quiet_until="06:00",
    )
    response = client_of.post(PAGE, data, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert "Your notification preferences are saved." in response.text
    assert sorted(ChannelChoice.objects.filter(user=user).values_list("kind", "email", "whatsapp")) == [
        (Kind.BUDGET_APPROVED, True, False),
        (Kind.SCORE_SHEET, False, True),
    ]
    own = NotificationSettings.objects.get(user=user)
    assert (own.digest, own.quiet_from, own.quiet_until) == (True, datetime.time(22), datetime.time(6))
    user.refresh_from_db()
    assert user.mobile_phone == "+6281234567890"


def test_ticking_everything_on_again_removes_the_stored_choices(client_of, user):
    ChannelChoice.objects.create(user=user, kind=Kind.SCORE_SHEET, email=False, whatsapp=False)
    client_of.post(PAGE, everything_on(mobile_phone="081234567890"))
    assert not ChannelChoice.objects.filter(user=user).exists()


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "(0812) 3456 7890", "6281234567890"])
def test_an_indonesian_mobile_number_is_stored_in_one_form(client_of, user, typed):
    assert client_of.post(PAGE, everything_on(mobile_phone=typed)).status_code == 302
    user.refresh_from_db()
    assert user.mobile_phone == "+6281234567890"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("021 555 1234", "landline"),
        ("0812", "too short"),
        ("0812 3456 7890 1234", "too long"),
        ("0812-abcd-efgh", "digits only"),
        ("+1 415 555 0100", "Only Indonesian mobile numbers"),
        ("9" * 500, "at most 24 characters"),
    ],
)
def test_an_invalid_number_is_refused_at_its_field(client_of, user, typed, said):
    response = client_of.post(PAGE, everything_on(mobile_phone=typed))
    assert response.status_code == 400
    errors = field_errors(response, "mobile_phone")
    assert any(said in error for error in errors), errors
    assert 'class="field has-error"' in response.text
    user.refresh_from_db()
    assert user.mobile_phone == "" and not NotificationSettings.objects.exists()


def test_whatsapp_ticked_without_a_number_is_refused_at_the_number(client_of):
    response = client_of.post(PAGE, everything_on(**{f"whatsapp__{kind}": None for kind in Kind.values[1:]}))
    assert response.status_code == 400
    assert field_errors(response, "mobile_phone") == ["Give your WhatsApp number, or untick WhatsApp for every kind."]


def test_without_whatsapp_no_number_is_needed(client_of, user):
    assert client_of.post(PAGE, no_whatsapp()).status_code == 302
    assert ChannelChoice.objects.filter(user=user, email=True, whatsapp=False).count() == len(Kind)


def test_the_number_can_be_removed_when_whatsapp_is_off(client_of, user):
    user.mobile_phone = "+6281234567890"
    user.save()
    client_of.post(PAGE, no_whatsapp(mobile_phone=""))
    user.refresh_from_db()
    assert user.mobile_phone == ""


@pytest.mark.parametrize(
    ("start", "end", "field", "said"),
    [
        ("22:00", "", "quiet_until", "Give both ends of the quiet hours, or neither."),
        ("", "06:00", "quiet_from", "Give both ends of the quiet hours, or neither."),
        ("22:00", "22:00", "quiet_until", "The quiet hours must end at another time than they start."),
        ("25:99", "06:00", "quiet_from", "Enter a valid time."),
        ("22:00", "x" * 10000, "quiet_until", "Enter a valid time."),
        ("\x00", "06:00", "quiet_from", "Enter a valid time."),
    ],
)
def test_quiet_hours_need_both_ends_that_differ(client_of, start, end, field, said):
    response = client_of.post(PAGE, no_whatsapp(quiet_from=start, quiet_until=end))
    assert response.status_code == 400
    assert said in field_errors(response, field)
    assert not NotificationSettings.objects.exists()


def test_quiet_hours_may_be_cleared(client_of, user):
    NotificationSettings.objects.create(user=user, quiet_from=datetime.time(22), quiet_until=datetime.time(6))
    client_of.post(PAGE, no_whatsapp())
    own = NotificationSettings.objects.get(user=user)
    assert (own.quiet_from, own.quiet_until) == (None, None)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"digest": "x" * 100000, "email__no_such_kind": "on"},
        {"mobile_phone": "\x00\x00", "quiet_from": "\x00"},
        {"mobile_phone": ["0812", "0813"], "quiet_from": "-1:00"},
        {"mobile_phone": "٠٨١٢٣٤٥٦٧٨٩٠"},  # Arabic-Indic digits
    ],
)
def test_no_input_makes_an_error_page(client_of, data):
    assert client_of.post(PAGE, data).status_code in (302, 400)


def test_an_empty_post_unticks_every_box_and_asks_nothing(client_of, user):
    """A form posted with no boxes ticked means: no e-mail and no WhatsApp for any kind."""
    assert client_of.post(PAGE, {}).status_code == 302
    assert ChannelChoice.objects.filter(user=user, email=False, whatsapp=False).count() == len(Kind)


def test_the_errors_are_shown_next_to_their_fields(client_of):
    response = client_of.post(PAGE, everything_on(mobile_phone="021 555 1234", quiet_from="22:00"))
    assert response.status_code == 400
    assert 'id="id_mobile_phone_error"' in response.text and 'id="id_quiet_until_error"' in response.text


def test_the_page_needs_a_fixed_number_of_queries(client_of, user, django_assert_max_num_queries):
    for kind in Kind.values[:6]:
        ChannelChoice.objects.create(user=user, kind=kind, email=False, whatsapp=True)
    client_of.get(PAGE)  # the first request after logging in also finds the user's zone
    # session, user, the header; the user's choices, settings, zone and address (as the sending reads them)
    with django_assert_max_num_queries(7):
        assert client_of.get(PAGE).status_code == 200
