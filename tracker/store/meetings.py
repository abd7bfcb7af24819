"""The rows of a meeting: validation, writing them (inside the caller's transaction), loading them.

User actions (add, edit, delete, undo), each one transaction and one entry in the change
log, are in tracker.actions, built on these.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.model import (
    LINK_KINDS,
    HistoryEntry,
    Level,
    Link,
    Meeting,
    Participant,
    Precision,
    Role,
    Source,
    Status,
    When,
)
from tracker.store.db import NotFound, StoreError, write
from tracker.store.ids import next_id
from tracker.store.normalize import clean_line, clean_meeting
from tracker.store.people import person_id_for
from tracker.store.search import fold_fast, terms_of

if TYPE_CHECKING:
    import sqlite3

    from tracker.store.db import Database

MAX_TEXT = 10_000  # longer text is refused, not truncated: nothing is silently lost
MAX_TITLE = 500
URL_SHAPE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a meeting: the field, what to say, and which participant or source."""

    field: str  # a Meeting field: "title", "participants", "source_url" (a source's address), ...
    message: str
    index: int | None = None  # the participant's or the source's place in its list
    part: str | None = None  # of a participant: "name" or "country"


class ValidationError(StoreError):
    """A meeting is invalid: `problems` says every problem, `field` names the first for the form."""

    def __init__(self, field: str | list[Problem], message: str = ""):
        self.problems = field if isinstance(field, list) else [Problem(field, message)]
        super().__init__("; ".join(dict.fromkeys(p.message for p in self.problems)))
        self.field = self.problems[0].field


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def sort_key(start: dt.date, meeting_id: int) -> int:
    """Orders by start date, then id: see the meetings table in schema.py."""
    return (start.toordinal() << 32) | meeting_id


def day_key(day: dt.date) -> int:
    """The smallest sort_key of a day."""
    return day.toordinal() << 32


# ---------------------------------------------------------------- validation


def validate(db: Database, m: Meeting) -> None:
    """Raise ValidationError saying every problem of the meeting, if it has any."""
    codes = [c for c in {m.country} | {p.country for p in m.participants} if c]
    known = {r[0] for r in db.execute(f"SELECT code FROM countries WHERE code IN ({','.join('?' * len(codes))})", codes)} if codes else set()
    if problems := check_meeting(m, known):
        raise ValidationError(problems)


PARTICIPANT_NEEDS = "a participant needs a name, or a country for an unnamed delegation"


def check_meeting(m: Meeting, known_codes: Container[str]) -> list[Problem]:
    """Every problem of the meeting, in the order of its fields; `known_codes` holds the country
    codes that exist (bulk import caches them). The store, the CLI (through the store) and the
    form all check a meeting here, so they say the same thing of the same meeting."""
    problems = []
    if not m.title or not m.title.strip():
        problems.append(Problem("title", "a title is required"))
    elif len(m.title) > MAX_TITLE:
        problems.append(Problem("title", f"the title is longer than {MAX_TITLE} characters"))
    if m.when.end < m.when.start:
        problems.append(Problem("when", "the end is before the start"))
    for name in ("city", "venue", "summary", "outcome", "notes"):
        value = getattr(m, name)
        if value is not None and len(value) > MAX_TEXT:
            problems.append(Problem(name, f"{name} is longer than {MAX_TEXT} characters"))
    if m.country and m.country not in known_codes:
        problems.append(Problem("country", unknown_code(m.country)))
    for i, p in enumerate(m.participants):
        if not p.name and not p.country:
            problems.append(Problem("participants", PARTICIPANT_NEEDS, i, "name"))
        elif p.name is not None and not p.name.strip():
            problems.append(Problem("participants", "a participant's name is blank: leave it out (None) for an unnamed delegation", i, "name"))
        elif p.name and len(p.name) > MAX_TITLE:
            problems.append(Problem("participants", f"a participant's name is longer than {MAX_TITLE} characters", i, "name"))
        if p.country and p.country not in known_codes and p.country != m.country:
            problems.append(Problem("participants", unknown_code(p.country), i, "country"))
    for i, s in enumerate(m.sources):
        problems += check_source(s, i)
    if m.cameo and not re.fullmatch(r"\d{3,4}", m.cameo):
        problems.append(Problem("cameo", f"CAMEO code {m.cameo!r} should be three or four digits, such as 040 or 042"))
    return problems


