from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for a newcomer and for the tests of whole journeys; no other app imports it."""

    name = "demo"
    verbose_name = _("Demo data")
