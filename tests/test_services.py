"""Service functions: the project workflow, the plan, milestones, progress updates with evidence, and budget."""

import datetime
import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from diklat.models import add_months
from projects.models import BudgetLine, ChangeProject, Evidence, Milestone, ProgressUpdate, ProjectTransition
from projects.services.budget import delete_budget_line, save_budget_line
from projects.services.lifecycle import (
    allowed_transitions,
    apply_transition,
    approve_project,
    complete_project,
    create_project,
    return_project,
    start_implementation,
    submit_project,
    update_project,
)
from projects.services.milestones import delete_milestone, save_milestone
from projects.services.updates import post_update
from tests import factories

Status = ChangeProject.Status
ALL_STATUSES = list(Status)
TRANSITION_SOURCES = {
    "submit": {Status.DRAFT, Status.RETURNED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "start": {Status.APPROVED},
    "complete": {Status.IN_IMPLEMENTATION},
}
TRANSITION_TARGETS = {
    "submit": Status.SUBMITTED,
    "approve": Status.APPROVED,
    "return": Status.RETURNED,
    "start": Status.IN_IMPLEMENTATION,
    "complete": Status.COMPLETED,
}
# Who may apply each transition: the owner ("participant") and/or the mentor.
RIGHT_ACTORS = {
    "submit": ["participant"],
    "approve": ["mentor"],
    "return": ["mentor"],
    "start": ["participant", "mentor"],
    "complete": ["participant", "mentor"],
}


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def today() -> datetime.date:
    return timezone.localdate()


def plan_every_horizon(project: ChangeProject) -> None:
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)


def put_at(project: ChangeProject, status: str) -> ChangeProject:
    ChangeProject.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return project


def actor(request, name: str):
    value = request.getfixturevalue(name)
    return value.user if name == "participant" else value


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header claims the given size (a decompression bomb when large)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def message_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- transitions: the happy paths -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "who"),
    [
        (name, source, who)
        for name, sources in TRANSITION_SOURCES.items()
        for source in sources
        for who in RIGHT_ACTORS[name]
    ],
)
def test_each_transition_from_each_allowed_source_by_the_right_actor_is_recorded(
    request, project, mentor, name, source, who
):
    plan_every_horizon(project)
    project.milestones.filter(horizon="short").update(status="done", progress=100, completed_on=today())
    put_at(project, source)
    by = actor(request, who)
    before = timezone.now()

    result = apply_transition(project, name, by=by, comment="  Catatan  ")

    project.refresh_from_db()
    assert result.status == project.status == TRANSITION_TARGETS[name]
    assert before <= project.status_changed_at <= timezone.now()
    transition = ProjectTransition.objects.get(project=project)
    assert (transition.from_status, transition.to_status) == (source, TRANSITION_TARGETS[name])
    assert transition.by == by
    assert before <= transition.at <= timezone.now()
    assert transition.comment == "Catatan"


def test_a_superuser_may_approve_a_submitted_project(project):
    plan_every_horizon(project)
    put_at(project, Status.SUBMITTED)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert apply_transition(project, "approve", by=admin).status == Status.APPROVED


def test_approval_records_the_mentors_comment_on_the_project(project, mentor):
    put_at(project, Status.SUBMITTED)
    approve_project(project, by=mentor, comment="Lanjutkan.")
    project.refresh_from_db()
    assert project.mentor_comment == "Lanjutkan."


def test_return_records_the_mentors_comment_on_the_project(project, mentor):
    put_at(project, Status.SUBMITTED)
    return_project(project, by=mentor, comment="Perjelas terobosan.")
    project.refresh_from_db()
    assert (project.status, project.mentor_comment) == (Status.RETURNED, "Perjelas terobosan.")


