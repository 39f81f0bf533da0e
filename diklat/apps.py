from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiklatConfig(AppConfig):
    name = "diklat"
    verbose_name = _("Training programmes")

    def ready(self):
        # <text:...> must be registered before any URLconf is read; the receivers of the auth signals
        # connected before the first login (tests log in before any request).
        from diklat import converters, security_log, session_timeout  # noqa: F401
