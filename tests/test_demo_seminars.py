"""The demo's seminars and feedback: load_demo once per module, rolled back afterwards."""

import datetime
import re
from collections import Counter
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from assessments.feedback import MOVES, _status_for_money
from assessments.models import (
    BudgetFeedback,
    Classification,
    FeedbackEvent,
    FeedbackEvidence,
    FeedbackItem,
    Presentation,
    Rubric,
    RubricIndicator,
    Score,
    ScoreChange,
    ScoringPolicy,
    Seminar,
    SeminarSession,
    SessionAbsence,
    SessionEvent,
)
from assessments.results import session_results
from diklat.models import Cohort
from diklat.quarters import quarter_end
from evidence.checks import check_evidence
from mentors.models import Assignment
from people.models import User
from tests.demo_loaded import demo_loaded

MODELS = [Seminar, SeminarSession, Presentation, Score, ScoreChange, Classification, SessionEvent]
MODELS += [FeedbackItem, FeedbackEvent, FeedbackEvidence, BudgetFeedback]
MONEY_ORDER = ["open", "accepted", "in_progress", "implemented"]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-seminar-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media):
    with demo_loaded(django_db_blocker, demo_media) as output:
        yield output


@pytest.fixture
def demo(demo_output, db, settings, demo_media):
    settings.MEDIA_ROOT = demo_media
    return demo_output


@pytest.fixture
def cohort(demo):
    return Cohort.objects.select_related("rule_set", "organiser__region").get(programme__code="pkn2")


def design(cohort) -> Seminar:
    return Seminar.objects.get(cohort=cohort, kind="design")


def test_the_design_seminar_has_four_sessions_of_fifteen_at_eight_host_time(cohort):
    seminar = design(cohort)
    assert seminar.rubric == Rubric.objects.current(cohort.rule_set, "design")
    local = timezone.localtime(seminar.starts_at, ZoneInfo("Asia/Makassar"))
    assert (local.date(), local.time()) == (cohort.design_seminar_date, datetime.time(8, 0))
    assert seminar.place == "Aula BPSDM Provinsi Sulawesi Selatan"
    sessions = list(seminar.sessions.order_by("name").prefetch_related("examiners", "presentations"))
    assert [session.name for session in sessions] == ["Ruang 1", "Ruang 2", "Ruang 3", "Ruang 4"]
    assert Presentation.objects.filter(session__seminar=seminar).count() == 60
    for session in sessions:
        assert sorted(p.order for p in session.presentations.all()) == list(range(1, 16))
        examiners = set(session.examiners.all())
        assert len(examiners) == 2 and session.chair in examiners


def test_every_design_participant_is_scored_by_both_examiners_mentor_and_coach_on_every_indicator(cohort):
    """All but one sheet: Ruang 4's second examiner left before its second participant, recorded by the chair."""
    seminar = design(cohort)
    indicators = RubricIndicator.objects.filter(component__rubric=seminar.rubric).count()
    panel = {(a.enrolment_id, a.role): a.user_id for a in Assignment.objects.filter(role__in=["mentor", "coach"])}
    absent = {(a.presentation_id, a.member_id) for a in SessionAbsence.objects.filter(session__seminar=seminar)}
    assert len(absent) == 1
    for presentation in Presentation.objects.filter(session__seminar=seminar).prefetch_related("session__examiners"):
        scores = list(presentation.scores.all())
        expected = {
            (e.pk, "examiner") for e in presentation.session.examiners.all() if (presentation.pk, e.pk) not in absent
        }
        expected |= {(panel[(presentation.enrolment_id, role)], role) for role in ("mentor", "coach")}
        assert Counter((s.scorer_id, s.role) for s in scores) == dict.fromkeys(expected, indicators)
        assert all(65 <= s.value <= 95 for s in scores)
    remarked = Score.objects.filter(presentation__session__seminar=seminar).exclude(remark="")
    assert 20 <= remarked.count() < Score.objects.filter(presentation__session__seminar=seminar).count() // 2


def test_every_released_design_result_is_complete_with_a_predicate_and_two_are_flagged(cohort):
    policy = ScoringPolicy.objects.get(rule_set=cohort.rule_set)
    flagged, predicates = [], Counter()
    for session in design(cohort).sessions.all():
        assert session.status == SeminarSession.Status.FINALISED
        for presentation, result in session_results(session):
            assert presentation.released_at == session.finalised_at
            assert result.final is not None and result.predicate, presentation
            assert len(result.complete_scorers) == (3 if presentation.absences.exists() else 4)
            predicates[result.predicate] += 1
            if result.flagged:
                flagged.append(result)
    assert len(flagged) == 2
    assert all(result.spread > policy.max_spread for result in flagged)
    assert len(predicates) >= 3


