"""What a notification is about: the kinds a user can choose channels for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Reminders, found each day by `send_reminders`.
    MILESTONE_DUE = "milestone_due", _("Milestone target dates")
    FEEDBACK_DUE = "feedback_due", _("Feedback due dates")
    SEMINAR_DOCUMENTS = "seminar_documents", _("Report and slides before a seminar")
    SESSION_SOON = "session_soon", _("Seminar sessions you present in or sit on")
    REVIEW_WAITING = "review_waiting", _("Projects waiting for your review")
    SCORE_SHEET = "score_sheet", _("Score sheets not yet submitted")
    ACTION_ITEM_DUE = "action_item_due", _("Action items of an event falling due")
    # Events, sent when the change is committed.
    PROJECT_STATUS = "project_status", _("Project submitted, approved or returned")
    RESULT_RELEASED = "result_released", _("Seminar results released")
    FEEDBACK_UPDATE = "feedback_update", _("Feedback given, implemented, verified or rejected")
    BUDGET_APPROVED = "budget_approved", _("Budget approved")
    ADOPTION_STAGE = "adoption_stage", _("Rollout stage changed")
    SESSION_SCHEDULED = "session_scheduled", _("Seminar sessions scheduled")
    EVENT_INVITATION = "event_invitation", _("Invitations to leadership events")
    MISSION_JUDGED = "mission_judged", _("Your group's missions judged")
    ACTION_ITEM_UPDATE = "action_item_update", _("Action items of an event assigned or verified")


REMINDER_KINDS = frozenset(
    {
        Kind.MILESTONE_DUE,
        Kind.FEEDBACK_DUE,
        Kind.SEMINAR_DOCUMENTS,
        Kind.SESSION_SOON,
        Kind.REVIEW_WAITING,
        Kind.SCORE_SHEET,
        Kind.ACTION_ITEM_DUE,
    }
)


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
