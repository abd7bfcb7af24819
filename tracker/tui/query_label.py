"""The current search and filters in words, for the bar above the lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from tracker.store.errors import StoreError
from tracker.store.people import get_person
from tracker.store.queries import DATED_TO_MONTH, MeetingQuery, month_range
from tracker.tui.text import one_line

if TYPE_CHECKING:
    from tracker.store.db import Database


def describe_query(db: Database, q: MeetingQuery, country_names: dict[str, str]) -> Content | None:
    parts: list[tuple[str, str]] = []
    if q.search:
        parts.append(("search", f"“{one_line(q.search)}”"))
    if q.countries:
        parts.append(("countries" if len(q.countries) > 1 else "country", one_line(" and ".join(country_names.get(c, c) for c in q.countries))))
    if q.person:
        parts.append(("person", one_line(q.person)))
    if q.person_id is not None:
        try:
            parts.append(("person", one_line(get_person(db, q.person_id).name)))
        except StoreError:
            parts.append(("person", f"#{q.person_id}"))
    if q.topic:
        parts.append(("topic", one_line(q.topic)))
    if q.status:
        parts.append(("status", str(q.status)))
    if q.level:
        parts.append(("level", str(q.level).replace("_", " ")))
    if q.dated and q.start and q.end and month_range(q.start.isoformat()[: 7 if q.dated == DATED_TO_MONTH else 4]) == (q.start, q.end):
        # A row of the timeline: the meetings counted there, not all that overlap it.
        if q.dated == DATED_TO_MONTH:
            parts.append(("month", q.start.strftime("%b %Y")))
        else:
            parts.append(("year", f"{q.start.year}, without a month"))
    else:
        if q.start:
            parts.append(("starting from" if q.dated else "from", q.start.isoformat()))
        if q.end:
            parts.append(("to", q.end.isoformat()))
        if q.dated:
            parts.append(("dated", "to a month or the day" if q.dated == DATED_TO_MONTH else "only to the year or across months"))
    if not parts:
        return None
    pieces: list = []
    for name, value in parts:
        pieces += [(f"{name}: ", "$text-muted"), (value, "$accent"), "  "]
    pieces.append(("(esc clears)", "$text-muted"))
    return Content.assemble(*pieces)
