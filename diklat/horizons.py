"""The window of dates a milestone of each horizon may target, from a cohort's dates and its rule set."""

import datetime

Window = tuple[datetime.date | None, datetime.date | None]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the end of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window(cohort, horizon: str) -> Window:
    """The first and the last day (both allowed) a milestone of ``horizon`` may target; None where open.

    Short-term work happens within the cohort: from its start to the results seminar (its end while
    no seminar is set). Medium- and long-term work happens the rule set's months after the results
    seminar; without a seminar date there is no window yet.
    """
    seminar = cohort.results_seminar_date
    if horizon == "short":
        return cohort.start_date, seminar or cohort.end_date
    if seminar is None:
        return None, None
    rules = cohort.rule_set
    if horizon == "medium":
        months = rules.medium_horizon_from_months, rules.medium_horizon_months
    else:
        months = rules.long_horizon_from_months, rules.long_horizon_months
    return add_months(seminar, months[0]), add_months(seminar, months[1])
