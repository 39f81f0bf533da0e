"""Shared fixtures, and the rules for which tests run where.

- Browser tests (marker ``browser``) need Chromium; outside CI they are deselected with a
  printed reason when it is missing. In CI (CI=true) nothing is deselected for that reason.
- PostgreSQL-only tests (marker ``postgres_only``) are deselected on SQLite.
"""

import os
import shutil

import pytest
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from diklat.staff import organiser_staff_group
from tests import factories
from tests.reference_data import ensure_reference_data

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_not_run: list[str] = []


def _on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    chromium_missing = not (os.path.exists(CHROMIUM_PATH) or shutil.which("chromium"))
    for item in items:
        if "postgres_only" in item.keywords and not _on_postgres():
            drop.append(item)
            _not_run.append(f"{item.nodeid}: needs PostgreSQL (set DATABASE_URL)")
        elif "browser" in item.keywords and chromium_missing and not IN_CI:
            drop.append(item)
            _not_run.append(f"{item.nodeid}: Chromium not found at {CHROMIUM_PATH} (apt-get install chromium)")
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter):
    if _not_run:
        terminalreporter.section("not run on this machine")
        for line in _not_run:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Tests read messages in English (the msgids); tests/test_i18n.py checks that Indonesian is
    # the default and that every message has its Indonesian translation.
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()  # cached charts and national snapshots belong to one test's data


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if transactional:
        request.getfixturevalue("transactional_db")
        ensure_reference_data()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def enrolment(db):
    return factories.EnrolmentFactory()


@pytest.fixture
def participant(enrolment):
    return enrolment.participant


@pytest.fixture
def project(enrolment):
    return factories.ChangeProjectFactory(enrolment=enrolment)


@pytest.fixture
def mentor(enrolment):
    return factories.AssignmentFactory(enrolment=enrolment, role="mentor").user


@pytest.fixture
def coach(enrolment):
    return factories.AssignmentFactory(enrolment=enrolment, role="coach").user


@pytest.fixture
def examiner(enrolment):
    return factories.AssignmentFactory(enrolment=enrolment, role="examiner").user


@pytest.fixture
def organiser_staff(enrolment):
    user = factories.UserFactory()
    enrolment.cohort.organiser.staff.add(user)
    return user


@pytest.fixture
def staff_user(organiser_staff):
    """Organiser staff as the demo sets them up: is_staff, in the "Organiser staff" group, no other permission."""
    organiser_staff.is_staff = True
    organiser_staff.save()
    organiser_staff.groups.add(organiser_staff_group())
    return organiser_staff


@pytest.fixture
def admin_staff(staff_user):
    """A page client signed in as organiser staff."""
    return factories.logged_in(staff_user)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def stranger(db):
    return factories.UserFactory()


@pytest.fixture
def other_project(db):
    return factories.ChangeProjectFactory()


@pytest.fixture
def approved_project(project):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    project.status = project.Status.APPROVED
    project.save()
    return project


@pytest.fixture
def run_tasks(monkeypatch, django_capture_on_commit_callbacks):
    """Run what is queued, as the database worker would (its own command's loop, in this process).

    Returns a function: call it after the change under test; it runs the on-commit callbacks that
    enqueue tasks, then every ready task until the queue is empty, and returns how many ran.
    """
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from notifications.worker import in_process_worker

    # The worker closes connections it thinks are stale: inside the test's transaction that would end it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def one_pass() -> int:
        before = DBTaskResult.objects.finished().count()
        in_process_worker("test-worker").run()
        return DBTaskResult.objects.finished().count() - before

    def run(callbacks=()) -> int:
        for callback in callbacks:
            callback()
        ran = 0
        while True:  # a task's own on-commit work (the deliveries it queues) runs in the next pass
            with django_capture_on_commit_callbacks(execute=True) as queued:
                done = one_pass()
            ran += done
            if not done and not queued:
                return ran

    return run
