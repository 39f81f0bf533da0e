"""Indonesian mobile numbers: the ways people write them, and a clear refusal for what is not one."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from people.phone import normalise_mobile, validate_mobile

E164 = "+6281234567890"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def refusal(raw: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        normalise_mobile(raw)
    return caught.value


# --- the ways Indonesians write a mobile number ------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "(0812) 3456 7890",
        "(0812) 3456-7890",
        "+62 812 3456 7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "62 812 3456 7890",
        "+62 (0)812 3456 7890",
        " 0812 3456 7890 ",
        "0812\u00a03456\u00a07890",
    ],
)
def test_the_usual_ways_of_writing_a_mobile_number_give_plus_62(typed):
    assert normalise_mobile(typed) == E164


def test_a_number_typed_without_its_0_after_a_printed_plus_62_is_read_as_mobile():
    assert normalise_mobile("812 3456 7890") == E164


def test_the_shortest_mobile_number_has_8_digits_after_08():
    assert normalise_mobile("0811-2345-67") == "+62811234567"


def test_the_longest_mobile_number_has_11_digits_after_08():
    assert normalise_mobile("0812-3456-7890-1") == "+62812345678901"


def test_validate_mobile_accepts_a_mobile_number():
    assert validate_mobile("0812-3456-7890") is None


# --- refusals, each saying what is wrong -------------------------------------------------------


def test_a_number_with_7_digits_after_08_is_too_short_and_says_how_many_it_has():
    error = refusal("0812-3456-7")
    assert error.code == "mobile_too_short"
    assert "too short" in error.message
    assert "8 to 11" in error.message
    assert "it has 7" in error.message


def test_a_number_with_12_digits_after_08_is_too_long_and_says_how_many_it_has():
    error = refusal("0812-3456-7890-12")
    assert error.code == "mobile_too_long"
    assert "too long" in error.message
    assert "it has 12" in error.message


def test_a_plus_62_number_is_counted_the_same_way_as_a_08_one():
    assert refusal("+62 812 3456 7").code == "mobile_too_short"
    assert refusal("+62 812 3456 7890 12").code == "mobile_too_long"


def test_letters_in_a_number_are_refused_as_letters():
    error = refusal("0812-3456-789O")
    assert error.code == "mobile_letters"
    assert "letters" in error.message


def test_a_word_instead_of_a_number_is_refused_as_letters():
    assert refusal("tidak ada").code == "mobile_letters"


def test_symbols_other_than_separators_are_refused():
    error = refusal("0812#3456*7890")
    assert error.code == "mobile_characters"
    assert "digits only" in error.message


def test_a_plus_in_the_middle_is_refused():
    assert refusal("0812+34567890").code == "mobile_characters"


def test_a_jakarta_landline_is_refused_because_whatsapp_needs_a_mobile():
    error = refusal("021-5550-1234")
    assert error.code == "mobile_landline"
    assert "landline" in error.message
    assert "WhatsApp number must be a mobile" in error.message
    assert "02155501234" in error.message


def test_a_landline_written_with_plus_62_is_refused_as_a_landline():
    assert refusal("+62 21 5550 1234").code == "mobile_landline"


@pytest.mark.parametrize("typed", ["0361 234567", "0274 512345", "0967 533123", "031 5551234"])
def test_landlines_of_other_areas_are_refused_as_landlines(typed):
    assert refusal(typed).code == "mobile_landline"


def test_a_toll_free_0800_number_is_not_a_mobile():
    error = refusal("0800-1-234567")
    assert error.code == "mobile_service_number"
    assert "not mobile numbers" in error.message


def test_a_foreign_number_is_refused_as_not_indonesian():
    error = refusal("+65 8123 4567")
    assert error.code == "mobile_not_indonesian"
    assert "08 or +628" in error.message


def test_a_number_starting_with_neither_0_nor_62_nor_8_is_not_a_mobile():
    error = refusal("12345678901")
    assert error.code == "mobile_not_mobile"
    assert "not a mobile number" in error.message


def test_an_empty_number_is_refused():
    assert refusal("  ").code == "mobile_empty"


def test_a_lone_0_is_not_a_mobile():
    assert refusal("0").code == "mobile_not_mobile"


def test_validate_mobile_raises_the_same_refusal():
    with pytest.raises(ValidationError) as caught:
        validate_mobile("021-5550-1234")
    assert caught.value.code == "mobile_landline"


# --- in Indonesian, and inside a form ----------------------------------------------------------


def test_the_landline_refusal_is_in_indonesian_by_default():
    with translation.override("id"):
        error = refusal("021-5550-1234")
    assert "nomor WhatsApp harus nomor ponsel" in error.message


def test_the_too_short_refusal_is_in_indonesian_by_default():
    with translation.override("id"):
        error = refusal("0812-3456-7")
    assert "terlalu pendek" in error.message


def test_a_form_field_with_the_validator_shows_the_refusal_where_the_number_was_typed():
    class ContactForm(forms.Form):
        whatsapp = forms.CharField(validators=[validate_mobile])

    form = ContactForm(data={"whatsapp": "021-5550-1234"})
    assert not form.is_valid()
    assert "WhatsApp number must be a mobile" in form.errors["whatsapp"][0]