def check_source(s: Source, index: int | None = None) -> list[Problem]:
    """The problems of one source (the form checks the one being typed before the meeting)."""
    if s.url and not URL_SHAPE.match(s.url):
        return [Problem("source_url", f"{s.url!r} is not a web address: it should start with http:// or https://", index)]
    return []


def unknown_code(code: str) -> str:
    return f"unknown country code {code!r}: use an ISO 3166 alpha-3 code such as TUR, or an organization such as UN, EU, NATO"


# ---------------------------------------------------------------- writing rows


def search_text(m: Meeting, country_names: Mapping[str, str], aliases: Mapping[int, Iterable[str]]) -> str:
    """A meeting's search text, folded: the one rule of what is stored and of what `tracker check` expects.

    `m` as stored (clean_meeting, each participant under their person's name, with their
    person_id); `aliases` holds (at least) the aliases of its people by person id, in any
    order. They go in by person id, then alphabetically, as the aliases table lists them.
    """
    people = sorted({p.person_id for p in m.participants if p.person_id is not None and p.person_id in aliases})
    spellings = [alias for person_id in people for alias in sorted(set(aliases[person_id]))]
    return fold_fast(" ".join(search_parts(m, country_names, spellings)))


def stored_search_text(db: Database, m: Meeting) -> str:
    """search_text of a meeting as loaded from the database, from its countries' names and its people's aliases."""
    codes = list(set(m.countries) | ({m.country} if m.country else set()))
    names = dict(db.execute(f"SELECT code, name FROM countries WHERE code IN ({','.join('?' * len(codes))})", codes)) if codes else {}
    person_ids = [p.person_id for p in m.participants if p.person_id]
    aliases: dict[int, list[str]] = {}
    if person_ids:
        for person_id, alias in db.execute(f"SELECT person_id, alias FROM aliases WHERE person_id IN ({','.join('?' * len(person_ids))})", person_ids):
            aliases.setdefault(person_id, []).append(alias)
    return search_text(m, names, aliases)


def search_parts(m: Meeting, country_names: Mapping[str, str], aliases: Iterable[str]) -> list[str]:
    """The texts of a meeting that search looks in, unfolded (search_text joins and folds them)."""
    parts = [m.title, m.city, m.venue]
    codes = set(m.countries) | ({m.country} if m.country else set())
    parts += [f"{code} {country_names[code]}" for code in sorted(codes) if code in country_names]
    parts += aliases
    parts += [p.name for p in m.participants] + [p.title for p in m.participants]
    parts += m.topics
    return [p for p in parts if p]


