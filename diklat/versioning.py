"""Optimistic concurrency: a row carries a version, and a change made from an old version is refused.

Two people editing the same milestone from two screens would otherwise overwrite each other
without knowing. Each save through a service bumps ``version``; a page's form and an API
client's ``If-Match`` say which version the change was made from, and the service compares it
with the row it has locked (``select_for_update``), so two saves cannot both pass the check.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Versioned(models.Model):
    """A row whose every save is a new version (the services lock the row before they change it)."""

    # db_default too: rows written by COPY or raw SQL (the scale benchmark's loader) start at 1 as well.
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "version"]
        super().save(*args, **kwargs)


class StaleVersion(ValidationError):
    """A change made from an older version than the row's; a ValidationError, so nothing unaware answers 500."""

    def __init__(self, instance: Versioned, expected: int):
        self.instance = instance
        self.expected = expected
        super().__init__(
            _(
                "Someone else changed this %(what)s since you opened it (your version %(yours)s, now %(current)s): "
                "nothing was saved. Look at the changes, then make yours again."
            )
            % {"what": instance._meta.verbose_name, "yours": expected, "current": instance.version},
            code="stale",
        )


def check_version(instance: Versioned, expected: int | None) -> None:
    """Refuse a change made from another version than ``instance``'s (None: the caller did not say)."""
    if expected is not None and expected != instance.version:
        raise StaleVersion(instance, expected)


def parse_if_match(header: str | None) -> int | None:
    """The version an ``If-Match`` header names (``"v3"``), None without one or for ``*``; -1 when it names none.

    -1 never equals a version, so a malformed or foreign tag is refused as stale rather than ignored.
    """
    if not header or header.strip() == "*":
        return None
    tag = header.split(",")[0].strip()
    if tag.startswith("W/"):
        return -1  # weak tags never match in If-Match (RFC 9110 13.1.1)
    tag = tag.strip('"')
    if tag.startswith("v") and tag[1:].isdigit() and len(tag) < 12:
        return int(tag[1:])
    return -1


def etag_of(instance: Versioned) -> str:
    return f'"v{instance.version}"'
