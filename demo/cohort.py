"""The demo cohort itself: its organiser, dates and stages."""

import datetime

from diklat.models import Cohort, CohortStage, Organiser, Programme
from regions.models import Agency, AgencyKind, Region

from . import agencies

COHORT_NUMBER = 15
DAY = datetime.timedelta(days=1)


def ensure_cohort(today: datetime.date) -> tuple[Organiser, Cohort]:
    """The BPSDM of South Sulawesi and its PKN II cohort XV, in the leadership laboratory today."""
    host = Region.objects.get(code=agencies.HOST_PROVINCE)
    bpsdm, _ = Agency.objects.get_or_create(
        government=host, name=agencies.ORGANISER_AGENCY, defaults={"kind": AgencyKind.objects.get(code="badan")}
    )
    organiser, _ = Organiser.objects.get_or_create(
        name=agencies.ORGANISER_NAME, defaults={"region": host, "agency": bpsdm}
    )
    programme = Programme.objects.get(code="pkn2")
    cohort = (
        Cohort.objects.filter(programme=programme, organiser=organiser, number=COHORT_NUMBER).order_by("-year").first()
    )
    if cohort is None:
        # The results seminar is 12 days away: most projects are mid-way through the laboratory.
        start = today - 95 * DAY
        cohort = Cohort.objects.create(
            programme=programme,
            rule_set=programme.rule_sets.order_by("-effective_from").first(),
            organiser=organiser,
            number=COHORT_NUMBER,
            year=start.year,
            start_date=start,
            design_seminar_date=start + 40 * DAY,
            results_seminar_date=today + 12 * DAY,
            end_date=today + 16 * DAY,
        )
    ensure_stages(cohort)
    return organiser, cohort


def ensure_stages(cohort: Cohort) -> None:
    start, design, results = cohort.start_date, cohort.design_seminar_date, cohort.results_seminar_date
    dates = {
        CohortStage.Stage.DIAGNOSIS: (start, start + 13 * DAY),
        CohortStage.Stage.OWNERSHIP: (start + 14 * DAY, start + 27 * DAY),
        CohortStage.Stage.DESIGN: (start + 28 * DAY, design),
        CohortStage.Stage.LABORATORY: (design + DAY, results - 3 * DAY),
        CohortStage.Stage.EVALUATION: (results - 2 * DAY, cohort.end_date),
    }
    for stage, (begin, end) in dates.items():
        CohortStage.objects.get_or_create(cohort=cohort, stage=stage, defaults={"start_date": begin, "end_date": end})
