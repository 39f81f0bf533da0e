"""The REST API router of seminars, scoring and feedback (merged into diklat.api_urls by the lead)."""

from rest_framework.routers import DefaultRouter

from assessments import api

router = DefaultRouter()
router.register("rubrics", api.RubricViewSet, basename="rubric")
router.register("predicate-bands", api.PredicateBandViewSet, basename="predicate-band")
router.register("seminars", api.SeminarViewSet, basename="seminar")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("presentations", api.PresentationViewSet, basename="presentation")
router.register("feedback", api.FeedbackViewSet, basename="feedback")

urlpatterns = router.urls
