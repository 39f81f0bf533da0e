"""The demo, loaded once for the fuzzing module and removed after it.

Every fuzzed operation runs in its own transaction on top of the demo (rolled back after it), so
the generated requests meet real cohorts, projects and sessions, and a DELETE in one operation is
not seen by the next. The demo is committed for the module's time only: the tests after it find
the database as the migrations left it.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.reference_data import ensure_reference_data


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)
        ensure_reference_data()  # what the migrations seeded, which the tests after this one expect
        connection.close()
