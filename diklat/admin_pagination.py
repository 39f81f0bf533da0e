"""Admin change lists that cost the same at half a million rows as at five thousand."""

from functools import cached_property

from django.core.paginator import Paginator

from .pagination import COUNT_CAP, count_up_to


class CappedCountPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` rows: past that the list says "more than 1,000" instead of counting them all.

    A national change list's exact COUNT(*) scans the whole table on every page (half a million
    milestones); nobody pages through it, they filter or search, so the first thousand rows are
    reachable by page and the rest by narrowing the list.
    """

    cap = COUNT_CAP
    capped = False

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "order_by"):
            return super().count
        counted = count_up_to(self.object_list, self.cap)
        self.capped = counted > self.cap
        return min(counted, self.cap)
