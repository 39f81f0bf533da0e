"""Setting up a cohort: create, edit or copy one with the dates of its stages, checked in order.

Errors are keyed by the names the set-up form uses: the cohort's fields (``number``, ``end_date``,
``design_seminar_date``...) and each stage's ``<stage>_start`` / ``<stage>_end``.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from people.models import User

from .models import Cohort, CohortStage, Organiser, Programme, RuleSet

STAGES = list(CohortStage.Stage)  # in the order of the change-project cycle
DATE_FIELDS = ("start_date", "end_date", "design_seminar_date", "results_seminar_date")


@dataclass
class CohortDates:
    """A cohort's first and last day, its two seminar days and each stage's dates (absent: not planned)."""

    start_date: datetime.date
    end_date: datetime.date
    design_seminar_date: datetime.date | None = None
    results_seminar_date: datetime.date | None = None
    stages: dict[str, tuple[datetime.date | None, datetime.date | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, cohort: Cohort) -> "CohortDates":
        return cls(
            **{name: getattr(cohort, name) for name in DATE_FIELDS},
            stages={s.stage: (s.start_date, s.end_date) for s in cohort.stages.all()},
        )

    def shifted(self, days: int) -> "CohortDates":
        """The same plan moved by ``days`` days."""
        delta = datetime.timedelta(days=days)

        def move(day):
            return day + delta if day else day

        return CohortDates(
            **{name: move(getattr(self, name)) for name in DATE_FIELDS},
            stages={stage: (move(start), move(end)) for stage, (start, end) in self.stages.items()},
        )


def _day(value: datetime.date) -> str:
    return date_format(value, "j M Y")


def date_errors(dates: CohortDates) -> dict[str, str]:
    """What is wrong with the plan's dates, by form field: each stage within the cohort, ends after it starts,
    starts after the previous one ends; the seminars in the cohort, in their stages, around the laboratory."""
    errors: dict[str, str] = {}
    start, end = dates.start_date, dates.end_date
    if start and end and end < start:
        errors["end_date"] = _("The cohort cannot end before it starts.")
        return errors
    design, results = dates.design_seminar_date, dates.results_seminar_date
    for name, day in (("design_seminar_date", design), ("results_seminar_date", results)):
        if day and not start <= day <= end:
            errors[name] = _("The seminar must fall within the cohort's dates.")
    if design and results and results <= design and "results_seminar_date" not in errors:
        errors["results_seminar_date"] = _("The results seminar must come after the design seminar.")
    previous = None
    for stage in STAGES:
        first, last = dates.stages.get(stage.value, (None, None))
        if first is None and last is None:
            continue
        if first is None or last is None:
            key = f"{stage.value}_start" if first is None else f"{stage.value}_end"
            errors[key] = _("Give both the first and the last day of the stage, or neither.")
            continue
        if last < first:
            errors[f"{stage.value}_end"] = _("The stage cannot end before it starts.")
            continue
        if not start <= first <= last <= end:
            errors[f"{stage.value}_start"] = _("The stage must fall within the cohort's dates.")
            continue
        if previous and first <= previous[2]:
            errors[f"{stage.value}_start"] = _("This stage must start after “%(stage)s” ends (%(day)s).") % {
                "stage": previous[0].label,
                "day": _day(previous[2]),
            }
        previous = (stage, first, last)
    errors.update(_seminar_stage_errors(dates, errors))
    return errors


def _seminar_stage_errors(dates: CohortDates, found: dict) -> dict[str, str]:
    """The design seminar closes the design stage before the laboratory; the results seminar follows it."""
    errors = {}
    stages = dates.stages
    design, results = dates.design_seminar_date, dates.results_seminar_date
    lab = stages.get(CohortStage.Stage.LABORATORY, (None, None))
    if design and "design_seminar_date" not in found:
        first, last = stages.get(CohortStage.Stage.DESIGN, (None, None))
        if first and last and not first <= design <= last:
            errors["design_seminar_date"] = _("The design seminar must fall within the design stage.")
        elif lab[0] and design >= lab[0]:
            errors["design_seminar_date"] = _("The design seminar must come before the leadership laboratory.")
    if results and "results_seminar_date" not in found:
        first, last = stages.get(CohortStage.Stage.EVALUATION, (None, None))
        if first and last and not first <= results <= last:
            errors["results_seminar_date"] = _("The results seminar must fall within the evaluation stage.")
        elif lab[1] and results <= lab[1]:
            errors["results_seminar_date"] = _("The results seminar must come after the leadership laboratory.")
    return errors


def may_organise(user: User, organiser: Organiser) -> bool:
    return user.is_superuser or organiser.staff.filter(pk=user.pk).exists()


def next_number(programme: Programme, organiser: Organiser, year: int) -> int:
    """The first cohort number not yet used by this organiser for this programme in this year."""
    used = Cohort.objects.filter(programme=programme, organiser=organiser, year=year).aggregate(m=Max("number"))
    return (used["m"] or 0) + 1


def _taken_message(cohort: Cohort) -> str:
    return _("This organiser already has cohort %(number)s of this programme in %(year)s.") % {
        "number": cohort.number,
        "year": cohort.year,
    }


def _check(cohort: Cohort, dates: CohortDates, *, exclude_pk=None) -> None:
    errors: dict[str, str] = {}
    if cohort.rule_set.programme_id != cohort.programme_id:
        errors["rule_set"] = _("The rule set belongs to another programme.")
    taken = Cohort.objects.filter(
        programme_id=cohort.programme_id, organiser_id=cohort.organiser_id, year=cohort.year, number=cohort.number
    ).exclude(pk=exclude_pk)
    if taken.exists():
        errors["number"] = _taken_message(cohort)
    errors.update(date_errors(dates))
    if errors:
        raise ValidationError(errors)


def _save(cohort: Cohort, dates: CohortDates) -> Cohort:
    for name in DATE_FIELDS:
        setattr(cohort, name, getattr(dates, name))
    try:
        with transaction.atomic():
            cohort.save()
    except IntegrityError:  # the same number taken by another save meanwhile
        raise ValidationError({"number": _taken_message(cohort)}) from None
    for stage in STAGES:
        first, last = dates.stages.get(stage.value, (None, None))
        if first and last:
            CohortStage.objects.update_or_create(
                cohort=cohort, stage=stage.value, defaults={"start_date": first, "end_date": last}
            )
        else:
            CohortStage.objects.filter(cohort=cohort, stage=stage.value).delete()
    return cohort


@transaction.atomic
def create_cohort(
    *,
    by: User,
    programme: Programme,
    rule_set: RuleSet,
    organiser: Organiser,
    number: int,
    year: int,
    dates: CohortDates,
) -> Cohort:
    """Create a cohort of a programme under a rule set, run by one of the user's organisers, with its stages."""
    if not may_organise(by, organiser):
        raise PermissionDenied(_("You may set up cohorts only for your own organiser."))
    cohort = Cohort(programme=programme, rule_set=rule_set, organiser=organiser, number=number, year=year)
    for name in DATE_FIELDS:
        setattr(cohort, name, getattr(dates, name))
    _check(cohort, dates)
    return _save(cohort, dates)


