"""Users and participant profiles: NIP, rank, position and agency."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diklat import access
from regions.models import Agency

from .nip import Nip, normalise, parse_nip, validate_nip
from .phone import validate_mobile


class TimeZoneChoice(models.TextChoices):
    """The zone a user may choose for the times they are shown; blank means derived from their province."""

    WIB = "Asia/Jakarta", _("WIB — Western Indonesia (UTC+7)")
    WITA = "Asia/Makassar", _("WITA — Central Indonesia (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT — Eastern Indonesia (UTC+9)")


class LanguageChoice(models.TextChoices):
    """The language a user picked for the pages; blank means Indonesian, whatever the browser asks for.

    Named in each language itself, as a language switch is read by someone who may not know the other.
    """

    INDONESIAN = "id", "Bahasa Indonesia"
    ENGLISH = "en", "English"


class User(AbstractUser):
    """A person who logs in: participant, mentor, coach, examiner or programme staff."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=TimeZoneChoice,
        blank=True,
        help_text=_("Empty: the zone of your province, found from your agency, staff seat or participants."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=LanguageChoice,
        blank=True,
        help_text=_("Empty: Indonesian."),
    )
    mobile_phone = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        blank=True,
        validators=[validate_mobile],
        help_text=_("An Indonesian mobile number (08… or +62…) for notifications by WhatsApp."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Lists of participants and projects sort by name; without it a national list sorts every user.
        indexes = [models.Index(fields=["full_name", "id"], name="user_by_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(time_zone__in=["", *TimeZoneChoice.values]), name="user_time_zone_is_indonesian"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["", *LanguageChoice.values]), name="user_language_is_offered"
            ),
        ]

    def __str__(self):
        return self.full_name or self.get_username()

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.get_username()

    def get_short_name(self):
        return (self.full_name or self.get_username()).split(" ")[0]


class Rank(models.TextChoices):
    """Civil-service rank (golongan/ruang) with its title."""

    I_A = "I/a", "I/a — Juru Muda"
    I_B = "I/b", "I/b — Juru Muda Tingkat I"
    I_C = "I/c", "I/c — Juru"
    I_D = "I/d", "I/d — Juru Tingkat I"
    II_A = "II/a", "II/a — Pengatur Muda"
    II_B = "II/b", "II/b — Pengatur Muda Tingkat I"
    II_C = "II/c", "II/c — Pengatur"
    II_D = "II/d", "II/d — Pengatur Tingkat I"
    III_A = "III/a", "III/a — Penata Muda"
    III_B = "III/b", "III/b — Penata Muda Tingkat I"
    III_C = "III/c", "III/c — Penata"
    III_D = "III/d", "III/d — Penata Tingkat I"
    IV_A = "IV/a", "IV/a — Pembina"
    IV_B = "IV/b", "IV/b — Pembina Tingkat I"
    IV_C = "IV/c", "IV/c — Pembina Utama Muda"
    IV_D = "IV/d", "IV/d — Pembina Utama Madya"
    IV_E = "IV/e", "IV/e — Pembina Utama"


class EchelonChoices(models.TextChoices):
    I_A = "I.a", "I.a"
    I_B = "I.b", "I.b"
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class PositionType(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("Senior executive (JPT Utama)")
    JPT_MADYA = "jpt_madya", _("Senior executive (JPT Madya)")
    JPT_PRATAMA = "jpt_pratama", _("Senior executive (JPT Pratama)")
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISOR = "supervisor", _("Supervisor (Pengawas)")
    FUNCTIONAL = "functional", _("Functional")
    EXECUTOR = "executor", _("Executor (Pelaksana)")


class Sex(models.IntegerChoices):
    MALE = 1, _("Male")
    FEMALE = 2, _("Female")


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.participant_scope(user))


class Participant(models.Model):
    """A civil servant taking part in leadership training."""

    class Employment(models.TextChoices):
        PNS = "pns", _("Civil servant (PNS)")
        PPPK = "pppk", _("Contract staff (PPPK)")

    user = models.OneToOneField(User, models.CASCADE, related_name="participant", verbose_name=_("user"))
    employment = models.CharField(_("employment"), max_length=4, choices=Employment, default=Employment.PNS)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digits, e.g. 19701218 199603 2 001."),
    )
    ni_pppk = models.CharField(
        _("NI PPPK"), max_length=30, unique=True, null=True, blank=True, help_text=_("For contract staff (PPPK).")
    )
    rank = models.CharField(_("rank (golongan)"), max_length=5, choices=Rank, blank=True)
    position = models.CharField(_("position"), max_length=200)
    position_type = models.CharField(_("position type"), max_length=14, choices=PositionType)
    echelon = models.CharField(_("echelon"), max_length=5, choices=EchelonChoices, blank=True)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="participants", verbose_name=_("agency"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__isnull=True) | Q(nip__regex=r"^[0-9]{18}$"),
                name="participant_nip_is_18_digits",
            ),
            models.CheckConstraint(
                condition=(Q(employment="pns") & Q(nip__isnull=False))
                | (Q(employment="pppk") & Q(ni_pppk__isnull=False)),
                name="participant_has_the_number_of_their_employment",
            ),
        ]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        if self.nip:
            self.nip = normalise(self.nip)
        self.nip = self.nip or None
        self.ni_pppk = (self.ni_pppk or "").strip() or None
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Accept the NIP as printed (19701218 199603 2 001), and store "no number" as NULL, as save() does,
        # so the length check and the database constraints see what will be stored.
        self.nip = normalise(self.nip) or None
        self.ni_pppk = (self.ni_pppk or "").strip() or None
        super().clean_fields(exclude=exclude)

    def clean(self):
        if self.employment == self.Employment.PNS and not self.nip:
            raise ValidationError({"nip": _("A civil servant (PNS) needs a NIP.")})
        if self.employment == self.Employment.PPPK and not self.ni_pppk:
            raise ValidationError({"ni_pppk": _("Contract staff (PPPK) need their NI PPPK.")})
        if self.nip:
            self.nip = normalise(self.nip)

    @property
    def parsed_nip(self) -> Nip | None:
        return parse_nip(self.nip) if self.nip else None

    @property
    def birth_date(self):
        return self.parsed_nip.birth_date if self.nip else None

    @property
    def service_start(self):
        return self.parsed_nip.service_start if self.nip else None

    @property
    def sex(self) -> int | None:
        return self.parsed_nip.sex if self.nip else None

    def get_sex_display(self):
        return Sex(self.sex).label if self.sex else ""

    @property
    def nip_formatted(self) -> str:
        return self.parsed_nip.formatted if self.nip else ""


class ProvincialStaff(models.Model):
    """A member of a province's staff who reports on change projects and rollout in that province."""

    user = models.ForeignKey(User, models.CASCADE, related_name="provinces_reported", verbose_name=_("user"))
    province = models.ForeignKey(
        "regions.Region",
        models.PROTECT,
        related_name="reporting_staff",
        limit_choices_to={"level": "province"},
        verbose_name=_("province"),
    )

    class Meta:
        ordering = ["province__code", "user__full_name"]
        verbose_name = _("provincial staff member")
        verbose_name_plural = _("provincial staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "province"], name="provincial_staff_once_per_province"),
        ]

    def __str__(self):
        return f"{self.user} — {self.province}"

    def clean(self):
        if self.province_id and self.province.level != "province":
            raise ValidationError({"province": _("Choose a province, not a regency or city.")})
