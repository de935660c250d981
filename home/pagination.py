"""Pagination that does not grow with the number of results.

``CappedPaginator`` counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM (... LIMIT
cap + 1)``): beyond the cap the listing says "more than 1,000" and offers only the pages
that hold the first ``cap`` results. Templates show page links with
``{% elided_page_range page_obj as pages %}`` (``home_tags``) through
``includes/pagination.html``, so they never loop over every page number.
"""

import math

from django.core.paginator import Paginator
from django.utils.functional import cached_property

#: How many results a listing counts before it says "more than".
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        """The number of results, or ``cap + 1`` when there are more than ``cap``."""
        rows = self.object_list
        if hasattr(rows, "query"):
            # Neither ordering nor ranking changes how many rows there are.
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return min(len(rows), self.cap + 1)

    @property
    def capped(self) -> bool:
        """There are more results than were counted."""
        return self.count > self.cap

    def page(self, number):
        """One page; the last one ends at the cap (the row counted past it is not shown)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        shown = min(self.count, self.cap)
        if top + self.orphans >= shown:
            top = shown
        return self._get_page(self.object_list[bottom:top], number, self)

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return max(1, math.ceil(self.cap / self.per_page))
        return super().num_pages
