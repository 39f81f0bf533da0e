"""The civil-servant number (NIP): parsing, validation, and the participant fields built on it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from people.models import Participant
from people.nip import normalise, parse_nip, validate_nip
from tests import factories

VALID = "197012181996032001"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def refusal(raw: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_nip(raw)
    return caught.value


# --- parsing ----------------------------------------------------------------------------------


def test_a_valid_nip_yields_its_birth_date():
    assert parse_nip(VALID).birth_date == datetime.date(1970, 12, 18)


def test_a_valid_nip_yields_its_start_of_service_as_the_first_of_the_month():
    assert parse_nip(VALID).service_start == datetime.date(1996, 3, 1)


def test_a_valid_nip_yields_its_sex():
    assert parse_nip(VALID).sex == 2
    assert parse_nip("197012181996031001").sex == 1


def test_a_valid_nip_yields_its_serial():
    assert parse_nip("197012181996032123").serial == 123


def test_a_valid_nip_is_formatted_in_its_printed_groups():
    nip = parse_nip(VALID)
    assert nip.formatted == "19701218 199603 2 001"
    assert str(nip) == "19701218 199603 2 001"


@pytest.mark.parametrize(
    "typed",
    ["19701218 199603 2 001", "19701218.199603.2.001", "19701218-199603-2-001", " 197012181996032001 "],
)
def test_spaces_dots_and_dashes_between_the_groups_are_accepted(typed):
    assert parse_nip(typed).digits == VALID


def test_normalise_keeps_only_what_is_not_a_separator():
    assert normalise("1970 1218.1996-03") == "19701218199603"
    assert normalise(None) == ""


def test_validate_nip_returns_nothing_for_a_valid_nip():
    assert validate_nip(VALID) is None


# --- refusals, each with its own message --------------------------------------------------------


@pytest.mark.parametrize("raw", ["19701218199603200", "1970121819960320011", "1111111111"])
def test_a_nip_of_the_wrong_length_is_refused_with_the_count(raw):
    error = refusal(raw)
    assert error.code == "nip_length"
    assert f"this one has {len(raw)}" in error.messages[0]


def test_a_nip_with_letters_is_refused_as_not_digits():
    error = refusal("19701218199603200A")
    assert error.code == "nip_not_digits"
    assert error.messages == ["A NIP contains digits only."]


def test_an_empty_nip_is_refused():
    assert refusal("").code == "nip_not_digits"


def test_a_nip_in_non_latin_digits_is_refused():
    arabic_indic = VALID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert refusal(arabic_indic).code == "nip_not_digits"


def test_an_impossible_birth_date_is_refused_naming_the_digits():
    error = refusal("197013321996032001")
    assert error.code == "nip_birth_date"
    assert "19701332 is not a date" in error.messages[0]


def test_the_29th_of_february_of_a_common_year_is_refused_as_a_birth_date():
    assert refusal("197102291996032001").code == "nip_birth_date"


def test_the_29th_of_february_of_a_leap_year_is_accepted_as_a_birth_date():
    assert parse_nip("197202291996032001").birth_date == datetime.date(1972, 2, 29)


def test_an_impossible_month_in_the_start_of_service_is_refused_naming_the_digits():
    error = refusal("197012181996132001")
    assert error.code == "nip_service_start"
    assert "199613 is not a month" in error.messages[0]


def test_month_zero_in_the_start_of_service_is_refused():
    assert "199600 is not a month" in refusal("197012181996002001").messages[0]


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_a_sex_digit_other_than_1_or_2_is_refused(digit):
    error = refusal(f"19701218199603{digit}001")
    assert error.code == "nip_sex"
    assert f"not {digit}" in error.messages[0]


def test_serial_000_is_refused():
    error = refusal("197012181996032000")
    assert error.code == "nip_serial"
    assert "001 to 999" in error.messages[0]


def test_a_start_of_service_before_the_holder_turned_18_is_refused():
    error = refusal("197012181988112001")
    assert error.code == "nip_service_start"
    assert "before the holder turned 18" in error.messages[0]


def test_a_start_of_service_in_the_month_the_holder_turns_18_is_accepted():
    assert parse_nip("197012181988122001").service_start == datetime.date(1988, 12, 1)


def test_a_birth_date_in_the_future_is_refused():
    next_year = datetime.date.today().year + 1
    error = refusal(f"{next_year}0101{next_year + 20}012001")
    assert error.code == "nip_birth_date"
    assert "not plausible" in error.messages[0]


def test_a_birth_date_before_1900_is_refused():
    assert "not plausible" in refusal("189912181996032001").messages[0]


def test_a_start_of_service_in_the_future_is_refused():
    next_year = datetime.date.today().year + 1
    error = refusal(f"19701218{next_year}012001")
    assert error.code == "nip_service_start"
    assert "in the future" in error.messages[0]


def test_every_kind_of_refusal_has_a_message_of_its_own():
    next_year = datetime.date.today().year + 1
    bad = [
        "1970121819960320",
        "19701218199603200A",
        "197013321996032001",
        "197012181996132001",
        "197012181996033001",
        "197012181996032000",
        "197012181980012001",
        f"19701218{next_year}012001",
        f"{next_year}0101{next_year + 20}012001",
    ]
    messages = [refusal(raw).messages[0] for raw in bad]
    assert len(set(messages)) == len(bad)


# --- the participant ----------------------------------------------------------------------------


@pytest.fixture
def unsaved_participant(db):
    return factories.ParticipantFactory.build(user=factories.UserFactory(), agency=factories.AgencyFactory())


def test_participant_full_clean_refuses_an_invalid_nip_at_the_nip_field(unsaved_participant):
    unsaved_participant.nip = "197013321996032001"
    with pytest.raises(ValidationError) as caught:
        unsaved_participant.full_clean()
    assert list(caught.value.message_dict) == ["nip"]
    assert "is not a date" in caught.value.message_dict["nip"][0]


def test_participant_full_clean_accepts_a_nip_typed_in_its_printed_groups(unsaved_participant):
    unsaved_participant.nip = "19701218 199603 2 001"
    unsaved_participant.full_clean()
    assert unsaved_participant.nip == VALID


def test_a_participant_saved_with_a_grouped_nip_stores_the_digits_only(unsaved_participant):
    unsaved_participant.nip = "19701218.199603.2.001"
    unsaved_participant.save()
    assert Participant.objects.get(pk=unsaved_participant.pk).nip == VALID


def test_a_contract_staff_member_without_nip_but_with_ni_pppk_is_allowed(unsaved_participant):
    unsaved_participant.employment = Participant.Employment.PPPK
    unsaved_participant.nip = ""
    unsaved_participant.ni_pppk = "  198501012022211001  "
    unsaved_participant.full_clean()
    unsaved_participant.save()
    stored = Participant.objects.get(pk=unsaved_participant.pk)
    assert stored.nip is None
    assert stored.ni_pppk == "198501012022211001"


def test_a_contract_staff_member_without_ni_pppk_is_refused_at_that_field(unsaved_participant):
    unsaved_participant.employment = Participant.Employment.PPPK
    unsaved_participant.nip = None
    with pytest.raises(ValidationError) as caught:
        unsaved_participant.full_clean()
    assert "ni_pppk" in caught.value.message_dict


def test_a_civil_servant_without_nip_is_refused_at_the_nip_field(unsaved_participant):
    unsaved_participant.nip = ""
    with pytest.raises(ValidationError) as caught:
        unsaved_participant.full_clean()
    assert caught.value.message_dict["nip"] == ["A civil servant (PNS) needs a NIP."]


def test_a_civil_servant_without_nip_cannot_be_saved_either(unsaved_participant):
    unsaved_participant.nip = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        unsaved_participant.save()


def test_two_participants_cannot_share_a_nip(unsaved_participant):
    unsaved_participant.nip = VALID
    unsaved_participant.save()
    twin = factories.ParticipantFactory.build(
        user=factories.UserFactory(), agency=unsaved_participant.agency, nip=VALID
    )
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert "nip" in caught.value.message_dict


def test_a_participant_derives_birth_date_service_start_and_sex_from_the_nip(unsaved_participant):
    unsaved_participant.nip = VALID
    assert unsaved_participant.birth_date == datetime.date(1970, 12, 18)
    assert unsaved_participant.service_start == datetime.date(1996, 3, 1)
    assert unsaved_participant.sex == 2
    assert unsaved_participant.get_sex_display() == "Female"
    assert unsaved_participant.nip_formatted == "19701218 199603 2 001"


def test_a_participant_without_nip_has_no_derived_values(unsaved_participant):
    unsaved_participant.employment = Participant.Employment.PPPK
    unsaved_participant.nip = None
    assert unsaved_participant.birth_date is None
    assert unsaved_participant.service_start is None
    assert unsaved_participant.sex is None
    assert unsaved_participant.get_sex_display() == ""
    assert unsaved_participant.nip_formatted == ""
