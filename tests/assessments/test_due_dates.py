"""Due dates as people write them: a quarter becomes its last day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assessments.due_dates import parse_due_date
from diklat.quarters import quarter_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q2 2027", datetime.date(2027, 6, 30)),
        ("q1 2028", datetime.date(2028, 3, 31)),
        ("Q3-2027", datetime.date(2027, 9, 30)),
        ("Q4/2027", datetime.date(2027, 12, 31)),
        ("TW IV 2026", datetime.date(2026, 12, 31)),
        ("TW II 2027", datetime.date(2027, 6, 30)),
        ("TW I 2027", datetime.date(2027, 3, 31)),
        ("Triwulan 3 2027", datetime.date(2027, 9, 30)),
        ("triwulan III 2027", datetime.date(2027, 9, 30)),
        ("Kuartal 1 2027", datetime.date(2027, 3, 31)),
        ("  Q2   2027 ", datetime.date(2027, 6, 30)),
    ],
)
def test_a_quarter_becomes_its_last_day(text, expected):
    assert parse_due_date(text) == expected


def test_the_first_quarter_of_a_leap_year_ends_on_31_march():
    assert quarter_end(2028, 1) == datetime.date(2028, 3, 31)


@pytest.mark.parametrize("text", ["2027-06-30", "30-06-2027", "30/06/2027", "30.06.2027"])
def test_a_date_is_read_as_written(text):
    assert parse_due_date(text) == datetime.date(2027, 6, 30)


@pytest.mark.parametrize("text", ["tahun depan", "Q5 2027", "TW V 2027", "31-02-2027", "", "2027"])
def test_text_that_is_neither_a_date_nor_a_quarter_is_refused_clearly(text):
    with pytest.raises(ValidationError) as caught:
        parse_due_date(text)

    assert caught.value.messages == [f"Write a date (30-06-2027) or a quarter (TW II 2027); “{text}” is neither."]


def test_an_implausible_year_is_refused():
    with pytest.raises(ValidationError) as caught:
        parse_due_date("Q2 1999")

    assert caught.value.messages == ["The year 1999 is not plausible."]


def test_a_date_with_an_implausible_year_is_refused():
    with pytest.raises(ValidationError) as caught:
        parse_due_date("30-06-0207")

    assert caught.value.messages == ["The year 207 is not plausible."]