def test_the_whole_workflow_leaves_one_transition_per_step_in_order(project, participant, mentor):
    plan_every_horizon(project)
    owner = participant.user
    submit_project(project, by=owner)
    return_project(project, by=mentor, comment="Revisi jadwal.")
    submit_project(project, by=owner)
    approve_project(project, by=mentor)
    start_implementation(project, by=owner)
    project.milestones.filter(horizon="short").update(status="done", progress=100, completed_on=today())
    complete_project(project, by=mentor)
    steps = list(ProjectTransition.objects.filter(project=project).values_list("to_status", flat=True))
    assert steps == ["submitted", "returned", "submitted", "approved", "in_implementation", "completed"]


# --- transitions: illegal moves change nothing ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source"),
    [
        (name, source)
        for name, sources in TRANSITION_SOURCES.items()
        for source in ALL_STATUSES
        if source not in sources
    ],
)
def test_every_illegal_transition_is_refused_and_changes_nothing(request, project, mentor, name, source):
    plan_every_horizon(project)
    put_at(project, source)
    by = actor(request, RIGHT_ACTORS[name][0])

    with pytest.raises(ValidationError) as caught:
        apply_transition(project, name, by=by, comment="Catatan")

    assert "cannot be moved to" in message_of(caught.value)
    project.refresh_from_db()
    assert project.status == source
    assert project.status_changed_at is None
    assert project.mentor_comment == ""
    assert not ProjectTransition.objects.exists()


def test_approving_a_draft_is_refused_with_a_clear_message(project, mentor):
    with pytest.raises(ValidationError) as caught:
        approve_project(project, by=mentor)
    assert caught.value.messages == ["A project that is “Draft” cannot be moved to “Approved by the mentor”."]


def test_submitting_an_approved_project_is_refused(approved_project, participant):
    with pytest.raises(ValidationError):
        submit_project(approved_project, by=participant.user)
    approved_project.refresh_from_db()
    assert approved_project.status == Status.APPROVED


def test_completing_a_submitted_project_is_refused(project, participant):
    put_at(project, Status.SUBMITTED)
    with pytest.raises(ValidationError):
        complete_project(project, by=participant.user)
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED


def test_an_unknown_transition_is_refused(project, participant):
    with pytest.raises(ValidationError) as caught:
        apply_transition(project, "archive", by=participant.user)
    assert caught.value.messages == ["Unknown action: archive."]