def _write_children(db: Database, meeting_id: int, key: int, m: Meeting) -> None:
    """Every row hanging off a meeting, from the Meeting; the old rows are gone already."""
    for position, p in enumerate(m.participants):
        if p.name and not _is_person(db, p.person_id, p.name):
            p.person_id = person_id_for(db, p.name, p.country)
        db.execute(
            "INSERT INTO participants (meeting_id, position, person_id, country, role, title) VALUES (?, ?, ?, ?, ?, ?)",
            [meeting_id, position, p.person_id, p.country, str(Role(p.role)), p.title],
        )
    for code in m.countries:
        db.execute("INSERT INTO meeting_countries (country, sort_key, meeting_id) VALUES (?, ?, ?)", [code, key, meeting_id])
    for position, name in enumerate(m.topics):  # clean already: no blanks, no repeats
        db.execute("INSERT OR IGNORE INTO topics (name) VALUES (?)", [name])
        topic_id = db.execute("SELECT id FROM topics WHERE name = ?", [name]).fetchone()[0]
        db.execute("INSERT OR IGNORE INTO meeting_topics (meeting_id, topic_id, position) VALUES (?, ?, ?)", [meeting_id, topic_id, position])
    for position, s in enumerate(m.sources):
        db.execute("INSERT INTO evidence (meeting_id, source_id, position, quote) VALUES (?, ?, ?, ?)", [meeting_id, _source_id(db, s), position, s.quote])
    for link in m.links:
        if link.kind not in LINK_KINDS:
            raise ValidationError("links", f"unknown link kind {link.kind!r}: use one of {', '.join(LINK_KINDS)}")
        if not db.execute("SELECT 1 FROM meetings WHERE id = ?", [link.other_id]).fetchone():
            raise ValidationError("links", f"meeting {link.other_id} does not exist")
        db.execute("INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) VALUES (?, ?, ?, ?)", [meeting_id, link.other_id, link.kind, link.track])
    for h in m.history:
        db.execute(
            'INSERT INTO history (meeting_id, at, status, start, "end", precision, when_text, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [meeting_id, h.at, h.status, h.start, h.end, h.precision, h.when_text, _source_id(db, h.source) if h.source else None],
        )
    # From the rows just written, as `tracker check` reads them: a participant is indexed under
    # the name of the person found for them, who may have been written another way.
    reindex_meetings(db, [meeting_id])


def _is_person(db: Database, person_id: int | None, name: str) -> bool:
    """Whether the participant's person id is still the person of that name (or alias): a person
    kept across undo and redo, or two people of one name, stay who they were."""
    if person_id is None:
        return False
    folded = fold(name.strip())
    return (
        db.execute(
            "SELECT 1 FROM people WHERE id = ? AND (folded = ? OR EXISTS (SELECT 1 FROM aliases WHERE person_id = ? AND folded = ?))",
            [person_id, folded, person_id, folded],
        ).fetchone()
        is not None
    )


def index_search(db: Database, meeting_id: int, body: str, *, triggers: bool = True) -> None:
    """Make a meeting findable by its (folded) search text; its words join the known terms.

    The full-text indexes follow meetings.search_text by triggers (schema.py, migration 2);
    inside an import they are gone (db.bulk_writing), and `triggers=False` does their work.
    """
    if triggers:
        db.execute("UPDATE meetings SET search_text = ? WHERE id = ?", [body, meeting_id])
    elif db.execute("SELECT search_text IS NOT ? FROM meetings WHERE id = ?", [body, meeting_id]).fetchone()[0]:
        indexes = (("meeting_search", "sort_key"), ("meetings_fts", "id"))
        for table, rowid in indexes:
            db.execute(
                f"INSERT INTO {table} ({table}, rowid, search_text) SELECT 'delete', {rowid}, search_text FROM meetings WHERE id = ? AND search_text IS NOT NULL",
                [meeting_id],
            )
        db.execute("UPDATE meetings SET search_text = ? WHERE id = ?", [body, meeting_id])
        for table, rowid in indexes:
            db.execute(f"INSERT INTO {table} (rowid, search_text) SELECT {rowid}, search_text FROM meetings WHERE id = ?", [meeting_id])
    db.execute("INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)", [json.dumps(sorted(terms_of(body)))])


def _source_id(db: Database, s: Source) -> int:
    """The same source (by URL, or else by title and published time) is stored once."""
    if s.url:
        row = db.execute("SELECT id FROM sources WHERE url = ?", [s.url]).fetchone()
    else:
        row = db.execute("SELECT id FROM sources WHERE url IS NULL AND title IS ? AND published IS ?", [s.title, s.published]).fetchone()
    if row:
        if s.text:
            db.execute("UPDATE sources SET text = coalesce(text, ?) WHERE id = ?", [s.text, row[0]])
        return int(row[0])
    cursor = db.execute(
        "INSERT INTO sources (title, url, outlet, published, updated, language, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [s.title, s.url, s.outlet, s.published, s.updated, s.language, s.text],
    )
    return _inserted_id(cursor)


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just gave (sqlite3 says None only before any INSERT)."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _delete_children(db: Database, meeting_id: int) -> None:
    for table in ("participants", "meeting_countries", "meeting_topics", "evidence", "links", "history"):
        db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])


