"""The seminar pages: the panel's day and sessions, scoring, results, and feedback follow-up."""

from .absences import absence, absence_withdraw
from .feedback import (
    evidence_download,
    feedback_budget,
    feedback_create,
    feedback_detail,
    feedback_list,
    feedback_move,
)
from .results import my_results
from .scoring import score
from .sessions import finalise, minutes, reopen, score_sheet, seminar_day, session_detail

__all__ = [
    "absence",
    "absence_withdraw",
    "evidence_download",
    "feedback_budget",
    "feedback_create",
    "feedback_detail",
    "feedback_list",
    "feedback_move",
    "finalise",
    "minutes",
    "my_results",
    "reopen",
    "score",
    "score_sheet",
    "seminar_day",
    "session_detail",
]
