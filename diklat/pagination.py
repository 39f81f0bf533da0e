"""API pages that cost the same at any depth and at any size: a cursor instead of an offset, a capped count.

A page starts after the last row of the previous one (``WHERE key > last ORDER BY key LIMIT 51``),
which an index serves whether it is the first page or the hundredth, of five thousand rows or
of fifty thousand. The key is the requested ordering's first field when it is a plain,
non-null column, with the id breaking ties; an ordering by a nullable column, an annotation or
a related field pages by offset inside the cursor instead, as it has no comparable key. The
count is exact up to ``COUNT_CAP`` rows and says so when there are more, so that no page
counts a national table.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

COUNT_CAP = 1000


def count_up_to(queryset, cap: int) -> int:
    """The rows of ``queryset``, counted up to cap + 1: any cap + 1 rows say there are more (no ordering, keys only)."""
    return queryset.order_by().values("pk")[: cap + 1].count()


class KeysetPagination(CursorPagination):
    ordering = ("pk",)
    # Offsets only page orderings without a key (and ties): allow deep ones rather than repeat a page.
    offset_cutoff = 100_000

    def get_ordering(self, request, queryset, view):
        requested = OrderingFilter().get_ordering(request, queryset, view)
        ordering = tuple(requested or getattr(view, "keyset_ordering", None) or self.ordering)
        if not any(field.lstrip("-") in {"pk", "id"} for field in ordering):
            ordering += ("-pk",) if ordering[0].startswith("-") else ("pk",)
        return ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.keyed = self._is_key(queryset.model, self.get_ordering(request, queryset, view)[0].lstrip("-"))
        # Count ids only: the annotations a list computes per row (progress roll-ups) would run for every counted row.
        self.count = count_up_to(queryset, COUNT_CAP)
        return super().paginate_queryset(queryset, request, view)

    @staticmethod
    def _is_key(model, name: str) -> bool:
        if name == "pk":
            return True
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False  # an annotation
        # A foreign key's own column (project_id) is a key; "project" would order by the related model.
        return field.concrete and not field.null and (not field.is_relation or name == field.attname)

    def _get_position_from_instance(self, instance, ordering):
        # None pages by offset: DRF then counts rows instead of comparing keys.
        return super()._get_position_from_instance(instance, ordering) if self.keyed else None

    def get_paginated_response(self, data):
        return Response(
            {
                "count": min(self.count, COUNT_CAP),
                "count_capped": self.count > COUNT_CAP,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "count_capped", "results"]
        paginated["properties"] = {
            "count": {
                "type": "integer",
                "example": 123,
                "description": str(_("The number of rows, counted up to %(cap)s.") % {"cap": COUNT_CAP}),
            },
            "count_capped": {
                "type": "boolean",
                "description": str(_("True when there are more rows than the count says.")),
            },
            **paginated["properties"],
        }
        return paginated