def _meeting_columns(m: Meeting) -> dict[str, str | None]:
    """The meeting's own columns, from a clean meeting (clean_meeting)."""
    return {
        "title": m.title,
        "status": str(Status(m.status)),
        "level": str(Level(m.level)) if m.level else None,
        "start": m.when.start.isoformat(),
        "end": m.when.end.isoformat(),
        "precision": str(Precision(m.when.precision)),
        "when_text": m.when.text,
        "city": m.city,
        "venue": m.venue,
        "country": m.country,
        "summary": m.summary,
        "outcome": m.outcome,
        "notes": m.notes,
        "cameo": m.cameo,
    }


def insert_meeting(db: Database, m: Meeting, *, meeting_id: int | None = None) -> int:
    """Insert a meeting and its rows inside the caller's transaction; no change log.

    The building block of add, import and undo; `meeting_id` restores a deleted one.
    The meeting's text is normalized in place (clean_meeting).
    """
    validate(db, clean_meeting(m))
    stamp = now()
    columns = _meeting_columns(m) | {
        "uid": m.uid or str(uuid.uuid4()),
        "created": m.created or stamp,
        "updated": m.updated or stamp,
        "sort_key": 0,  # known once the id is
    }
    columns["id"] = meeting_id if meeting_id is not None else next_id(db, "meetings")
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.execute(f"INSERT INTO meetings ({names}) VALUES ({', '.join('?' * len(columns))})", list(columns.values()))
    new_id = _inserted_id(cursor)
    key = sort_key(m.when.start, new_id)
    db.execute("UPDATE meetings SET sort_key = ? WHERE id = ?", [key, new_id])
    _write_children(db, new_id, key, m)
    return new_id


def _replace_meeting(db: Database, meeting_id: int, m: Meeting, *, updated: str) -> None:
    """Rewrite a meeting in place: its id, uid, created and incoming links stay."""
    validate(db, clean_meeting(m))
    _delete_children(db, meeting_id)
    key = sort_key(m.when.start, meeting_id)
    columns = _meeting_columns(m) | {"sort_key": key, "updated": updated}
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    db.execute(f"UPDATE meetings SET {assignments} WHERE id = ?", [*columns.values(), meeting_id])
    _write_children(db, meeting_id, key, m)


# ---------------------------------------------------------------- loading


