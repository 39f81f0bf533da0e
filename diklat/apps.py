from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiklatConfig(AppConfig):
    name = "diklat"
    verbose_name = _("Training programmes")

    def ready(self):
        # <text:...> must be registered before any URLconf is read.
        from diklat import converters  # noqa: F401
