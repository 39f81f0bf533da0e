"""A real worker process (`manage.py db_worker`) runs the queue in the database: nothing is sent in the request."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from notifications.models import Delivery, Notification
from projects.services.lifecycle import submit_project
from tests import factories
from tests.processes import read_back, served_database_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def worker(database_url: str, *extra: str, **env: str) -> subprocess.CompletedProcess:
    """Run the worker until the queue is empty (--batch), as its own process on the same database."""
    environment = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "",  # the console backend: the mail is printed to the worker's output
        **env,
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--queue-name",
            "*",
            *extra,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_worker_process_turns_a_submission_into_the_mentors_mail(tmp_path, mailoutbox):
    enrolment = factories.EnrolmentFactory()
    mentor = factories.AssignmentFactory(enrolment=enrolment, role="mentor", user__email="mentor@example.go.id").user
    project = factories.ChangeProjectFactory(enrolment=enrolment)
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    submit_project(project, by=enrolment.participant.user)  # committed: its on-commit enqueues the task
    assert not Notification.objects.exists() and mailoutbox == []  # the request sent nothing
    database_url = served_database_url(tmp_path)
    finished = worker(database_url)
    assert finished.returncode == 0, finished.stderr
    assert "To: mentor@example.go.id" in finished.stdout  # the console mail backend of the worker
    read_back(database_url)
    notification = Notification.objects.get()
    assert notification.recipient == mentor
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.address) == ("sent", 1, "mentor@example.go.id")
    assert mailoutbox == []  # this process never sent it
