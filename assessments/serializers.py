"""Shapes of rubrics, seminars, scores, results and feedback in the REST API.

These only validate types and shape the output: who may do what, and every write, is in
assessments.services and assessments.feedback.
"""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments import access
from assessments.due_dates import parse_due_date
from assessments.feedback import allowed_moves
from assessments.models import (
    BudgetFeedback,
    Classification,
    FeedbackEvent,
    FeedbackEvidence,
    FeedbackItem,
    LevelDescriptor,
    PanelRole,
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
from diklat import access as diklat_access
from diklat.api_fields import ScopedPrimaryKeyRelatedField
from diklat.formatting import rupiah
from projects.models import BudgetLine, BudgetSource, ChangeProject, Milestone
from regions.models import ZONE_ABBREVIATIONS


def feedback_project_scope(user) -> Q:
    """Projects a user may address feedback to: those they see, and those presented in sessions they examine."""
    if not user.is_authenticated:
        return diklat_access.NOTHING
    presented = Presentation.objects.filter(access.presentation_scope(user), enrolment=OuterRef("enrolment"))
    return diklat_access.project_scope(user) | Q(Exists(presented))


def feedback_milestone_scope(user) -> Q:
    return Q(project__in=ChangeProject.objects.filter(feedback_project_scope(user)).values("pk"))


# --- rubrics and bands -------------------------------------------------------------------------


class LevelDescriptorSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelDescriptor
        fields = ["id", "lowest", "highest", "description"]
        read_only_fields = fields


class RubricIndicatorSerializer(serializers.ModelSerializer):
    levels = LevelDescriptorSerializer(many=True, read_only=True)

    class Meta:
        model = RubricIndicator
        fields = ["id", "name", "weight", "order", "levels"]
        read_only_fields = fields


class RubricComponentSerializer(serializers.ModelSerializer):
    indicators = RubricIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = RubricComponent
        fields = ["id", "name", "weight", "order", "indicators"]
        read_only_fields = fields


class RubricSerializer(serializers.ModelSerializer):
    rule_set_name = serializers.CharField(source="rule_set.__str__", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_frozen = serializers.SerializerMethodField(help_text=_("Used by scores: copy it to change it."))
    components = RubricComponentSerializer(many=True, read_only=True)

    class Meta:
        model = Rubric
        fields = [
            "id",
            "rule_set",
            "rule_set_name",
            "kind",
            "kind_display",
            "version",
            "name",
            "score_min",
            "score_max",
            "copied_from",
            "is_frozen",
            "created_at",
            "components",
        ]
        read_only_fields = fields

    def get_is_frozen(self, rubric) -> bool:
        frozen = getattr(rubric, "frozen", None)
        return rubric.is_frozen if frozen is None else frozen


class RubricDetailSerializer(RubricSerializer):
    weight_errors = serializers.SerializerMethodField(help_text=_("Where the weights do not add up; empty when right."))

    class Meta(RubricSerializer.Meta):
        fields = [*RubricSerializer.Meta.fields, "weight_errors"]
        read_only_fields = fields

    def get_weight_errors(self, rubric) -> list[str]:
        return [str(error) for error in rubric.weight_errors()]


class RubricCopySerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text=_("Defaults to the copied name.")
    )


class PredicateBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = PredicateBand
        fields = ["id", "rule_set", "name", "above", "up_to", "passing"]
        read_only_fields = fields


# --- seminars and sessions ---------------------------------------------------------------------


def local_time(value, cohort) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, ZoneInfo(cohort.time_zone)).isoformat()


class SeminarSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    cohort_name = serializers.CharField(source="cohort.__str__", read_only=True)
    rubric_name = serializers.CharField(source="rubric.__str__", read_only=True)
    starts_at_local = serializers.SerializerMethodField(help_text=_("In the host's time zone."))
    time_zone = serializers.SerializerMethodField(help_text=_("WIB, WITA or WIT."))

    class Meta:
        model = Seminar
        fields = [
            "id",
            "cohort",
            "cohort_name",
            "kind",
            "kind_display",
            "rubric",
            "rubric_name",
            "starts_at",
            "starts_at_local",
            "time_zone",
            "place",
            "online_link",
        ]
        read_only_fields = fields

    def get_starts_at_local(self, seminar) -> str | None:
        return local_time(seminar.starts_at, seminar.cohort)

    def get_time_zone(self, seminar) -> str:
        zone = seminar.cohort.time_zone
        return ZONE_ABBREVIATIONS.get(zone, zone)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)