# --- transitions: the wrong actor -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["coach", "examiner", "organiser_staff", "stranger", "participant"])
@pytest.mark.parametrize("name", ["approve", "return"])
def test_only_the_mentor_may_approve_or_return(request, project, name, who):
    put_at(project, Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        apply_transition(project, name, by=actor(request, who), comment="Catatan")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    assert not ProjectTransition.objects.exists()


@pytest.mark.parametrize("who", ["mentor", "coach", "examiner", "organiser_staff", "stranger"])
def test_only_the_participant_may_submit(request, project, who):
    plan_every_horizon(project)
    with pytest.raises(PermissionDenied):
        submit_project(project, by=actor(request, who))
    project.refresh_from_db()
    assert project.status == Status.DRAFT


@pytest.mark.parametrize(("name", "source"), [(n, s) for n, sources in TRANSITION_SOURCES.items() for s in sources])
def test_a_stranger_may_apply_no_transition(project, stranger, name, source):
    plan_every_horizon(project)
    put_at(project, source)
    with pytest.raises(PermissionDenied):
        apply_transition(project, name, by=stranger, comment="Catatan")
    assert not ProjectTransition.objects.exists()


def test_the_mentor_of_another_participant_may_not_approve(project):
    put_at(project, Status.SUBMITTED)
    other_mentor = factories.AssignmentFactory(role="mentor").user
    with pytest.raises(PermissionDenied):
        approve_project(project, by=other_mentor)


# --- transitions: preconditions -------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_returning_without_a_comment_is_refused_at_the_comment(project, mentor, comment):
    put_at(project, Status.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        return_project(project, by=mentor, comment=comment)
    assert list(caught.value.message_dict) == ["comment"]
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    assert not ProjectTransition.objects.exists()


def test_submitting_without_milestones_names_every_missing_horizon(project, participant):
    with pytest.raises(ValidationError) as caught:
        submit_project(project, by=participant.user)
    assert "missing: short-term, medium-term, long-term" in message_of(caught.value)
    project.refresh_from_db()
    assert project.status == Status.DRAFT


def test_submitting_without_a_long_term_milestone_names_only_that_horizon(project, participant):
    factories.MilestoneFactory(project=project, horizon="short")
    factories.MilestoneFactory(project=project, horizon="medium")
    with pytest.raises(ValidationError) as caught:
        submit_project(project, by=participant.user)
    assert message_of(caught.value).endswith("missing: long-term.")


def test_a_cancelled_milestone_does_not_count_for_its_horizon_at_submission(project, participant):
    plan_every_horizon(project)
    project.milestones.filter(horizon="medium").update(status="cancelled")
    with pytest.raises(ValidationError) as caught:
        submit_project(project, by=participant.user)
    assert "missing: medium-term" in message_of(caught.value)


def test_completing_with_an_open_short_term_milestone_is_refused(approved_project, participant):
    put_at(approved_project, Status.IN_IMPLEMENTATION)
    with pytest.raises(ValidationError) as caught:
        complete_project(approved_project, by=participant.user)
    assert "short-term milestone" in message_of(caught.value)
    approved_project.refresh_from_db()
    assert approved_project.status == Status.IN_IMPLEMENTATION


def test_completing_with_short_term_milestones_done_or_cancelled_is_allowed_despite_open_later_ones(
    approved_project, participant
):
    put_at(approved_project, Status.IN_IMPLEMENTATION)
    factories.MilestoneFactory(project=approved_project, horizon="short", status="cancelled")
    approved_project.milestones.filter(horizon="short", status="planned").update(
        status="done", progress=100, completed_on=today()
    )
    complete_project(approved_project, by=participant.user)
    approved_project.refresh_from_db()
    assert approved_project.status == Status.COMPLETED


# --- allowed transitions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (Status.DRAFT, "participant", ["submit"]),
        (Status.DRAFT, "mentor", []),
        (Status.SUBMITTED, "participant", []),
        (Status.SUBMITTED, "mentor", ["approve", "return"]),
        (Status.RETURNED, "participant", ["submit"]),
        (Status.APPROVED, "participant", ["start"]),
        (Status.APPROVED, "mentor", ["start"]),
        (Status.IN_IMPLEMENTATION, "mentor", ["complete"]),
        (Status.COMPLETED, "participant", []),
        (Status.COMPLETED, "mentor", []),
        (Status.SUBMITTED, "coach", []),
        (Status.SUBMITTED, "examiner", []),
        (Status.SUBMITTED, "organiser_staff", []),
        (Status.SUBMITTED, "stranger", []),
    ],
)
def test_allowed_transitions_per_role_and_status(request, project, status, who, expected):
    put_at(project, status)
    assert allowed_transitions(project, actor(request, who)) == expected


def test_allowed_transitions_for_an_anonymous_user_are_none(project):
    from django.contrib.auth.models import AnonymousUser

    put_at(project, Status.SUBMITTED)
    assert allowed_transitions(project, AnonymousUser()) == []


# --- the plan -------------------------------------------------------------------------------------


def test_the_participant_can_start_their_project_as_a_draft(enrolment, participant):
    project = create_project(enrolment, by=participant.user, title="Humas", problem="p", breakthrough="b")
    assert (project.status, project.agency) == (Status.DRAFT, participant.agency)


def test_starting_a_second_project_for_the_same_enrolment_is_refused(project, participant):
    with pytest.raises(ValidationError):
        create_project(project.enrolment, by=participant.user, title="Lagi", problem="p", breakthrough="b")
    assert ChangeProject.objects.filter(enrolment=project.enrolment).count() == 1


