"""Which English messages a rendered page shows because no catalogue has them in Indonesian.

Every gettext lookup made while Indonesian is active is watched; a message that no catalogue
(ours, Django's, a dependency's) holds is a miss, and a miss counts once its text is on the page,
so a message looked up but never shown is not reported.
"""

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation.trans_real import CONTEXT_SEPARATOR, DjangoTranslation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def is_a_translation(catalogue: DjangoTranslation, message: str) -> bool:
    """Translated already, as Django's language switch does to the LANGUAGES' names it was given translated."""
    translations = getattr(catalogue, "_translations_seen", None)
    if translations is None:
        translations = catalogue._translations_seen = {value for _, value in catalogue._catalog.items()}
    return message in translations


@contextmanager
def recording_misses() -> Iterator[set[str]]:
    misses: set[str] = set()
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def watched_gettext(self, message):
        if self.language() == "id" and message not in self._catalog and not is_a_translation(self, message):
            misses.add(message.split(CONTEXT_SEPARATOR)[-1])
        return gettext(self, message)

    def watched_ngettext(self, singular, plural, number):
        if self.language() == "id":
            try:
                self._catalog.plural(singular, number)
            except KeyError:
                misses.update(text.split(CONTEXT_SEPARATOR)[-1] for text in (singular, plural))
        return ngettext(self, singular, plural, number)

    DjangoTranslation.gettext, DjangoTranslation.ngettext = watched_gettext, watched_ngettext
    try:
        yield misses
    finally:
        DjangoTranslation.gettext, DjangoTranslation.ngettext = gettext, ngettext


def shown(message: str, page_text: str) -> bool:
    """The message's fixed text is on the page: all of it, or its longest part between placeholders."""
    parts = [part.strip() for part in PLACEHOLDER.split(message) if re.search(r"[A-Za-z]{2}", part)]
    if not parts:
        return False
    longest = max(parts, key=len)
    if len(parts) > 1 and len(longest) < 8:
        return False  # "%(n)s of %(m)s": " of " is on every page in some other sense
    return re.search(rf"(?<![\w-]){re.escape(longest)}(?![\w-])", page_text) is not None


def untranslated_on(page_html: str, misses: set[str]) -> set[str]:
    text = html.unescape(page_html)
    return {message for message in misses if shown(message, text)}
