"""The demo, loaded once for the fuzzing module and removed after it.

Every fuzzed operation runs in its own transaction on top of the demo (rolled back after it), so
the generated requests meet real cohorts, projects and sessions, and a DELETE in one operation is
not seen by the next. The demo is committed for the module's time only: the tests after it find
the empty database they expect.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)
        connection.close()
