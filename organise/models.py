"""The workspace's own records: import batches (and their rows)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diklat.models import Cohort, Enrolment
from mentors.models import Assignment
from people.models import Participant


class ImportBatchQuerySet(models.QuerySet):
    def with_counts(self):
        """Each batch with its number of rows, of rows with errors, and of skipped rows."""
        return self.annotate(
            row_count=models.Count("rows"),
            failing_count=models.Count("rows", filter=Q(rows__skipped=False) & ~Q(rows__errors={})),
            skipped_count=models.Count("rows", filter=Q(rows__skipped=True)),
        )


class ImportBatch(models.Model):
    """One spreadsheet of participants for a cohort: validated, then committed as a whole, or reverted."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not committed")
        COMMITTED = "committed", _("Committed")
        REVERTED = "reverted", _("Reverted")

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="import_batches", verbose_name=_("cohort"))
    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CHECKED)
    notices = models.JSONField(_("notices about the file"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committed by"),
    )
    reverted_at = models.DateTimeField(_("reverted at"), null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reverted by"),
    )

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="checked") | Q(committed_at__isnull=False), name="import_batch_commit_recorded"
            ),
            models.CheckConstraint(
                condition=~Q(status="reverted") | Q(reverted_at__isnull=False), name="import_batch_revert_recorded"
            ),
        ]

    def __str__(self):
        return f"{self.file_name} — {self.cohort}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.CHECKED


class ImportRowQuerySet(models.QuerySet):
    def taken(self):
        """The rows that the commit will create: not skipped."""
        return self.filter(skipped=False)

    def failing(self):
        return self.taken().exclude(errors={})


class ImportRow(models.Model):
    """One line of an import batch: what the file said, what is wrong with it, and what its commit created."""

    batch = models.ForeignKey(ImportBatch, models.CASCADE, related_name="rows", verbose_name=_("batch"))
    line = models.PositiveIntegerField(_("row in the file"))
    values = models.JSONField(_("values"), default=dict)
    # {column key: "number" | "formula" | "date"} for the cells that were not text in the spreadsheet.
    cell_kinds = models.JSONField(_("cell kinds"), default=dict, blank=True)
    # {column key: [message, ...]}; the key "" holds what concerns the whole row.
    errors = models.JSONField(_("errors"), default=dict, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    agency_matches = models.JSONField(_("closest agencies"), default=list, blank=True)
    skipped = models.BooleanField(_("skipped"), default=False)
    participant = models.ForeignKey(
        Participant, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("participant")
    )
    enrolment = models.ForeignKey(
        Enrolment, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("enrolment")
    )
    mentor_assignment = models.ForeignKey(
        Assignment, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("mentor assignment")
    )
    created_participant = models.BooleanField(_("participant created by this row"), default=False)
    created_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor account created by this row"),
    )

    objects = ImportRowQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "line"]
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        constraints = [models.UniqueConstraint(fields=["batch", "line"], name="import_row_once_per_line")]

    def __str__(self):
        return _("Row %(line)d") % {"line": self.line}

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


class Invitation(models.Model):
    """A one-time link to set one's password, mailed to an account made without one (by an import, by staff)."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        MENTOR = "mentor", _("Mentor")
        COACH = "coach", _("Coach")
        EXAMINER = "examiner", _("Examiner")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being sent")
        INVITED = "invited", _("Invited")
        FAILED = "failed", _("Not delivered")
        EXPIRED = "expired", _("Link expired")
        JOINED = "joined", _("Joined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="invitation", verbose_name=_("account")
    )
    # The cohort it was sent for: that organiser's staff follow it up.
    cohort = models.ForeignKey(
        Cohort, models.SET_NULL, null=True, blank=True, related_name="invitations", verbose_name=_("cohort")
    )
    role = models.CharField(_("invited as"), max_length=12, choices=Role)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    queued_at = models.DateTimeField(_("last asked to send"))
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=0)
    send_error = models.CharField(_("delivery error"), max_length=300, blank=True)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return str(self.user)

    def status(self, now, lifetime) -> "Invitation.Status":
        if self.joined_at:
            return self.Status.JOINED
        if self.send_error:
            return self.Status.FAILED
        if self.sent_at is None or self.sent_at < self.queued_at:
            return self.Status.QUEUED
        if self.sent_at + lifetime < now:
            return self.Status.EXPIRED
        return self.Status.INVITED
