"""`send_reminders` started on two servers at the same moment: every reminder is queued once in all."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from notifications.models import Delivery, Notification
from tests import factories
from tests.processes import read_back, served_database_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)
AT = "2027-03-11T06:00+08:00"  # a day late: the participant (caught up) and the mentor


def test_two_runs_at_once_queue_each_reminder_once(tmp_path):
    for _ in range(12):
        project = factories.ChangeProjectFactory(status="in_implementation")
        project.enrolment.participant.user.email = f"p{project.pk}@example.go.id"
        project.enrolment.participant.user.save()
        factories.AssignmentFactory(enrolment=project.enrolment, role="mentor")
        factories.MilestoneFactory(project=project, target_date=datetime.date(2027, 3, 10))
    database_url = served_database_url(tmp_path)
    environment = {**os.environ, "DATABASE_URL": database_url}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "manage.py", "send_reminders", "--at", AT]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    lasts = [out.strip().splitlines()[-1] for out, _err in outputs]
    counts = [
        tuple(map(int, re.fullmatch(r"queued (\d+) reminders \((\d+) already sent\)", line).groups())) for line in lasts
    ]
    assert sum(queued for queued, _sent in counts) == 24  # 12 participants and their 12 mentors, once each
    read_back(database_url)
    assert Notification.objects.count() == 24
    assert Delivery.objects.filter(channel="email").count() == 12  # the mentors have no address
