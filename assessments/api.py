"""REST API of rubrics, seminars, scoring, results and feedback.

Views scope every queryset to the requesting user (assessments.access, the ``visible_to``
querysets), shape data with the serializers, and leave every change to assessments.services
and assessments.feedback.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from assessments import access, feedback, services
from assessments.filters import (
    FeedbackFilter,
    PredicateBandFilter,
    PresentationFilter,
    RubricFilter,
    SeminarFilter,
    SessionFilter,
)
from assessments.models import (
    FeedbackItem,
    PredicateBand,
    Presentation,
    Rubric,
    RubricComponent,
    RubricIndicator,
    Score,
    ScoreChange,
    Seminar,
    SeminarSession,
)
from assessments.results import results_for, session_results
from assessments.serializers import (
    BudgetProgressSerializer,
    ClassificationSerializer,
    ClassifySerializer,
    FeedbackCreateSerializer,
    FeedbackMoveSerializer,
    FeedbackSerializer,
    FinaliseSerializer,
    PredicateBandSerializer,
    PresentationSerializer,
    ReasonSerializer,
    ResultSerializer,
    RubricCopySerializer,
    RubricDetailSerializer,
    RubricSerializer,
    ScoreChangeSerializer,
    ScoreSerializer,
    ScoreSheetSerializer,
    SeminarSerializer,
    SessionDetailSerializer,
    SessionResultSerializer,
    SessionSerializer,
)
from diklat import access as diklat_access
from diklat.filtering import IdField
from diklat.models import Organiser
from mentors.models import Assignment
from mentors.roles import GUIDES


def is_organiser_staff(user) -> bool:
    """Staff of any organiser (or a superuser): they manage rubrics, which are shared by rule set."""
    return user.is_authenticated and (user.is_superuser or user.organisers.exists())


def staffs_organiser(user, organiser_id: int) -> bool:
    return user.is_superuser or Organiser.staff.through.objects.filter(organiser_id=organiser_id, user=user).exists()


# --- rubrics and bands -------------------------------------------------------------------------


class RubricViewSet(viewsets.ReadOnlyModelViewSet):
    """Rubrics per rule set and seminar kind, with components, weighted indicators and level descriptors."""

    filterset_class = RubricFilter
    search_fields = ["name"]
    ordering_fields = ["version", "created_at", "name"]

    def get_queryset(self):
        indicators = RubricIndicator.objects.order_by("order", "pk").prefetch_related("levels")
        components = RubricComponent.objects.order_by("order", "pk").prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
        return (
            Rubric.objects.select_related("rule_set__programme")
            .annotate(frozen=Exists(Score.objects.filter(indicator__component__rubric=OuterRef("pk"))))
            .prefetch_related(Prefetch("components", queryset=components))
        )

    def get_serializer_class(self):
        return RubricSerializer if self.action == "list" else RubricDetailSerializer

    @extend_schema(request=RubricCopySerializer, responses={201: RubricDetailSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """Copy the rubric as its next version, to edit it (organiser staff)."""
        if not is_organiser_staff(request.user):
            raise PermissionDenied(_("Only organiser staff can copy rubrics."))
        rubric = self.get_object()
        serializer = RubricCopySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        copy = services.copy_rubric(rubric, by=request.user, name=serializer.validated_data["name"])
        copy = self.get_queryset().get(pk=copy.pk)
        return Response(self.get_serializer(copy).data, status=status.HTTP_201_CREATED)


class PredicateBandViewSet(viewsets.ReadOnlyModelViewSet):
    """The qualification predicates of each rule set and the totals they cover: (above, up_to]."""

    serializer_class = PredicateBandSerializer
    filterset_class = PredicateBandFilter
    queryset = PredicateBand.objects.all()
    ordering_fields = ["up_to", "name"]


# --- seminars and sessions ---------------------------------------------------------------------


class SeminarViewSet(viewsets.ReadOnlyModelViewSet):
    """Seminars the user sits on, has a participant in, or organises."""

    serializer_class = SeminarSerializer
    filterset_class = SeminarFilter
    search_fields = ["place", "cohort__organiser__name"]
    ordering_fields = ["starts_at"]

    def get_queryset(self):
        user = self.request.user
        queryset = Seminar.objects.select_related("cohort__programme", "cohort__organiser__region", "rubric")
        if user.is_superuser:
            return queryset
        if not user.is_authenticated:
            return queryset.none()
        sessions = SeminarSession.objects.visible_to(user).filter(seminar=OuterRef("pk"))
        return queryset.filter(Q(Exists(sessions)) | diklat_access.organised(user, "cohort__organiser"))


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Seminar sessions: their panel, the participants presenting in order, results, finalising."""

    filterset_class = SessionFilter
    search_fields = ["name", "place"]
    ordering_fields = ["starts_at", "name"]

    def get_queryset(self):
        user = self.request.user
        queryset = (
            SeminarSession.objects.visible_to(user)
            .select_related("seminar__cohort__organiser__region", "seminar__rubric", "chair")
            .prefetch_related("examiners")
        )
        if self.action in ("retrieve", "finalise", "reopen"):
            panel = Assignment.objects.filter(role__in=GUIDES)
            presentations = (
                Presentation.objects.visible_to(user)
                .select_related("enrolment__participant__user", "enrolment__project")
                .prefetch_related(
                    Prefetch(
                        "enrolment__assignments",
                        queryset=panel.select_related("user").order_by("role", "pk"),
                        to_attr="panel_assignments",
                    )
                )
                .order_by("order")
            )
            queryset = queryset.prefetch_related(
                Prefetch("presentations", queryset=presentations, to_attr="visible_presentations")
            )
        return queryset

    def get_serializer_class(self):
        return SessionSerializer if self.action == "list" else SessionDetailSerializer

    def _present(self, session):
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)

    @extend_schema(responses=SessionResultSerializer(many=True))
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Every visible presentation's scorer totals, combined result, predicate and disagreement flag."""
        user = request.user
        try:
            session_id = IdField().clean(pk)  # "²" or a huge number: a 404, not a 500 from the database
        except ValidationError:
            raise Http404 from None
        # Before get_object(): a participant's own session is outside their sessions list, yet they get a 403.
        if Presentation.objects.filter(session_id=session_id, enrolment__participant__user=user).exists():
            raise PermissionDenied(_("Participants see only their own result, once it is released."))
        session = self.get_object()
        rows = session_results(session)
        if not user.is_superuser:
            visible = set(Presentation.objects.visible_to(user).filter(session=session).values_list("pk", flat=True))
            rows = [(p, result) for p, result in rows if p.pk in visible]
        data = [
            {
                **vars(result),
                "order": presentation.order,
                "participant": presentation.enrolment.participant_id,
                "participant_name": presentation.enrolment.participant.user.get_full_name(),
                "released_at": presentation.released_at,
            }
            for presentation, result in rows
        ]
        return Response(SessionResultSerializer(data, many=True).data)

    @extend_schema(request=FinaliseSerializer, responses=SessionDetailSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Lock the scores and release the results (the chair)."""
        session = self.get_object()
        serializer = FinaliseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.finalise_session(
            session, by=request.user, acknowledge_flags=serializer.validated_data["acknowledge_flags"]
        )
        return self._present(session)

    @extend_schema(request=ReasonSerializer, responses=SessionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Unlock a finalised session for corrections, saying why (the chair)."""
        session = self.get_object()
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.reopen_session(session, by=request.user, reason=serializer.validated_data["reason"])
        return self._present(session)


# --- presentations, scores and results -----------------------------------------------------------


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

    @extend_schema(methods=["GET"], responses=ScoreSerializer(many=True))
    @extend_schema(methods=["POST"], request=ScoreSheetSerializer, responses=ScoreSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
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
        serializer = ScoreSheetSerializer(data=request.data)
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
    @action(detail=True, methods=["post"])
    def classify(self, request, pk=None):
        """Judge the project an innovation or routine work, with a reason (the session's examiners)."""
        presentation = self.get_object()
        serializer = ClassifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        classification = services.classify_presentation(presentation, by=request.user, **serializer.validated_data)
        return Response(ClassificationSerializer(classification).data)

    @extend_schema(responses=ResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The presentation's result: for the participant once released, for the panel always."""
        presentation = self.get_object()
        if not access.scores_visible(request.user, presentation):
            raise PermissionDenied(_("Your result is shown once the chair releases it."))
        result = results_for([presentation])[presentation.pk]
        return Response(ResultSerializer(result).data)

    @extend_schema(responses=ScoreChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
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


# --- feedback ----------------------------------------------------------------------------------


class FeedbackViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Feedback on the projects the user may see or gave, followed from "open" to "verified"."""

    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    search_fields = ["text", "owner", "project__title"]
    ordering_fields = ["due_date", "created_at", "updated_at", "status"]

    def get_queryset(self):
        return (
            FeedbackItem.objects.visible_to(self.request.user)
            .select_related("project__enrolment__participant__user", "given_by", "budget")
            .prefetch_related("budget__budget_lines", "events__by", "evidence")
        )

    def get_serializer_class(self):
        return FeedbackCreateSerializer if self.action == "create" else FeedbackSerializer

    def _present(self, item, status_code=status.HTTP_200_OK):
        item = self.get_queryset().get(pk=item.pk)
        return Response(FeedbackSerializer(item, context=self.get_serializer_context()).data, status_code)

    @extend_schema(request=FeedbackCreateSerializer, responses={201: FeedbackSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        budget = fields.pop("budget", None)
        item = feedback.give_feedback(fields.pop("project"), by=request.user, budget=budget, **fields)
        return self._present(item, status.HTTP_201_CREATED)

    @extend_schema(request=FeedbackMoveSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the item on: the participant reports progress (with evidence); the giver verifies or rejects."""
        item = self.get_object()
        serializer = FeedbackMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = feedback.move_feedback(item, data["status"], by=request.user, note=data["note"], files=data["files"])
        return self._present(item)

    @extend_schema(request=BudgetProgressSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def budget(self, request, pk=None):
        """Record the approved and realised money of budget feedback; its status follows the money."""
        item = self.get_object()
        serializer = BudgetProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = feedback.record_budget_progress(item, by=request.user, **serializer.validated_data)
        return self._present(item)
