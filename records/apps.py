from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Official records")

    def ready(self):
        from assessments import hooks

        from . import checks, services  # noqa: F401  (checks registers the deployment check)

        # Finalising freezes the session's documents and reopening supersedes them, in the same transaction.
        hooks.after_finalise(services.freeze_session)
        hooks.after_reopen(services.supersede_session)
