"""Defaults a new rule set starts from: the predicate bands of DOMAIN.md and a scoring policy.

The seed migration keeps its own frozen copy; this one serves rule sets added later.
"""

from decimal import Decimal

from django.db import transaction

from .models import PredicateBand, Rubric, ScoringPolicy
from .rubric_versions import copy_rubric

BANDS = [
    # name, above, up to and including, passing
    ("Sangat Memuaskan", Decimal("90"), None, True),
    ("Memuaskan", Decimal("80"), Decimal("90"), True),
    ("Cukup Memuaskan", Decimal("70"), Decimal("80"), True),
    ("Kurang Memuaskan", Decimal("60"), Decimal("70"), False),
    ("Tidak Memuaskan", None, Decimal("60"), False),
]


@transaction.atomic
def ensure_rule_set_defaults(rule_set, *, by) -> None:
    """Give a rule set without them a scoring policy, the band table and its programme's newest rubrics."""
    ScoringPolicy.objects.get_or_create(rule_set=rule_set)
    if not rule_set.predicate_bands.exists():
        PredicateBand.objects.bulk_create(
            PredicateBand(rule_set=rule_set, name=name, above=above, up_to=up_to, passing=passing)
            for name, above, up_to, passing in BANDS
        )
    for kind in ("design", "results"):
        if Rubric.objects.filter(rule_set=rule_set, kind=kind).exists():
            continue
        template = (
            Rubric.objects.filter(rule_set__programme=rule_set.programme_id, kind=kind)
            .exclude(rule_set=rule_set)
            .order_by("-rule_set__effective_from", "-version")
            .first()
        )
        if template is not None:
            copy_rubric(template, by=by, rule_set=rule_set)