def test_nobody_else_can_start_a_participants_project(enrolment, mentor):
    with pytest.raises(PermissionDenied):
        create_project(enrolment, by=mentor, title="Humas", problem="p", breakthrough="b")
    assert not ChangeProject.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_the_plan_can_be_changed_while_draft_or_returned(project, participant, status):
    put_at(project, status)
    update_project(project, by=participant.user, title="Judul baru")
    project.refresh_from_db()
    assert project.title == "Judul baru"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.IN_IMPLEMENTATION, Status.COMPLETED])
def test_the_plan_cannot_be_changed_once_submitted(project, participant, status):
    put_at(project, status)
    with pytest.raises(ValidationError) as caught:
        update_project(project, by=participant.user, title="Judul baru")
    assert "can only be changed while it is a draft" in message_of(caught.value)
    project.refresh_from_db()
    assert project.title != "Judul baru"


def test_only_the_participant_can_change_the_plan(project, mentor):
    with pytest.raises(PermissionDenied):
        update_project(project, by=mentor, title="Judul baru")


def test_a_blank_title_is_refused_at_the_title(project, participant):
    with pytest.raises(ValidationError) as caught:
        update_project(project, by=participant.user, title="")
    assert "title" in caught.value.message_dict


# --- milestones -----------------------------------------------------------------------------------


def milestone_fields(horizon="short", **extra):
    fields = {
        "horizon": horizon,
        "activity": "Sosialisasi",
        "responsible": "Ketua tim",
        "start_date": today(),
        "target_date": factories.default_target(horizon),
        "weight": 2,
    }
    return {**fields, **extra}


def test_the_participant_can_add_a_milestone(project, participant):
    milestone = save_milestone(project, by=participant.user, **milestone_fields())
    assert Milestone.objects.get(pk=milestone.pk).weight == 2


def test_a_short_term_milestone_after_the_results_seminar_is_refused_at_the_target_date(project, participant):
    seminar = project.cohort.results_seminar_date
    fields = milestone_fields("short", target_date=seminar + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        save_milestone(project, by=participant.user, **fields)
    start = project.cohort.start_date
    assert caught.value.message_dict["target_date"] == [
        f"A short-term milestone must target a date from {start:%d-%m-%Y} to {seminar:%d-%m-%Y}."
    ]
    assert not Milestone.objects.exists()


def test_a_short_term_milestone_on_the_day_of_the_results_seminar_is_accepted(project, participant):
    fields = milestone_fields("short", target_date=project.cohort.results_seminar_date)
    assert save_milestone(project, by=participant.user, **fields).pk


@pytest.mark.parametrize("days_after_limit", [None, 1])
def test_a_medium_term_milestone_outside_the_twelve_months_after_the_seminar_is_refused(
    project, participant, days_after_limit
):
    seminar = project.cohort.results_seminar_date
    if days_after_limit is None:
        target = seminar
    else:
        target = add_months(seminar, 12) + datetime.timedelta(days=days_after_limit)
    with pytest.raises(ValidationError) as caught:
        save_milestone(project, by=participant.user, **milestone_fields("medium", target_date=target))
    assert "A medium-term milestone must target a date from" in caught.value.message_dict["target_date"][0]
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("target", ["six_months_after", "twelve_months_after"])
def test_a_medium_term_milestone_within_the_window_is_accepted(project, participant, target):
    seminar = project.cohort.results_seminar_date
    day = add_months(seminar, 6) if target == "six_months_after" else add_months(seminar, 12)
    assert save_milestone(project, by=participant.user, **milestone_fields("medium", target_date=day)).pk


def test_progress_100_marks_the_milestone_done_today(project, participant):
    milestone = save_milestone(project, by=participant.user, **milestone_fields(progress=100))
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == (Milestone.Status.DONE, today())


def test_status_done_sets_progress_to_100(project, participant):
    milestone = save_milestone(project, by=participant.user, **milestone_fields(status="done", progress=30))
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.completed_on) == (100, today())


