"""The REST API router."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from assessments.api import feedback as feedback_api
from assessments.api import presentations as presentations_api
from assessments.api import rubrics as rubrics_api
from assessments.api import seminars as seminars_api
from diklat import api as diklat_api
from events.api import children as event_children_api
from events.api import events as events_api
from events.api import people as event_people_api
from events.api import work as event_work_api
from mentors import api as mentors_api
from people import api as people_api
from projects import api as projects_api
from projects import api_budget as budget_api
from projects import api_commitments as commitments_api
from regions import api as regions_api
from reports import api as reports_api
from rollout import api as rollout_api

router = DefaultRouter()
router.register("programmes", diklat_api.ProgrammeViewSet, basename="programme")
router.register("cohorts", diklat_api.CohortViewSet, basename="cohort")
router.register("agencies", regions_api.AgencyViewSet, basename="agency")
router.register("participants", people_api.ParticipantViewSet, basename="participant")
router.register("projects", projects_api.ChangeProjectViewSet, basename="project")
router.register("milestones", projects_api.MilestoneViewSet, basename="milestone")
router.register("updates", projects_api.ProgressUpdateViewSet, basename="update")
router.register("budget-lines", budget_api.BudgetLineViewSet, basename="budget-line")
router.register("commitments", commitments_api.CommitmentViewSet, basename="commitment")
router.register("assignments", mentors_api.AssignmentViewSet, basename="assignment")
router.register("rubrics", rubrics_api.RubricViewSet, basename="rubric")
router.register("predicate-bands", rubrics_api.PredicateBandViewSet, basename="predicate-band")
router.register("seminars", seminars_api.SeminarViewSet, basename="seminar")
router.register("sessions", seminars_api.SessionViewSet, basename="session")
router.register("presentations", presentations_api.PresentationViewSet, basename="presentation")
router.register("feedback", feedback_api.FeedbackViewSet, basename="feedback")
router.register("innovations", rollout_api.InnovationViewSet, basename="innovation")
router.register("adoptions", rollout_api.AdoptionViewSet, basename="adoption")
router.register("rollout-targets", rollout_api.RolloutTargetViewSet, basename="rollout-target")
router.register("government-affairs", rollout_api.GovernmentAffairViewSet, basename="government-affair")
router.register("events", events_api.EventViewSet, basename="event")
router.register("event-venues", event_children_api.VenueViewSet, basename="event-venue")
router.register("event-sessions", event_children_api.AgendaSessionViewSet, basename="event-session")
router.register("event-invitees", event_people_api.InviteeViewSet, basename="event-invitee")
router.register("event-groups", event_children_api.GroupViewSet, basename="event-group")
router.register("event-missions", event_work_api.MissionViewSet, basename="event-mission")
router.register("event-submissions", event_work_api.SubmissionViewSet, basename="event-submission")
router.register("event-funding-lines", event_children_api.FundingLineViewSet, basename="event-funding-line")
router.register("event-action-items", event_children_api.ActionItemViewSet, basename="event-action-item")

urlpatterns = router.urls + [
    path("reports/", reports_api.ReportIndexView.as_view(), name="report-index"),
    path("reports/<slug:report>/<slug:table>/", reports_api.ReportTableView.as_view(), name="report-table"),
]
