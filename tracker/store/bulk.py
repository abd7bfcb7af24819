"""The fast write path of imports: many meetings in one transaction, a batch at a time.

insert_meeting asks the database about every person, topic, source and country of every
meeting; at a million meetings that is far too slow. Here countries, people (with their
aliases) and topics are cached in memory, ids are assigned up front (max(id) + 1, ...), and
rows go in with executemany a batch at a time. The rows are those insert_meeting writes:
the same validation (check_meeting) and the same search text (search_parts).

A meeting already in the database is recognised by its uid, or by a dataset's event id
(external_ids); one whose content differs is updated the way update_meeting does it, its
old status and date kept in its history.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import sqlite_utils

from tracker.countries import fold
from tracker.model import LINK_KINDS, HistoryEntry, Meeting, Role, Source
from tracker.store.db import StoreError
from tracker.store.meetings import (
    ValidationError,
    _delete_children,
    _meeting_columns,
    check_meeting,
    load_meetings,
    log_change,
    now,
    search_parts,
    snapshot,
    sort_key,
)

BATCH = 5000
MEETING_COLUMNS = ("title", "status", "level", "start", "end", "precision", "when_text", "city", "venue", "country", "summary", "outcome", "notes", "cameo")


class BadRecord(StoreError):
    """A record of an import file that cannot be stored; the message starts with its line."""


@dataclass
class Incoming:
    """A meeting read from a file: the line it starts on, and the dataset event ids folded into it."""

    meeting: Meeting
    line: int
    external_ids: tuple[tuple[str, str], ...] = ()


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    added_ids: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # what changed in updated meetings, a line each
    dropped_links: int = 0  # links to meetings neither in the file nor in the database


@lru_cache(maxsize=100_000)
def _fold_cached(text: str) -> str:
    return fold(text)


def fold_part(text: str) -> str:
    """fold(), fast: on ASCII it is lower(); otherwise word by word, cached, since words repeat.

    fold works character by character (a space is never part of a decomposition), so folding
    the words and joining them gives what folding the whole gives.
    """
    if text.isascii():
        return text.lower()
    return " ".join(_fold_cached(word) for word in text.split(" "))


def _content(m: Meeting, people: dict[str, int | str]) -> dict:
    """What an import compares: everything but ids, times, history and derived fields."""
    d = m.to_dict()
    for key in ("id", "created", "updated", "history", "countries", "format", "links", "participants", "topics", "title"):
        d.pop(key)
    d["title"] = m.title.strip()
    d["topics"] = list(dict.fromkeys(t.strip() for t in m.topics if t.strip()))
    d["participants"] = [(people.get(p.name) if p.name else None, p.country, str(p.role), p.title) for p in m.participants]
    d["links"] = sorted((link.other_uid or "", link.kind, link.track or "") for link in m.links)
    return d


class BulkWriter:
    """Add or update meetings inside the caller's write transaction; finish() logs the import once."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.report = ImportReport()
        self.countries = dict(db.execute("SELECT code, name FROM countries").fetchall())
        self.people: dict[str, list[list]] = {}  # folded name or alias -> [[id, country], ...]
        self.aliases: dict[int, list[str]] = {}
        by_id = {}
        for person_id, folded, country in db.execute("SELECT id, folded, country FROM people"):
            by_id[person_id] = [person_id, country]
            self.people.setdefault(folded, []).append(by_id[person_id])
        for person_id, alias, folded in db.execute("SELECT person_id, alias, folded FROM aliases"):
            self.aliases.setdefault(person_id, []).append(alias)
            entries = self.people.setdefault(folded, [])
            if by_id[person_id] not in entries:
                entries.append(by_id[person_id])
        self.topics = dict(db.execute("SELECT name, id FROM topics").fetchall())
        self.sources_without_url = {(t, p): i for i, t, p in db.execute("SELECT id, title, published FROM sources WHERE url IS NULL")}
        self.next_id = self._next("meetings")
        self.next_person = self._next("people")
        self.next_topic = self._next("topics")
        self.next_source = self._next("sources")
        self.pending: list[Incoming] = []
        self.links: list[tuple[int, str | None, str, str | None]] = []
        self.updated_before: list[dict] = []
        self._clear_rows()

    def _next(self, table: str) -> int:
        return self.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def _clear_rows(self) -> None:
        self.rows: dict[str, list] = {name: [] for name in INSERTS}

    # ------------------------------------------------------------ public

    def add(self, incoming: Incoming) -> None:
        self.pending.append(incoming)
        if len(self.pending) >= BATCH:
            self.flush()

    def add_all(self, records: Iterable[Incoming]) -> ImportReport:
        for incoming in records:
            self.add(incoming)
        return self.finish()

    def finish(self) -> ImportReport:
        """Write what is pending, the links between meetings, and one change-log entry."""
        self.flush()
        self._write_links()
        if self.report.added or self.report.updated:
            log_change(self.db, "import", None, None, json.dumps({"ids": self.report.added_ids, "updated": self.updated_before}, ensure_ascii=False))
        return self.report

    # ------------------------------------------------------------ a batch

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        by_uid = self._existing_uids(batch)
        by_event = self._existing_events(batch)
        existing = {m.id: m for m in load_meetings(self.db, list(set(by_uid.values())))} if by_uid else {}
        self.batch_sources = self._existing_sources(batch)
        seen: dict[str, int] = {}
        for incoming in batch:
            m = incoming.meeting
            if m.uid:
                if m.uid in seen:
                    raise BadRecord(f"line {incoming.line}: uid {m.uid!r} appears twice in the file (also at line {seen[m.uid]})")
                seen[m.uid] = incoming.line
            try:
                if any(key in by_event for key in incoming.external_ids):
                    self.report.unchanged += 1
                elif m.uid in by_uid:
                    self._update(existing[by_uid[m.uid]], incoming)
                else:
                    self._insert(incoming)
            except ValidationError as e:
                raise BadRecord(f"line {incoming.line}: {e.field}: {e}") from None
        for name, sql in INSERTS.items():
            if rows := self.rows[name]:
                if name in SORTED:  # index pages are filled in order rather than at random
                    rows.sort(key=SORTED[name])
                self.db.conn.executemany(sql, rows)
        self._clear_rows()

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
        return {tuple(r) for r in rows}

    def _existing_sources(self, batch: list[Incoming]) -> dict[str, int]:
        urls = json.dumps(list({s.url for i in batch for s in i.meeting.sources if s.url}))
        return dict(self.db.execute("SELECT url, min(id) FROM sources WHERE url IN (SELECT value FROM json_each(?)) GROUP BY url", [urls]).fetchall())

    # ------------------------------------------------------------ one meeting

    def _insert(self, incoming: Incoming) -> None:
        m = incoming.meeting
        check_meeting(m, self.countries)
        meeting_id, self.next_id = self.next_id, self.next_id + 1
        key = sort_key(m.when.start, meeting_id)
        stamp = now()
        columns = _meeting_columns(m)
        self.rows["meetings"].append(
            [meeting_id, m.uid or str(uuid.uuid4()), *(columns[c] for c in MEETING_COLUMNS), key, m.created or stamp, m.updated or stamp]
        )
        for h in m.history:
            self.rows["history"].append([meeting_id, h.at, h.status, h.start, h.end, h.precision, h.when_text])
        self._children(meeting_id, key, incoming)
        self.report.added += 1
        self.report.added_ids.append(meeting_id)

    def _update(self, before: Meeting, incoming: Incoming) -> None:
        m = incoming.meeting
        check_meeting(m, self.countries)
        known = {p.name: self._find_person(p.name, p.country) for p in m.participants if p.name}
        stored = {p.name: p.person_id for p in before.participants if p.name}
        if _content(m, known) == _content(before, stored):
            self.report.unchanged += 1
            return
        self.updated_before.append(json.loads(snapshot(self.db, before)))
        history = list(before.history)
        old, new = before.when, m.when
        if before.status != m.status or (old.start, old.end, old.precision) != (new.start, new.end, new.precision):
            history.append(HistoryEntry(now(), str(before.status), old.start.isoformat(), old.end.isoformat(), str(old.precision), old.text))
        _delete_children(self.db, before.id, sort_key(old.start, before.id))
        key = sort_key(new.start, before.id)
        columns = _meeting_columns(m) | {"sort_key": key, "updated": now()}
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        self.db.execute(f"UPDATE meetings SET {assignments} WHERE id = ?", [*columns.values(), before.id])
        for h in history:
            self.rows["history"].append([before.id, h.at, h.status, h.start, h.end, h.precision, h.when_text])
        self._children(before.id, key, incoming)
        self.report.updated += 1
        if len(self.report.changes) < 50:
            self.report.changes.append(f"#{before.id} {m.title.strip()}: {_what_changed(before, m)}")

    def _children(self, meeting_id: int, key: int, incoming: Incoming) -> None:
        m, rows = incoming.meeting, self.rows
        for position, p in enumerate(m.participants):
            p.person_id = self._person(p.name, p.country) if p.name else None
            rows["participants"].append([meeting_id, position, p.person_id, p.country, str(Role(p.role)), p.title])
        for code in m.countries:
            rows["meeting_countries"].append([code, key, meeting_id])
        for position, name in enumerate(dict.fromkeys(t.strip() for t in m.topics if t.strip())):
            rows["meeting_topics"].append([meeting_id, self._topic(name), position])
        for position, s in enumerate(m.sources):
            rows["evidence"].append([meeting_id, self._source(s), position, s.quote])
        for link in m.links:
            if link.kind not in LINK_KINDS:
                raise ValidationError("links", f"unknown link kind {link.kind!r}: use one of {', '.join(LINK_KINDS)}")
            self.links.append((meeting_id, link.other_uid, link.kind, link.track))
        for dataset, event_id in incoming.external_ids:
            rows["external_ids"].append([dataset, event_id, meeting_id])
        aliases = [a for p in m.participants if p.person_id for a in self.aliases.get(p.person_id, ())]
        rows["search"].append([key, " ".join(fold_part(part) for part in search_parts(m, self.countries, aliases))])

    def _find_person(self, name: str, country: str | None) -> int | str:
        """The person id person_id_for would pick, or the name when it would create one."""
        for entry in self.people.get(fold_part(name.strip()), ()):
            if country is None or entry[1] in (None, country):
                return entry[0]
        return name

    def _person(self, name: str, country: str | None) -> int:
        """person_id_for, from memory: same matching, same creation."""
        name = name.strip()
        folded = fold_part(name)
        for entry in self.people.get(folded, ()):
            if country is None or entry[1] in (None, country):
                if country and entry[1] is None:
                    entry[1] = country
                    self.db.execute("UPDATE people SET country = ? WHERE id = ?", [country, entry[0]])
                return entry[0]
        person_id, self.next_person = self.next_person, self.next_person + 1
        self.people.setdefault(folded, []).append([person_id, country])
        self.db.execute("INSERT INTO people (id, name, folded, country) VALUES (?, ?, ?, ?)", [person_id, name, folded, country])
        return person_id

    def _topic(self, name: str) -> int:
        topic_id = self.topics.get(name)
        if topic_id is None:
            topic_id = self.topics[name] = self.next_topic
            self.next_topic += 1
            self.db.execute("INSERT INTO topics (id, name) VALUES (?, ?)", [topic_id, name])
        return topic_id

    def _source(self, s: Source) -> int:
        """The same source (by URL, or else by title and published time) is stored once, as _source_id does."""
        known = self.batch_sources if s.url else self.sources_without_url
        key = s.url if s.url else (s.title, s.published)
        source_id = known.get(key)
        if source_id is None:
            source_id = known[key] = self.next_source
            self.next_source += 1
            self.rows["sources"].append([source_id, s.title, s.url, s.outlet, s.published, s.updated, s.language])
        return source_id

    def _write_links(self) -> None:
        """Links name the other meeting by uid: it may come later in the file, or be in the database already."""
        for start in range(0, len(self.links), BATCH):
            chunk = self.links[start : start + BATCH]
            uids = json.dumps(list({uid for _, uid, _, _ in chunk if uid}))
            ids = dict(self.db.execute("SELECT uid, id FROM meetings WHERE uid IN (SELECT value FROM json_each(?))", [uids]).fetchall())
            rows = [[meeting_id, ids[uid], kind, track] for meeting_id, uid, kind, track in chunk if uid in ids]
            self.report.dropped_links += len(chunk) - len(rows)
            self.db.conn.executemany("INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) VALUES (?, ?, ?, ?)", rows)


