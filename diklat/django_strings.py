"""Strings Django 6.1 and our dependencies show whose Indonesian their own catalogues lack or garble.

Named here so that ``makemessages`` keeps them in our catalogue (locale/id), which Django reads
before its own: every empty choice of a select says "- Pilih salah satu -", not English.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL, new in 6.1
    # Django's Indonesian puts "nama pengguna" before %(username)s, which is "nama pengguna" itself.
    gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields may be"
        " case-sensitive."
    ),
    gettext_noop("Filter by %(field_name)s"),  # the admin's date hierarchy, new in 6.1
    gettext_noop("Task Result"),  # django-tasks-db's model, in the admin
    gettext_noop("Task Results"),
    gettext_noop("access attempt expiration"),  # django-axes' models and filters, in the admin
    gettext_noop("Locked Out"),
]
