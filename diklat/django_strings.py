"""Strings Django 6.1 shows whose Indonesian translation its own catalogue lacks.

Named here so that ``makemessages`` keeps them in our catalogue (locale/id), which Django reads
before its own: every empty choice of a select says "- Pilih salah satu -", not English.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL, new in 6.1
]
