"""REST API of presentations: the panel scores and classifies them, and reads results and the audit trail."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import access, services
from assessments.filters import PresentationFilter
from assessments.models import Presentation, Score, ScoreChange
from assessments.results import results_for
from assessments.serializers.scores import (
    ClassificationSerializer,
    ClassifySerializer,
    ResultSerializer,
    ScoreChangeSerializer,
    ScoreSerializer,
    ScoreSheetSerializer,
)
from assessments.serializers.seminars import PresentationSerializer
from diklat.api_schema import FORBIDDEN
from diklat.models import Organiser


def staffs_organiser(user, organiser_id: int) -> bool:
    return user.is_superuser or Organiser.staff.through.objects.filter(organiser_id=organiser_id, user=user).exists()


class PresentationViewSet(viewsets.ReadOnlyModelViewSet):
    """Presentations the user may see; the panel scores and classifies them here."""

    serializer_class = PresentationSerializer
    filterset_class = PresentationFilter
    ordering_fields = ["order", "released_at"]

    def get_queryset(self):
        return (
            Presentation.objects.visible_to(self.request.user)
            .select_related("session__seminar__rubric", "session__seminar__cohort", "enrolment__participant__user")
            .select_related("enrolment__project")
            .order_by("session", "order")
        )

    def _staff_or_chair(self, user, presentation) -> bool:
        organiser_id = presentation.session.seminar.cohort.organiser_id
        return access.can_chair(user, presentation.session) or staffs_organiser(user, organiser_id)

    def _scores(self, queryset):
        return ScoreSerializer(
            queryset.select_related("indicator", "scorer").order_by(
                "scorer", "indicator__component__order", "indicator__order"
            ),
            many=True,
        ).data

    @extend_schema(methods=["GET"], responses={200: ScoreSerializer(many=True), 403: FORBIDDEN})
    @extend_schema(methods=["POST"], request=ScoreSheetSerializer, responses=ScoreSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def scores(self, request, pk=None):
        """GET: your own scores (panel), or everyone's (chair, organiser staff). POST: save your scores."""
        presentation = self.get_object()
        user = request.user
        if request.method == "GET":
            if self._staff_or_chair(user, presentation):
                return Response(self._scores(Score.objects.filter(presentation=presentation)))
            if access.panel_role(user, presentation) is None:
                raise PermissionDenied(_("You are not on the panel for this participant."))
            return Response(self._scores(Score.objects.filter(presentation=presentation, scorer=user)))
        serializer = ScoreSheetSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entries = data["scores"]
        services.score_presentation(
            presentation,
            by=user,
            scores={entry["indicator"]: entry["value"] for entry in entries},
            remarks={entry["indicator"]: entry["remark"] for entry in entries if "remark" in entry},
            reason=data["reason"],
            complete=data["complete"],
        )
        return Response(self._scores(Score.objects.filter(presentation=presentation, scorer=user)))

    @extend_schema(request=ClassifySerializer, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def classify(self, request, pk=None):
        """Judge the project an innovation or routine work, with a reason (the session's examiners)."""
        presentation = self.get_object()
        serializer = ClassifySerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        classification = services.classify_presentation(presentation, by=request.user, **serializer.validated_data)
        return Response(ClassificationSerializer(classification).data)

    @extend_schema(responses={200: ResultSerializer, 403: FORBIDDEN})
    @action(detail=True, methods=["get"], filter_backends=[])
    def result(self, request, pk=None):
        """The presentation's result: for the participant once released, for the panel always."""
        presentation = self.get_object()
        if not access.scores_visible(request.user, presentation):
            raise PermissionDenied(_("Your result is shown once the chair releases it."))
        result = results_for([presentation])[presentation.pk]
        return Response(ResultSerializer(result).data)

    @extend_schema(responses={200: ScoreChangeSerializer(many=True), 403: FORBIDDEN})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def audit(self, request, pk=None):
        """Every score entered or changed: who, when, old and new value, and why (not for the participant)."""
        presentation = self.get_object()
        user = request.user
        if presentation.enrolment.participant.user_id == user.pk or not (
            self._staff_or_chair(user, presentation) or access.panel_role(user, presentation)
        ):
            raise PermissionDenied(_("The audit trail is for the panel, the chair and the organiser."))
        changes = ScoreChange.objects.filter(presentation=presentation).select_related(
            "indicator", "scorer", "changed_by"
        )
        return Response(ScoreChangeSerializer(changes, many=True).data)
