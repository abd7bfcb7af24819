"""The rows an import writes, planned from incoming meetings a batch at a time.

The planner reads the database (which meetings, people, topics and sources are there) but
never writes it: it returns the rows and statements of a batch, and the bulk writer
(store.bulk) runs them. So planning can run in a second process, on a read-only
connection, while the writer is busy with the batch before (tracker.io.importing).

The planner assigns every id itself (meetings, people, topics, sources: max(id) + 1, ...)
and remembers what it created, so that it needs to see none of its own rows: a read-only
connection that sees the database as it was when the import began is enough. The rows are
those insert_meeting writes, from the same normalized text (clean_meeting), the same
validation (check_meeting) and the same search text (search_text).

A person who gains an alias in an import (an event dataset's spelling) may be in meetings
planned before, or stored before: the writer reindexes their meetings at the end
(Outcome.realiased), so that the new spelling finds them all.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from tracker.model import LINK_KINDS, HistoryEntry, Meeting, Role, Source
from tracker.store.changes import reporting_source, snapshot
from tracker.store.db import StoreError
from tracker.store.meetings import ValidationError, _meeting_columns, check_meeting, load_meetings, now, search_text, sort_key, unknown_code
from tracker.store.normalize import clean_line, clean_meeting
from tracker.store.people import loose_key
from tracker.store.search import fold_fast, terms_of

if TYPE_CHECKING:
    from tracker.store.db import Database

# Parents before children: the writer runs them in this order.
TABLES = (
    "people",
    "aliases",
    "topics",
    "sources",
    "meetings",
    "participants",
    "meeting_countries",
    "meeting_topics",
    "evidence",
    "history",
    "external_ids",
    "search",
    "fts",
    "search_terms",
)
# A row of one of TABLES, in the column order of its INSERT (store.bulk): numbers, texts and NULLs,
# which marshal carries from a planning process to the writer.
Value: TypeAlias = int | str | None
Row: TypeAlias = tuple[Value, ...]


class BadRecord(StoreError):
    """A record of an import file that cannot be stored; the message starts with its line."""


@dataclass
class Incoming:
    """A meeting read from a file: the line it starts on, and the dataset event ids folded into it."""

    meeting: Meeting
    line: int
    external_ids: tuple[tuple[str, str], ...] = ()
    # Participants of an event dataset, by name: other spellings to link them by and keep as aliases.
    variants: dict[str, list[str]] = field(default_factory=dict)
    # Participants who take part for an organization, by name: their own country (Guterres: PRT for the UN).
    nationalities: dict[str, str | None] = field(default_factory=dict)  # None: the person's own country is not known, not the row's


@dataclass
class People:
    """The people of an export (name, country, aliases), at the line they start on: restored
    before the meetings that name them are planned (see Planner._listed)."""

    people: list[dict[str, Any]]  # name, country, aliases: as the export's JSON has them
    line: int


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    added_ids: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # what changed in updated meetings, a line each
    dropped_links: int = 0  # links to meetings neither in the file nor in the database
    people_added: int = 0  # people of the file's list who were not in the database
    aliases_added: int = 0  # aliases of the file's people the database did not know
    countries_set: int = 0  # people whose country the database did not know
    aliases_left_out: list[str] = field(default_factory=list)  # spellings that name someone else here, a line each


@dataclass
class PlannedBatch:
    """What the writer runs for one batch: statements first (updates), then rows by table."""

    statements: list[tuple[str, list[Value]]]
    rows: dict[str, list[Row]]
    first_id: int  # id of the first meeting this batch adds; `lines` are theirs, in id order
    lines: list[int]


@dataclass
class Outcome:
    """What the planner knows at the end: the report, and what the writer still has to do."""

    report: ImportReport
    links: list[tuple[int, str | None, str, str | None]]
    updated_before: list[dict[str, Any]]  # each a snapshot (store.changes), for the undo
    realiased: list[int] = field(default_factory=list)  # people with new aliases whose meetings were indexed without them


@dataclass(slots=True)
class Known:
    """A person as the planner knows them, under each of their spellings; the same object under
    all of them, so that a country learnt under one is known under every other."""

    id: int
    country: str | None


_ROLES = {role: role.value for role in Role}  # a StrEnum hashes as its value: a role or its text finds it


def first_ids(db: Database) -> dict[str, int]:
    """The next free id of each table the planner adds to; read inside the writer's transaction."""
    from tracker.store.ids import next_id

    ids = {t: db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0] for t in ("topics", "sources")}
    return ids | {"meetings": next_id(db, "meetings"), "people": next_id(db, "people")}


