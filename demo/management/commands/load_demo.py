"""Load the demo cohort: `python manage.py load_demo` (safe to run again)."""

import time

from django.core.management.base import BaseCommand

from demo.build import DEMO_PASSWORD, IMPORT_FILE, build
from demo.events import event_lines
from demo.notifications import build_notifications
from demo.summary import rollout_lines, seminar_lines
from people.models import Participant


class Command(BaseCommand):
    help = (
        "Load a demo PKN II cohort with 60 participants, their panel, change projects, scored seminars and"
        " feedback, innovations and their rollout, and a provincial staff login. Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = build()
        cast = result.cast
        reminders = build_notifications(cast)
        provinces = {
            participant.agency.government.province.code
            for participant in Participant.objects.filter(enrolments__cohort=cast.cohort).select_related(
                "agency__government__parent"
            )
        }
        if result.projects_created or result.sessions_created or result.feedback_created or result.innovations_created:
            summary = (
                f"Created {result.projects_created} change projects, {result.sessions_created} seminar sessions,"
                f" {result.feedback_created} feedback items, {result.innovations_created} innovations"
                f" and {result.adoptions_created} adoptions"
            )
        else:
            summary = "Demo data already present; nothing changed"
        self.stdout.write(
            self.style.SUCCESS(f"{summary} ({time.monotonic() - started:.1f} s).")
            + f"\n{cast.cohort}: {len(cast.enrolled)} participants from {len(provinces)} provinces,"
            f" organised by {cast.organiser}."
        )
        rollout = rollout_lines(cast.cohort, cast.enrolled[0].enrolment.project)
        self.stdout.write("\n".join(seminar_lines(cast.cohort) + rollout + event_lines()))
        self.stdout.write(f"\nDemo logins (password for every demo user: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in result.logins)
        for login in result.logins:
            self.stdout.write(f"  {login.role:<{width}}  {login.username:<14} {login.who}")
        self.stdout.write("A user that existed before keeps their own password.")
        self.stdout.write(
            f"Queued {reminders} reminders for today: `manage.py db_worker` sends them (`make run` starts it),"
            " and `manage.py send_reminders` finds each day's (README: Reminders)."
        )
        if result.import_cohort is not None:
            self.stdout.write(
                f"To try the participant import: log in as {cast.staff.username}, open {result.import_cohort}"
                f" → Impor, and upload {IMPORT_FILE.relative_to(IMPORT_FILE.parent.parent)}"
                " (eight of its rows have errors to fix or skip)."
            )
