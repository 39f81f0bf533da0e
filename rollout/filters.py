"""Query-string filters for innovations and adoptions."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from diklat.filtering import IdFilter, StrictBooleanFilter
from regions.models import Region

from .models import Adoption, Innovation, RolloutTarget


def in_province(queryset, agency_path: str, code: str):
    """Rows whose agency belongs to the province of this code or to one of its regencies and cities.

    A code that is no province's matches no row, as an id no row has does."""
    province = Region.objects.filter(level=Region.Level.PROVINCE, code=code).first()
    if province is None:
        return queryset.none()
    return queryset.filter(
        Q(**{f"{agency_path}__government": province}) | Q(**{f"{agency_path}__government__parent": province})
    )


class InnovationFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Project id."))
    cohort = IdFilter(field_name="project__enrolment__cohort_id", help_text=_("Cohort id."))
    agency = IdFilter(field_name="project__agency_id", help_text=_("Id of the innovation's own agency."))
    is_digital = StrictBooleanFilter(field_name="is_digital", help_text=_("A digital innovation (an app, a system)."))
    province = filters.CharFilter(
        method="filter_province", help_text=_("Government code of the province of the innovation's agency, e.g. 73.")
    )

    class Meta:
        model = Innovation
        fields = ["project", "cohort", "agency", "province", "stage", "form", "is_digital", "regulation"]

    def filter_province(self, queryset, name, value):
        return in_province(queryset, "project__agency", value) if value else queryset


class AdoptionFilter(filters.FilterSet):
    innovation = IdFilter(field_name="innovation_id", help_text=_("Innovation id."))
    agency = IdFilter(field_name="agency_id", help_text=_("Adopting agency id."))
    province = filters.CharFilter(
        method="filter_province", help_text=_("Government code of the adopting agency's province, e.g. 73.")
    )

    class Meta:
        model = Adoption
        fields = ["innovation", "agency", "stage", "province"]

    def filter_province(self, queryset, name, value):
        return in_province(queryset, "agency", value) if value else queryset


class RolloutTargetFilter(filters.FilterSet):
    innovation = IdFilter(field_name="innovation_id", help_text=_("Innovation id."))
    agency = IdFilter(field_name="agency_id", help_text=_("Agency id."))
    # By code, as reference data is filtered everywhere: a code no government has matches no row.
    government = filters.CharFilter(
        field_name="government__code", help_text=_("Government code of a target government.")
    )
    covered = StrictBooleanFilter(field_name="covered", help_text=_("Reached by an adoption at 'applied' or beyond."))

    class Meta:
        model = RolloutTarget
        fields = ["innovation", "agency", "government", "covered"]
