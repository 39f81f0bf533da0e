"""Working groups of an event's attendees, each with a captain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event


class Group(models.Model):
    """A working group (kelompok): missions are given to it and its score is the group's."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="groups", verbose_name=_("event"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=80)
    captain = models.ForeignKey(
        "events.Invitee", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("captain")
    )

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="group_number_unique_per_event"),
            models.UniqueConstraint(fields=["event", "name"], name="group_name_unique_per_event"),
        ]

    def __str__(self):
        return self.name
