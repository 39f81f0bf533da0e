"""A small world with hand-computable figures, in province 73 (Sulawesi Selatan), plus one project in 31 (Jakarta).

Projects (cohort C1 of the organiser ``organiser_staff`` runs): P1 in_implementation (agency A1, province 73),
P2 approved (A2, city 73.71), P3 draft (A3, province 73); P4 completed in another cohort, agency B1 in 31.

Milestones (T = today), weight 1 each:
    P1 m1 short done, target T-10, completed T-12 → on time       progress 100
       m2 short done, target T-10, completed T-5  → late           progress 100
       m3 short in progress, target T-3           → overdue        progress 50
       m4 medium planned, target T+100            → open           progress 0
    P2 m5 short planned, target T-1               → overdue        progress 0
       m6 short cancelled, target T-20            → cancelled
       m7 long done, target T+400, completed T-1  → on time        progress 100
    P3 m8 medium in progress, target T+150        → open           progress 40
  overall progress (cancelled left out) = 390 / 7 = 55.7 %

Seminar (results, C1): rubric weights 30/20/40/10, examiners E1 and E2, mean of examiners.
    P1: E1 90, E2 94 → 92.00 Sangat Memuaskan     verdicts innovation, innovation → innovation
    P2: E1 80, E2 70 → 75.00 Cukup Memuaskan      verdicts routine, innovation    → split
    P3: E1 90, E2 incomplete → 90.00 Memuaskan    verdict routine                 → routine

Feedback (given by E1):
    f1 P1 budget, open, due T-10 (overdue 10 days), FY2026 APBD asked 10.000.000, approved 8.000.000, realised 3.000.000
    f2 P1 scope, implemented, due T-5, implemented 10 days after given
    f3 P2 budget, in progress, due T+30, FY2027 CSR asked 4.000.000
    f4 P2 scope, verified, due T-40, implemented 4 days after given

Rollout: I1 (P1, applied) targets A3, A4 and the government 73.71; I2 (P2, trial) targets A1;
I3 (P4 in 31, applied) targets A4 and the government 31.
    ad1 I1 by A3 applied 2025-03-10; ad2 I1 by A4 piloting; ad3 I1 by A5 (73.71) institutionalised, applied 2025-04-20;
    ad4 I2 by A1 planned; ad5 I2 by B1 (31) applied 2025-06-05; ad6 I3 by A4 (73) applied 2025-05-15.
    Everywhere: I1 covers A3 and 73.71 (via A5): 2 of 3 targets; I2 covers 0 of 1; I3 covers A4: 1 of 2.
    The area filters choose the adopting agency, so for province 73 (and its staff by default):
        I1 3 targets, 2 covered, 2 applied of 3 adopters; I2 1 target, 0 covered, 0 applied of 1 (ad5 is in 31);
        I3 (from 31, adopted in 73) 1 target (A4; the government 31 is outside), 1 covered, 1 applied of 1.
    For province 31: I2 0 targets, 1 applied of 1 (ad5); I3 1 target (31), 0 covered, 0 adopters; I1 not listed.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from assessments.models import BudgetFeedback, Classification, FeedbackEvent, FeedbackItem, RubricIndicator, Score
from people.models import ProvincialStaff
from projects.models import ChangeProject, Milestone
from regions.models import Region
from rollout.models import Adoption, Innovation, RolloutTarget
from tests import factories
from tests.assessments.factories import FeedbackItemFactory, PresentationFactory, SeminarFactory, SessionFactory


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def milestone(project, horizon, target, status="planned", progress=0, completed=None):
    return factories.MilestoneFactory(
        project=project,
        horizon=horizon,
        start_date=days(target - 30),
        target_date=days(target),
        status=status,
        progress=progress,
        completed_on=days(completed) if completed is not None else None,
    )


def score_all(presentation, scorer, indicators, value):
    for indicator in indicators:
        Score.objects.create(
            presentation=presentation, indicator=indicator, scorer=scorer, role="examiner", value=value
        )


def adoption(innovation, agency, stage, applied_on=None):
    dates = {"planned_on": datetime.date(2025, 1, 15)}
    if stage != "planned":
        dates["piloting_on"] = datetime.date(2025, 2, 1)
    if applied_on:
        dates["applied_on"] = applied_on
    if stage == "institutionalised":
        dates["institutionalised_on"] = applied_on + datetime.timedelta(days=30)
    return Adoption.objects.create(innovation=innovation, agency=agency, stage=stage, **dates)


def feedback(project, giver, category, status, due, given_days_ago=30, implemented_after=None):
    item = FeedbackItemFactory(project=project, given_by=giver, category=category, status=status, due_date=days(due))
    given = timezone.now() - datetime.timedelta(days=given_days_ago)
    FeedbackItem.objects.filter(pk=item.pk).update(created_at=given)
    if implemented_after is not None:
        event = FeedbackEvent.objects.create(item=item, from_status="in_progress", to_status="implemented", by=giver)
        FeedbackEvent.objects.filter(pk=event.pk).update(at=given + datetime.timedelta(days=implemented_after))
    return item


@pytest.fixture
def world(db):
    province = Region.objects.get(code="73")
    city = Region.objects.get(code="73.71")
    jakarta = Region.objects.get(code="31")
    a1 = factories.AgencyFactory(name="Dinas Kominfo", government=province)
    a2 = factories.AgencyFactory(name="Dinas Kesehatan Kota", government=city)
    a3 = factories.AgencyFactory(name="Badan Pendapatan", government=province)
    a4 = factories.AgencyFactory(name="Dinas Pendidikan", government=province)
    a5 = factories.AgencyFactory(name="Dinas Sosial Kota", government=city)
    b1 = factories.AgencyFactory(name="Dinas Jakarta", government=jakarta)

    cohort = factories.CohortFactory(year=timezone.localdate().year)
    projects = []
    for agency, status in ((a1, "in_implementation"), (a2, "approved"), (a3, "draft")):
        enrolment = factories.EnrolmentFactory(cohort=cohort, participant=factories.ParticipantFactory(agency=agency))
        projects.append(factories.ChangeProjectFactory(enrolment=enrolment, status=status))
    p1, p2, p3 = projects
    other_cohort = factories.CohortFactory()
    p4 = factories.ChangeProjectFactory(
        enrolment=factories.EnrolmentFactory(cohort=other_cohort, participant=factories.ParticipantFactory(agency=b1)),
        status="completed",
    )

    milestone(p1, "short", -10, "done", 100, completed=-12)
    milestone(p1, "short", -10, "done", 100, completed=-5)
    milestone(p1, "short", -3, "in_progress", 50)
    milestone(p1, "medium", 100)
    milestone(p2, "short", -1)
    milestone(p2, "short", -20, "cancelled")
    milestone(p2, "long", 400, "done", 100, completed=-1)
    milestone(p3, "medium", 150, "in_progress", 40)

    e1 = factories.UserFactory(full_name="Penguji Satu")
    e2 = factories.UserFactory(full_name="Penguji Dua")
    seminar = SeminarFactory(cohort=cohort)
    session = SessionFactory(seminar=seminar, examiners=[e1, e2])
    indicators = list(RubricIndicator.objects.filter(component__rubric=seminar.rubric))
    presentations = [
        PresentationFactory(session=session, enrolment=p.enrolment, order=i, released_at=timezone.now())
        for i, p in enumerate(projects, 1)
    ]
    score_all(presentations[0], e1, indicators, 90)
    score_all(presentations[0], e2, indicators, 94)
    score_all(presentations[1], e1, indicators, 80)
    score_all(presentations[1], e2, indicators, 70)
    score_all(presentations[2], e1, indicators, 90)
    score_all(presentations[2], e2, indicators[:2], 50)
    for presentation, examiner, verdict in (
        (presentations[0], e1, "innovation"),
        (presentations[0], e2, "innovation"),
        (presentations[1], e1, "routine"),
        (presentations[1], e2, "innovation"),
        (presentations[2], e1, "routine"),
    ):
        Classification.objects.create(presentation=presentation, examiner=examiner, verdict=verdict, reason="Alasan")

    f1 = feedback(p1, e1, "budget", "open", -10)
    money = BudgetFeedback.objects.create(item=f1, fiscal_year=2026, source="apbd", amount_requested=10_000_000)
    money.budget_lines.set(
        [factories.confirmed_line(p1, fiscal_year=2026, planned=10_000_000, approved=8_000_000, realised=3_000_000)]
    )
    feedback(p1, e1, "scope", "implemented", -5, implemented_after=10)
    f3 = feedback(p2, e1, "budget", "in_progress", 30)
    BudgetFeedback.objects.create(item=f3, fiscal_year=2027, source="csr", amount_requested=4_000_000)
    feedback(p2, e1, "scope", "verified", -40, implemented_after=4)

    i1 = Innovation.objects.create(project=p1, name="Aplikasi Satu", stage="applied", form="public_service")
    i2 = Innovation.objects.create(project=p2, name="Bina Dua", stage="trial", form="governance")
    RolloutTarget.objects.create(innovation=i1, agency=a3)
    RolloutTarget.objects.create(innovation=i1, agency=a4)
    RolloutTarget.objects.create(innovation=i1, government=city)
    RolloutTarget.objects.create(innovation=i2, agency=a1)
    adoption(i1, a3, "applied", datetime.date(2025, 3, 10))
    adoption(i1, a4, "piloting")
    adoption(i1, a5, "institutionalised", datetime.date(2025, 4, 20))
    adoption(i2, a1, "planned")
    adoption(i2, b1, "applied", datetime.date(2025, 6, 5))
    i3 = Innovation.objects.create(project=p4, name="Cepat Tiga", stage="applied", form="governance")
    RolloutTarget.objects.create(innovation=i3, agency=a4)
    RolloutTarget.objects.create(innovation=i3, government=jakarta)
    adoption(i3, a4, "applied", datetime.date(2025, 5, 15))

    organiser_staff = factories.UserFactory(full_name="Staf Penyelenggara")
    cohort.organiser.staff.add(organiser_staff)
    provincial = factories.UserFactory(full_name="Staf Provinsi")
    ProvincialStaff.objects.create(user=provincial, province=province)
    jakarta_staff = factories.UserFactory(full_name="Staf Jakarta")
    ProvincialStaff.objects.create(user=jakarta_staff, province=jakarta)
    superuser = factories.UserFactory(username="admin-reports", is_superuser=True, is_staff=True)
    return SimpleNamespace(
        province=province,
        city=city,
        jakarta=jakarta,
        agencies=SimpleNamespace(a1=a1, a2=a2, a3=a3, a4=a4, a5=a5, b1=b1),
        cohort=cohort,
        other_cohort=other_cohort,
        projects=projects,
        p1=p1,
        p2=p2,
        p3=p3,
        p4=p4,
        e1=e1,
        e2=e2,
        seminar=seminar,
        innovations=(i1, i2, i3),
        organiser_staff=organiser_staff,
        provincial=provincial,
        jakarta_staff=jakarta_staff,
        superuser=superuser,
        participant=p1.enrolment.participant.user,
        indicators=indicators,
        session=session,
    )


def grow(world, n: int) -> None:
    """Add n more projects of the cohort in province 73, each with milestones, a scored presentation,
    feedback with money, an innovation with a target and two adoptions: more rows, never more queries."""
    from tests.factories import AgencyFactory, ChangeProjectFactory, EnrolmentFactory, ParticipantFactory

    session = world.session
    for i in range(n):
        agency = AgencyFactory(government=world.province if i % 2 else world.city)
        enrolment = EnrolmentFactory(cohort=world.cohort, participant=ParticipantFactory(agency=agency))
        project = ChangeProjectFactory(enrolment=enrolment, status=ChangeProject.Status.IN_IMPLEMENTATION)
        milestone(project, Milestone.Horizon.SHORT, -2)
        milestone(project, Milestone.Horizon.MEDIUM, 90, "in_progress", 30)
        presentation = PresentationFactory(
            session=session, enrolment=enrolment, order=100 + i, released_at=timezone.now()
        )
        score_all(presentation, world.e1, world.indicators, 60 + i % 40)
        Classification.objects.create(presentation=presentation, examiner=world.e1, verdict="innovation", reason="R")
        item = feedback(project, world.e1, "budget", "accepted", -3 + i % 7, implemented_after=None)
        BudgetFeedback.objects.create(item=item, fiscal_year=2026, source="apbd", amount_requested=1_000_000)
        feedback(project, world.e2, "rollout", "implemented", 20, implemented_after=5 + i)
        innovation = Innovation.objects.create(project=project, name=f"Inovasi {i}", form="other")
        RolloutTarget.objects.create(innovation=innovation, agency=world.agencies.a4)
        adoption(innovation, world.agencies.a4, "applied", datetime.date(2025, 3 + i % 10, 1))
        adoption(innovation, world.agencies.b1, "piloting")
