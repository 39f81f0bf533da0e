"""What the scale benchmark asks for, and as whom: the same requests at every size.

Most requests look at the core (one cohort, one small province, a mentor of ten), whose rows
are the same at every size; the national ones (a superuser's first page, national reports)
read more rows at the larger size but must cost the same too: a page of 50 is 50 rows.
"""

from dataclasses import dataclass

from assessments.models import SeminarSession
from diklat.models import Cohort
from mentors.models import Assignment
from projects.models import ChangeProject

CORE_PROVINCE = "75"


@dataclass(frozen=True)
class Request:
    name: str
    role: str
    url: str
    cold_cache: bool = False  # forget the chart's drawing before each sample (its first render)
    revalidate: bool = False  # send the ETag of a first response back (a chart's 304)
    deep: bool = False  # follow `next` links 100 times, once, and time that page
    baseline_of: str = ""  # the request this one is the floor of (bench.urls: .values() and JSON)


def roles() -> dict[str, str]:
    """The username of each role, read from the data set (identical at every size)."""
    core = Cohort.objects.order_by("pk").first()
    first = core.enrolments.order_by("pk").select_related("participant__user").first()
    mentor = Assignment.objects.filter(enrolment=first, role="mentor").select_related("user").get().user
    chair = SeminarSession.objects.filter(seminar__cohort=core).order_by("pk").select_related("chair").first().chair
    return {
        "participant": first.participant.user.username,
        "mentor": mentor.username,
        "examiner": chair.username,
        "organiser staff": f"staff-{CORE_PROVINCE}",
        "provincial staff": f"pelapor-{CORE_PROVINCE}",
        "superuser": "bench-admin",
    }


def requests() -> list[Request]:
    core = Cohort.objects.order_by("pk").first()
    project = ChangeProject.objects.filter(enrolment__cohort=core).order_by("pk").first()
    session = SeminarSession.objects.filter(seminar__cohort=core).order_by("pk").first()
    own = f"cohort={core.pk}"
    chart = f"/reports/charts/projects-by-status.svg?{own}"
    return [
        Request("participant dashboard", "participant", "/projects/"),
        Request("participant project page", "participant", f"/projects/{project.pk}/"),
        Request("mentor participants page", "mentor", "/mentor/"),
        Request("mentor /api/milestones/", "mentor", "/api/milestones/"),
        Request("mentor /api/projects/", "mentor", "/api/projects/"),
        Request("examiner seminar day", "examiner", "/seminars/"),
        Request("examiner session page", "examiner", f"/seminars/sessions/{session.pk}/"),
        Request("organiser /api/cohorts/", "organiser staff", "/api/cohorts/"),
        Request("organiser /api/projects/", "organiser staff", "/api/projects/"),
        Request("organiser admin projects", "organiser staff", "/admin/projects/changeproject/"),
        Request("organiser admin milestones", "organiser staff", "/admin/projects/milestone/"),
        Request("organiser admin cohort page", "organiser staff", f"/admin/diklat/cohort/{core.pk}/change/"),
        Request("organiser report index", "organiser staff", "/reports/"),
        Request("organiser progress report", "organiser staff", f"/reports/progress/?{own}"),
        Request("organiser seminars report", "organiser staff", f"/reports/seminars/?{own}"),
        Request("organiser feedback report", "organiser staff", f"/reports/feedback/?{own}"),
        Request("organiser rollout report", "organiser staff", f"/reports/rollout/?{own}"),
        Request("organiser chart render", "organiser staff", chart, cold_cache=True),
        Request("organiser chart 304", "organiser staff", chart, revalidate=True),
        Request(
            "organiser CSV raw milestones", "organiser staff", f"/reports/exports/raw/milestones/?{own}&format=csv"
        ),
        Request(
            "organiser XLSX raw milestones", "organiser staff", f"/reports/exports/raw/milestones/?{own}&format=xlsx"
        ),
        Request("province dashboard (100 projects)", "provincial staff", f"/reports/province/{CORE_PROVINCE}/"),
        Request("provincial progress report", "provincial staff", "/reports/progress/"),
        Request("national /api/projects/ first page", "superuser", "/api/projects/"),
        Request("national /api/projects/ page 100", "superuser", "/api/projects/", deep=True),
        Request("national /api/milestones/ first page", "superuser", "/api/milestones/"),
        Request("national /api/milestones/ page 100", "superuser", "/api/milestones/", deep=True),
        Request(
            "national projects .values() baseline",
            "superuser",
            "/bench/values/projects/",
            baseline_of="national /api/projects/ first page",
        ),
        Request(
            "national milestones .values() baseline",
            "superuser",
            "/bench/values/milestones/",
            baseline_of="national /api/milestones/ first page",
        ),
        Request("national admin projects", "superuser", "/admin/projects/changeproject/"),
        Request("national admin milestones", "superuser", "/admin/projects/milestone/"),
        Request("national progress report", "superuser", "/reports/progress/"),
        Request("national seminars report", "superuser", "/reports/seminars/"),
        Request("national feedback report", "superuser", "/reports/feedback/"),
        Request("national rollout report", "superuser", "/reports/rollout/"),
        Request("national chart render", "superuser", "/reports/charts/projects-by-status.svg", cold_cache=True),
    ]
