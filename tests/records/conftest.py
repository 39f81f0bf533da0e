"""A finalised results seminar session of two participants, held in Makassar on 2 December 2026.

Every panel member has scored every participant completely (examiners, mentors and coaches),
the examiners have given their verdicts, and one examiner's feedback is on record, so finalising
issues the minutes, the recapitulation and two result sheets.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from assessments import services
from records.models import Letterhead, OfficialDocument
from tests import factories
from tests.assessments import conftest as seminar_fixtures
from tests.assessments.factories import FeedbackItemFactory, SeminarFactory, SessionFactory

# The seminar fixtures of tests/assessments, shared here (a conftest's fixtures reach only its own folder).
chair = seminar_fixtures.chair
cohort = seminar_fixtures.cohort
examiner_one = seminar_fixtures.examiner_one
examiner_two = seminar_fixtures.examiner_two
full_scores = seminar_fixtures.full_scores
indicators = seminar_fixtures.indicators
rubric = seminar_fixtures.rubric
presentation = seminar_fixtures.presentation
other_enrolment = seminar_fixtures.other_enrolment
other_mentor = seminar_fixtures.other_mentor
other_presentation = seminar_fixtures.other_presentation

HELD = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.fixture
def seminar(cohort):
    return SeminarFactory(cohort=cohort, starts_at=HELD, place="Aula BPSDM")


@pytest.fixture
def session(seminar, chair, examiner_one, examiner_two):
    # The chair examines too: on the documents they are listed, and sign, once.
    return SessionFactory(
        seminar=seminar, name="Ruang A", starts_at=HELD, chair=chair, examiners=[chair, examiner_one, examiner_two]
    )


@pytest.fixture
def letterhead(cohort):
    return Letterhead.objects.create(
        organiser=cohort.organiser,
        government="Pemerintah Provinsi Sulawesi Selatan",
        name="Badan Pengembangan Sumber Daya Manusia",
        address="Jl. Urip Sumoharjo No. 269, Makassar",
        city="Makassar",
    )


@pytest.fixture
def examiner_with_nip(examiner_one):
    """The first examiner is a civil servant whose profile holds a NIP; the others have none on record."""
    return factories.ParticipantFactory(user=examiner_one, nip="197012182000031001")


@pytest.fixture
def scored(
    session, presentation, other_presentation, chair, examiner_one, examiner_two, full_scores, mentor, coach, project
):
    """Everyone on the panel scores both participants; verdicts and one feedback item are recorded."""
    other_coach = other_presentation.enrolment.assignments.get(role="coach").user
    other_mentor = other_presentation.enrolment.assignments.get(role="mentor").user
    for target, guides, values in (
        (presentation, (mentor, coach), (95, 95, 90, 90)),
        (other_presentation, (other_mentor, other_coach), (75, 70, 70, 80)),
    ):
        for scorer in (chair, examiner_one, examiner_two, *guides):
            services.score_presentation(target, by=scorer, scores=full_scores(*values))
    services.classify_presentation(presentation, by=examiner_one, verdict="innovation", reason="Terobosan nyata.")
    services.classify_presentation(other_presentation, by=examiner_two, verdict="routine", reason="Tugas rutin saja.")
    FeedbackItemFactory(
        project=project,
        presentation=presentation,
        given_by=examiner_one,
        text="Anggaran harus masuk DPA tahun 2027.",
        owner="Peserta",
        due_date=datetime.date(2027, 6, 30),
    )
    return [presentation, other_presentation]


@pytest.fixture
def finalised(scored, session, chair, letterhead, examiner_with_nip):
    services.finalise_session(session, by=chair)
    return session


def documents_of(session, kind=None, version=None):
    documents = OfficialDocument.objects.filter(session=session)
    if kind:
        documents = documents.filter(kind=kind)
    if version:
        documents = documents.filter(version=version)
    return documents


def pdf_text(document: OfficialDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_bytes(document: OfficialDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def flat(text: str) -> str:
    """The text with every run of white space as one space: a table cell may wrap anywhere."""
    return " ".join(text.split())
