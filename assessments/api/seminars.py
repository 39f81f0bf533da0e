"""REST API of seminars and their sessions: panels, results, finalising and reopening."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import services
from assessments.absences import record_absence, withdraw_absence
from assessments.completeness import IncompleteSession, missing_for_finalise
from assessments.filters import SeminarFilter, SessionFilter
from assessments.models import Presentation, Seminar, SeminarSession
from assessments.results import session_results
from assessments.serializers.completeness import AbsenceInputSerializer, AbsenceSerializer, MissingSerializer
from assessments.serializers.scores import SessionResultSerializer
from assessments.serializers.seminars import (
    FinaliseSerializer,
    ReasonSerializer,
    SeminarSerializer,
    SessionDetailSerializer,
    SessionSerializer,
)
from diklat import access as diklat_access
from diklat.api_schema import FORBIDDEN
from diklat.filtering import IdField
from mentors.models import Assignment
from mentors.roles import GUIDES
from people.models import User


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

    @extend_schema(responses={200: SessionResultSerializer(many=True), 403: FORBIDDEN})
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

    @extend_schema(
        request=FinaliseSerializer,
        responses={
            200: SessionDetailSerializer,
            400: OpenApiResponse(
                {"anyOf": [{"$ref": "#/components/schemas/Missing"}, {"$ref": "#/components/schemas/FieldErrors"}]},
                description=_(
                    "Not finalised: `missing` lists every sheet still missing, or that the session has not started "
                    "(the same list as the session page). Other refusals come as field errors."
                ),
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Lock the scores and release the results (the chair), once every expected sheet is complete."""
        session = self.get_object()
        serializer = FinaliseSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            session = services.finalise_session(
                session, by=request.user, acknowledge_flags=serializer.validated_data["acknowledge_flags"]
            )
        except IncompleteSession as refused:
            return Response(MissingSerializer({"missing": refused.gaps}).data, status=status.HTTP_400_BAD_REQUEST)
        return self._present(session)

    @extend_schema(request=None, responses=MissingSerializer)
    @action(detail=True, methods=["get"])
    def missing(self, request, pk=None):
        """What still stops the session being finalised: empty when the chair may finalise."""
        session = self.get_object()
        return Response(MissingSerializer({"missing": missing_for_finalise(session)}).data)

    @extend_schema(methods=["GET"], request=None, responses=AbsenceSerializer(many=True))
    @extend_schema(methods=["POST"], request=AbsenceInputSerializer, responses={201: AbsenceSerializer})
    @action(detail=True, methods=["get", "post"])
    def absences(self, request, pk=None):
        """GET: the recorded absences the user may see. POST: record one, with a reason (the chair)."""
        session = self.get_object()
        if request.method == "GET":
            visible = Presentation.objects.visible_to(request.user).filter(session=session).values("pk")
            absences = session.absences.filter(Q(presentation__isnull=True) | Q(presentation__in=visible))
            return Response(AbsenceSerializer(absences.order_by("at", "pk"), many=True).data)
        serializer = AbsenceInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        member = presentation = None
        if data["member"] is not None:
            member = User.objects.filter(pk=data["member"]).first()
            if member is None:
                raise ValidationError({"member": [_("No such user.")]})
        if data["presentation"] is not None:
            presentation = session.presentations.filter(pk=data["presentation"]).first()
            if presentation is None:
                raise ValidationError({"presentation": [_("This participant does not present in this session.")]})
        absence = record_absence(
            session, by=request.user, kind=data["kind"], member=member, presentation=presentation, reason=data["reason"]
        )
        return Response(AbsenceSerializer(absence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("absence_id", int, OpenApiParameter.PATH, description=_("The absence's id."))],
        request=None,
        responses={204: OpenApiResponse(description=_("Withdrawn; the change history keeps what it said."))},
    )
    @action(detail=True, methods=["delete"], url_path=r"absences/(?P<absence_id>[0-9]+)", url_name="absence")
    def withdraw_absence(self, request, pk=None, absence_id=None):
        """Withdraw a recorded absence while the session is open (the chair)."""
        session = self.get_object()
        try:
            absence = session.absences.filter(pk=IdField().clean(absence_id)).first()
        except ValidationError:
            absence = None  # a number past the largest id: no such absence, not a database error
        if absence is None:
            raise Http404
        withdraw_absence(absence, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ReasonSerializer, responses=SessionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Unlock a finalised session for corrections, saying why (the chair)."""
        session = self.get_object()
        serializer = ReasonSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        session = services.reopen_session(session, by=request.user, reason=serializer.validated_data["reason"])
        return self._present(session)
