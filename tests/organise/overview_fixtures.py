"""A cohort of four participants whose overview figures are computed by hand, relative to a fixed "today".

"Today" is the cohort's local date (its organiser is in Sulawesi Selatan: WITA), read once; every
date below is that day plus or minus whole days, and posts are stamped at noon local time, so the
figures hold whenever the tests run. The cohort flags after 14 days without a post (the default).

- Ani Lestari, on track: in implementation; progress short 60.0, medium 20.0, long —, overall 50.0;
  no overdue milestone; last post T-3 (an update): 3 days; feedback 1 open, 0 overdue; results
  seminar 85.00 Memuaskan (released), design seminar scored but not released.
- Budi Santoso, inactive: approved; short 30.0, overall 30.0; last post T-20 (an update with
  evidence): 20 days, flagged; design seminar 70.00 Kurang Memuaskan (released).
- Citra Dewi, behind: in implementation; short 46.7, overall 46.7; 2 overdue milestones; last post
  T-1 (evidence of her feedback): 1 day; feedback 2 open, 1 overdue.
- Dewi Anggraini, never posted: no project; enrolled T-10: 10 days, under the threshold.

Ani: short milestones weight 2 at 50% and weight 1 at 80% → (100 + 80) / 3 = 60.0; a medium one at
20% → 20.0; overall (100 + 80 + 20) / 4 = 50.0. Citra: short ones at 40% (due T-5, in progress),
0% (due T-1, planned) and done at 100% (due T-10), and a cancelled one (left out): 140 / 3 = 46.7,
two overdue. Her feedback: open due T-3 (overdue), open due T+5, implemented due T-10 (resolved).
Results-seminar examiners of Ani total 80.00 and 90.00: the seeded mean of examiners, 85.00.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import timezone

from assessments.models import FeedbackEvidence, FeedbackItem, RubricIndicator, Score, SeminarKind
from diklat.models import Enrolment
from organise.overview import cohort_today
from projects.models import ChangeProject, Evidence, Milestone, ProgressUpdate
from tests import factories
from tests.assessments.factories import (
    SMALL_RUBRIC,
    FeedbackItemFactory,
    PresentationFactory,
    SeminarFactory,
    SessionFactory,
    build_rubric,
)

Status = ChangeProject.Status


def days(today: datetime.date, n: int) -> datetime.date:
    return today + datetime.timedelta(days=n)


def local_noon(cohort, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(cohort.time_zone))


def enrol(cohort, name: str, agency: str, *, enrolled_on: datetime.date, status=None) -> Enrolment:
    participant = factories.ParticipantFactory(user__full_name=name, agency=factories.AgencyFactory(name=agency))
    enrolment = factories.EnrolmentFactory(cohort=cohort, participant=participant)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_on=enrolled_on, **({"status": status} if status else {}))
    enrolment.refresh_from_db()
    return enrolment


def milestone(project, today, *, horizon="short", due=10, progress=0, weight=1, status=Milestone.Status.PLANNED):
    target = days(today, due)
    extra = {"completed_on": target} if status == Milestone.Status.DONE else {}
    return factories.MilestoneFactory(
        project=project,
        horizon=horizon,
        start_date=min(target, today) - datetime.timedelta(days=30),
        target_date=target,
        progress=progress,
        weight=weight,
        status=status,
        **extra,
    )


def post(project, cohort, day: datetime.date, *, evidence: bool = False) -> ProgressUpdate:
    update = factories.ProgressUpdateFactory(project=project, happened_on=day)
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=local_noon(cohort, day))
    if evidence:
        item = Evidence.objects.create(
            update=update,
            file="evidence/x.pdf",
            original_name="foto.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=project.enrolment.participant.user,
        )
        Evidence.objects.filter(pk=item.pk).update(uploaded_at=local_noon(cohort, day))
    return update


def score(presentation, examiners_and_values) -> None:
    indicators = list(RubricIndicator.objects.filter(component__rubric=presentation.session.seminar.rubric))
    Score.objects.bulk_create(
        Score(presentation=presentation, indicator=indicator, scorer=user, role="examiner", value=Decimal(value))
        for user, value in examiners_and_values
        for indicator in indicators
    )


def build_overview_cohort():
    """The four participants of the module's table, and the cohort's "today"."""
    cohort = factories.CohortFactory()
    today = cohort_today(cohort)
    ani = enrol(cohort, "Ani Lestari", "Dinas Kesehatan", enrolled_on=days(today, -30))
    budi = enrol(cohort, "Budi Santoso", "Badan Keuangan Daerah", enrolled_on=days(today, -40))
    citra = enrol(cohort, "Citra Dewi", "Dinas Pendidikan", enrolled_on=days(today, -40))
    dewi = enrol(cohort, "Dewi Anggraini", "Inspektorat", enrolled_on=days(today, -10))

    ani_project = factories.ChangeProjectFactory(enrolment=ani, status=Status.IN_IMPLEMENTATION)
    milestone(ani_project, today, due=10, progress=50, weight=2, status=Milestone.Status.IN_PROGRESS)
    milestone(ani_project, today, due=20, progress=80, status=Milestone.Status.IN_PROGRESS)
    milestone(ani_project, today, horizon="medium", due=200, progress=20, status=Milestone.Status.IN_PROGRESS)
    post(ani_project, cohort, days(today, -10))
    post(ani_project, cohort, days(today, -3))
    FeedbackItemFactory(project=ani_project, due_date=days(today, 30))

    budi_project = factories.ChangeProjectFactory(enrolment=budi, status=Status.APPROVED)
    milestone(budi_project, today, due=15, progress=30, status=Milestone.Status.IN_PROGRESS)
    post(budi_project, cohort, days(today, -20), evidence=True)

    citra_project = factories.ChangeProjectFactory(enrolment=citra, status=Status.IN_IMPLEMENTATION)
    milestone(citra_project, today, due=-5, progress=40, status=Milestone.Status.IN_PROGRESS)
    milestone(citra_project, today, due=-1, progress=0)
    milestone(citra_project, today, due=-10, progress=100, status=Milestone.Status.DONE)
    milestone(citra_project, today, due=-20, progress=10, status=Milestone.Status.CANCELLED)
    post(citra_project, cohort, days(today, -2))
    FeedbackItemFactory(project=citra_project, due_date=days(today, -3))
    FeedbackItemFactory(project=citra_project, due_date=days(today, 5))
    done = FeedbackItemFactory(project=citra_project, due_date=days(today, -10), status=FeedbackItem.Status.IMPLEMENTED)
    proof = FeedbackEvidence.objects.create(
        item=done,
        file="feedback/x.pdf",
        original_name="sk.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=citra.participant.user,
    )
    FeedbackEvidence.objects.filter(pk=proof.pk).update(uploaded_at=local_noon(cohort, days(today, -1)))

    examiners = [factories.UserFactory(full_name="Penguji Satu"), factories.UserFactory(full_name="Penguji Dua")]
    results = SeminarFactory(cohort=cohort, kind=SeminarKind.RESULTS)
    results_session = SessionFactory(seminar=results, examiners=examiners)
    released = PresentationFactory(session=results_session, enrolment=ani, released_at=timezone.now())
    score(released, [(examiners[0], 80), (examiners[1], 90)])
    design = SeminarFactory(
        cohort=cohort,
        kind=SeminarKind.DESIGN,
        rubric=build_rubric(cohort.rule_set, SMALL_RUBRIC, kind=SeminarKind.DESIGN, version=901),
    )
    design_session = SessionFactory(seminar=design, examiners=examiners)
    score(PresentationFactory(session=design_session, enrolment=ani), [(examiners[0], 95)])  # not released
    budi_design = PresentationFactory(session=design_session, enrolment=budi, released_at=timezone.now())
    score(budi_design, [(examiners[0], 70), (examiners[1], 70)])

    factories.EnrolmentFactory()  # a participant of another cohort, never listed
    staff = factories.UserFactory(full_name="Staf Penyelenggara")
    cohort.organiser.staff.add(staff)
    return SimpleNamespace(
        cohort=cohort,
        today=today,
        staff=staff,
        ani=ani,
        budi=budi,
        citra=citra,
        dewi=dewi,
        projects=SimpleNamespace(ani=ani_project, budi=budi_project, citra=citra_project),
    )


def add_participants(cohort, n: int, today: datetime.date) -> None:
    """``n`` more participants, each with a project, milestones, an update, feedback and a result."""
    for i in range(n):
        enrolment = enrol(cohort, f"Peserta Tambahan {i:02d}", f"Dinas Tambahan {i:02d}", enrolled_on=days(today, -30))
        project = factories.ChangeProjectFactory(enrolment=enrolment, status=Status.IN_IMPLEMENTATION)
        milestone(project, today, due=-2, progress=10, status=Milestone.Status.IN_PROGRESS)
        milestone(project, today, horizon="long", due=500, progress=0)
        post(project, cohort, days(today, -i % 20), evidence=True)
        FeedbackItemFactory(project=project, due_date=days(today, -1))
