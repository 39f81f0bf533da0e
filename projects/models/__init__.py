"""Change projects, their milestones and progress updates, and their budget lines."""

from .budget import BudgetLine, BudgetSource
from .milestones import Evidence, Milestone, ProgressUpdate
from .project import ChangeProject, ProjectTransition, Risk, Stakeholder, TeamMember

__all__ = [
    "BudgetLine",
    "BudgetSource",
    "ChangeProject",
    "Evidence",
    "Milestone",
    "ProgressUpdate",
    "ProjectTransition",
    "Risk",
    "Stakeholder",
    "TeamMember",
]