def test_each_first_entry_and_each_correction_is_in_the_score_audit(cohort):
    seminar = design(cohort)
    scores = Score.objects.filter(presentation__session__seminar=seminar)
    firsts = ScoreChange.objects.filter(presentation__session__seminar=seminar, old_value__isnull=True)
    assert firsts.count() == scores.count()
    latest = {}
    for change in ScoreChange.objects.filter(presentation__session__seminar=seminar).order_by("at", "pk"):
        latest[(change.presentation_id, change.indicator_id, change.scorer_id)] = change.new_value
    assert latest == {(s.presentation_id, s.indicator_id, s.scorer_id): s.value for s in scores}
    after = ScoreChange.objects.filter(after_release=True)
    assert after.exists()
    assert all(change.reason and change.old_value is not None for change in after)
    assert ScoreChange.objects.filter(after_release=False, old_value__isnull=False).exclude(reason="").exists()


def test_three_sessions_were_finalised_once_and_one_reopened_with_a_reason_and_finalised_again(cohort):
    histories = Counter()
    for session in design(cohort).sessions.prefetch_related("events"):
        events = list(session.events.all())
        kinds = tuple(event.kind for event in events)
        histories[kinds] += 1
        assert events[-1].at == session.finalised_at
        if "reopened" in kinds:
            reopened, refinalised = events[1].at, events[2].at
            assert events[1].reason and events[1].by == session.chair
            corrections = ScoreChange.objects.filter(presentation__session=session, after_release=True)
            assert corrections and all(reopened < change.at < refinalised for change in corrections)
    assert histories == {("finalised",): 3, ("finalised", "reopened", "finalised"): 1}


def test_examiners_call_most_projects_innovations_and_a_few_routine_work_with_reasons(cohort):
    verdicts = Classification.objects.filter(presentation__session__seminar=design(cohort))
    assert verdicts.count() == 2 * 60 - 1  # the examiner who left Ruang 4 gave no verdict on that participant
    routine = verdicts.filter(verdict="routine")
    assert 2 <= routine.values("presentation").distinct().count() <= 3
    assert all(verdict.reason.strip() for verdict in verdicts)
    for verdict in verdicts.select_related("presentation__session"):
        assert verdict.presentation.session.examiners.filter(pk=verdict.examiner_id).exists()


def test_the_examiner_login_sits_on_and_chairs_sessions_of_both_seminars(demo, cohort):
    penguji = User.objects.get(username="penguji")
    for kind in ("design", "results"):
        assert SeminarSession.objects.filter(seminar__kind=kind, examiners=penguji).exists(), kind
        assert SeminarSession.objects.filter(seminar__kind=kind, chair=penguji).exists(), kind
    assert re.search(r"Ruang 1\s+chair penguji", demo)


def test_the_results_seminar_is_ahead_with_every_participant_and_one_session_partly_scored(cohort):
    seminar = Seminar.objects.get(cohort=cohort, kind="results")
    assert timezone.localtime(seminar.starts_at, ZoneInfo("Asia/Makassar")).date() == cohort.results_seminar_date
    assert seminar.rubric == Rubric.objects.current(cohort.rule_set, "results")
    presentations = Presentation.objects.filter(session__seminar=seminar)
    assert presentations.count() == 60 and not presentations.released().exists()
    assert set(seminar.sessions.values_list("status", flat=True)) == {"open"}
    scored = seminar.sessions.annotate(n=Count("presentations__scores")).filter(n__gt=0)
    assert [session.name for session in scored] == ["Ruang 1"]
    results = [result for _p, result in session_results(scored.get())]
    assert any(result.final is not None for result in results)
    assert any(result.final is None for result in results)


def replay(item: FeedbackItem) -> None:
    events = list(item.events.all())
    assert (events[0].from_status, events[0].to_status, events[0].by_id) == ("", "open", item.given_by_id)
    status = "open"
    owner = item.project.enrolment.participant.user_id
    for event in events[1:]:
        assert event.from_status == status, item
        who = MOVES.get((status, event.to_status))
        if who is None:  # only the money moves budget feedback beyond the moves a person makes
            assert item.category == "budget" and event.by_id == owner, item
        else:
            assert event.by_id == (item.given_by_id if who == "giver" else owner), item
        if event.to_status == "rejected":
            assert event.note, item
        assert event.at > events[0].at
        status = event.to_status
    assert status == item.status
    assert item.created_at == events[0].at and item.updated_at == events[-1].at


def test_feedback_comes_in_every_status_with_a_history_that_replays_to_it(cohort):
    items = FeedbackItem.objects.select_related("project__enrolment__participant", "budget").prefetch_related(
        "events", "evidence"
    )
    assert set(items.values_list("status", flat=True)) == set(FeedbackItem.Status.values)
    assert len(set(items.values_list("category", flat=True))) >= 5
    assert items.values("project").distinct().count() >= 30
    now = timezone.now()
    for item in items:
        replay(item)
        assert item.events.all()[len(item.events.all()) - 1].at < now
        if item.status in {"implemented", "verified"} and item.category != "budget":
            assert item.evidence.all(), item
    overdue = FeedbackItem.objects.overdue()
    assert overdue.exists()
    quarter_ends = {quarter_end(year, q) for year in (2025, 2026, 2027, 2028, 2029) for q in (1, 2, 3, 4)}
    due = [item.due_date for item in items.exclude(pk__in=overdue)]
    assert sum(day in quarter_ends for day in due) == len(due)


