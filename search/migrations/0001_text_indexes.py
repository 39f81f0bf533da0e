"""The indexes a search uses on PostgreSQL: full text on names and titles, and NIP prefixes.

PostgreSQL only (GIN and operator classes are its own); on SQLite a search reads the few rows
an embedded installation has. Each full-text index is on exactly the expression
``search.text.vector`` builds, or the planner would not use it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

FULL_TEXT = [
    ("people", "User", ("full_name",), "user_name_search"),
    ("projects", "ChangeProject", ("title",), "project_title_search"),
    ("regions", "Agency", ("name", "short_name"), "agency_name_search"),
    ("rollout", "Innovation", ("name",), "innovation_name_search"),
]
# LIKE 'digits%' reaches a btree index in any collation only through the pattern operator class.
PREFIXES = [("nip", "participant_nip_prefix"), ("ni_pppk", "participant_pppk_prefix")]


def _indexes(apps):
    for app, model, columns, name in FULL_TEXT:
        yield apps.get_model(app, model), GinIndex(SearchVector(*columns, config="simple"), name=name)
    participant = apps.get_model("people", "Participant")
    for column, name in PREFIXES:
        yield participant, models.Index(fields=[column], opclasses=["varchar_pattern_ops"], name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_user_language"),
        ("projects", "0009_evidence_thumbnail"),
        ("regions", "0003_agency_head"),
        ("rollout", "0003_history"),
    ]

    operations = [migrations.RunPython(create, drop)]
