"""Demo data: one PKN II cohort of the BPSDM of South Sulawesi, with 60 participants from 7 provinces.

Its design seminar is held, scored and released; its results seminar is ahead; the panel's
feedback is followed up in every status; eighteen projects became innovations that OPDs in
and beyond the province adopt, reported on by a provincial staff login. build() is
idempotent (natural keys, get-or-create) and deterministic (seeded generators).
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .events import attendee_login, build_events
from .feedback import FeedbackBuilder
from .imports import IMPORT_FILE, ensure_agency_heads, ensure_import_cohort
from .people import DEMO_PASSWORD, Cast, PeopleBuilder
from .rollout import RolloutBuilder
from .seminars import SeminarBuilder
from .summary import rollout_who
from .work import ProjectBuilder

SEED = 20260815


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    who: str


@dataclass(frozen=True)
class DemoResult:
    cast: Cast
    projects_created: int
    logins: list[Login]
    sessions_created: int = 0
    feedback_created: int = 0
    innovations_created: int = 0
    adoptions_created: int = 0
    import_cohort: object = None  # the empty cohort that demo/contoh-impor-peserta.csv is meant for
    events_created: int = 0


@transaction.atomic
def build(today: datetime.date | None = None) -> DemoResult:
    """Create (or find) the demo cohort and everything in it."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    people = PeopleBuilder(rng, today)
    cast = people.build()
    ensure_agency_heads(cast.enrolled)
    import_cohort = ensure_import_cohort(cast.organiser, today)
    created = ProjectBuilder(rng, today, cast, people.names).build()
    seminars = SeminarBuilder(cast)
    sessions = seminars.build()
    feedback = FeedbackBuilder(today, cast).build()
    seminars.release()
    rollout = RolloutBuilder(today, cast, people)
    pelapor = rollout.build()
    events_created = build_events(cast, people.names, today)
    attendee, attendee_who = attendee_login()
    first = cast.enrolled[0]
    project = first.enrolment.project
    logins = [
        Login("participant", first.participant.user.username, f"{first.participant.user} — {project.title}"),
        Login(
            "mentor",
            first.mentor.username,
            f"{first.mentor} — {first.enrolment.assignments.get(role='mentor').position}",
        ),
        Login("coach", cast.coaches[0].username, f"{cast.coaches[0]} — widyaiswara, {cast.organiser}"),
        Login("examiner", cast.examiners[0].username, f"{cast.examiners[0]} — examiner, chairs both seminars' Ruang 1"),
        Login("organiser staff", cast.staff.username, f"{cast.staff} — {cast.organiser} (/organise/)"),
        Login("admin", cast.admin.username, "superuser"),
        Login("provincial staff", pelapor.username, rollout_who(pelapor)),
        Login("event attendee", attendee, attendee_who),
        Login("event judge", "juri", "judge of the capacity-building missions (/events/)"),
        Login("event staff", "panitia", "BKPSDM Kabupaten Gowa: its capacity-building days (/events/)"),
    ]
    return DemoResult(
        cast,
        created,
        logins,
        sessions,
        feedback,
        rollout.innovations_created,
        rollout.adoptions_created,
        import_cohort,
        events_created,
    )


__all__ = ["DEMO_PASSWORD", "IMPORT_FILE", "DemoResult", "Login", "build"]
