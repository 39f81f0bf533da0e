"""The database connection is set up for the workload: PostgreSQL without JIT compilation."""

import pytest
from django.db import connection


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
