"""`manage.py prepare_serve`: what `make serve` runs before gunicorn, in one process."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    # One process instead of three: every manage.py start pays a few seconds of imports.
    help = "Apply migrations, collect static files (hashed and compressed) and run the deployment checks."
    requires_system_checks = []

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=verbosity)
        # Warnings are printed and do not stop the server; an error raises and does.
        call_command("check", deploy=True, fail_level="ERROR", verbosity=verbosity)
