"""The data changed: advance the generation once the change is committed, so snapshots taken before it expire.

Connected in ReportsConfig.ready to every save, delete and many-to-many change of the apps whose
data the reports read. This is cache bookkeeping, not a business rule: it changes nothing but a
counter. The generation moves after the commit, never before it, so a reader who sees the new
generation also sees the new data.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DataGeneration

REPORTED_APPS = {"regions", "people", "diklat", "mentors", "projects", "assessments", "rollout"}


def _advance() -> None:
    DataGeneration.advance()


def data_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Migrations save through historical models, before the generation's table may exist.
    if sender._meta.app_label not in REPORTED_APPS or sender._meta.apps is not global_apps:
        return
    connection = transaction.get_connection(using)
    # Once per transaction, however many rows it writes.
    if not any(callback is _advance for _savepoints, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_advance, using=using)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, dispatch_uid=f"reports-generation-{signal}")