def test_some_progress_moves_a_planned_milestone_in_progress(project, participant):
    milestone = save_milestone(project, by=participant.user, **milestone_fields(progress=10))
    assert milestone.status == Milestone.Status.IN_PROGRESS


def test_reopening_a_done_milestone_clears_its_completion_date(project, participant):
    milestone = save_milestone(project, by=participant.user, **milestone_fields(progress=100))
    save_milestone(project, by=participant.user, milestone=milestone, status="in_progress", progress=60)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.progress, milestone.completed_on) == ("in_progress", 60, None)


def test_a_milestone_target_before_its_start_is_refused_at_the_target_date(project, participant):
    fields = milestone_fields(start_date=today(), target_date=today() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        save_milestone(project, by=participant.user, **fields)
    assert caught.value.message_dict["target_date"] == ["The target date cannot be before the start date."]


@pytest.mark.parametrize(("field", "value"), [("weight", 0), ("weight", 101), ("progress", 101)])
def test_a_milestone_weight_or_progress_out_of_range_is_refused_at_its_field(project, participant, field, value):
    with pytest.raises(ValidationError) as caught:
        save_milestone(project, by=participant.user, **milestone_fields(**{field: value}))
    assert field in caught.value.message_dict
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.COMPLETED])
def test_milestones_cannot_be_changed_while_the_project_is_with_the_mentor_or_completed(project, participant, status):
    put_at(project, status)
    with pytest.raises(ValidationError):
        save_milestone(project, by=participant.user, **milestone_fields())
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_project_cannot_be_changed_through_this_one(project, participant):
    foreign = factories.MilestoneFactory()
    with pytest.raises(PermissionDenied):
        save_milestone(project, by=participant.user, milestone=foreign, activity="Dibajak")
    foreign.refresh_from_db()
    assert foreign.activity != "Dibajak"


def test_only_the_participant_can_add_milestones(project, mentor):
    with pytest.raises(PermissionDenied):
        save_milestone(project, by=mentor, **milestone_fields())


def test_the_participant_can_delete_a_milestone_of_a_draft(project, participant):
    milestone = factories.MilestoneFactory(project=project)
    delete_milestone(milestone, by=participant.user)
    assert not Milestone.objects.exists()


def test_a_milestone_cannot_be_deleted_while_the_project_is_submitted(project, participant):
    milestone = factories.MilestoneFactory(project=project)
    put_at(project, Status.SUBMITTED)
    with pytest.raises(ValidationError):
        delete_milestone(milestone, by=participant.user)
    assert Milestone.objects.filter(pk=milestone.pk).exists()


# --- progress updates -----------------------------------------------------------------------------


@pytest.fixture
def short_milestone(approved_project):
    milestone = approved_project.milestones.get(horizon="short")
    Milestone.objects.filter(pk=milestone.pk).update(progress=20, status="in_progress")
    milestone.refresh_from_db()
    return milestone


def assert_nothing_recorded(milestone: Milestone, progress=20, status="in_progress"):
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.status) == (progress, status)


def test_an_update_moves_the_milestone_and_records_progress_before_and_after(
    approved_project, participant, short_milestone
):
    update = post_update(
        approved_project, by=participant.user, note="Rapat tim.", milestone=short_milestone, progress=60
    )
    update.refresh_from_db()
    short_milestone.refresh_from_db()
    assert (update.progress_before, update.progress_after) == (20, 60)
    assert short_milestone.progress == 60
    assert (update.author, update.happened_on, update.note) == (participant.user, today(), "Rapat tim.")


def test_an_update_to_100_percent_completes_the_milestone_on_the_day_it_happened(
    approved_project, participant, short_milestone
):
    yesterday = today() - datetime.timedelta(days=1)
    post_update(
        approved_project,
        by=participant.user,
        note="Selesai.",
        milestone=short_milestone,
        progress=100,
        happened_on=yesterday,
    )
    short_milestone.refresh_from_db()
    assert (short_milestone.status, short_milestone.completed_on) == (Milestone.Status.DONE, yesterday)


