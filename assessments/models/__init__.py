"""Seminars, rubrics, scores and the feedback that must be followed through."""

from .absences import SessionAbsence
from .feedback import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem
from .rubrics import (
    LevelDescriptor,
    PredicateBand,
    Rubric,
    RubricComponent,
    RubricIndicator,
    ScoringPolicy,
    SeminarKind,
)
from .scores import Classification, PanelRole, Score, ScoreChange
from .seminars import Presentation, Seminar, SeminarSession, SessionEvent

__all__ = [
    "BudgetFeedback",
    "Classification",
    "FeedbackEvent",
    "FeedbackEvidence",
    "FeedbackItem",
    "LevelDescriptor",
    "PanelRole",
    "PredicateBand",
    "Presentation",
    "Rubric",
    "RubricComponent",
    "RubricIndicator",
    "Score",
    "ScoreChange",
    "ScoringPolicy",
    "Seminar",
    "SeminarKind",
    "SeminarSession",
    "SessionAbsence",
    "SessionEvent",
]
