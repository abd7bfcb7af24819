"""Reading meetings for lists: keyset pages newest first, filters, full-text search.

Pages are keyed on sort_key (start date, then id), never OFFSET: a page at any depth
costs the same. Each filter picks the index that walks in sort_key order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tracker.model import Level, Meeting, Precision, Status, When
from tracker.store.meetings import day_key, load_meetings
from tracker.store.people import people_records, person_ids_matching
from tracker.store.search import MAX_EXPANSION, fts_query, search_words

if TYPE_CHECKING:
    from tracker.store.db import Database

# A year-precision meeting spans a year, and ranges may cross one: a meeting that starts
# this long before a date-range filter can still overlap it.
LONGEST_MEETING = dt.timedelta(days=800)
# A person's meetings are listed whole and sorted when they are few; when they are many
# (a common name: a fifth of all meetings) the list walks newest first and stops at a page.
FEW_PARTICIPATIONS = 8000
# A search within a country in fewer meetings than this checks those meetings one by one.
FEW_COUNTRY_MEETINGS = 2000

# A row as sqlite3 returns it: what each column holds is said by the SELECT that read it.
Row = tuple[Any, ...]


@dataclass(frozen=True)
class MeetingQuery:
    """What the list shows: a search and filters, all optional."""

    search: str = ""
    countries: tuple[str, ...] = ()  # meetings where every one of them takes part ("TUR and SYR")
    person: str | None = None
    person_id: int | None = None  # one known person (the people view), not a name to match
    topic: str | None = None  # a topic or track, by (part of) its name: "normalization"
    status: Status | None = None
    level: Level | None = None
    start: dt.date | None = None  # meetings ending on or after this day
    end: dt.date | None = None  # meetings starting on or before this day
    # With start and end: only the meetings that *start* in the range and are dated so
    # (DATED_TO_MONTH: a timeline bar; DATED_TO_YEAR: a year's line), not every meeting
    # that may overlap it (a meeting of "2023" overlaps every month of 2023).
    dated: str | None = None

    def is_empty(self) -> bool:
        return self == MeetingQuery()

    def with_search(self, text: str) -> MeetingQuery:
        return replace(self, search=text)


DATED_TO_MONTH, DATED_TO_YEAR = "month", "year"
# A meeting that has a month of its own: dated to the day (a range across months counts
# where it starts), or to one month. The others ("2024", "March–May 2023") are known
# only to the year: counted in January they would invent a peak.
IN_ONE_MONTH = """(m.precision = 'day' OR (m.precision = 'month' AND substr(m.start, 1, 7) = substr(m."end", 1, 7)))"""


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


@dataclass(frozen=True)
class MeetingOrder:
    """How the list is sorted: a column, the way it reads naturally (newest first, A to Z,
    summit first, proposed first) or reversed."""

    column: str = "when"
    reversed: bool = False

    def is_default(self) -> bool:
        return self == MeetingOrder()


def _rank(column: str, values: Sequence[str]) -> str:
    cases = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {cases} ELSE {len(values)} END"


# Ties go newest first. Orders other than the date's are listed whole (the ids in order), see SORTABLE.
ORDER_SQL = {
    "when": "m.sort_key DESC",
    "title": "m.title COLLATE NOCASE, m.sort_key DESC",
    "place": "m.city IS NULL, m.city COLLATE NOCASE, m.sort_key DESC",
    "countries": "(SELECT group_concat(country, ' ') FROM (SELECT country FROM meeting_countries c WHERE c.meeting_id = m.id ORDER BY country))"
    ", m.sort_key DESC",
    "level": f"{_rank('m.level', list(Level))}, m.sort_key DESC",
    "status": f"{_rank('m.status', list(Status))}, m.sort_key DESC",
}
# A sort other than by date lists the matching ids in order at once, while the user waits: at
# most this many (a search or a filter narrows a million meetings to that; 33,000 meetings
# since 2019 sorted by title took 0.5 s on a busy 2-core machine). Date order pages at any size.
SORTABLE = 50_000


class _NoMatch(Exception):
    pass


def _plan(db: Database, q: MeetingQuery) -> tuple[str, str, list[str], list[object]]:
    """FROM clause, the sort-key column to page on, WHERE conditions and parameters."""
    where: list[str] = []
    params: list[object] = []
    # The first country drives the plan; each other one must take part too.
    country, *with_countries = q.countries or (None,)
    if q.search.strip():
        match = fts_query(q.search, lambda word: words_starting(db, word))
        if match is None:
            raise _NoMatch
        if country and _few_meetings_of(db, country):
            # Walking a common word's matches for a country that is in few of them costs
            # ~75 ms at 1M (and more, the more common the word); the country's own meetings,
            # each checked against the search, cost a few ms.
            source, key = "meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id", "mc.sort_key"
            where.append("mc.country = ? AND matches_search(m.search_text, ?)")
            params += [country, q.search]
        else:
            source, key = "meeting_search s JOIN meetings m ON m.sort_key = s.rowid", "s.rowid"
            where.append("meeting_search MATCH ?")
            params.append(match)
            if country:
                with_countries.insert(0, country)
    elif country:
        source, key = "meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id", "mc.sort_key"
        where.append("mc.country = ?")
        params.append(country)
    else:
        source, key = "meetings m", "m.sort_key"
    for other in with_countries:
        where.append("EXISTS (SELECT 1 FROM meeting_countries o WHERE o.country = ? AND o.sort_key = m.sort_key)")
        params.append(other)
    if q.status:
        where.append("m.status = ?")
        params.append(str(q.status))
    if q.level:
        where.append("m.level = ?")
        params.append(str(q.level))
    people = person_ids_matching(db, q.person) if q.person else []
    if q.person and not people:
        raise _NoMatch
    for ids in filter(None, (people, [q.person_id] if q.person_id is not None else [])):
        condition, values = _taking_part(db, ids, searched=bool(q.search.strip()))
        where.append(condition)
        params += values
    if q.topic:
        topic_ids = topic_ids_matching(db, q.topic)
        if not topic_ids:
            raise _NoMatch
        marks = ",".join("?" * len(topic_ids))
        # '+' keeps SQLite walking the list in date order rather than listing a common topic's meetings first.
        where.append(f"+m.id IN (SELECT meeting_id FROM meeting_topics WHERE topic_id IN ({marks}))")
        params += topic_ids
    if q.dated:
        where.append(IN_ONE_MONTH if q.dated == DATED_TO_MONTH else f"NOT {IN_ONE_MONTH}")
    if q.start and q.dated:
        where.append(f"{key} >= ?")
        params.append(day_key(q.start))
    elif q.start:
        where.append(f'{key} >= ? AND m."end" >= ?')
        params += [day_key(q.start - LONGEST_MEETING), q.start.isoformat()]
    if q.end:
        where.append(f"{key} < ?")
        params.append(day_key(q.end + dt.timedelta(days=1)))
    return source, key, where, params


def topic_ids_matching(db: Database, text: str) -> list[int]:
    """Topics (tracks) whose name contains `text`, diacritics-blind: 'turkiye-syria' finds 'Türkiye–Syria normalization'."""
    wanted = search_words(text)
    return [i for i, name in db.execute("SELECT id, name FROM topics") if wanted and all(w in " ".join(search_words(name)) for w in wanted)]


def words_starting(db: Database, prefix: str) -> list[str] | None:
    """The known search terms that start with `prefix`, or None when there are too many."""
    sql = "SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?"
    rows = db.execute(sql, [prefix, prefix + "\U0010ffff", MAX_EXPANSION + 1]).fetchall()
    return None if len(rows) > MAX_EXPANSION else [r[0] for r in rows]


def _few_meetings_of(db: Database, country: str) -> bool:
    """Whether a country takes part in few meetings (counted no further than the threshold)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM meeting_countries WHERE country = ? LIMIT ?)"
    meetings: int = db.execute(sql, [country, FEW_COUNTRY_MEETINGS + 1]).fetchone()[0]
    return meetings <= FEW_COUNTRY_MEETINGS