def test_an_update_below_100_reopens_a_done_milestone(approved_project, participant, short_milestone):
    Milestone.objects.filter(pk=short_milestone.pk).update(status="done", progress=100, completed_on=today())
    post_update(approved_project, by=participant.user, note="Ulang.", milestone=short_milestone, progress=80)
    short_milestone.refresh_from_db()
    assert (short_milestone.status, short_milestone.progress, short_milestone.completed_on) == (
        "in_progress",
        80,
        None,
    )


def test_an_update_without_a_milestone_is_a_dated_note(approved_project, participant):
    update = post_update(approved_project, by=participant.user, note="Koordinasi dengan Bappeda.")
    assert (update.milestone, update.progress_before, update.progress_after) == (None, None, None)


def test_an_update_is_accepted_during_implementation(approved_project, participant, short_milestone):
    put_at(approved_project, Status.IN_IMPLEMENTATION)
    post_update(approved_project, by=participant.user, note="Uji coba.", milestone=short_milestone, progress=40)
    short_milestone.refresh_from_db()
    assert short_milestone.progress == 40


def test_an_update_dated_in_the_future_is_refused_at_the_date(approved_project, participant, short_milestone):
    with pytest.raises(ValidationError) as caught:
        post_update(
            approved_project,
            by=participant.user,
            note="Nanti.",
            milestone=short_milestone,
            progress=50,
            happened_on=today() + datetime.timedelta(days=1),
        )
    assert caught.value.message_dict["happened_on"] == ["An update cannot be dated in the future."]
    assert_nothing_recorded(short_milestone)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.COMPLETED])
def test_an_update_is_refused_unless_the_project_is_approved_or_in_implementation(
    approved_project, participant, short_milestone, status
):
    put_at(approved_project, status)
    with pytest.raises(ValidationError) as caught:
        post_update(approved_project, by=participant.user, note="x", milestone=short_milestone, progress=50)
    assert "once the mentor has approved the project" in message_of(caught.value)
    assert_nothing_recorded(short_milestone)


def test_an_update_on_a_milestone_of_another_project_is_refused(approved_project, participant, short_milestone):
    foreign = factories.MilestoneFactory(progress=10, status="in_progress")
    with pytest.raises(ValidationError) as caught:
        post_update(approved_project, by=participant.user, note="x", milestone=foreign, progress=90)
    assert caught.value.message_dict["milestone"] == ["This milestone belongs to another project."]
    assert_nothing_recorded(foreign, progress=10)


def test_progress_without_a_milestone_is_refused_at_the_progress(approved_project, participant):
    with pytest.raises(ValidationError) as caught:
        post_update(approved_project, by=participant.user, note="x", progress=50)
    assert "progress" in caught.value.message_dict
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(approved_project, participant, short_milestone, progress):
    with pytest.raises(ValidationError) as caught:
        post_update(approved_project, by=participant.user, note="x", milestone=short_milestone, progress=progress)
    assert "progress" in caught.value.message_dict
    assert_nothing_recorded(short_milestone)


def test_an_update_without_a_note_is_refused_at_the_note(approved_project, participant, short_milestone):
    with pytest.raises(ValidationError) as caught:
        post_update(approved_project, by=participant.user, note="  ", milestone=short_milestone, progress=50)
    assert "note" in caught.value.message_dict
    assert_nothing_recorded(short_milestone)


@pytest.mark.parametrize("who", ["mentor", "coach", "organiser_staff", "stranger"])
def test_only_the_participant_can_post_an_update(request, approved_project, short_milestone, who):
    with pytest.raises(PermissionDenied):
        post_update(approved_project, by=actor(request, who), note="x", milestone=short_milestone, progress=50)
    assert_nothing_recorded(short_milestone)


