"""Quarters as Indonesian offices write them, "TW II 2027", and their place next to a due date."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from diklat import quarters


@pytest.mark.parametrize(
    ("day", "ahead", "expected"),
    [
        (datetime.date(2026, 12, 4), 0, "TW IV 2026"),
        (datetime.date(2026, 12, 4), 1, "TW I 2027"),
        (datetime.date(2026, 12, 4), 2, "TW II 2027"),
        (datetime.date(2027, 1, 1), 3, "TW IV 2027"),
        (datetime.date(2027, 3, 31), 4, "TW I 2028"),
    ],
)
def test_the_quarter_some_quarters_ahead_is_labelled_in_roman_numerals(day, ahead, expected):
    assert quarters.label_ahead(day, ahead) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2027, 6, 30), "TW II 2027"),
        (datetime.date(2027, 12, 31), "TW IV 2027"),
        (datetime.date(2028, 3, 31), "TW I 2028"),
        (datetime.date(2027, 6, 29), ""),
        (datetime.date(2027, 7, 31), ""),
        (None, ""),
    ],
)
def test_only_the_last_day_of_a_quarter_carries_its_label(day, expected):
    assert quarters.label_if_quarter_end(day) == expected


def render_due(day, date_format=None) -> str:
    argument = f':"{date_format}"' if date_format else ""
    template = Template("{% load diklat_tags %}{{ day|due" + argument + " }}")
    with translation.override("id"):
        return template.render(Context({"day": day}))


def test_a_due_date_at_a_quarters_end_reads_with_its_quarter_in_indonesian():
    assert render_due(datetime.date(2027, 6, 30)) == "30 Jun 2027 (TW II 2027)"
    assert render_due(datetime.date(2027, 9, 30), "j F Y") == "30 September 2027 (TW III 2027)"


def test_any_other_due_date_reads_as_a_date_only():
    assert render_due(datetime.date(2027, 8, 17), "j F Y") == "17 Agustus 2027"
    assert render_due(None) == ""
