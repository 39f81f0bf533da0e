"""Regional governments (provinces, regencies, cities) and their agencies (OPD)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


class RegionQuerySet(models.QuerySet):
    def reported_on_by(self, user):
        """The provinces a user reports on as provincial staff (all of them for a superuser)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.filter(level=Region.Level.PROVINCE)
        return self.filter(reporting_staff__user=user)


class Region(models.Model):
    """A regional government: a province, or a regency or city inside one."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency")
        CITY = "city", _("City")

    code = models.CharField(_("government code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=8, choices=Level)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("province"),
    )
    time_zone = models.CharField(_("time zone"), max_length=32, default="Asia/Jakarta")

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("regional government")
        verbose_name_plural = _("regional governments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="province") & Q(parent__isnull=True))
                | (~Q(level="province") & Q(parent__isnull=False)),
                name="region_province_has_no_parent",
            ),
            models.CheckConstraint(
                condition=Q(time_zone__in=list(ZONE_ABBREVIATIONS)),
                name="region_time_zone_is_indonesian",
            ),
        ]

    def __str__(self):
        if self.level == self.Level.PROVINCE:
            return _("Province of %(name)s") % {"name": self.name}
        return self.name

    @property
    def province(self) -> "Region":
        return self if self.parent_id is None else self.parent

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_abbreviation(self) -> str:
        return ZONE_ABBREVIATIONS[self.time_zone]


class AgencyKind(models.Model):
    """A kind of regional agency (OPD): Dinas, Badan, Biro, Kecamatan…"""

    class Scope(models.TextChoices):
        ANY = "any", _("Any regional government")
        PROVINCE = "province", _("Provinces only")
        REGENCY_CITY = "regency_city", _("Regencies and cities only")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=12, choices=Scope, default=Scope.ANY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("agency kind")
        verbose_name_plural = _("agency kinds")

    def __str__(self):
        return self.name

    def allows(self, government: Region) -> bool:
        if self.scope == self.Scope.PROVINCE:
            return government.level == Region.Level.PROVINCE
        if self.scope == self.Scope.REGENCY_CITY:
            return government.level != Region.Level.PROVINCE
        return True


class AgencyQuerySet(models.QuerySet):
    def in_province(self, province: Region):
        return self.filter(Q(government=province) | Q(government__parent=province))


class Agency(models.Model):
    """A regional agency (organisasi perangkat daerah, OPD) of one regional government."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.ForeignKey(AgencyKind, models.PROTECT, related_name="agencies", verbose_name=_("kind"))
    government = models.ForeignKey(
        Region, models.PROTECT, related_name="agencies", verbose_name=_("regional government")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent agency"),
        help_text=_("For a unit such as a Biro inside the Regional Secretariat."),
    )
    # The head (kepala OPD): the usual mentor of the agency's participants, and invited to the heads' events.
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_agencies",
        verbose_name=_("head of the agency"),
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["government__code", "name"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="agency_name_unique_per_government"),
        ]

    def __str__(self):
        return f"{self.name} — {self.government}"

    def clean(self):
        if self.kind_id and self.government_id and not self.kind.allows(self.government):
            raise ValidationError(
                {
                    "kind": _("A %(kind)s cannot belong to %(government)s.")
                    % {"kind": self.kind, "government": self.government}
                }
            )
        if self.parent_id and self.government_id and self.parent.government_id != self.government_id:
            raise ValidationError({"parent": _("The parent agency must belong to the same regional government.")})
