"""Shapes of innovations in the REST API: what is recorded of them, their affairs and their maturity steps."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from diklat import access
from diklat.api_fields import ScopedPrimaryKeyRelatedField
from diklat.api_strict import RefuseUnknownFields
from projects.models import ChangeProject

from ..models import GovernmentAffair, Innovation, InnovationStageChange
from .targets import RolloutTargetSerializer


def not_in_future(value):
    if value and value > timezone.localdate():
        raise serializers.ValidationError(_("The date cannot be in the future."))
    return value


class GovernmentAffairSerializer(serializers.ModelSerializer):
    class Meta:
        model = GovernmentAffair
        fields = ["id", "code", "name"]


class InnovationStageChangeSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.get_full_name", read_only=True)

    class Meta:
        model = InnovationStageChange
        fields = ["id", "from_stage", "to_stage", "on", "by", "by_name", "reason"]


class InnovationSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    project_title = serializers.CharField(source="project.title", read_only=True)
    cohort = serializers.IntegerField(source="project.enrolment.cohort_id", read_only=True)
    agency = serializers.IntegerField(source="project.agency_id", read_only=True)
    agency_name = serializers.CharField(source="project.agency.name", read_only=True)
    province = serializers.CharField(
        source="project.agency.government.province.code", read_only=True, help_text=_("Government code.")
    )
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    regulation_display = serializers.CharField(source="get_regulation_display", read_only=True)
    affairs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    derived_from_name = serializers.CharField(source="derived_from.name", read_only=True, default=None, allow_null=True)
    stage_changes = InnovationStageChangeSerializer(many=True, read_only=True)
    targets = RolloutTargetSerializer(many=True, read_only=True)
    targets_count = serializers.IntegerField(read_only=True)
    covered_count = serializers.IntegerField(read_only=True, help_text=_("Targets reached."))
    adoptions_count = serializers.IntegerField(read_only=True)
    adopters_count = serializers.IntegerField(read_only=True, help_text=_("Adoptions at 'applied' or beyond."))
    coverage = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Targets reached / targets, in percent; null without targets.")
    )

    class Meta:
        model = Innovation
        fields = [
            "id",
            "project",
            "project_title",
            "cohort",
            "agency",
            "agency_name",
            "province",
            "name",
            "stage",
            "stage_display",
            "form",
            "form_display",
            "is_digital",
            "regulation",
            "regulation_display",
            "regulation_reference",
            "affairs",
            "derived_from",
            "derived_from_name",
            "stage_changes",
            "targets",
            "targets_count",
            "covered_count",
            "adoptions_count",
            "adopters_count",
            "coverage",
            "created_at",
        ]
        read_only_fields = fields


class InnovationWriteSerializer(RefuseUnknownFields, serializers.ModelSerializer):
    """What a participant or staff member records about an innovation."""

    project = ScopedPrimaryKeyRelatedField(
        queryset=ChangeProject.objects.all(),
        scope=access.report_project_scope,
        help_text=_("The change project that became the innovation (one innovation per project)."),
    )
    affairs = serializers.PrimaryKeyRelatedField(many=True, queryset=GovernmentAffair.objects.all(), required=False)
    derived_from = ScopedPrimaryKeyRelatedField(
        queryset=Innovation.objects.all(),
        scope=lambda user: _lineage_scope(user),  # defined below
        allow_null=True,
        required=False,
        help_text=_("The innovation of another cohort or province this one replicates."),
    )
    started_on = serializers.DateField(
        required=False,
        write_only=True,
        validators=[not_in_future],
        help_text=_("When the initiative began (first recording only); today if omitted."),
    )

    class Meta:
        model = Innovation
        fields = [
            "project",
            "name",
            "form",
            "is_digital",
            "regulation",
            "regulation_reference",
            "affairs",
            "derived_from",
            "started_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["project"].read_only = True
            del self.fields["started_on"]

    def validate_project(self, project):
        if Innovation.objects.filter(project=project).exists():
            raise serializers.ValidationError(_("This project already has an innovation record: update it instead."))
        return project

    def validate(self, data):
        regulation = data.get("regulation", getattr(self.instance, "regulation", Innovation.Regulation.NONE))
        if regulation == Innovation.Regulation.NONE and data.get("regulation_reference", "").strip():
            raise serializers.ValidationError(
                {"regulation_reference": [_("Choose the kind of regulation, or leave the reference empty.")]}
            )
        return data


def _lineage_scope(user) -> Q:
    return Q(pk__in=Innovation.objects.lineage_choices(user).values("pk"))


class InnovationStageSerializer(RefuseUnknownFields, serializers.Serializer):
    stage = serializers.ChoiceField(choices=Innovation.Stage.choices)
    on = serializers.DateField(required=False, validators=[not_in_future], help_text=_("Today if omitted."))
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when going back a stage.")
    )