def test_feedback_evidence_is_stored_and_passes_the_evidence_checks(cohort, demo_media):
    evidence = list(FeedbackEvidence.objects.select_related("item"))
    assert evidence
    for upload in evidence:
        path = Path(upload.file.path)
        assert path.is_file() and demo_media in path.parents
        with upload.file.open("rb") as handle:
            assert check_evidence(SimpleUploadedFile(upload.original_name, handle.read())).size == upload.size
        assert upload.uploaded_by == upload.item.project.enrolment.participant.user


def test_budget_feedback_is_whole_rupiah_and_its_status_follows_the_money(cohort):
    budgets = list(BudgetFeedback.objects.select_related("item").prefetch_related("budget_lines"))
    assert len(budgets) >= 6
    assert {budget.item.status for budget in budgets} == set(FeedbackItem.Status.values)
    for budget in budgets:
        for amount in (budget.amount_requested, budget.amount_approved, budget.amount_realised):
            assert amount is None or (isinstance(amount, int) and amount >= 0)
        lines = list(budget.budget_lines.all())
        realised = all(line.realised is not None for line in lines)
        money = _status_for_money(budget.amount_approved, budget.amount_realised, all_realised=realised)
        status = budget.item.status
        if status in MONEY_ORDER:
            assert money == status, budget
        elif status == "verified":
            assert money == "implemented", budget
        if budget.amount_approved:
            assert re.fullmatch(r"DPA-[A-Z]+/\d{4}/\d{4}", budget.document_reference), budget.document_reference
        assert lines and all(line.project_id == budget.item.project_id for line in lines)
        assert all(line.fiscal_year == budget.fiscal_year for line in lines)


def test_the_participant_login_has_feedback_to_act_on_including_budget(demo, client):
    peserta = User.objects.get(username="peserta")
    items = FeedbackItem.objects.filter(project__enrolment__participant__user=peserta)
    assert items.filter(category="budget").exists()
    assert items.filter(status__in=["open", "accepted", "in_progress"]).count() >= 3
    assert "SIGAP HUMAS" in items.first().project.title
    client.force_login(peserta)
    response = client.get(reverse("assessments:my-results"))
    assert response.status_code == 200
    assert "SIGAP HUMAS" in response.content.decode()


def test_the_examiner_login_follows_up_feedback_in_several_statuses_one_overdue(demo, client):
    client.force_login(User.objects.get(username="penguji"))
    response = client.get(reverse("assessments:feedback-list"))
    assert response.status_code == 200
    items = response.context["items"]
    assert len({item.status for item in items}) >= 5
    today = timezone.localdate()
    assert any(item.is_overdue(today) for item in items)
    assert items[0].is_overdue(today)  # overdue first


def test_running_the_demo_twice_changes_no_seminar_or_feedback_count(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert "nothing changed" in out.getvalue()


def test_the_examiners_seminar_day_shows_upcoming_results_sessions_and_the_design_sessions_held(demo, client):
    client.force_login(User.objects.get(username="penguji"))
    response = client.get(reverse("assessments:day"))
    assert response.status_code == 200
    upcoming = {(s.seminar.kind, s.name) for s in response.context["upcoming"]}
    earlier = {(s.seminar.kind, s.name) for s in response.context["earlier"]}
    assert upcoming == {("results", "Ruang 1"), ("results", "Ruang 3")}
    assert earlier == {("design", "Ruang 1"), ("design", "Ruang 4")}


def test_the_finalised_design_sessions_have_their_frozen_documents_and_the_reopened_one_two_versions(cohort):
    from records.models import OfficialDocument

    documents = OfficialDocument.objects.filter(session__seminar=design(cohort))
    versions = Counter(documents.values_list("session__name", "version"))

    # Minutes, recap and fifteen result sheets per finalising; Ruang 1 was finalised twice.
    assert versions == {
        ("Ruang 1", 1): 17,
        ("Ruang 1", 2): 17,
        ("Ruang 2", 1): 17,
        ("Ruang 3", 1): 17,
        ("Ruang 4", 1): 17,
    }
    assert not documents.filter(version=1, session__name="Ruang 1").current().exists()
    assert documents.current().count() == 68
    minutes = documents.current().filter(kind="minutes").first()
    assert minutes.data["feedback"], "the minutes hold the feedback given in the session"
    assert minutes.data["letterhead"]["city"] == "Makassar"


def test_the_chair_of_ruang_4_recorded_the_examiner_who_left_and_its_minutes_say_why(cohort):
    absence = SessionAbsence.objects.get(session__seminar=design(cohort))
    assert (absence.session.name, absence.presentation.order, absence.kind) == ("Ruang 4", 2, "member")
    assert absence.by == absence.session.chair and absence.member != absence.session.chair
    assert absence.at < absence.session.finalised_at
    minutes = absence.session.documents.current().get(kind="minutes")
    assert "Sekretaris Daerah" in str(minutes.data["absences"])


def test_load_demo_says_where_to_check_a_document(demo):
    assert re.search(r"Official documents .*: 85 issued, 68 valid; anyone can check one at /verify/\w{12}/", demo)
