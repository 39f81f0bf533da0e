"""Regions, agencies, training programmes and the people who take part in them."""

from .people import EchelonChoices, Participant, PositionType, ProvincialStaff, Rank, Sex, User
from .programmes import Cohort, CohortStage, Enrolment, Organiser, Programme, RuleSet
from .regions import Agency, AgencyKind, Region

__all__ = [
    "Agency",
    "AgencyKind",
    "Cohort",
    "CohortStage",
    "EchelonChoices",
    "Enrolment",
    "Organiser",
    "Participant",
    "PositionType",
    "Programme",
    "ProvincialStaff",
    "Rank",
    "Region",
    "RuleSet",
    "Sex",
    "User",
]
