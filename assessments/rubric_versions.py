"""Rubric versions: a rubric used by scores is frozen; a change is a copy as the next version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import User

from .models import LevelDescriptor, Rubric, RubricComponent, RubricIndicator


def ensure_rubric_editable(rubric: Rubric) -> None:
    if rubric.is_frozen:
        raise ValidationError(_("This rubric is already used by scores and is frozen: make a copy to change it."))


@transaction.atomic
def copy_rubric(rubric: Rubric, *, by: User, name: str = "", rule_set=None) -> Rubric:
    """Copy a rubric with its components, indicators and levels as the next version (of another rule set)."""
    rule_set = rule_set or rubric.rule_set
    latest = Rubric.objects.filter(rule_set=rule_set, kind=rubric.kind).order_by("-version").first()
    copy = Rubric.objects.create(
        rule_set=rule_set,
        kind=rubric.kind,
        version=latest.version + 1 if latest else 1,
        name=name or rubric.name,
        score_min=rubric.score_min,
        score_max=rubric.score_max,
        copied_from=rubric,
    )
    for component in rubric.components.prefetch_related("indicators__levels"):
        new_component = RubricComponent.objects.create(
            rubric=copy, name=component.name, weight=component.weight, order=component.order
        )
        for indicator in component.indicators.all():
            new_indicator = RubricIndicator.objects.create(
                component=new_component, name=indicator.name, weight=indicator.weight, order=indicator.order
            )
            LevelDescriptor.objects.bulk_create(
                LevelDescriptor(
                    indicator=new_indicator, lowest=level.lowest, highest=level.highest, description=level.description
                )
                for level in indicator.levels.all()
            )
    return copy
