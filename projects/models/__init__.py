"""Change projects, their milestones and progress updates, their budget lines and written commitments."""

from .budget import BudgetEvidence, BudgetLine, BudgetSource, BudgetStage
from .commitment import Commitment, CommitmentScan, Signatory
from .milestones import Evidence, Milestone, ProgressUpdate
from .project import ChangeProject, ProjectTransition, Risk, Stakeholder, TeamMember

__all__ = [
    "BudgetEvidence",
    "BudgetLine",
    "BudgetSource",
    "BudgetStage",
    "ChangeProject",
    "Commitment",
    "CommitmentScan",
    "Evidence",
    "Milestone",
    "ProgressUpdate",
    "ProjectTransition",
    "Risk",
    "Signatory",
    "Stakeholder",
    "TeamMember",
]