def _placeholders(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def load_meetings(db: Database, ids: Sequence[int]) -> list[Meeting]:
    """Whole meetings for these ids, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    ph, ids = _placeholders(ids), list(ids)
    meetings: dict[int, Meeting] = {}
    for r in db.query(f"SELECT * FROM meetings WHERE id IN ({ph})", ids):
        meetings[r["id"]] = Meeting(
            id=r["id"],
            uid=r["uid"],
            title=r["title"],
            status=Status(r["status"]),
            level=Level(r["level"]) if r["level"] else None,
            when=When(dt.date.fromisoformat(r["start"]), dt.date.fromisoformat(r["end"]), Precision(r["precision"]), r["when_text"]),
            city=r["city"],
            venue=r["venue"],
            country=r["country"],
            summary=r["summary"],
            outcome=r["outcome"],
            notes=r["notes"],
            cameo=r["cameo"],
            created=r["created"],
            updated=r["updated"],
        )
    for r in db.query(
        f"""SELECT p.meeting_id, p.person_id, pe.name, p.country, p.role, p.title FROM participants p
        LEFT JOIN people pe ON pe.id = p.person_id WHERE p.meeting_id IN ({ph}) ORDER BY p.meeting_id, p.position""",
        ids,
    ):
        meetings[r["meeting_id"]].participants.append(Participant(r["name"], r["country"], Role(r["role"]), r["title"], r["person_id"]))
    for r in db.query(
        f"SELECT mt.meeting_id, t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id IN ({ph}) ORDER BY mt.meeting_id, mt.position",
        ids,
    ):
        meetings[r["meeting_id"]].topics.append(r["name"])
    for r in db.query(
        f"""SELECT e.meeting_id, e.quote, s.* FROM evidence e JOIN sources s ON s.id = e.source_id
        WHERE e.meeting_id IN ({ph}) ORDER BY e.meeting_id, e.position""",
        ids,
    ):
        meetings[r["meeting_id"]].sources.append(Source(r["title"], r["url"], r["outlet"], r["published"], r["updated"], r["language"], r["quote"]))
    for r in db.query(
        f"SELECT l.meeting_id, l.other_id, l.kind, l.track, m.title, m.uid FROM links l JOIN meetings m ON m.id = l.other_id WHERE l.meeting_id IN ({ph})",
        ids,
    ):
        meetings[r["meeting_id"]].links.append(Link(r["other_id"], r["kind"], r["track"], r["title"], r["uid"]))
    sql = f"""SELECT h.meeting_id, h.at, h.status, h.start, h."end", h.precision, h.when_text, s.id AS source_id, s.title, s.url, s.outlet, s.published
        FROM history h LEFT JOIN sources s ON s.id = h.source_id WHERE h.meeting_id IN ({ph}) ORDER BY h.id"""
    for r in db.query(sql, ids):
        source = Source(r["title"], r["url"], r["outlet"], r["published"]) if r["source_id"] is not None else None
        meetings[r["meeting_id"]].history.append(HistoryEntry(r["at"], r["status"], r["start"], r["end"], r["precision"], r["when_text"], source))
    return [meetings[i] for i in ids if i in meetings]


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    found = load_meetings(db, [meeting_id])
    if not found:
        raise NotFound(f"no meeting with id {meeting_id}; `tracker list` shows the ids")
    return found[0]


def meeting_ids_by_uid(db: Database, uids: Sequence[str]) -> dict[str, int]:
    """uid -> id of the meetings that are there."""
    return dict(db.execute("SELECT uid, id FROM meetings WHERE uid IN (SELECT value FROM json_each(?))", [json.dumps(list(uids))]).fetchall())


def link_meetings(db: Database, meeting_id: int, other_id: int, kind: str, track: str | None) -> None:
    """Meeting `meeting_id` follows (or is part of) `other_id`, on a track; inside the caller's transaction."""
    db.execute("INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) VALUES (?, ?, ?, ?)", [meeting_id, other_id, kind, track])


def linked_from(db: Database, meeting_id: int) -> list[Link]:
    """Meetings that link to this one (they follow it, or are part of it)."""
    rows = db.query(
        "SELECT l.meeting_id, l.kind, l.track, m.title FROM links l JOIN meetings m ON m.id = l.meeting_id WHERE l.other_id = ?",
        [meeting_id],
    )
    return [Link(r["meeting_id"], r["kind"], r["track"], r["title"]) for r in rows]


def delete_meetings(db: Database, ids: Iterable[int]) -> None:
    """Delete meetings inside the caller's transaction, without logging (undo of an import)."""
    for meeting_id in ids:
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])


def reindex_meetings(db: Database, ids: Sequence[int], *, triggers: bool = True) -> None:
    """Rebuild the search text of these meetings (after a person gained an alias, say); see index_search for `triggers`."""
    for start in range(0, len(ids), 500):
        for m in load_meetings(db, ids[start : start + 500]):
            assert m.id is not None  # loaded from the database
            index_search(db, m.id, stored_search_text(db, m), triggers=triggers)


def add_alias(db: Database, person_id: int, alias: str) -> None:
    """Another spelling of a person's name; their meetings become findable by it."""
    cleaned = clean_line(alias)
    if not cleaned:
        raise StoreError("an alias cannot be empty")
    with write(db):
        db.execute("INSERT OR IGNORE INTO aliases (person_id, alias, folded) VALUES (?, ?, ?)", [person_id, cleaned, fold(cleaned)])
        reindex_meetings(db, [r[0] for r in db.execute("SELECT DISTINCT meeting_id FROM participants WHERE person_id = ?", [person_id])])