def _taking_part(db: Database, ids: list[int], *, searched: bool) -> tuple[str, list[int]]:
    """The condition 'one of these people took part', in the form that is fast for how many meetings they have."""
    marks = ",".join("?" * len(ids))
    many = db.execute(f"SELECT count(*) FROM participants WHERE person_id IN ({marks})", ids).fetchone()[0] > FEW_PARTICIPATIONS
    if many:
        # Checked row by row as the list walks newest first; `+` keeps SQLite from probing
        # participants_person once per id for every row (it reads the row's ~3 participants).
        return f"EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND +p.person_id IN ({marks}))", ids
    # Few: their meetings are listed once. Beside a search, `+` keeps that list a membership
    # test; used as an index it would be probed in full for every row the search finds.
    return f"{'+' if searched else ''}m.id IN (SELECT meeting_id FROM participants WHERE person_id IN ({marks}))", ids


def page(
    db: Database,
    q: MeetingQuery = MeetingQuery(),
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int = 60,
    offset: int = 0,
) -> list[MeetingRow]:
    """Up to `limit` rows newest first: the first page, those older than `before`, or newer than `after`.

    `offset` skips rows past the key; keep it small (an anchor span, see anchors()): it is a scan.
    """
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
    sql = f"""SELECT {ROW_COLUMNS} FROM {source} {"WHERE " + " AND ".join(where) if where else ""} ORDER BY {key} {order} LIMIT ? OFFSET ?"""
    rows = db.execute(sql, [*params, limit, offset]).fetchall()
    if order == "ASC":
        rows.reverse()
    return _meeting_rows(db, rows)