# --- evidence -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("Foto Rapat Bupati.PNG", png_bytes(), "image/png"), ("laporan kegiatan.pdf", PDF_BYTES, "application/pdf")],
)
def test_valid_evidence_is_stored_under_a_generated_name(
    approved_project, participant, short_milestone, settings, name, content, content_type
):
    update = post_update(
        approved_project,
        by=participant.user,
        note="Bukti.",
        milestone=short_milestone,
        progress=50,
        files=[upload(name, content)],
    )
    evidence = Evidence.objects.get(update=update)
    stored = evidence.file.name
    assert (evidence.original_name, evidence.content_type, evidence.size) == (name, content_type, len(content))
    assert stored.startswith("evidence/")
    assert name.rsplit(".", 1)[0] not in stored
    assert "Rapat" not in stored and "laporan" not in stored
    assert stored.endswith("." + name.rsplit(".", 1)[1].lower())
    assert (settings.MEDIA_ROOT / stored).read_bytes() == content


def test_two_uploads_with_the_same_name_are_stored_apart(approved_project, participant):
    files = [upload("bukti.png", png_bytes()), upload("bukti.png", png_bytes())]
    update = post_update(approved_project, by=participant.user, note="Bukti.", files=files)
    names = set(update.evidence.values_list("file", flat=True))
    assert len(names) == 2


def refused_evidence(project, user, milestone, *files):
    with pytest.raises(ValidationError) as caught:
        post_update(project, by=user, note="Bukti.", milestone=milestone, progress=50, files=list(files))
    return caught.value.message_dict["files"]


def test_a_text_file_named_png_is_refused(approved_project, participant, short_milestone, settings):
    messages = refused_evidence(
        approved_project, participant.user, short_milestone, upload("foto.png", b"just some text, not an image")
    )
    assert messages == ["foto.png is not really a PNG file: its content does not match its name."]
    assert_nothing_recorded(short_milestone)
    assert not (settings.MEDIA_ROOT / "evidence").exists()


def test_a_pdf_named_jpg_is_refused(approved_project, participant, short_milestone):
    messages = refused_evidence(approved_project, participant.user, short_milestone, upload("foto.jpg", PDF_BYTES))
    assert "not really a JPG file" in messages[0]
    assert_nothing_recorded(short_milestone)


