"""Queue today's reminders: run once a day from cron or a systemd timer (README: Reminders)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from notifications.reminders.run import due_reminders
from notifications.services import notify
from notifications.upkeep import gather_digests, requeue_stuck

CHUNK = 2000  # messages per transaction: a national run never holds one long lock


class Command(BaseCommand):
    help = "Find what falls due (H-7, H-3, H-1, on the day, then weekly while overdue) and queue its reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Run as if it were this moment (ISO 8601 with its zone, e.g. 2026-12-03T06:00+07:00).",
        )

    def handle(self, *args, at=None, **options):
        now = timezone.now()
        if at:
            now = parse_datetime(at)
            if now is None or now.tzinfo is None:
                raise CommandError("--at needs a date and time with its zone, e.g. 2026-12-03T06:00+07:00")
        messages = due_reminders(now)
        queued = existing = 0
        for start in range(0, len(messages), CHUNK):
            recorded = notify(messages[start : start + CHUNK], now=now)
            queued, existing = queued + recorded.created, existing + recorded.existing
        digests = gather_digests(now)
        taken_up = requeue_stuck(now)
        if digests:
            self.stdout.write(f"queued {digests} daily digests")
        if taken_up:
            self.stdout.write(f"took up {taken_up} deliveries a worker left unfinished")
        self.stdout.write(f"queued {queued} reminders ({existing} already sent)")