def sorted_ids(db: Database, q: MeetingQuery, order: MeetingOrder) -> list[int] | None:
    """The ids of the matching meetings in `order`, or None when more than SORTABLE match."""
    try:
        source, _key, where, params = _plan(db, q)
    except _NoMatch:
        return []
    matching = f"FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''}"
    # Counted no further than the bound first: sorting a million rows to learn they are too many costs seconds.
    if db.execute(f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT ?)", [*params, SORTABLE + 1]).fetchone()[0] > SORTABLE:
        return None
    ids = [r[0] for r in db.execute(f"SELECT m.id {matching} ORDER BY {ORDER_SQL[order.column]}", params)]
    return ids[::-1] if order.reversed else ids


def rows_of(db: Database, ids: list[int]) -> list[MeetingRow]:
    """The list's rows of these meetings, in the order given."""
    found = {r[0]: r for r in db.execute(f"SELECT {ROW_COLUMNS} FROM meetings m WHERE m.id IN ({','.join('?' * len(ids))})", ids)}
    return _meeting_rows(db, [found[i] for i in ids if i in found])


ROW_COLUMNS = 'm.id, m.sort_key, m.title, m.start, m."end", m.precision, m.when_text, m.city, m.country, m.level, m.status'


def _meeting_rows(db: Database, rows: list[Row]) -> list[MeetingRow]:
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


def _countries_of(db: Database, ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    rows = db.execute(f"SELECT meeting_id, country FROM meeting_countries WHERE meeting_id IN ({','.join('?' * len(ids))}) ORDER BY country", ids)
    found: dict[int, list[str]] = {}
    for meeting_id, country in rows:
        found.setdefault(meeting_id, []).append(country)
    return {k: tuple(v) for k, v in found.items()}


def count(db: Database, q: MeetingQuery = MeetingQuery()) -> int:
    """How many meetings the query matches."""
    try:
        source, _key, where, params = _plan(db, q)
    except _NoMatch:
        return 0
    sql = f"SELECT count(*) FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''}"
    meetings: int = db.execute(sql, params).fetchone()[0]
    return meetings


def iter_meetings(db: Database, q: MeetingQuery = MeetingQuery(), *, batch: int = 500) -> Iterator[Meeting]:
    """Every matching meeting, whole, newest first, a batch at a time: constant memory."""
    before = None
    while rows := page(db, q, before=before, limit=batch):
        yield from load_meetings(db, [r.id for r in rows])
        before = rows[-1].sort_key


def exported_people(db: Database, q: MeetingQuery = MeetingQuery()) -> list[dict[str, Any]]:
    """The people an export of these meetings carries (people.people_records): everyone for
    all meetings (those in none too, kept for their aliases), else those taking part in them."""
    if q.is_empty():
        return people_records(db)
    person_ids: set[int] = set()
    before = None
    while rows := page(db, q, before=before, limit=5000):
        ids = json.dumps([r.id for r in rows])
        person_ids |= {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT person_id FROM participants WHERE meeting_id IN (SELECT value FROM json_each(?)) AND person_id IS NOT NULL", [ids]
            )
        }
        before = rows[-1].sort_key
    return people_records(db, person_ids)