def test_an_oversize_file_is_refused(approved_project, participant, short_milestone, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    content = png_bytes() + b"\0" * 200
    messages = refused_evidence(approved_project, participant.user, short_milestone, upload("besar.png", content))
    assert messages[0].startswith("besar.png is ")
    assert "the limit is 100" in messages[0]
    assert_nothing_recorded(short_milestone)


def test_an_exe_is_refused(approved_project, participant, short_milestone):
    messages = refused_evidence(approved_project, participant.user, short_milestone, upload("setup.exe", b"MZ\x90\x00"))
    assert messages == ["setup.exe: only images (JPG, PNG, WEBP) or PDF files are accepted."]
    assert_nothing_recorded(short_milestone)


def test_an_empty_file_is_refused(approved_project, participant, short_milestone):
    messages = refused_evidence(approved_project, participant.user, short_milestone, upload("kosong.pdf", b""))
    assert messages == ["kosong.pdf is empty."]
    assert_nothing_recorded(short_milestone)


def test_an_image_declaring_billions_of_pixels_is_refused_not_crashed_on(
    approved_project, participant, short_milestone
):
    messages = refused_evidence(
        approved_project, participant.user, short_milestone, upload("bom.png", png_declaring(20000, 20000))
    )
    assert messages == ["bom.png: the image has too many pixels."]
    assert_nothing_recorded(short_milestone)


def test_one_bad_file_among_good_ones_refuses_the_whole_update(approved_project, participant, short_milestone):
    messages = refused_evidence(
        approved_project,
        participant.user,
        short_milestone,
        upload("baik.png", png_bytes()),
        upload("buruk.pdf", b"not a pdf"),
    )
    assert len(messages) == 1 and messages[0].startswith("buruk.pdf")
    assert_nothing_recorded(short_milestone)


# --- budget ---------------------------------------------------------------------------------------


def budget_fields(**extra):
    fields = {"source": "apbd", "fiscal_year": today().year + 1, "description": "Pelatihan", "planned": 3_800_000}
    return {**fields, **extra}


def test_the_participant_can_add_a_budget_line_in_whole_rupiah(project, participant):
    line = save_budget_line(project, by=participant.user, **budget_fields())
    line.refresh_from_db()
    assert (line.planned, line.approved, line.realised, line.stage) == (3_800_000, None, None, "planned")


def test_the_participant_cannot_type_an_approved_or_realised_amount(project, participant):
    with pytest.raises(ValueError, match="unexpected fields"):
        save_budget_line(project, by=participant.user, **budget_fields(approved=3_000_000))
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("field", ["planned"])
def test_a_negative_amount_is_refused_at_its_field(project, participant, field):
    with pytest.raises(ValidationError) as caught:
        save_budget_line(project, by=participant.user, **budget_fields(**{field: -1}))
    assert list(caught.value.message_dict) == [field]
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("year", [1990, 2101])
def test_an_implausible_fiscal_year_is_refused_at_its_field(project, participant, year):
    with pytest.raises(ValidationError) as caught:
        save_budget_line(project, by=participant.user, **budget_fields(fiscal_year=year))
    assert list(caught.value.message_dict) == ["fiscal_year"]


def test_an_unknown_budget_source_is_refused_at_its_field(project, participant):
    with pytest.raises(ValidationError) as caught:
        save_budget_line(project, by=participant.user, **budget_fields(source="loan"))
    assert list(caught.value.message_dict) == ["source"]


def test_budget_lines_cannot_be_changed_while_the_project_is_submitted(project, participant):
    put_at(project, Status.SUBMITTED)
    with pytest.raises(ValidationError):
        save_budget_line(project, by=participant.user, **budget_fields())
    assert not BudgetLine.objects.exists()


def test_only_the_participant_can_add_budget_lines(project, mentor):
    with pytest.raises(PermissionDenied):
        save_budget_line(project, by=mentor, **budget_fields())


def test_a_budget_line_of_another_project_cannot_be_changed_through_this_one(project, participant):
    foreign = factories.BudgetLineFactory()
    with pytest.raises(PermissionDenied):
        save_budget_line(project, by=participant.user, line=foreign, planned=1)
    foreign.refresh_from_db()
    assert foreign.planned == 3_800_000


def test_the_participant_can_delete_a_budget_line(project, participant):
    line = factories.BudgetLineFactory(project=project)
    delete_budget_line(line, by=participant.user)
    assert not BudgetLine.objects.exists()


def test_an_unexpected_field_is_a_programming_error(project, participant):
    with pytest.raises(ValueError, match="unexpected fields"):
        save_budget_line(project, by=participant.user, **budget_fields(project_id=1))


def test_an_update_cannot_move_a_cancelled_milestone(approved_project):
    milestone = approved_project.milestones.first()
    milestone.status = Milestone.Status.CANCELLED
    milestone.save()
    with pytest.raises(ValidationError) as refused:
        post_update(
            approved_project,
            by=approved_project.participant.user,
            note="Tetap lanjut",
            milestone=milestone,
            progress=50,
        )
    assert "milestone" in refused.value.message_dict
    assert not approved_project.updates.exists()


def test_a_participant_assigned_as_their_own_mentor_cannot_approve_their_project(project):
    from mentors.models import Assignment

    Assignment.objects.create(enrolment=project.enrolment, user=project.participant.user, role="mentor")
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    submit_project(project, by=project.participant.user)
    with pytest.raises(PermissionDenied):
        approve_project(project, by=project.participant.user)


def test_an_assignment_of_a_participant_to_themselves_is_refused_at_the_user_field(enrolment):
    from mentors.models import Assignment

    assignment = Assignment(enrolment=enrolment, user=enrolment.participant.user, role="coach")
    with pytest.raises(ValidationError) as refused:
        assignment.full_clean()
    assert "user" in refused.value.message_dict
