"""Missions (tugas) given to the groups in a time window, the organiser's bank they come from, and rubrics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from diklat.models import Organiser

from .events import Event


class MissionKind(models.TextChoices):
    QUESTION = "question", _("Question")
    EVIDENCE = "evidence", _("Photo or video evidence")
    SITE_VISIT = "site_visit", _("Site visit")
    CREATIVE = "creative", _("Creative task")


class MissionContent(models.Model):
    """What a mission asks, shared by the bank's templates and the missions given at an event."""

    kind = models.CharField(_("kind"), max_length=12, choices=MissionKind)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    points = models.PositiveSmallIntegerField(_("points"), default=10)
    expected_answer = models.CharField(
        _("expected answer"),
        max_length=300,
        blank=True,
        help_text=_("For a question checked automatically; separate accepted answers with |."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("radius (m)"), null=True, blank=True)
    # [{"name": "Idea", "max_points": 10}, …]: a creative task's short rubric; its maxima add up to the points.
    criteria = models.JSONField(_("rubric"), default=list, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.kind == MissionKind.SITE_VISIT:
            for field in ("latitude", "longitude", "radius_m"):
                if getattr(self, field) in (None, ""):
                    errors[field] = gettext("A site visit needs the site's position and a radius.")
        if self.kind == MissionKind.CREATIVE:
            problem = criteria_problem(self.criteria, self.points)
            if problem:
                errors["criteria"] = problem
        elif self.criteria:
            errors["criteria"] = gettext("Only a creative task is judged on a rubric.")
        if self.expected_answer and self.kind != MissionKind.QUESTION:
            errors["expected_answer"] = gettext("Only a question has an expected answer.")
        if errors:
            raise ValidationError(errors)

    @property
    def checked_automatically(self) -> bool:
        return self.kind == MissionKind.QUESTION and bool(self.expected_answer.strip())

    @property
    def needs_file(self) -> bool:
        return self.kind in (MissionKind.EVIDENCE, MissionKind.SITE_VISIT, MissionKind.CREATIVE)


def criteria_problem(criteria, points: int) -> str:
    """What is wrong with a creative task's rubric, or "" (its maxima must add up to the mission's points)."""
    if not isinstance(criteria, list) or not criteria:
        return gettext("Give the creative task at least one criterion, e.g. “Idea: 10”.")
    names = set()
    total = 0
    for criterion in criteria:
        name = criterion.get("name", "") if isinstance(criterion, dict) else ""
        maximum = criterion.get("max_points") if isinstance(criterion, dict) else None
        if not name or not isinstance(maximum, int) or isinstance(maximum, bool) or maximum <= 0:
            return gettext("Each criterion needs a name and a maximum above 0.")
        if name.casefold() in names:
            return gettext("The criterion “%(name)s” is there twice.") % {"name": name}
        names.add(name.casefold())
        total += maximum
    if total != points:
        return gettext("The criteria add up to %(total)s points but the mission is worth %(points)s.") % {
            "total": total,
            "points": points,
        }
    return ""


def content_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=~Q(kind=MissionKind.SITE_VISIT)
            | Q(latitude__isnull=False, longitude__isnull=False, radius_m__gt=0),
            name=f"{prefix}_site_visit_has_a_place",
        ),
        models.CheckConstraint(
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
            name=f"{prefix}_latitude_in_range",
        ),
        models.CheckConstraint(
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_longitude_in_range",
        ),
    ]


class MissionTemplate(MissionContent):
    """A reusable mission in an organiser's bank."""

    organiser = models.ForeignKey(
        Organiser, models.CASCADE, related_name="mission_templates", verbose_name=_("organiser")
    )

    class Meta:
        ordering = ["organiser", "kind", "title"]
        verbose_name = _("mission template")
        verbose_name_plural = _("mission bank")
        constraints = content_constraints("mission_template")


class MissionQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gte=moment)


class Mission(MissionContent):
    """A mission given to every group of an event, to be done between its opening and closing times."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="missions", verbose_name=_("event"))
    template = models.ForeignKey(
        MissionTemplate, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("from the bank")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    after = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_missions",
        verbose_name=_("released after"),
        help_text=_("Shown to a group only once it has handed in this earlier mission."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("Empty for no limit.")
    )

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["event", "opens_at", "order", "pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            *content_constraints("mission"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="mission_closes_after_it_opens"
            ),
            models.CheckConstraint(condition=~Q(after=models.F("pk")), name="mission_not_after_itself"),
        ]

    def is_open(self, moment) -> bool:
        return self.opens_at <= moment <= self.closes_at
