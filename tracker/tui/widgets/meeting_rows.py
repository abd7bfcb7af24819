"""The rows of the meetings list, fetched a page at a time: never the whole list in memory.

Position p (0 = newest) is reached by the cheapest keyset walk available: from a cached
neighbour page, from the oldest end, or from an anchor (the sort_key of every 1000th row,
built in a background thread) plus an OFFSET within one anchor span. Before the anchors
exist, a far jump falls back to OFFSET from the top, which is correct, only slower.

Sorted by another column, the matching ids are listed in order at once (at most SORTABLE of
them) and a page is read by id; a longer list stays in date order (`sorted` is False).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from tracker.store.queries import MeetingOrder, MeetingQuery, MeetingRow, page, position_of, rows_of, sorted_ids

if TYPE_CHECKING:
    from tracker.store.db import Database

PAGE = 100
ANCHOR_EVERY = 1000
CACHED_PAGES = 40  # 4,000 rows: a few screens either side of every place visited lately


class MeetingRows:
    def __init__(self, db: Database, query: MeetingQuery, order: MeetingOrder = MeetingOrder()):
        self.db = db
        self.query = query
        self.total: int | None = None  # known once counted (at once for a short list)
        self.anchors: list[int] | None = None
        self._pages: OrderedDict[int, list[MeetingRow]] = OrderedDict()
        self.ids = None if order.is_default() else sorted_ids(db, query, order)
        self.order = order if self.ids is not None else MeetingOrder()
        if self.ids is not None:
            self.total = len(self.ids)
        first = self._fetch(0)
        if len(first) < PAGE:
            self.total = len(first)

    @property
    def sorted(self) -> bool:
        return self.ids is not None

    def position_of(self, meeting_id: int) -> int | None:
        """Where a meeting stands in this list (0 = first), or None if it does not match."""
        if self.ids is None:
            return position_of(self.db, self.query, meeting_id)
        try:
            return self.ids.index(meeting_id)
        except ValueError:
            return None

    @property
    def height(self) -> int:
        """Rows the list can show now: the total, or while counting, what is loaded from the top plus a page."""
        if self.total is not None:
            return self.total
        n = 0
        while n // PAGE in self._pages and len(self._pages[n // PAGE]) == PAGE:
            n += PAGE
        return n + PAGE

    def set_index(self, total: int, anchors: list[int]) -> None:
        self.total, self.anchors = total, anchors

    def row(self, position: int) -> MeetingRow | None:
        if position < 0 or (self.total is not None and position >= self.total):
            return None
        number, within = divmod(position, PAGE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return rows[within] if within < len(rows) else None

    def _fetch(self, number: int) -> list[MeetingRow]:
        start = number * PAGE
        db, q = self.db, self.query
        if self.ids is not None:
            rows = rows_of(db, self.ids[start : start + PAGE])
        elif number == 0:
            rows = page(db, q, limit=PAGE)
        elif (previous := self._pages.get(number - 1)) and len(previous) == PAGE:
            rows = page(db, q, before=previous[-1].sort_key, limit=PAGE)
        elif (following := self._pages.get(number + 1)) is not None and following:
            rows = page(db, q, after=following[0].sort_key, limit=PAGE)
        elif self.total is not None and self.total - start <= PAGE:
            rows = page(db, q, after=-1, limit=self.total - start)  # the oldest rows, walked from the end
        elif self.anchors:
            span = min(start // ANCHOR_EVERY, len(self.anchors) - 1)
            rows = page(db, q, before=self.anchors[span] + 1, offset=start - span * ANCHOR_EVERY, limit=PAGE)
        else:
            rows = page(db, q, offset=start, limit=PAGE)
        self._pages[number] = rows
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return rows
