"""Shapes of feedback items, their budget, events and evidence, and of giving and moving them on."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments import access
from assessments.due_dates import parse_due_date
from assessments.feedback import allowed_moves
from assessments.models import BudgetFeedback, FeedbackEvent, FeedbackEvidence, FeedbackItem, Presentation
from diklat import access as diklat_access
from diklat.api_fields import ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from diklat.formatting import rupiah
from projects.models import BudgetLine, BudgetSource, ChangeProject, Milestone


def feedback_project_scope(user) -> Q:
    """Projects a user may address feedback to: those they see, and those presented in sessions they examine."""
    if not user.is_authenticated:
        return diklat_access.NOTHING
    presented = Presentation.objects.filter(access.presentation_scope(user), enrolment=OuterRef("enrolment"))
    return diklat_access.project_scope(user) | Q(Exists(presented))


def feedback_milestone_scope(user) -> Q:
    return Q(project__in=ChangeProject.objects.filter(feedback_project_scope(user)).values("pk"))


class BudgetFeedbackSerializer(serializers.ModelSerializer):
    amount_requested_rupiah = serializers.SerializerMethodField(help_text=_("E.g. Rp 3.800.000."))
    amount_planned = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The sum planned in the linked budget lines.")
    )
    amount_approved = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The sum approved in the linked budget lines.")
    )
    amount_realised = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The sum realised in the linked budget lines.")
    )
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
            "amount_planned",
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
    # Declared: a model field's blank choice is not in the schema's enum when it is read-only.
    from_status = serializers.ChoiceField(
        choices=FeedbackItem.Status.choices, allow_blank=True, read_only=True, help_text=_("Empty for the first event.")
    )

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
            "version",
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


class BudgetRequestSerializer(RefuseUnknownFields, serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2000, max_value=2100)
    source = serializers.ChoiceField(choices=BudgetSource.choices)
    amount_requested = serializers.IntegerField(min_value=0, help_text=_("Whole rupiah."))
    budget_lines = ScopedPrimaryKeyRelatedField(
        queryset=BudgetLine.objects.all(), many=True, required=False, help_text=_("The project's budget lines.")
    )


class FeedbackCreateSerializer(RefuseUnknownFields, serializers.Serializer):
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
    due_date = serializers.CharField(
        help_text=_('A date (2027-06-30, 30-06-2027) or a quarter ("TW II 2027", "Q2 2027").')
    )
    budget = BudgetRequestSerializer(required=False, allow_null=True, help_text=_("Required for budget feedback."))

    def validate_due_date(self, value):
        try:
            return parse_due_date(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class FeedbackMoveSerializer(RefuseUnknownFields, serializers.Serializer):
    status = serializers.ChoiceField(choices=FeedbackItem.Status.choices, help_text=_("The status to move to."))
    note = serializers.CharField(allow_blank=True, required=False, default="")
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text=_("Evidence of the implementation: images (JPG, PNG, WEBP) or PDF files."),
    )


class BudgetProgressSerializer(RefuseUnknownFields, serializers.Serializer):
    refused_field_hints = dict.fromkeys(
        ("amount_approved", "amount_realised"),
        _(
            "The approved and realised figures are the sums of the linked budget lines: approve or realise "
            "the lines (/api/budget-lines/{id}/approve/ and /realise/)."
        ),
    )

    document_reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_("E.g. the DPA number.")
    )
    budget_lines = ScopedPrimaryKeyRelatedField(
        queryset=BudgetLine.objects.all(),
        many=True,
        required=False,
        help_text=_("The project's budget lines of the feedback's fiscal year; their sums are its figures."),
    )
