from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiklatConfig(AppConfig):
    name = "diklat"
    verbose_name = _("Training programmes")