def _what_changed(before: Meeting, after: Meeting) -> str:
    b, a = before.to_dict(), after.to_dict()
    names = [k for k in ("title", "status", "level", "start", "end", "when_text", "city", "venue", "country", "summary", "outcome", "notes", "cameo") if b[k] != a[k]]
    names += [k for k in ("participants", "topics", "sources") if b[k] != a[k]]
    return ", ".join(f"{k} {b[k]!r} -> {a[k]!r}" if k in ("status", "start", "end", "level") else k for k in names) or "links"


SORTED = {"meetings": lambda r: r[len(MEETING_COLUMNS) + 2], "meeting_countries": lambda r: (r[0], r[1]), "search": lambda r: r[0]}
INSERTS = {
    # Parents before children: foreign keys are checked as each row goes in.
    "sources": "INSERT INTO sources (id, title, url, outlet, published, updated, language) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "meetings": f"""INSERT INTO meetings (id, uid, {', '.join(f'"{c}"' for c in MEETING_COLUMNS)}, sort_key, created, updated)
        VALUES ({', '.join('?' * (len(MEETING_COLUMNS) + 5))})""",
    "participants": "INSERT INTO participants (meeting_id, position, person_id, country, role, title) VALUES (?, ?, ?, ?, ?, ?)",
    "meeting_countries": "INSERT INTO meeting_countries (country, sort_key, meeting_id) VALUES (?, ?, ?)",
    "meeting_topics": "INSERT OR IGNORE INTO meeting_topics (meeting_id, topic_id, position) VALUES (?, ?, ?)",
    "evidence": "INSERT INTO evidence (meeting_id, source_id, position, quote) VALUES (?, ?, ?, ?)",
    "history": 'INSERT INTO history (meeting_id, at, status, start, "end", precision, when_text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    "external_ids": "INSERT OR IGNORE INTO external_ids (dataset, event_id, meeting_id) VALUES (?, ?, ?)",
    "search": "INSERT INTO meeting_search (rowid, body) VALUES (?, ?)",
}