class PanelMemberSerializer(serializers.Serializer):
    user = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True, help_text=_("chair, examiner, mentor or coach."))
    participant = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("For a mentor or coach: the enrolment they sit for.")
    )


class PresentationSerializer(serializers.ModelSerializer):
    participant = serializers.IntegerField(source="enrolment.participant_id", read_only=True)
    participant_name = serializers.CharField(source="enrolment.participant.user.get_full_name", read_only=True)
    project = serializers.SerializerMethodField()
    project_title = serializers.SerializerMethodField()
    session_name = serializers.CharField(source="session.name", read_only=True)
    session_status = serializers.CharField(source="session.status", read_only=True)
    seminar = serializers.IntegerField(source="session.seminar_id", read_only=True)
    seminar_kind = serializers.CharField(source="session.seminar.kind", read_only=True)

    class Meta:
        model = Presentation
        fields = [
            "id",
            "session",
            "session_name",
            "session_status",
            "seminar",
            "seminar_kind",
            "order",
            "enrolment",
            "participant",
            "participant_name",
            "project",
            "project_title",
            "released_at",
        ]
        read_only_fields = fields

    def _project(self, presentation):
        try:
            return presentation.enrolment.project
        except ChangeProject.DoesNotExist:
            return None

    def get_project(self, presentation) -> int | None:
        project = self._project(presentation)
        return project.pk if project else None

    def get_project_title(self, presentation) -> str:
        project = self._project(presentation)
        return project.title if project else ""


class SessionPresentationSerializer(PresentationSerializer):
    class Meta(PresentationSerializer.Meta):
        fields = [
            "id",
            "order",
            "enrolment",
            "participant",
            "participant_name",
            "project",
            "project_title",
            "released_at",
        ]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    seminar_kind = serializers.CharField(source="seminar.kind", read_only=True)
    cohort = serializers.IntegerField(source="seminar.cohort_id", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    chair_name = serializers.CharField(source="chair.get_full_name", read_only=True)
    examiners = PersonSerializer(many=True, read_only=True)
    starts_at_local = serializers.SerializerMethodField(help_text=_("In the host's time zone."))
    is_chair = serializers.SerializerMethodField(help_text=_("Whether the requesting user chairs the session."))

    class Meta:
        model = SeminarSession
        fields = [
            "id",
            "seminar",
            "seminar_kind",
            "cohort",
            "name",
            "starts_at",
            "starts_at_local",
            "place",
            "chair",
            "chair_name",
            "examiners",
            "status",
            "status_display",
            "finalised_at",
            "is_chair",
        ]
        read_only_fields = fields

    def get_starts_at_local(self, session) -> str | None:
        return local_time(session.starts_at, session.seminar.cohort)

    def get_is_chair(self, session) -> bool:
        return access.can_chair(self.context["request"].user, session)


class SessionDetailSerializer(SessionSerializer):
    panel = serializers.SerializerMethodField(
        help_text=_("The chair, the examiners, and each participant's mentor and coach.")
    )
    presentations = serializers.SerializerMethodField(help_text=_("The participants the user may see, in order."))

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "panel", "presentations"]
        read_only_fields = fields

    @extend_schema_field(PanelMemberSerializer(many=True))
    def get_panel(self, session):
        panel = [
            {"user": session.chair_id, "name": session.chair.get_full_name(), "role": "chair", "participant": None}
        ]
        panel += [
            {"user": u.pk, "name": u.get_full_name(), "role": PanelRole.EXAMINER, "participant": None}
            for u in session.examiners.all()
        ]
        for presentation in session.visible_presentations:
            for assignment in presentation.enrolment.panel_assignments:
                panel.append(
                    {
                        "user": assignment.user_id,
                        "name": assignment.user.get_full_name(),
                        "role": assignment.role,
                        "participant": presentation.enrolment_id,
                    }
                )
        return PanelMemberSerializer(panel, many=True).data

    @extend_schema_field(SessionPresentationSerializer(many=True))
    def get_presentations(self, session):
        return SessionPresentationSerializer(session.visible_presentations, many=True, context=self.context).data


