"""Reading meetings for lists: keyset pages newest first, filters, full-text search.

Pages are keyed on sort_key (start date, then id), never OFFSET: a page at any depth
costs the same. Each filter picks the index that walks in sort_key order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import sqlite_utils

from tracker.countries import fold
from tracker.model import Level, Meeting, Precision, Status, When
from tracker.store.meetings import day_key, load_meetings
from tracker.store.people import person_ids_matching

# A year-precision meeting spans a year, and ranges may cross one: a meeting that starts
# this long before a date-range filter can still overlap it.
LONGEST_MEETING = dt.timedelta(days=800)
MAX_SEARCH_WORDS = 16


@dataclass(frozen=True)
class MeetingQuery:
    """What the list shows: a search and filters, all optional."""

    search: str = ""
    country: str | None = None
    person: str | None = None
    status: Status | None = None
    level: Level | None = None
    start: dt.date | None = None  # meetings ending on or after this day
    end: dt.date | None = None  # meetings starting on or before this day

    def is_empty(self) -> bool:
        return self == MeetingQuery()

    def with_search(self, text: str) -> MeetingQuery:
        return replace(self, search=text)


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list: what a row shows, no more."""

    id: int
    sort_key: int
    title: str
    when: When
    city: str | None
    country: str | None
    countries: tuple[str, ...]
    level: Level | None
    status: Status


def fts_query(text: str) -> str | None:
    """An FTS5 query that can never be a syntax error: each word quoted, as a prefix.

    Quotes, operators (AND, NEAR, *, ^) and punctuation in what the user typed are dropped,
    so a lone `"` finds nothing rather than failing.
    """
    words = re.findall(r"\w+", fold(text))[:MAX_SEARCH_WORDS]
    return " ".join(f'"{w}"*' for w in words) or None


class _NoMatch(Exception):
    pass


def _plan(db: sqlite_utils.Database, q: MeetingQuery) -> tuple[str, str, list[str], list]:
    """FROM clause, the sort-key column to page on, WHERE conditions and parameters."""
    where: list[str] = []
    params: list = []
    if q.search.strip():
        match = fts_query(q.search)
        if match is None:
            raise _NoMatch
        source, key = "meeting_search s JOIN meetings m ON m.sort_key = s.rowid", "s.rowid"
        where.append("meeting_search MATCH ?")
        params.append(match)
        if q.country:
            where.append("EXISTS (SELECT 1 FROM meeting_countries mc WHERE mc.country = ? AND mc.sort_key = m.sort_key)")
            params.append(q.country)
    elif q.country:
        source, key = "meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id", "mc.sort_key"
        where.append("mc.country = ?")
        params.append(q.country)
    else:
        source, key = "meetings m", "m.sort_key"
    if q.status:
        where.append("m.status = ?")
        params.append(str(q.status))
    if q.level:
        where.append("m.level = ?")
        params.append(str(q.level))
    if q.person:
        ids = person_ids_matching(db, q.person)
        if not ids:
            raise _NoMatch
        where.append(f"m.id IN (SELECT meeting_id FROM participants WHERE person_id IN ({','.join('?' * len(ids))}))")
        params += ids
    if q.start:
        where.append(f'{key} >= ? AND m."end" >= ?')
        params += [day_key(q.start - LONGEST_MEETING), q.start.isoformat()]
    if q.end:
        where.append(f"{key} < ?")
        params.append(day_key(q.end + dt.timedelta(days=1)))
    return source, key, where, params


def page(
    db: sqlite_utils.Database,
    q: MeetingQuery = MeetingQuery(),
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int = 60,
) -> list[MeetingRow]:
    """Up to `limit` rows newest first: the first page, those older than `before`, or newer than `after`."""
    try:
        source, key, where, params = _plan(db, q)
    except _NoMatch:
        return []
    if before is not None:
        where.append(f"{key} < ?")
        params.append(before)
    if after is not None:
        where.append(f"{key} > ?")
        params.append(after)
    order = "ASC" if after is not None and before is None else "DESC"
    sql = f"""SELECT m.id, m.sort_key, m.title, m.start, m."end", m.precision, m.when_text, m.city, m.country, m.level, m.status
        FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {key} {order} LIMIT ?"""
    rows = db.execute(sql, [*params, limit]).fetchall()
    if order == "ASC":
        rows.reverse()
    countries = _countries_of(db, [r[0] for r in rows])
    return [
        MeetingRow(
            id=r[0],
            sort_key=r[1],
            title=r[2],
            when=When(dt.date.fromisoformat(r[3]), dt.date.fromisoformat(r[4]), Precision(r[5]), r[6]),
            city=r[7],
            country=r[8],
            countries=countries.get(r[0], ()),
            level=Level(r[9]) if r[9] else None,
            status=Status(r[10]),
        )
        for r in rows
    ]


def _countries_of(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    rows = db.execute(f"SELECT meeting_id, country FROM meeting_countries WHERE meeting_id IN ({','.join('?' * len(ids))}) ORDER BY country", ids)
    found: dict[int, list[str]] = {}
    for meeting_id, country in rows:
        found.setdefault(meeting_id, []).append(country)
    return {k: tuple(v) for k, v in found.items()}


def count(db: sqlite_utils.Database, q: MeetingQuery = MeetingQuery()) -> int:
    """How many meetings the query matches."""
    try:
        source, _key, where, params = _plan(db, q)
    except _NoMatch:
        return 0
    sql = f"SELECT count(*) FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''}"
    return db.execute(sql, params).fetchone()[0]


def iter_meetings(db: sqlite_utils.Database, q: MeetingQuery = MeetingQuery(), *, batch: int = 500) -> Iterator[Meeting]:
    """Every matching meeting, whole, newest first, a batch at a time: constant memory."""
    before = None
    while rows := page(db, q, before=before, limit=batch):
        yield from load_meetings(db, [r.id for r in rows])
        before = rows[-1].sort_key
