"""Read-only API of the agencies (OPD): reference data open to any signed-in user."""

from rest_framework import viewsets

from regions.filters import AgencyFilter
from regions.models import Agency
from regions.serializers import AgencySerializer


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """Regional agencies (OPD): reference data open to any signed-in user."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "government__code"]
    queryset = Agency.objects.select_related("kind", "government__parent")
