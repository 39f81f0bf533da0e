"""The government affairs (urusan pemerintahan) an innovation may serve."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernmentAffair(models.Model):
    """A government affair (urusan pemerintahan) an innovation serves."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("government affair")
        verbose_name_plural = _("government affairs")

    def __str__(self):
        return self.name
