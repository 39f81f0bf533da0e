"""Matching what a user typed against a text column: PostgreSQL full text, a plain fallback elsewhere.

Every word typed must occur, each as the start of a word ("budi sant" finds "Budi Santoso"),
in any order. On PostgreSQL that is a ``tsquery`` of prefixes against ``to_tsvector('simple', …)``:
'simple' because names and titles mix Indonesian, regional and English words that no stemmer
knows, and because the GIN indexes of ``search/migrations`` are built on exactly that expression,
so a search costs the same in a province as in the whole country. Elsewhere (SQLite, the
embedded default) each word is looked for anywhere in the text, case aside.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

WORD = re.compile(r"\w+")
MAX_WORDS = 8  # a longer query is a pasted paragraph: its first words decide
NIP_LIKE = re.compile(r"[\d\s.]+")
MIN_NIP_DIGITS = 4


def words(query: str) -> list[str]:
    """The words of a query, lower case, in order, without repeats."""
    seen = dict.fromkeys(word.lower() for word in WORD.findall(query or ""))
    return list(seen)[:MAX_WORDS]


def nip_digits(query: str) -> str | None:
    """The digits of a query made only of digits (spaces and dots between groups allowed), or None.

    NIPs are written in groups ("19701218 199603 2 001"); four digits or more are a NIP's start.
    """
    if not NIP_LIKE.fullmatch(query.strip() or "x"):
        return None
    digits = re.sub(r"\D", "", query)
    return digits if len(digits) >= MIN_NIP_DIGITS else None


def full_text() -> bool:
    return connection.vendor == "postgresql"


def vector(*columns: str) -> SearchVector:
    """The indexed expression: keep it identical to the one in search/migrations."""
    return SearchVector(*columns, config="simple")


def prefix_query(terms: list[str]) -> SearchQuery:
    # Words are \w+ only, so nothing typed can break the tsquery's syntax.
    return SearchQuery(" & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw")


def matching(queryset, columns: tuple[str, ...], terms: list[str]):
    """The rows of ``queryset`` in which every term starts a word of its own ``columns`` (none without terms)."""
    if not terms:
        return queryset.none()
    if full_text():
        return queryset.alias(_searched=vector(*columns)).filter(_searched=prefix_query(terms))
    condition = Q()
    for term in terms:
        condition &= Q.create([(f"{column}__icontains", term) for column in columns], connector=Q.OR)
    return queryset.filter(condition)
