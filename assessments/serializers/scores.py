"""Shapes of scores, score sheets, classifications, results and the score audit trail."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessments.models import Classification, PanelRole, Score, ScoreChange
from diklat.api_strict import RefuseUnknownFields


class ScoreSerializer(serializers.ModelSerializer):
    scorer_name = serializers.CharField(source="scorer.get_full_name", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "indicator", "indicator_name", "scorer", "scorer_name", "role", "value", "remark", "updated_at"]
        read_only_fields = fields


class ScoreEntrySerializer(RefuseUnknownFields, serializers.Serializer):
    indicator = serializers.IntegerField(help_text=_("Indicator id of the seminar's rubric."))
    value = serializers.CharField(
        allow_blank=True, allow_null=True, max_length=20, help_text=_('E.g. "85.5"; empty leaves it unscored.')
    )
    remark = serializers.CharField(
        allow_blank=True, required=False, max_length=500, help_text=_("Left out, the saved remark stays.")
    )


class ScoreSheetSerializer(RefuseUnknownFields, serializers.Serializer):
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


class ClassifySerializer(RefuseUnknownFields, serializers.Serializer):
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
