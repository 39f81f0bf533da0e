"""A small world for the exports: two cohorts in two provinces, every role, and a fake typed table.

- cohort A (organiser A, PKN II): Alice (Dinas in Sulawesi Selatan, 73) whose project title is a
  formula, and Bob (Kota Makassar, 73.71); cohort B (organiser B): Carol in Jawa Barat (32);
- Alice's project has two milestones, a budget feedback item, a released score and an
  innovation adopted by Bob's agency; Carol's project a milestone, a feedback item, an
  unreleased score and an innovation of its own;
- users: the participants, organiser staff of A, provincial staff of 73, a stranger, a superuser.
"""

import csv
import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from assessments.models import BudgetFeedback, RubricIndicator, Score
from people.models import ProvincialStaff
from regions.models import Region
from reports import exports, permissions
from reports.tables import Column, Kind, ReportTable
from rollout.models import Adoption, Innovation
from tests import factories
from tests.assessments.factories import FeedbackItemFactory, PresentationFactory, SessionFactory

FORMULA_TITLE = '=HYPERLINK("http://evil.example/","klik")'
TODAY = datetime.date(2026, 11, 22)


def make_project(cohort, name: str, government: str, title: str, nip_index: int):
    agency = factories.AgencyFactory(name=f"Dinas {name}", government=Region.objects.get(code=government))
    participant = factories.ParticipantFactory(user__full_name=name, agency=agency)
    enrolment = factories.EnrolmentFactory(cohort=cohort, participant=participant)
    return factories.ChangeProjectFactory(enrolment=enrolment, title=title)


def score(project, scorer, *, released: bool, value="87.50", remark=""):
    seminar_session = SessionFactory(seminar__cohort=project.enrolment.cohort)
    presentation = PresentationFactory(
        session=seminar_session,
        enrolment=project.enrolment,
        order=1,
        released_at=timezone.now() if released else None,
    )
    indicator = RubricIndicator.objects.filter(component__rubric=seminar_session.seminar.rubric).first()
    return Score.objects.create(
        presentation=presentation,
        indicator=indicator,
        scorer=scorer,
        role="examiner",
        value=Decimal(value),
        remark=remark,
    )


@pytest.fixture
def world(db):
    cohort_a = factories.CohortFactory()
    cohort_b = factories.CohortFactory()
    alice_project = make_project(cohort_a, "Alice Andini", "73", FORMULA_TITLE, 1)
    bob_project = make_project(cohort_a, "Bob Baskara", "73.71", "@SUM(1)", 2)
    carol_project = make_project(cohort_b, "Carol Cahyani", "32", "Proyek Jawa Barat", 3)

    factories.MilestoneFactory(
        project=alice_project,
        activity="Rapat koordinasi",
        status="done",
        progress=100,
        completed_on=TODAY,
        estimated_cost=3_800_000,
    )
    factories.MilestoneFactory(project=alice_project, activity="-Uji coba aplikasi", horizon="medium")
    factories.MilestoneFactory(project=carol_project, activity="Sosialisasi")

    examiner = factories.UserFactory(full_name="Penguji Utama")
    item = FeedbackItemFactory(project=alice_project, given_by=examiner, category="budget", text="Masukkan ke DPA")
    money = BudgetFeedback.objects.create(item=item, fiscal_year=2027, source="apbd", amount_requested=5_000_000)
    money.budget_lines.set([factories.confirmed_line(alice_project, fiscal_year=2027, approved=4_000_000)])
    FeedbackItemFactory(project=carol_project, given_by=examiner, text="Percepat ke setiap OPD")
    score(alice_project, examiner, released=True, remark="+ bagus")
    score(carol_project, examiner, released=False)

    innovation = Innovation.objects.create(project=alice_project, name="Respons Cepat", form="public_service")
    Adoption.objects.create(
        innovation=innovation,
        agency=bob_project.agency,
        stage="applied",
        planned_on=datetime.date(2026, 1, 5),
        piloting_on=datetime.date(2026, 2, 1),
        applied_on=datetime.date(2026, 3, 1),
        contact_phone="+62 811 4000 123",
    )
    Innovation.objects.create(project=carol_project, name="Jabar Melayani", form="governance")

    organiser_staff = factories.UserFactory(full_name="Staf Penyelenggara")
    cohort_a.organiser.staff.add(organiser_staff)
    provincial = factories.UserFactory(full_name="Staf Provinsi")
    ProvincialStaff.objects.create(user=provincial, province=Region.objects.get(code="73"))
    return SimpleNamespace(
        cohort_a=cohort_a,
        cohort_b=cohort_b,
        alice=alice_project,
        bob=bob_project,
        carol=carol_project,
        examiner=examiner,
        organiser_staff=organiser_staff,
        provincial=provincial,
        stranger=factories.UserFactory(full_name="Orang Lain"),
        superuser=factories.UserFactory(full_name="Admin", is_superuser=True, is_staff=True),
    )


# --- a fake table of every kind, registered as ("test", "fake") ---------------------------------------

FAKE_ROWS = [
    {
        "text": FORMULA_TITLE,
        "count": -5,
        "money": 3_800_000,
        "share": 45.25,
        "score": Decimal("87.5"),
        "day": datetime.date(2026, 11, 22),
        "moment": datetime.datetime(2026, 11, 22, 1, 30, tzinfo=datetime.UTC),
    },
    {"text": "@SUM(1)", "count": 0, "money": 0, "share": 0, "score": Decimal("0"), "day": None, "moment": None},
    {"text": "+62 811", "count": 12, "money": None, "share": None, "score": None, "day": None, "moment": None},
    {"text": "\tTab", "count": None, "money": None, "share": None, "score": None, "day": None, "moment": None},
    {"text": "Biasa, dengan koma", "count": 1, "money": 1, "share": 100, "score": None, "day": None, "moment": None},
]


def fake_table(form) -> ReportTable:
    return ReportTable(
        name="test-fake",
        title=_("January"),
        columns=[
            Column("text", _("January")),  # Django's own catalogue translates it: "Januari"
            Column("count", _("February"), Kind.INTEGER),
            Column("money", _("March"), Kind.RUPIAH),
            Column("share", _("April"), Kind.PERCENT),
            Column("score", _("May"), Kind.DECIMAL),
            Column("day", _("June"), Kind.DATE),
            Column("moment", _("July"), Kind.DATETIME),
        ],
        rows=iter(FAKE_ROWS),
    )


@pytest.fixture
def fake(monkeypatch):
    """The fake table, read like the rollout report: by staff, panel members and participants."""
    monkeypatch.setitem(exports.REGISTRY, ("test", "fake"), "tests.reports_exports.conftest.fake_table")
    monkeypatch.setattr(permissions, "PARTICIPANT_REPORTS", permissions.PARTICIPANT_REPORTS | {"test"})


def reporter():
    """A reader with a role, organiser staff in Jakarta (WIB): a user without any role gets 404 on reports."""
    user = factories.UserFactory()
    factories.OrganiserFactory(region=Region.objects.get(code="31")).staff.add(user)
    return user


# --- reading exports back ---------------------------------------------------------------------------


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def read_csv(response) -> list[list[str]]:
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    return load_workbook(io.BytesIO(content_of(response))).active


@pytest.fixture
def export_url():
    def url(report: str, table: str, query: str = "") -> str:
        path = reverse("reports:export", args=[report, table])
        return f"{path}?{query}" if query else path

    return url


@pytest.fixture
def indonesian_by_default(settings):
    """The site's default language, which the test suite otherwise switches to English."""
    settings.LANGUAGE_CODE = "id"
