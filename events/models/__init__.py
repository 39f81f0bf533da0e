"""Leadership events: retreats and capacity-building days, their attendance, groups, missions, funding, outcomes."""

from .attendance import ApologyReason, CheckIn, Invitee
from .events import AgendaSession, Event, SessionMaterial, Venue
from .funding import FundingDocument, FundingLine, FundingSource
from .groups import Group
from .missions import Mission, MissionKind, MissionTemplate
from .outcomes import ActionItem, ActionUpdate
from .submissions import Submission, SubmissionFile

__all__ = [
    "ActionItem",
    "ActionUpdate",
    "AgendaSession",
    "ApologyReason",
    "CheckIn",
    "Event",
    "FundingDocument",
    "FundingLine",
    "FundingSource",
    "Group",
    "Invitee",
    "Mission",
    "MissionKind",
    "MissionTemplate",
    "SessionMaterial",
    "Submission",
    "SubmissionFile",
    "Venue",
]
