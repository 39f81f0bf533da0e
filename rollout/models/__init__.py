"""Innovations that grew out of change projects, and their rollout across agencies."""

from .adoptions import Adoption, AdoptionEvidence, AdoptionStageChange
from .affairs import GovernmentAffair
from .innovations import Innovation, InnovationStageChange
from .targets import RolloutTarget

__all__ = [
    "Adoption",
    "AdoptionEvidence",
    "AdoptionStageChange",
    "GovernmentAffair",
    "Innovation",
    "InnovationStageChange",
    "RolloutTarget",
]