def anchors(db: Database, q: MeetingQuery = MeetingQuery(), *, every: int = 1000) -> list[int]:
    """The sort_key of every `every`-th matching row, newest first: anchors[i] is row i*every.

    A list can then reach any position p with page(before=anchors[p // every] + 1,
    offset=p % every): one short scan instead of OFFSET from the top.
    """
    try:
        source, key, where, params = _plan(db, q)
    except _NoMatch:
        return []
    sql = f"""SELECT k FROM (SELECT {key} AS k, row_number() OVER (ORDER BY {key} DESC) - 1 AS n
        FROM {source} {"WHERE " + " AND ".join(where) if where else ""}) WHERE n % ? = 0 ORDER BY k DESC"""
    return [r[0] for r in db.execute(sql, [*params, every])]


@dataclass(frozen=True)
class TimelineCounts:
    """Matching meetings per month of their start, and per year those without a month of their own."""

    months: list[tuple[str, int]]  # ('2023-03', n), oldest first, months with meetings only
    years: list[tuple[str, int]]  # ('2024', n): dated only to the year, or across months (see IN_ONE_MONTH)


def meetings_per_month(db: Database, q: MeetingQuery = MeetingQuery()) -> TimelineCounts:
    """How many matching meetings start in each month; those not dated to one month, per year apart. One scan."""
    try:
        source, _key, where, params = _plan(db, q)
    except _NoMatch:
        return TimelineCounts([], [])
    sql = f"""SELECT CASE WHEN {IN_ONE_MONTH} THEN substr(m.start, 1, 7) ELSE substr(m.start, 1, 4) END AS bucket, count(*)
        FROM {source} {"WHERE " + " AND ".join(where) if where else ""} GROUP BY bucket ORDER BY bucket"""
    rows = db.execute(sql, params).fetchall()
    return TimelineCounts([(b, n) for b, n in rows if len(b) == 7], [(b, n) for b, n in rows if len(b) == 4])


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of '2023-03' (or of a year, '2024')."""
    if len(month) == 4:
        return dt.date(int(month), 1, 1), dt.date(int(month), 12, 31)
    year, number = map(int, month.split("-"))
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return dt.date(year, number, 1), following - dt.timedelta(days=1)


def partners(db: Database, country: str, *, limit: int = 10) -> list[tuple[str, str, int]]:
    """The countries `country` met most: (code, name, meetings together), most first."""
    sql = """SELECT other.country, c.name, count(*) AS n FROM meeting_countries mine
        JOIN meeting_countries other ON other.meeting_id = mine.meeting_id AND other.country != mine.country
        JOIN countries c ON c.code = other.country
        WHERE mine.country = ? GROUP BY other.country ORDER BY n DESC, c.name LIMIT ?"""
    return [(code, name, n) for code, name, n in db.execute(sql, [country, limit])]


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    country: str | None
    meetings: int


def people_by_meetings(db: Database, *, limit: int = 2000) -> list[PersonRow]:
    """People with the most meetings first (then by name); `limit` keeps a huge file's list short."""
    sql = """SELECT p.id, p.name, p.country, coalesce(n.n, 0) AS n FROM people p
        LEFT JOIN (SELECT person_id, count(DISTINCT meeting_id) AS n FROM participants
                   WHERE person_id IS NOT NULL GROUP BY person_id) n ON n.person_id = p.id
        ORDER BY n DESC, p.folded LIMIT ?"""
    return [PersonRow(*r) for r in db.execute(sql, [limit])]


def people_count(db: Database) -> int:
    people: int = db.execute("SELECT count(*) FROM people").fetchone()[0]
    return people


def position_of(db: Database, q: MeetingQuery, meeting_id: int) -> int | None:
    """Where a meeting stands in the list of `q` (0 = newest), or None if it does not match."""
    row = db.execute("SELECT sort_key FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    if row is None:
        return None
    try:
        source, key, where, params = _plan(db, q)
    except _NoMatch:
        return None
    clause = " AND ".join(where) if where else "1"
    if not db.execute(f"SELECT 1 FROM {source} WHERE {clause} AND {key} = ?", [*params, row[0]]).fetchone():
        return None
    newer: int = db.execute(f"SELECT count(*) FROM {source} WHERE {clause} AND {key} > ?", [*params, row[0]]).fetchone()[0]
    return newer