def _content(m: Meeting, people: Mapping[str, int | str | None]) -> dict[str, Any]:
    """What an import compares: everything but ids, times, history and derived fields."""
    d = m.to_dict()
    for key in ("id", "created", "updated", "history", "countries", "format", "links", "participants", "topics", "title"):
        d.pop(key)
    d["title"] = m.title.strip()
    d["topics"] = list(dict.fromkeys(t.strip() for t in m.topics if t.strip()))
    d["participants"] = [(people.get(p.name) if p.name else None, p.country, str(p.role), p.title) for p in m.participants]
    d["links"] = sorted((link.other_uid or "", link.kind, link.track or "") for link in m.links)
    return d


class Planner:
    """Plan the rows of an import, a batch at a time, from what the database held when it began."""

    def __init__(self, db: Database, ids: dict[str, int]):
        self.db = db
        self.report = ImportReport()
        self.countries: dict[str, str] = dict(db.execute("SELECT code, name FROM countries").fetchall())
        self.people: dict[str, list[Known]] = {}  # folded name or alias -> the people so called
        self.aliases: dict[int, list[str]] = {}
        self.names: dict[int, str] = {}  # person id -> name, as a meeting's participant is loaded
        by_id: dict[int, Known] = {}
        for person_id, name, folded, country in db.execute("SELECT id, name, folded, country FROM people"):
            self.names[person_id] = name
            by_id[person_id] = Known(person_id, country)
            self.people.setdefault(folded, []).append(by_id[person_id])
        for person_id, alias, folded in db.execute("SELECT person_id, alias, folded FROM aliases"):
            self.aliases.setdefault(person_id, []).append(alias)
            entries = self.people.setdefault(folded, [])
            if by_id[person_id] not in entries:
                entries.append(by_id[person_id])
        self.loose: dict[str, list[Known]] | None = None  # loose_key -> entries, built when an import first needs it
        self.topics: dict[str, int] = dict(db.execute("SELECT name, id FROM topics").fetchall())
        self.terms: set[str] = {r[0] for r in db.execute("SELECT term FROM search_terms")}
        self.sources_without_url: dict[tuple[str | None, str | None], int] = {
            (t, p): i for i, t, p in db.execute("SELECT id, title, published FROM sources WHERE url IS NULL")
        }
        self.sources_by_url: dict[str, int] = {}  # known urls: looked up a batch at a time, and those this import adds
        self.next_id, self.next_person, self.next_topic, self.next_source = ids["meetings"], ids["people"], ids["topics"], ids["sources"]
        self.first_id, self.first_person = self.next_id, self.next_person
        self.indexed: set[int] = set()  # people of this import's meetings planned so far
        self.listed: dict[str, list[Known]] = {}  # folded name -> entries of the file's people list
        self.realiased: set[int] = set()
        self.lines: list[int] = []  # the line of each meeting this import adds, by id - first_id
        self.named: dict[str, int] = {}  # uid -> line, of meetings already there that the file names
        self.links: list[tuple[int, str | None, str, str | None]] = []
        self.updated_before: list[dict[str, Any]] = []

    def outcome(self) -> Outcome:
        return Outcome(self.report, self.links, self.updated_before, sorted(self.realiased))

    def line_of(self, meeting_id: int) -> int | None:
        """The line of a meeting this import added, None for one that was there before."""
        index = meeting_id - self.first_id
        return self.lines[index] if 0 <= index < len(self.lines) else None

    # ------------------------------------------------------------ a batch

    def plan(self, batch: Sequence[Incoming | People]) -> PlannedBatch:
        self.rows: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.statements: list[tuple[str, list[Value]]] = []
        first_id, first_line = self.next_id, len(self.lines)
        meetings = [i for i in batch if isinstance(i, Incoming)]
        by_uid = self._existing_uids(meetings)
        by_event = self._existing_events(meetings)
        existing = {m.id: m for m in load_meetings(self.db, list(set(by_uid.values())))} if by_uid else {}
        self._look_up_sources(meetings)
        for incoming in batch:
            if isinstance(incoming, People):
                self._listed(incoming)
                continue
            m = clean_meeting(incoming.meeting)
            try:
                if any(key in by_event for key in incoming.external_ids):
                    self.report.unchanged += 1
                elif m.uid in by_uid:
                    self._named_again(m.uid, incoming.line, by_uid[m.uid])
                    self._update(existing[by_uid[m.uid]], incoming)
                else:
                    self._insert(incoming)
            except ValidationError as e:
                raise BadRecord(f"line {incoming.line}: " + "; ".join(dict.fromkeys(f"{p.field}: {p.message}" for p in e.problems))) from None
        for name, key in SORTED.items():  # index pages are filled in order rather than at random
            self.rows[name].sort(key=key)
        return PlannedBatch(self.statements, self.rows, first_id, self.lines[first_line:])

    def _named_again(self, uid: str, line: int, meeting_id: int) -> None:
        """A uid may name a meeting already there once; twice in one file is a mistake in the file."""
        other = self.line_of(meeting_id) or self.named.get(uid)
        if other is not None:
            raise BadRecord(f"line {line}: uid {uid!r} appears twice in the file (also at line {other})")
        self.named[uid] = line

    def _existing_uids(self, batch: list[Incoming]) -> dict[str, int]:
        uids = json.dumps([i.meeting.uid for i in batch if i.meeting.uid])
        return dict(self.db.execute("SELECT uid, id FROM meetings WHERE uid IN (SELECT value FROM json_each(?))", [uids]).fetchall())

    def _existing_events(self, batch: list[Incoming]) -> set[tuple[str, str]]:
        keys = [list(key) for i in batch for key in i.external_ids]
        if not keys:
            return set()
        rows = self.db.execute(
            "SELECT e.dataset, e.event_id FROM json_each(?) j JOIN external_ids e ON e.dataset = j.value ->> 0 AND e.event_id = j.value ->> 1",
            [json.dumps(keys)],
        )
        return {(dataset, event_id) for dataset, event_id in rows}

    def _look_up_sources(self, batch: list[Incoming]) -> None:
        urls = json.dumps([u for u in {s.url for i in batch for s in i.meeting.sources if s.url} if u not in self.sources_by_url])
        rows = self.db.execute("SELECT url, min(id) FROM sources WHERE url IN (SELECT value FROM json_each(?)) GROUP BY url", [urls])
        self.sources_by_url.update(rows.fetchall())

    # ------------------------------------------------------------ one meeting

    def _insert(self, incoming: Incoming) -> None:
        m = incoming.meeting
        if problems := check_meeting(m, self.countries):
            raise ValidationError(problems)
        meeting_id, self.next_id = self.next_id, self.next_id + 1
        key = sort_key(m.when.start, meeting_id)
        stamp = now() if not (m.created and m.updated) else None
        body = self._children(meeting_id, key, incoming)
        self.rows["meetings"].append((meeting_id, m.uid or str(uuid.uuid4()), *_meeting_columns(m).values(), body, key, m.created or stamp, m.updated or stamp))
        if m.history:
            self.rows["history"] += [self._history_row(meeting_id, h) for h in m.history]
        self.lines.append(incoming.line)
        self.report.added += 1
        self.report.added_ids.append(meeting_id)

    def _update(self, before: Meeting, incoming: Incoming) -> None:
        assert before.id is not None  # loaded from the database
        m = incoming.meeting
        if problems := check_meeting(m, self.countries):
            raise ValidationError(problems)
        known = {p.name: self._find_person(p.name, incoming.nationalities.get(p.name, p.country)) for p in m.participants if p.name}
        stored = {p.name: p.person_id for p in before.participants if p.name}
        if _content(m, known) == _content(before, stored):
            self.report.unchanged += 1
            return
        self.updated_before.append(json.loads(snapshot(self.db, before)))
        history = list(before.history)
        old, new = before.when, m.when
        if before.status != m.status or (old.start, old.end, old.precision) != (new.start, new.end, new.precision):
            history.append(
                HistoryEntry(now(), str(before.status), old.start.isoformat(), old.end.isoformat(), str(old.precision), old.text, reporting_source(before, m))
            )
        for table in ("participants", "meeting_countries", "meeting_topics", "evidence", "links", "history"):
            self.statements.append((f"DELETE FROM {table} WHERE meeting_id = ?", [before.id]))
        for table, rowid in (("meeting_search", "sort_key"), ("meetings_fts", "id")):  # what the index triggers do, outside an import
            self.statements.append(
                (f"INSERT INTO {table} ({table}, rowid, search_text) SELECT 'delete', {rowid}, search_text FROM meetings WHERE id = ?", [before.id])
            )
        key = sort_key(new.start, before.id)
        self.rows["history"] += [self._history_row(before.id, h) for h in history]
        body = self._children(before.id, key, incoming)
        columns: dict[str, Value] = {**_meeting_columns(m), "search_text": body, "sort_key": key, "updated": now()}
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        self.statements.append((f"UPDATE meetings SET {assignments} WHERE id = ?", [*columns.values(), before.id]))
        self.report.updated += 1
        if len(self.report.changes) < 50:
            self.report.changes.append(f"#{before.id} {m.title.strip()}: {_what_changed(before, m)}")

    def _children(self, meeting_id: int, key: int, incoming: Incoming) -> str:
        """The rows hanging off a meeting; returns its search text, for the meeting's row."""
        m, rows = incoming.meeting, self.rows
        participants = rows["participants"]
        for position, p in enumerate(m.participants):
            if p.name:
                variants = incoming.variants.get(p.name)
                if variants is None and incoming.variants:  # keyed by the name as the dataset wrote it
                    variants = next((v for name, v in incoming.variants.items() if clean_line(name) == p.name), None)
                p.person_id = self._person(p.name, incoming.nationalities.get(p.name, p.country), variants)
                p.name = self.names[p.person_id]  # as the meeting is loaded back, and so indexed
            participants.append((meeting_id, position, p.person_id, p.country, _ROLES.get(p.role) or str(Role(p.role)), p.title))
        countries = m.countries
        rows["meeting_countries"] += [(code, key, meeting_id) for code in countries]
        for position, name in enumerate(m.topics):  # clean already: no blanks, no repeats
            rows["meeting_topics"].append((meeting_id, self._topic(name), position))
        for position, s in enumerate(m.sources):
            rows["evidence"].append((meeting_id, self._source(s), position, s.quote))
        for link in m.links:
            if link.kind not in LINK_KINDS:
                raise ValidationError("links", f"unknown link kind {link.kind!r}: use one of {', '.join(LINK_KINDS)}")
            self.links.append((meeting_id, link.other_uid, link.kind, link.track))
        if incoming.external_ids:
            rows["external_ids"] += [(dataset, event_id, meeting_id) for dataset, event_id in incoming.external_ids]
        body = search_text(m, self.countries, self.aliases)
        self.indexed.update(p.person_id for p in m.participants if p.person_id)
        rows["search"].append((key, body))
        rows["fts"].append((meeting_id, body))
        if new_terms := terms_of(body) - self.terms:
            self.terms |= new_terms
            rows["search_terms"] += [(term,) for term in new_terms]
        return body

    def _find_person(self, name: str, country: str | None) -> int | str:
        """The person id _person would pick (without variants), or the name when it would create one."""
        entry = self._known(fold_fast(name), country) or self._only_listed(fold_fast(name))
        return entry.id if entry is not None else name

    def _only_listed(self, folded: str) -> Known | None:
        """The one person of this name the file lists: in the database it came from, a participant
        so named was that person, whatever country they are listed under in a meeting."""
        listed = self.listed.get(folded, ())
        return listed[0] if len(listed) == 1 else None

    def _person(self, name: str, country: str | None, variants: list[str] | None = None) -> int:
        """person_id_for, from memory: same matching, same creation.

        With `variants` (an event dataset's participant; maybe none), a name not known as written is
        also looked for by its loose key and its variants; the spellings that were not
        known become the person's aliases."""
        folded = fold_fast(name)
        entry = self._known(folded, country)
        if entry is None and self.listed:
            entry = self._only_listed(folded)
        if entry is None and variants is not None:
            entry = self._by_spelling(name, variants, country)
        if entry is not None:
            if country and entry.country is None:
                self._set_country(entry, country)
            if variants is not None:
                self._alias(entry, [name, *variants])
            return entry.id
        entry = self._new_person(name, folded, country)
        if variants:
            self._alias(entry, list(variants))
        return entry.id

    def _listed(self, record: People) -> None:
        """The people of an export: each is the person of that name (or alias) here, of the same
        country, else of none, else the only one so called; or else added. Their country and
        the aliases the database lacks are restored. A spelling that is someone else's here is
        left out (and said): a merge is the user's to make."""
        report = self.report
        for d in record.people:
            name, country = clean_line(d["name"]) or "", d["country"]
            if country is not None and country not in self.countries:
                raise BadRecord(f"line {record.line}: the country of {name!r}: {unknown_code(country)}")
            folded = fold_fast(name)
            entry = self._known(folded, country)
            named = {id(e): e for e in self.people.get(folded, ())}
            if entry is None and len(named) == 1:
                entry = next(iter(named.values()))
            if entry is None:
                entry = self._new_person(name, folded, country)
                report.people_added += 1
            elif country and entry.country != country:
                self._set_country(entry, country)
                report.countries_set += 1
            listed = self.listed.setdefault(folded, [])
            if entry not in listed:
                listed.append(entry)
            for alias in filter(None, map(clean_line, d["aliases"])):
                others = [e for e in self.people.get(fold_fast(alias), ()) if e is not entry]
                if others:
                    if len(report.aliases_left_out) < 50:
                        other = self.names[others[0].id]
                        report.aliases_left_out.append(
                            f"{alias!r} of {name}: it is {other}{'' if fold_fast(other) == fold_fast(alias) else ' (an alias)'} here; `tracker person merge` if they are one"
                        )
                    continue
                before = len(self.rows["aliases"])
                self._alias(entry, [alias], exact=True)
                report.aliases_added += len(self.rows["aliases"]) - before

    def _known(self, folded: str, country: str | None) -> Known | None:
        for entry in self.people.get(folded, ()):
            if country is None or entry.country in (None, country):
                return entry
        return None

    def _set_country(self, entry: Known, country: str) -> None:
        """A known person's country: in the row this batch adds, or in the database."""
        entry.country = country
        people = self.rows["people"]
        for i, row in enumerate(people):  # statements run before the rows: a person of this batch is patched instead
            if row[0] == entry.id:
                people[i] = (*row[:3], country)
                return
        self.statements.append(("UPDATE people SET country = ? WHERE id = ?", [country, entry.id]))

    def _new_person(self, name: str, folded: str, country: str | None) -> Known:
        person_id, self.next_person = self.next_person, self.next_person + 1
        entry = Known(person_id, country)
        self.people.setdefault(folded, []).append(entry)
        if self.loose is not None:
            self.loose.setdefault(loose_key(name), []).append(entry)
        self.names[person_id] = name
        self.rows["people"].append((person_id, name, folded, country))
        return entry

    def _by_spelling(self, name: str, variants: Iterable[str], country: str | None) -> Known | None:
        """A known person by another spelling: a variant as written, or any spelling's loose key."""
        for variant in variants:
            if (entry := self._known(fold_fast(variant), country)) is not None:
                return entry
        if self.loose is None:
            self.loose = {}
            for folded, entries in self.people.items():
                for entry in entries:
                    bucket = self.loose.setdefault(loose_key(folded), [])
                    if entry not in bucket:
                        bucket.append(entry)
        for spelling in (name, *variants):
            for entry in self.loose.get(loose_key(spelling), ()):
                if country is None or entry.country in (None, country):
                    return entry
        return None

    def _alias(self, entry: Known, spellings: list[str], *, exact: bool = False) -> None:
        """Spellings of a person not yet known become their aliases (searchable, and found by the next import).

        `exact`: a spelling that differs from those known only in what folding drops (Akcapar
        for Akçapar) is kept too, as an export listed it."""
        for spelling in filter(None, map(clean_line, spellings)):
            folded = fold_fast(spelling)
            if exact:
                if spelling == self.names[entry.id] or spelling in self.aliases.get(entry.id, ()):
                    continue
            elif any(e is entry for e in self.people.get(folded, ())):
                continue
            if entry.id < self.first_person or entry.id in self.indexed:
                self.realiased.add(entry.id)
            if not any(e is entry for e in self.people.get(folded, ())):
                self.people.setdefault(folded, []).append(entry)
                if self.loose is not None:
                    self.loose.setdefault(loose_key(spelling), []).append(entry)
            self.aliases.setdefault(entry.id, []).append(spelling)
            self.rows["aliases"].append((entry.id, spelling, folded))

    def _topic(self, name: str) -> int:
        topic_id = self.topics.get(name)
        if topic_id is None:
            topic_id = self.topics[name] = self.next_topic
            self.next_topic += 1
            self.rows["topics"].append((topic_id, name))
        return topic_id

    def _history_row(self, meeting_id: int, h: HistoryEntry) -> Row:
        return (meeting_id, h.at, h.status, h.start, h.end, h.precision, h.when_text, self._source(h.source) if h.source else None)

    def _source(self, s: Source) -> int:
        """The same source (by URL, or else by title and published time) is stored once, as _source_id does."""
        known = self.sources_by_url.get(s.url) if s.url else self.sources_without_url.get((s.title, s.published))
        if known is not None:
            return known
        source_id, self.next_source = self.next_source, self.next_source + 1
        if s.url:
            self.sources_by_url[s.url] = source_id
        else:
            self.sources_without_url[s.title, s.published] = source_id
        self.rows["sources"].append((source_id, s.title, s.url, s.outlet, s.published, s.updated, s.language))
        return source_id


def _what_changed(before: Meeting, after: Meeting) -> str:
    b, a = before.to_dict(), after.to_dict()
    names = [
        k for k in ("title", "status", "level", "start", "end", "when_text", "city", "venue", "country", "summary", "outcome", "notes", "cameo") if b[k] != a[k]
    ]
    names += [k for k in ("participants", "topics", "sources") if b[k] != a[k]]
    return ", ".join(f"{k} {b[k]!r} -> {a[k]!r}" if k in ("status", "start", "end", "level") else k for k in names) or "links"


SORTED = {"meetings": lambda r: r[-3], "meeting_countries": lambda r: (r[0], r[1]), "search": lambda r: r[0], "fts": lambda r: r[0]}
