"""Admin change lists that cost the same at half a million rows as at five thousand."""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 1000


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
        # Any cap + 1 rows tell whether there are more: no ordering, only the key.
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)
