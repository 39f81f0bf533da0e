"""Query-string filters for agencies (OPD) in the REST API.

Reference data is filtered by its public code (government ``73``, agency kind ``dinas``), not by id.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from regions.models import Agency


class AgencyFilter(filters.FilterSet):
    government = filters.CharFilter(
        field_name="government__code", help_text=_("Government code of the agency's own government, e.g. 73.71.")
    )
    province = filters.CharFilter(
        method="filter_province", help_text=_("Province code: agencies of the province and of its regencies/cities.")
    )
    kind = filters.CharFilter(field_name="kind__code", help_text=_("Agency kind code, e.g. dinas."))

    class Meta:
        model = Agency
        fields = ["government", "province", "kind"]

    def filter_province(self, queryset, name, value):
        return queryset.filter(Q(government__code=value) | Q(government__parent__code=value))