@transaction.atomic
def update_cohort(cohort: Cohort, *, by: User, rule_set: RuleSet, number: int, year: int, dates: CohortDates) -> Cohort:
    """Change a cohort's rule set (while nothing depends on it), number, year and dates."""
    cohort = Cohort.objects.select_for_update().select_related("rule_set", "organiser").get(pk=cohort.pk)
    if not may_organise(by, cohort.organiser):
        raise PermissionDenied(_("You may set up cohorts only for your own organiser."))
    if rule_set.pk != cohort.rule_set_id and cohort.seminars.exists():
        raise ValidationError(
            {
                "rule_set": _(
                    "The cohort's seminars score with its rule set's rubrics: the rule set can no longer change."
                )
            }
        )
    cohort.rule_set, cohort.number, cohort.year = rule_set, number, year
    _check(cohort, dates, exclude_pk=cohort.pk)
    return _save(cohort, dates)


@transaction.atomic
def copy_cohort(
    source: Cohort, *, by: User, start_date: datetime.date, number: int | None = None, year: int | None = None
) -> tuple[Cohort, int]:
    """A new cohort with the source's programme, rule set, organiser and threshold, every date moved by the
    same number of days so that it starts on ``start_date``; returns it with that number of days."""
    if not may_organise(by, source.organiser):
        raise PermissionDenied(_("You may set up cohorts only for your own organiser."))
    shift = (start_date - source.start_date).days
    year = year or start_date.year
    if not 2000 <= year <= 2100:
        raise ValidationError({"start_date": _("Choose a first day between the years 2000 and 2100.")})
    number = number or next_number(source.programme, source.organiser, year)
    cohort = Cohort(
        programme=source.programme,
        rule_set=source.rule_set,
        organiser=source.organiser,
        number=number,
        year=year,
        inactivity_days=source.inactivity_days,
    )
    dates = CohortDates.of(source).shifted(shift)
    _check(cohort, dates)
    return _save(cohort, dates), shift
