"""The rows the export benchmark reads: one cohort of projects, ten milestones each, made by bulk_create."""

import datetime

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from diklat.models import Cohort, Enrolment, Organiser, Programme
from people.models import Participant, User
from projects.models import ChangeProject, Milestone
from regions.models import Agency, AgencyKind, Region

HORIZONS = ["short"] * 4 + ["medium"] * 3 + ["long"] * 3
STATUSES = ["planned", "in_progress", "done", "planned", "in_progress"]


def prepare_database() -> None:
    """Migrate a fresh database: a temporary SQLite file, or ``bench_exports`` on the PostgreSQL server given."""
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute('DROP DATABASE IF EXISTS "bench_exports"')
            cursor.execute('CREATE DATABASE "bench_exports"')
        connection.close()
        connection.settings_dict["NAME"] = "bench_exports"
    call_command("migrate", verbosity=0)


def nip(n: int) -> str:
    """A NIP with a real birth date, a service start after 18 and a serial (as the test factories make them)."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=37 * (n % 250))
    return f"{birth:%Y%m%d}{birth.year + 24}{(n % 12) + 1:02d}{1 + n % 2}{(n % 999) + 1:03d}"


@transaction.atomic
def build(rows: int) -> tuple[User, Cohort]:
    """A cohort with ``rows`` milestones (ten per project) and the organiser staff member who exports them."""
    today = timezone.localdate()
    region = Region.objects.get(code="73")
    programme = Programme.objects.get(code="pkn2")
    organiser = Organiser.objects.create(name="BPSDM Bench", region=region)
    staff = User.objects.create(username="bench-staff", full_name="Staf Bench")
    organiser.staff.add(staff)
    cohort = Cohort.objects.create(
        programme=programme,
        rule_set=programme.rule_sets.order_by("-effective_from").first(),
        organiser=organiser,
        number=1,
        year=today.year,
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=40),
        design_seminar_date=today - datetime.timedelta(days=30),
        results_seminar_date=today + datetime.timedelta(days=30),
    )
    agency = Agency.objects.create(name="Dinas Bench", kind=AgencyKind.objects.get(code="dinas"), government=region)
    count = -(-rows // 10)
    users = User.objects.bulk_create(
        User(username=f"bench-{n}", full_name=f"Peserta Bench {n:05d}") for n in range(count)
    )
    participants = Participant.objects.bulk_create(
        Participant(
            user=user,
            nip=nip(n + 1),
            rank="IV/a",
            position="Kepala Bidang",
            position_type="administrator",
            echelon="III.a",
            agency=agency,
        )
        for n, user in enumerate(users)
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(cohort=cohort, participant=p) for p in participants)
    projects = ChangeProject.objects.bulk_create(
        ChangeProject(
            enrolment=enrolment,
            agency=agency,
            title=f"Aksi perubahan {n}: layanan digital terpadu",
            problem="Layanan lambat dan tidak terukur.",
            breakthrough="Aplikasi layanan terpadu.",
        )
        for n, enrolment in enumerate(enrolments)
    )
    Milestone.objects.bulk_create(
        (milestone(project, n, today) for project in projects for n in range(10)), batch_size=2000
    )
    Milestone.objects.filter(pk__in=Milestone.objects.order_by("-pk").values("pk")[: count * 10 - rows]).delete()
    return staff, cohort


def milestone(project: ChangeProject, n: int, today: datetime.date) -> Milestone:
    status = STATUSES[(project.pk + n) % len(STATUSES)]
    return Milestone(
        project=project,
        horizon=HORIZONS[n],
        activity=f"Kegiatan {n + 1}: rapat koordinasi & sosialisasi <tahap {n // 3 + 1}>",
        output="Notulen dan daftar hadir" if n % 2 else "",
        responsible="Ketua tim",
        start_date=today - datetime.timedelta(days=30),
        target_date=today + datetime.timedelta(days=20 * n - 20),  # the first ones overdue when still open
        weight=1 + n % 3,
        status=status,
        progress=100 if status == "done" else 10 * (n % 10),
        estimated_cost=250_000 * (n + 1),
        completed_on=today - datetime.timedelta(days=n) if status == "done" else None,
    )
