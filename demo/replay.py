"""Feedback moved by the rules of assessments.feedback, in memory: the rows its services would write.

The demo writes them in bulk afterwards; a move the services would refuse fails here.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from assessments import feedback as services
from assessments.models import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem
from people.models import User

Status = FeedbackItem.Status
MONEY_ORDER = [Status.OPEN, Status.ACCEPTED, Status.IN_PROGRESS, Status.IMPLEMENTED]
# How a general item reached its status: the participant's moves, then the giver's verdict.
PATHS = {
    "open": [],
    "accepted": ["accepted"],
    "in_progress": ["accepted", "in_progress"],
    "implemented": ["accepted", "in_progress", "implemented"],
    "verified": ["accepted", "in_progress", "implemented", "verified"],
    "rejected": ["accepted", "in_progress", "implemented", "rejected"],
    "resumed": ["in_progress", "implemented", "rejected", "in_progress"],
}
# Budget feedback follows the money: approved → accepted, part realised → in progress, all of it → implemented.
BUDGET_PATHS = {
    "open": [],
    "accepted": ["approve"],
    "in_progress": ["approve", "realise_part"],
    "implemented": ["approve", "realise_all"],
    "verified": ["approve", "realise_all", "verified"],
    "rejected": ["approve", "implemented", "rejected"],
}


class Replayed:
    """One feedback item with its history, as the services would leave it; checked against their rules."""

    def __init__(self, item: FeedbackItem, owner: User):
        self.item, self.owner = item, owner
        self.budget: BudgetFeedback | None = None
        self.approved: int | None = None  # the money of the linked line, set on it afterwards
        self.realised: int | None = None
        self.reference = ""
        self.events: list[FeedbackEvent] = []
        self.evidence: list[FeedbackEvidence] = []
        self.evidence_at: list[int] = []
        self.times: list[datetime.datetime] = []

    def event(self, target: str, by: User, note: str) -> None:
        self.events.append(
            FeedbackEvent(from_status=self.item.status if self.events else "", to_status=target, by=by, note=note)
        )
        self.item.status, self.item.status_note = target, note

    def move(self, target: str, by: User, note: str) -> None:
        who = services.MOVES[(self.item.status, target)]  # a KeyError here is a move the services refuse
        assert by == (self.item.given_by if who == "giver" else self.owner), (target, by)
        self.event(target, by, note)

    def follow_money(self, by: User) -> None:
        """record_budget_progress: the status moves forward to what the money says."""
        target = services._status_for_money(self.approved, self.realised)
        if MONEY_ORDER.index(target) > MONEY_ORDER.index(self.item.status):
            self.event(target, by, _("Budget recorded: %(document)s") % {"document": self.reference or "—"})

    def upload(self, uploaded: SimpleUploadedFile, by: User) -> None:
        evidence = FeedbackEvidence(uploaded_by=by)
        evidence.attach(uploaded)
        self.evidence.append(evidence)
        self.evidence_at.append(len(self.events) - 1)
