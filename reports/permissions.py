"""Who may read which report: one rule for the pages, the charts, the exports and the API.

- superusers, organiser staff, provincial staff and panel members (mentor, coach, examiner)
  read every report and raw list, each scoped by the querysets to what they may see;
- a participant reads only the rollout report (of their own innovation) and the raw lists,
  which hold only their own rows; the other reports answer 404 to them, as everything does
  to anyone without a role;
- the province dashboard is for that province's staff, organiser staff and superusers.
"""

from people.models import ProvincialStaff

RAW = "raw"
# Reports a participant may read besides the staff: their own rollout, and their own raw rows.
PARTICIPANT_REPORTS = frozenset({"rollout", RAW})


def is_reporter(user) -> bool:
    """Staff and panel members read the reports (each scoped to what they may see)."""
    return user.is_authenticated and (
        user.is_superuser
        or user.organisers.exists()
        or ProvincialStaff.objects.filter(user=user).exists()
        or user.assignments.exists()
    )


def is_participant(user) -> bool:
    return user.is_authenticated and hasattr(user, "participant")


def may_read(user, report: str) -> bool:
    if report in PARTICIPANT_REPORTS:
        return is_reporter(user) or is_participant(user)
    return is_reporter(user)


def may_see_province(user, region) -> bool:
    if user.is_superuser or user.organisers.exists():
        return True
    return ProvincialStaff.objects.filter(user=user, province=region).exists()
