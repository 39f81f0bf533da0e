"""`manage.py load_demo`: one realistic PKN II cohort, built once per module and rolled back afterwards."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from diklat.models import Cohort, Enrolment
from evidence.checks import check_evidence
from mentors.models import Assignment
from people.models import Participant, User
from people.nip import parse_nip
from projects.models import BudgetLine, ChangeProject, Evidence, Milestone, ProgressUpdate, ProjectTransition
from projects.models.milestones import horizon_violation
from tests import factories
from tests.demo_loaded import demo_loaded

MODELS = [User, Participant, Cohort, Enrolment, Assignment, ChangeProject, Milestone, ProgressUpdate, Evidence]
MODELS += [BudgetLine, ProjectTransition]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media):
    with demo_loaded(django_db_blocker, demo_media) as output:
        yield output


@pytest.fixture
def demo(demo_output, db, settings, demo_media):
    settings.MEDIA_ROOT = demo_media
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_output


def printed_login(output: str, role: str) -> str:
    match = re.search(rf"^\s+{role}\s+(\S+)", output, re.MULTILINE)
    assert match, f"no {role} login in:\n{output}"
    return match.group(1)


def province_of(participant: Participant) -> str:
    return participant.agency.government.province.code


def test_the_demo_cohort_has_60_participants_from_7_provinces_13_from_the_host(demo):
    cohort = Cohort.objects.get(programme__code="pkn2")
    assert cohort.organiser.name == "BPSDM Provinsi Sulawesi Selatan"
    assert cohort.organiser.region.code == "73"
    participants = Participant.objects.filter(enrolments__cohort=cohort).select_related("agency__government__parent")
    provinces = [province_of(participant) for participant in participants]
    assert len(provinces) == 60
    assert provinces.count("73") == 13
    assert len(set(provinces)) == 7


def test_the_demo_cohort_follows_the_newest_pkn_ii_rule_set_and_is_under_way(demo):
    cohort = Cohort.objects.select_related("programme", "rule_set").get(number=15)
    assert cohort.programme.code == "pkn2"
    assert cohort.rule_set == cohort.programme.rule_sets.order_by("-effective_from").first()
    assert cohort.start_date < cohort.design_seminar_date < cohort.results_seminar_date <= cohort.end_date
    assert cohort.stages.count() == 5


def test_every_project_status_is_present(demo):
    statuses = set(ChangeProject.objects.values_list("status", flat=True))
    assert statuses == set(ChangeProject.Status.values)
    assert ChangeProject.objects.count() == 60


def test_every_demo_nip_is_valid_and_plausible(demo):
    for participant in Participant.objects.all():
        nip = parse_nip(participant.nip)
        age_at_service_start = (nip.service_start - nip.birth_date).days / 365.25
        assert 1968 <= nip.birth_date.year <= 1985, participant.nip
        assert 22 <= age_at_service_start <= 30.1, participant.nip
        assert participant.rank in {"IV/a", "IV/b", "IV/c"}
        assert participant.echelon in {"II.a", "II.b"}
    assert {participant.sex for participant in Participant.objects.all()} == {1, 2}


def test_demo_agencies_are_of_kinds_their_government_allows(demo):
    projects = ChangeProject.objects.select_related("agency__kind", "agency__government")
    kinds = set()
    for project in projects:
        assert project.agency.kind.allows(project.agency.government), project.agency
        kinds.add(project.agency.kind.code)
    assert {"biro", "bagian", "kecamatan", "uptd", "dinas", "badan"} <= kinds


def test_each_demo_enrolment_has_exactly_one_mentor_a_coach_and_examiners(demo):
    counts = {
        (row["enrolment"], row["role"]): row["n"]
        for row in Assignment.objects.values("enrolment", "role").annotate(n=Count("pk"))
    }
    enrolments = list(Enrolment.objects.values_list("pk", flat=True))
    assert len(enrolments) == 60
    for pk in enrolments:
        assert counts[(pk, "mentor")] == 1
        assert counts[(pk, "coach")] == 1
        assert counts[(pk, "examiner")] >= 1


def test_running_the_demo_twice_changes_nothing(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert "nothing changed" in out.getvalue()


def test_the_pr_rapid_response_project_belongs_to_the_printed_participant_login(demo):
    username = printed_login(demo, "participant")
    project = ChangeProject.objects.select_related("agency__government").get(
        title__icontains="berita negatif", agency__name="Biro Administrasi Pimpinan"
    )
    assert project.enrolment.participant.user.username == username
    assert project.agency.government.code == "73"
    assert project.status == ChangeProject.Status.IN_IMPLEMENTATION
    assert project.updates.filter(evidence__isnull=False).exists()


def test_every_printed_login_works_with_the_printed_password(demo):
    password = re.search(r"password for every demo user: (\S+?)\)", demo).group(1)
    for role in ["participant", "mentor", "coach", "examiner", "organiser staff", "admin"]:
        username = printed_login(demo, role)
        assert authenticate(username=username, password=password) is not None, role
    assert User.objects.get(username=printed_login(demo, "admin")).is_superuser
    staff = User.objects.get(username=printed_login(demo, "organiser staff"))
    assert staff.is_staff and staff.organisers.filter(name="BPSDM Provinsi Sulawesi Selatan").exists()


def test_the_printed_mentor_coach_and_examiner_sit_on_the_demo_participants_panel(demo):
    enrolment = Enrolment.objects.get(participant__user__username=printed_login(demo, "participant"))
    panel = set(enrolment.assignments.values_list("role", "user__username"))
    assert ("mentor", printed_login(demo, "mentor")) in panel
    assert ("coach", printed_login(demo, "coach")) in panel
    assert ("examiner", printed_login(demo, "examiner")) in panel


def test_demo_milestones_fit_their_horizons_and_some_are_done_or_overdue(demo):
    milestones = Milestone.objects.select_related("project__enrolment__cohort__rule_set")
    for milestone in milestones:
        assert horizon_violation(milestone.project.cohort, milestone.horizon, milestone.target_date) is None
    per_project = ChangeProject.objects.annotate(horizons=Count("milestones__horizon", distinct=True))
    assert set(per_project.values_list("horizons", flat=True)) == {3}
    assert Milestone.objects.filter(status="done").exists()
    assert Milestone.objects.overdue().exists()


def test_demo_transitions_replay_to_each_projects_status(demo):
    for project in ChangeProject.objects.prefetch_related("transitions"):
        status = ChangeProject.Status.DRAFT
        for transition in project.transitions.all():
            assert transition.from_status == status
            status = transition.to_status
        assert status == project.status
    returned = ChangeProject.objects.filter(status="returned")
    assert all(project.mentor_comment for project in returned)


def test_demo_evidence_is_stored_under_media_root_with_generated_names(demo, demo_media):
    evidence = list(Evidence.objects.all())
    assert {item.content_type for item in evidence} == {"image/png", "application/pdf"}
    for item in evidence:
        path = Path(item.file.path)
        assert path.is_file() and demo_media in path.parents
        assert Path(item.original_name).stem not in path.name
        with item.file.open("rb") as handle:
            copy = SimpleUploadedFile(item.original_name, handle.read())
        assert check_evidence(copy).size == item.size


def test_demo_budget_lines_use_every_source_in_whole_rupiah(demo):
    assert {"apbd", "apbn", "csr", "grant"} <= set(BudgetLine.objects.values_list("source", flat=True))
    for line in BudgetLine.objects.all():
        assert isinstance(line.planned, int) and line.planned > 0
    assert BudgetLine.objects.filter(realised__gt=0).exists()


def test_demo_budget_lines_stand_in_every_stage_with_their_documents_and_evidence(demo):
    from projects.models import BudgetEvidence, Commitment

    assert {line.stage for line in BudgetLine.objects.all()} == {"planned", "approved", "realised"}
    for line in BudgetLine.objects.approved() | BudgetLine.objects.realised():
        assert line.document_reference and line.document_date and line.approved_by_id
    for line in BudgetLine.objects.realised():
        assert line.realisation_reference and BudgetEvidence.objects.filter(line=line).exists()
    commitment = Commitment.objects.first()
    assert commitment is not None
    assert commitment.signatories.count() == 3 and commitment.scans.count() == 1


def test_demo_organiser_staff_see_the_demo_cohorts_projects_in_the_admin(demo, client):
    outside = factories.ChangeProjectFactory()
    client.force_login(User.objects.get(username=printed_login(demo, "organiser staff")))
    response = client.get(reverse("admin:projects_changeproject_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 60
    assert outside not in response.context["cl"].queryset


def test_the_demo_import_file_fails_on_eight_rows_of_the_empty_pka_cohort(demo):
    from demo.imports import IMPORT_FILE
    from organise.imports.batches import create_batch

    cohort = Cohort.objects.get(programme__code="pka")
    assert not cohort.enrolments.exists() and "XXII Tahun" in demo and "→ Impor" in demo
    batch = create_batch(cohort, IMPORT_FILE.name, IMPORT_FILE.read_bytes())
    failing = {row.line: sorted(row.errors) for row in batch.rows.failing()}
    assert failing == {
        2: ["email"],
        9: ["nip"],
        10: ["agency"],
        11: ["rank"],
        12: ["email"],
        13: ["position_type"],
        14: ["email"],
        15: ["agency"],
    }
    ready = batch.rows.taken().filter(errors={})
    suggested = Participant.objects.filter(agency__head__isnull=False, agency__name=ready.first().values["agency"])
    assert ready.count() == 6 and suggested.exists()  # the heads of their agencies are known: suggested as mentor


def test_the_demo_has_notifications_in_every_state_and_reminders_due_for_the_participant(demo):
    from notifications.models import Delivery, Notification

    participant = User.objects.get(username=printed_login(demo, "participant"))
    mine = Notification.objects.filter(recipient=participant)
    assert mine.filter(kind="milestone_due").exists()  # the overdue milestone's reminder
    assert mine.filter(read_at__isnull=True).exists() and mine.filter(read_at__isnull=False).exists()
    statuses = set(Delivery.objects.values_list("status", flat=True))
    assert {"queued", "retrying", "failed", "digest"} <= statuses
    failed = Delivery.objects.get(status="failed")
    assert failed.channel == "whatsapp" and failed.last_error and failed.attempts > 1
    assert "reminders for today" in demo
