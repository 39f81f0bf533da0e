"""A group's answers to missions, their evidence, and the judges' decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evidence.models import EvidenceFile

from .groups import Group
from .missions import Mission


class SubmissionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Submission.Status.PENDING)

    def approved(self):
        return self.filter(status=Submission.Status.APPROVED)


class Submission(models.Model):
    """One attempt of a group at a mission; at most one waits for judging and one counts, per group."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a judge")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    mission = models.ForeignKey(Mission, models.CASCADE, related_name="submissions", verbose_name=_("mission"))
    group = models.ForeignKey(Group, models.CASCADE, related_name="submissions", verbose_name=_("group"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    # Made on the phone, so that sending the same submission again (a retry, the offline outbox) answers
    # the first one instead of creating a second.
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True)
    answer = models.TextField(_("answer"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(_("location accuracy (m)"), null=True, blank=True)
    distance_m = models.PositiveIntegerField(_("distance from the site (m)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    criterion_points = models.JSONField(_("points per criterion"), default=dict, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("judge")
    )
    judged_at = models.DateTimeField(_("judged at"), null=True, blank=True)
    judge_note = models.TextField(_("judge's note"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "group"], condition=Q(status="pending"), name="submission_one_pending_per_group"
            ),
            models.UniqueConstraint(
                fields=["mission", "group"], condition=Q(status="approved"), name="submission_one_approved_per_group"
            ),
            models.UniqueConstraint(fields=["mission", "group", "attempt"], name="submission_attempt_unique"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(points__isnull=False), name="submission_approved_has_points"
            ),
        ]
        indexes = [models.Index(fields=["mission", "status"], name="submission_queue")]

    def __str__(self):
        return f"{self.mission} — {self.group} #{self.attempt}"

    @property
    def reference(self) -> str:
        """What the review queue shows instead of the group's name: a neutral number."""
        return f"S-{self.pk:05d}"


class SubmissionFile(EvidenceFile):
    """A photo or short video handed in with a submission, with a thumbnail for photos."""

    upload_folder = "mission-evidence"

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="files", verbose_name=_("submission"))
    thumbnail = models.FileField(_("thumbnail"), upload_to="mission-evidence/thumbnails/", blank=True, max_length=200)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")
