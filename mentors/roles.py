"""The roles in which a person is assigned to a participant: no model needed to name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Coach")
    EXAMINER = "examiner", _("Examiner")


# The panel that follows a participant throughout; examiners are also seated per seminar session.
GUIDES = (Role.MENTOR, Role.COACH)
