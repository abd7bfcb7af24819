"""The fast write path of imports: many meetings in one transaction, a batch at a time.

insert_meeting asks the database about every person, topic, source and country of every
meeting; at a million meetings that is far too slow. Here a Planner (store.bulkplan)
turns a batch of meetings into rows, from caches of countries, people and topics, and the
writer puts them in with executemany, table by table.

A meeting already in the database is recognised by its uid, or by a dataset's event id
(external_ids); one whose content differs is updated the way update_meeting does it, its
old status and date kept in its history.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tracker.model import IMPORT
from tracker.store.bulkplan import TABLES, BadRecord, ImportReport, Incoming, Outcome, People, PlannedBatch, Planner, first_ids
from tracker.store.changes import log_change
from tracker.store.db import Database, announced_import, bulk_writing
from tracker.store.ids import note_ids
from tracker.store.locks import database_file
from tracker.store.meetings import reindex_meetings

# Big enough that the full-text index gets few, large segments (it starts one at every
# batch, since rowids go back to small again), small enough to keep memory flat.
BATCH = 20_000
MEETING_COLUMNS = ("title", "status", "level", "start", "end", "precision", "when_text", "city", "venue", "country", "summary", "outcome", "notes", "cameo")
INSERTS = {
    "people": "INSERT INTO people (id, name, folded, country) VALUES (?, ?, ?, ?)",
    "aliases": "INSERT OR IGNORE INTO aliases (person_id, alias, folded) VALUES (?, ?, ?)",
    "topics": "INSERT INTO topics (id, name) VALUES (?, ?)",
    "sources": "INSERT INTO sources (id, title, url, outlet, published, updated, language) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "meetings": f"""INSERT INTO meetings (id, uid, {", ".join(f'"{c}"' for c in MEETING_COLUMNS)}, search_text, sort_key, created, updated)
        VALUES ({", ".join("?" * (len(MEETING_COLUMNS) + 6))})""",
    "participants": "INSERT INTO participants (meeting_id, position, person_id, country, role, title) VALUES (?, ?, ?, ?, ?, ?)",
    "meeting_countries": "INSERT INTO meeting_countries (country, sort_key, meeting_id) VALUES (?, ?, ?)",
    "meeting_topics": "INSERT OR IGNORE INTO meeting_topics (meeting_id, topic_id, position) VALUES (?, ?, ?)",
    "evidence": "INSERT INTO evidence (meeting_id, source_id, position, quote) VALUES (?, ?, ?, ?)",
    "history": 'INSERT INTO history (meeting_id, at, status, start, "end", precision, when_text, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    "external_ids": "INSERT OR IGNORE INTO external_ids (dataset, event_id, meeting_id) VALUES (?, ?, ?)",
    # An import runs without triggers (bulk_writing): each full-text index gets its rows
    # in the order of its rowids, so that FTS5 writes a few large segments, not many small.
    "search": "INSERT INTO meeting_search (rowid, search_text) VALUES (?, ?)",
    "fts": "INSERT INTO meetings_fts (rowid, search_text) VALUES (?, ?)",
    "search_terms": "INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
}
assert tuple(INSERTS) == TABLES


@contextlib.contextmanager
def import_transaction(db: Database, what: str = "a file") -> Iterator[Database]:
    """One write transaction for a whole import of `what`, with a page cache sized for bulk writing.

    While it holds the write lock, the import says so beside the database (announced_import):
    other writers then wait for it, however long it takes, instead of giving up.

    A page cache of up to 1 GB keeps the indexes, filled at random places, from being
    written out and read back during the import. Foreign keys stay checked (DESIGN.md: on
    every connection), though skipping them would save a tenth of the time: an import
    is where a bug in the planner would otherwise slip rows in unchecked.
    """
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute("PRAGMA cache_size = -1000000")
    try:
        with announced_import(db, what), bulk_writing(db):
            yield db
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


@contextlib.contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """One consistent view of the database for a whole read (a planner's), never a write."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.execute("ROLLBACK")


def open_reader(path: str) -> Database:
    """A read-only connection for a planner in another process: it sees what was committed."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    return Database(conn)


class BulkWriter:
    """Add or update meetings inside the caller's write transaction; finish() logs the import once.

    Planning runs here (add, then finish()) or in another process (ids(), then write() each
    planned batch and finish(outcome)).
    """

    def __init__(self, db: Database, *, plan_here: bool = True):
        self.db = db
        self.ids = first_ids(db)
        self.planner = Planner(db, self.ids) if plan_here else None
        self.pending: list[Incoming | People] = []
        self.batch_lines: list[tuple[int, list[int]]] = []  # (first id, lines of its meetings) of each batch written

    def add(self, incoming: Incoming | People) -> None:
        self.pending.append(incoming)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if batch:
            self.write(self._here().plan(batch))

    def _here(self) -> Planner:
        assert self.planner is not None, "planned in another process: write() its batches, then finish(outcome)"
        return self.planner

    def write(self, planned: PlannedBatch) -> None:
        """Run one planned batch: its statements, then its rows, parents before children."""
        for sql, params in planned.statements:
            self.db.execute(sql, params)
        for name, sql in INSERTS.items():
            if rows := planned.rows[name]:
                try:
                    self.db.conn.executemany(sql, rows)
                except sqlite3.IntegrityError as e:
                    if name != "meetings" or "uid" not in str(e):
                        raise
                    raise self._twice(planned) from None
        self.batch_lines.append((planned.first_id, planned.lines))

    def _twice(self, planned: PlannedBatch) -> BadRecord:
        """A uid new to the database but twice in the file: say at which lines."""
        rows = planned.rows["meetings"]  # executemany stopped at the first of them, in this order, that failed
        failed = next(r for r in rows if not self.db.execute("SELECT 1 FROM meetings WHERE id = ?", [r[0]]).fetchone())
        meeting_id = failed[0]
        assert isinstance(meeting_id, int)  # a meetings row starts with its id
        line = planned.lines[meeting_id - planned.first_id]
        other = self.db.execute("SELECT id FROM meetings WHERE uid = ?", [failed[1]]).fetchone()[0]
        return BadRecord(f"line {line}: uid {failed[1]!r} appears twice in the file (also at line {self._line_of(other, planned)})")

    def _line_of(self, meeting_id: int, planned: PlannedBatch) -> int:
        for first_id, lines in [*self.batch_lines, (planned.first_id, planned.lines)]:
            if 0 <= meeting_id - first_id < len(lines):
                return lines[meeting_id - first_id]
        return 0

    def finish(self, outcome: Outcome | None = None) -> ImportReport:
        """Write what is pending, the links between meetings, and one change-log entry."""
        if outcome is None:
            self.flush()
            outcome = self._here().outcome()
        report = outcome.report
        report.dropped_links = self._write_links(outcome.links)
        for table in ("meetings", "people"):  # written with the triggers off: given out now (store.ids)
            note_ids(self.db, table, self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        if outcome.realiased:  # their meetings planned or stored before the new spelling came
            ids = self.db.execute(
                "SELECT DISTINCT meeting_id FROM participants WHERE person_id IN (SELECT value FROM json_each(?))", [json.dumps(outcome.realiased)]
            )
            reindex_meetings(self.db, [r[0] for r in ids], triggers=False)
        if report.added or report.updated:
            log_change(self.db, IMPORT, "import", None, None, json.dumps({"ids": report.added_ids, "updated": outcome.updated_before}, ensure_ascii=False))
        return report

    def _write_links(self, links: list[tuple[int, str | None, str, str | None]]) -> int:
        """Links name the other meeting by uid: it may come later in the file, or be in the database already."""
        dropped = 0
        for start in range(0, len(links), BATCH):
            chunk = links[start : start + BATCH]
            uids = json.dumps(list({uid for _, uid, _, _ in chunk if uid}))
            ids = dict(self.db.execute("SELECT uid, id FROM meetings WHERE uid IN (SELECT value FROM json_each(?))", [uids]).fetchall())
            rows = [[meeting_id, ids[uid], kind, track] for meeting_id, uid, kind, track in chunk if uid in ids]
            dropped += len(chunk) - len(rows)
            self.db.conn.executemany("INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) VALUES (?, ?, ?, ?)", rows)
        return dropped


__all__ = ["BATCH", "BadRecord", "BulkWriter", "ImportReport", "Incoming", "People", "database_file", "import_transaction", "open_reader"]
