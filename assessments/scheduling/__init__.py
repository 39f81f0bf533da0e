"""Scheduling a cohort's seminars: the seminars, their sessions, who presents where and in which order,
and each session's panel. Every change is refused once the session has scores or is finalised (locks)."""

from .locks import refuse_if_locked, session_lock_reason
from .order import move_down, move_participant, move_up, set_order
from .panel import panel_candidates, set_panel
from .seminars import copy_seminars, create_seminar, set_session_details
from .split import Method, split_evenly, split_participants

__all__ = [
    "Method",
    "copy_seminars",
    "create_seminar",
    "move_down",
    "move_participant",
    "move_up",
    "panel_candidates",
    "refuse_if_locked",
    "session_lock_reason",
    "set_order",
    "set_panel",
    "set_session_details",
    "split_evenly",
    "split_participants",
]
