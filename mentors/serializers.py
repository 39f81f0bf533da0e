"""Shape of mentor, coach and examiner assignments in the REST API."""

from rest_framework import serializers

from mentors.models import Assignment


class AssignmentSerializer(serializers.ModelSerializer):
    user_name = serializers.CharField(source="user.get_full_name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    participant = serializers.IntegerField(source="enrolment.participant_id", read_only=True)
    participant_name = serializers.CharField(source="enrolment.participant.user.get_full_name", read_only=True)
    cohort = serializers.IntegerField(source="enrolment.cohort_id", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "enrolment",
            "participant",
            "participant_name",
            "cohort",
            "user",
            "user_name",
            "role",
            "role_display",
            "position",
        ]
        read_only_fields = fields