class FinaliseSerializer(serializers.Serializer):
    acknowledge_flags = serializers.BooleanField(
        default=False, help_text=_("Confirm releasing results on which scorers disagree widely.")
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="", help_text=_("Why the session is reopened."))


# --- scores and results ------------------------------------------------------------------------


class ScoreSerializer(serializers.ModelSerializer):
    scorer_name = serializers.CharField(source="scorer.get_full_name", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "indicator", "indicator_name", "scorer", "scorer_name", "role", "value", "remark", "updated_at"]
        read_only_fields = fields


class ScoreEntrySerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text=_("Indicator id of the seminar's rubric."))
    value = serializers.CharField(
        allow_blank=True, allow_null=True, max_length=20, help_text=_('E.g. "85.5"; empty leaves it unscored.')
    )
    remark = serializers.CharField(
        allow_blank=True, required=False, max_length=500, help_text=_("Left out, the saved remark stays.")
    )


class ScoreSheetSerializer(serializers.Serializer):
    scores = ScoreEntrySerializer(many=True)
    complete = serializers.BooleanField(default=True, help_text=_("Require every indicator of the rubric."))
    reason = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=_("Required to change a score after release.")
    )

    def validate_scores(self, entries):
        seen = set()
        for entry in entries:
            if entry["indicator"] in seen:
                raise serializers.ValidationError(_("Score each indicator once."))
            seen.add(entry["indicator"])
        return entries


class ClassifySerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Classification.Verdict.choices)
    reason = serializers.CharField(allow_blank=True)


class ClassificationSerializer(serializers.ModelSerializer):
    examiner_name = serializers.CharField(source="examiner.get_full_name", read_only=True)

    class Meta:
        model = Classification
        fields = ["id", "presentation", "examiner", "examiner_name", "verdict", "reason", "updated_at"]
        read_only_fields = fields


class ScorerTotalSerializer(serializers.Serializer):
    scorer_id = serializers.IntegerField()
    scorer_name = serializers.CharField()
    role = serializers.ChoiceField(choices=PanelRole.choices)
    total = serializers.DecimalField(max_digits=7, decimal_places=2)
    scored = serializers.IntegerField(help_text=_("Indicators scored."))
    complete = serializers.BooleanField()


class ResultSerializer(serializers.Serializer):
    """A presentation's result (assessments.results.Result) with the presentation it belongs to."""

    presentation = serializers.IntegerField(source="presentation_id")
    scorers = ScorerTotalSerializer(many=True)
    final = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    predicate = serializers.CharField()
    passing = serializers.BooleanField(allow_null=True)
    spread = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    flagged = serializers.BooleanField(help_text=_("Scorers differ by more than the rule set allows."))


class SessionResultSerializer(ResultSerializer):
    order = serializers.IntegerField()
    participant = serializers.IntegerField()
    participant_name = serializers.CharField()
    released_at = serializers.DateTimeField(allow_null=True)


class ScoreChangeSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    scorer_name = serializers.CharField(source="scorer.get_full_name", read_only=True)
    changed_by_name = serializers.CharField(source="changed_by.get_full_name", read_only=True)

    class Meta:
        model = ScoreChange
        fields = [
            "id",
            "indicator",
            "indicator_name",
            "scorer",
            "scorer_name",
            "changed_by",
            "changed_by_name",
            "at",
            "old_value",
            "new_value",
            "old_remark",
            "new_remark",
            "reason",
            "after_release",
        ]
        read_only_fields = fields


# --- feedback ----------------------------------------------------------------------------------


class BudgetFeedbackSerializer(serializers.ModelSerializer):
    amount_requested_rupiah = serializers.SerializerMethodField(help_text=_("E.g. Rp 3.800.000."))
    amount_approved_rupiah = serializers.SerializerMethodField()
    amount_realised_rupiah = serializers.SerializerMethodField()
    budget_lines = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = BudgetFeedback
        fields = [
            "fiscal_year",
            "source",
            "amount_requested",
            "amount_requested_rupiah",
            "amount_approved",
            "amount_approved_rupiah",
            "amount_realised",
            "amount_realised_rupiah",
            "document_reference",
            "budget_lines",
        ]
        read_only_fields = fields

    def get_amount_requested_rupiah(self, budget) -> str:
        return rupiah(budget.amount_requested)

    def get_amount_approved_rupiah(self, budget) -> str:
        return rupiah(budget.amount_approved)

    def get_amount_realised_rupiah(self, budget) -> str:
        return rupiah(budget.amount_realised)


class FeedbackEventSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.get_full_name", read_only=True)

    class Meta:
        model = FeedbackEvent
        fields = ["from_status", "to_status", "by", "by_name", "at", "note"]
        read_only_fields = fields


class FeedbackEvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Download link."))

    class Meta:
        model = FeedbackEvidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, evidence) -> str:
        try:
            return evidence.get_absolute_url()
        except NoReverseMatch:
            return ""


class FeedbackSerializer(serializers.ModelSerializer):
    project_title = serializers.CharField(source="project.title", read_only=True)
    participant_name = serializers.CharField(source="project.enrolment.participant.user.get_full_name", read_only=True)
    given_by_name = serializers.CharField(source="given_by.get_full_name", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.SerializerMethodField()
    budget = serializers.SerializerMethodField()
    allowed_moves = serializers.SerializerMethodField(help_text=_("Statuses the requesting user may move it to now."))
    events = FeedbackEventSerializer(many=True, read_only=True)
    evidence = FeedbackEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "project",
            "project_title",
            "participant_name",
            "presentation",
            "given_by",
            "given_by_name",
            "category",
            "category_display",
            "text",
            "milestone",
            "owner",
            "due_date",
            "is_overdue",
            "status",
            "status_display",
            "status_note",
            "allowed_moves",
            "budget",
            "events",
            "evidence",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, item) -> bool:
        return item.is_overdue()

    @extend_schema_field(BudgetFeedbackSerializer(allow_null=True))
    def get_budget(self, item):
        try:
            budget = item.budget
        except BudgetFeedback.DoesNotExist:
            return None
        return BudgetFeedbackSerializer(budget).data

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=FeedbackItem.Status.choices)))
    def get_allowed_moves(self, item):
        return allowed_moves(item, self.context["request"].user)


class BudgetRequestSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2000, max_value=2100)
    source = serializers.ChoiceField(choices=BudgetSource.choices)
    amount_requested = serializers.IntegerField(min_value=0, help_text=_("Whole rupiah."))
    budget_lines = ScopedPrimaryKeyRelatedField(
        queryset=BudgetLine.objects.all(), many=True, required=False, help_text=_("The project's budget lines.")
    )


class FeedbackCreateSerializer(serializers.Serializer):
    project = ScopedPrimaryKeyRelatedField(queryset=ChangeProject.objects.all(), scope=feedback_project_scope)
    presentation = ScopedPrimaryKeyRelatedField(
        queryset=Presentation.objects.all(), required=False, allow_null=True, help_text=_("Where it was given.")
    )
    category = serializers.ChoiceField(choices=FeedbackItem.Category.choices)
    text = serializers.CharField()
    milestone = ScopedPrimaryKeyRelatedField(
        queryset=Milestone.objects.all(),
        scope=feedback_milestone_scope,
        required=False,
        allow_null=True,
        help_text=_("A milestone of the project."),
    )
    owner = serializers.CharField(max_length=150, help_text=_("Who must act on it."))
    due_date = serializers.CharField(help_text=_('A date (2027-06-30, 30-06-2027) or a quarter ("Q2 2027").'))
    budget = BudgetRequestSerializer(required=False, allow_null=True, help_text=_("Required for budget feedback."))

    def validate_due_date(self, value):
        try:
            return parse_due_date(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class FeedbackMoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=FeedbackItem.Status.choices, help_text=_("The status to move to."))
    note = serializers.CharField(allow_blank=True, required=False, default="")
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text=_("Evidence of the implementation: images (JPG, PNG, WEBP) or PDF files."),
    )


class BudgetProgressSerializer(serializers.Serializer):
    amount_approved = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    amount_realised = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    document_reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_("E.g. the DPA number.")
    )
    budget_lines = ScopedPrimaryKeyRelatedField(queryset=BudgetLine.objects.all(), many=True, required=False)
