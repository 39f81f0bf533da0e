"""What the reports keep of their own: the generation of the data, which national snapshots are keyed by."""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class DataGeneration(models.Model):
    """A number that grows after every committed change to the data the reports read (one row)."""

    value = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("data generation")
        verbose_name_plural = _("data generations")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls) -> int:
        return cls.objects.values_list("value", flat=True).get(pk=1)

    @classmethod
    def advance(cls) -> None:
        cls.objects.filter(pk=1).update(value=F("value") + 1)
