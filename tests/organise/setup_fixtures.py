"""Fixtures for the cohort set-up and seminar scheduling tests: an organiser, its staff, a cohort with
its stages, seminars and participants of named agency kinds."""

import datetime
from types import SimpleNamespace

from diklat.cohort_setup import CohortDates
from diklat.models import CohortStage, Programme
from mentors.models import Assignment
from regions.models import AgencyKind
from tests import factories
from tests.assessments.factories import SeminarFactory

D = datetime.date
Stage = CohortStage.Stage


def pkn2():
    programme = Programme.objects.get(code="pkn2")
    return programme, programme.rule_sets.order_by("-effective_from").first()


def plan(**changes) -> CohortDates:
    """A PKN II cohort of 2027 laid out like the demo's: the stages back to back, seminars in their stages."""
    dates = CohortDates(
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 30),
        design_seminar_date=D(2027, 3, 12),
        results_seminar_date=D(2027, 6, 20),
        stages={
            Stage.DIAGNOSIS: (D(2027, 2, 1), D(2027, 2, 14)),
            Stage.OWNERSHIP: (D(2027, 2, 15), D(2027, 2, 28)),
            Stage.DESIGN: (D(2027, 3, 1), D(2027, 3, 12)),
            Stage.LABORATORY: (D(2027, 3, 13), D(2027, 6, 16)),
            Stage.EVALUATION: (D(2027, 6, 17), D(2027, 6, 30)),
        },
    )
    stages = changes.pop("stages", {})
    for name, value in changes.items():
        setattr(dates, name, value)
    dates.stages.update(stages)
    return dates


def form_data(dates: CohortDates, **fields) -> dict:
    """The set-up form's POST for these dates."""
    data = {
        "number": 1,
        "year": dates.start_date.year,
        "start_date": dates.start_date.isoformat(),
        "end_date": dates.end_date.isoformat(),
        "design_seminar_date": dates.design_seminar_date.isoformat() if dates.design_seminar_date else "",
        "results_seminar_date": dates.results_seminar_date.isoformat() if dates.results_seminar_date else "",
    }
    for stage, (first, last) in dates.stages.items():
        data[f"{stage}_start"] = first.isoformat() if first else ""
        data[f"{stage}_end"] = last.isoformat() if last else ""
    data.update(fields)
    return data


def organiser_with_staff():
    organiser = factories.OrganiserFactory()
    staff = factories.UserFactory(full_name="Staf Penyelenggara")
    organiser.staff.add(staff)
    return organiser, staff


def enrol_many(cohort, n: int, kinds=("dinas",)):
    """``n`` participants named Peserta 01.. whose agencies are of the kinds given, in turn."""
    enrolments = []
    for i in range(n):
        kind = AgencyKind.objects.get(code=kinds[i % len(kinds)])
        participant = factories.ParticipantFactory(
            user__full_name=f"Peserta {i + 1:02d}", agency=factories.AgencyFactory(kind=kind)
        )
        enrolments.append(factories.EnrolmentFactory(cohort=cohort, participant=participant))
    return enrolments


def scheduling_world(participants: int = 7, kinds=("dinas",)):
    """A cohort with its staff, a results seminar without sessions, participants, and two examiners
    assigned for the organiser (the panel candidates)."""
    organiser, staff = organiser_with_staff()
    cohort = factories.CohortFactory(organiser=organiser)
    enrolments = enrol_many(cohort, participants, kinds)
    seminar = SeminarFactory(cohort=cohort)
    examiners = [factories.UserFactory(full_name=name) for name in ("Penguji Satu", "Penguji Dua")]
    for examiner in examiners:
        factories.AssignmentFactory(enrolment=enrolments[0], user=examiner, role=Assignment.Role.EXAMINER)
    coach = factories.UserFactory(full_name="Widyaiswara Coach")
    factories.AssignmentFactory(enrolment=enrolments[0], user=coach, role=Assignment.Role.COACH)
    return SimpleNamespace(
        organiser=organiser,
        staff=staff,
        cohort=cohort,
        enrolments=enrolments,
        seminar=seminar,
        examiners=examiners,
        coach=coach,
    )
