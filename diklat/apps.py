from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiklatConfig(AppConfig):
    name = "diklat"
    verbose_name = _("Training programmes")

    def ready(self):
        # <text:...> must be registered before any URLconf is read; the receivers of the auth signals
        # connected before the first login (tests log in before any request).
        from django.db.models.signals import post_migrate

        from diklat import converters, security_log, session_timeout  # noqa: F401
        from diklat.staff import refresh_staff_group

        post_migrate.connect(refresh_staff_group, dispatch_uid="diklat.refresh_staff_group")
