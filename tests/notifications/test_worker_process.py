"""A real worker process (`manage.py db_worker`) runs the queue in the database: nothing is sent in the request."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Delivery, Notification
from notifications.services import Message, notify
from notifications.upkeep import requeue_stuck
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


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def test_a_worker_killed_mid_send_leaves_the_message_to_be_taken_up_and_it_is_delivered_once(tmp_path, fake_gateway):
    person = factories.UserFactory(email="", mobile_phone="+6281234567890")
    notify([Message(person.pk, Kind.RESULT_RELEASED, "result:1", "Hasil seminar Anda sudah terbit")])
    gateway = {
        "WHATSAPP_GATEWAY_URL": fake_gateway.url,
        "WHATSAPP_GATEWAY_TOKEN": fake_gateway.token,
        "WHATSAPP_GATEWAY_TIMEOUT": "30",
    }
    fake_gateway.respond(delay=3.0)  # the gateway takes the message, but slowly
    database_url = served_database_url(tmp_path)
    environment = {**os.environ, "DATABASE_URL": database_url, **gateway}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    running = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--queue-name", "*"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: fake_gateway.requests == 1, 60, "the worker to call the gateway")
        running.send_signal(signal.SIGKILL)  # killed while it waits for the answer
    finally:
        running.wait(timeout=30)
    wait_for(lambda: len(fake_gateway.messages) == 1, 10, "the gateway to take the message")
    read_back(database_url)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sending", 1)  # claimed, never marked sent
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() - datetime.timedelta(minutes=20))
    assert requeue_stuck() == 1  # what the daily run does
    database_url = served_database_url(tmp_path)
    finished = worker(database_url, **gateway)
    assert finished.returncode == 0, finished.stderr
    read_back(database_url)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert fake_gateway.requests == 2 and len(fake_gateway.messages) == 1  # sent again, delivered once
