"""Settings of the leadership events, read from the environment (imported by diklat/settings.py)."""

import os

# The check-in code on the organiser's screen turns this often; the one before it is still accepted.
EVENT_CHECK_IN_CODE_SECONDS = int(os.environ.get("EVENT_CHECK_IN_CODE_SECONDS", 30))
# A mission's video evidence (MP4 or MOV from a phone); photos keep the evidence limit (EVIDENCE_MAX_BYTES).
EVENT_VIDEO_MAX_BYTES = int(os.environ.get("EVENT_VIDEO_MAX_BYTES", 50 * 1024 * 1024))
# The API's names of the events' choice sets that share a field name with others ("status", "source").
EVENT_ENUM_NAME_OVERRIDES = {
    "EventStatusEnum": "events.models.Event.Status",
    "SubmissionStatusEnum": "events.models.Submission.Status",
    "ActionItemStatusEnum": "events.models.ActionItem.Status",
    "FundingSourceEnum": "events.models.FundingSource",
    "BudgetSourceEnum": "projects.models.BudgetSource",
    "ApologyReasonEnum": "events.models.ApologyReason",
}
