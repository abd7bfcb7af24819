"""The database as other tools leave it: what edits made outside tracker left behind, found and repaired.

Triggers (schema.py, migration 2) keep the full-text indexes and the derived rows in step
with edits made in the sqlite3 shell or Datasette, but they work in SQL: the search text
they write is not folded (Şoygu stays Şoygu) and its new words are not among the known
terms that prefixes expand to. Such meetings are marked in search_stale, and refold()
finishes them the next time tracker opens the file (open_refolded: the CLI and the app). check() looks at everything (rows
without their meeting, derived rows out of step, a missing trigger, index rows), and with
repair=True puts it right.

First of all it asks SQLite whether the file itself is sound (quick_check, or the slower
integrity_check): a damaged file is reported alone and never repaired here, since rows
read from it cannot be trusted and writing to it can spread the damage.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.store.db import StoreError, open_db, write
from tracker.store.locks import not_waiting
from tracker.store.meetings import reindex_meetings
from tracker.store.schema import SORT_KEY_SQL, TRIGGER_SQL
from tracker.store.search import terms_of

if TYPE_CHECKING:
    from pathlib import Path

    from tracker.store.db import Database
    from tracker.store.locks import Waiting

_BATCH = 2000


@dataclass
class Finding:
    """One kind of problem: what it is, how many rows, and whether it was repaired."""

    what: str
    count: int
    repaired: bool = False
    repairable: bool = True  # by `tracker check --repair`; otherwise `details` say what to do
    details: list[str] = field(default_factory=list)
    damaged: bool = False  # the file itself: SQLite's own checks failed

    def line(self) -> str:
        if self.damaged:
            return self.what
        return f"{self.what}: {self.count:,}{' (repaired)' if self.repaired else ''}"


DETAILS_SHOWN = 10  # lines of SQLite's report on a damaged file, codes of unknown countries
RECOVER = "restore a backup, or copy out what is readable: sqlite3 DAMAGED.db .recover | sqlite3 RECOVERED.db"


def damage(db: Database, *, thorough: bool = False) -> Finding | None:
    """What SQLite finds wrong with the file itself (pages, b-trees, indexes), or None when it is sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        # One row may hold several lines, under a heading naming the database.
        rows = db.execute(f"PRAGMA {pragma}({DETAILS_SHOWN + 1})").fetchall()
    except sqlite3.DatabaseError as e:  # so damaged that the check itself stops
        return Finding(f"the database file is damaged: SQLite's {pragma} cannot read it ({e})", 1, repairable=False, details=[RECOVER], damaged=True)
    problems = [line for (text,) in rows for line in text.splitlines() if line and not line.startswith("*** in database")]
    if problems == ["ok"]:
        return None
    n = f"more than {DETAILS_SHOWN} problems" if len(problems) > DETAILS_SHOWN else f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
    return Finding(
        f"the database file is damaged: SQLite's {pragma} finds {n}",
        len(problems),
        repairable=False,
        details=[*problems[:DETAILS_SHOWN], RECOVER],
        damaged=True,
    )


def open_refolded(path: str | Path, *, waiting: Waiting | None = None) -> Database:
    """open_db, then refold what was edited outside tracker since it last had the file.

    Not worth waiting for: when another writer holds the file (an import), the next open
    refolds them, and search finds them meanwhile (the triggers indexed them).
    """
    db = open_db(path, waiting=waiting)
    if db.execute("SELECT 1 FROM search_stale LIMIT 1").fetchone():
        try:
            with not_waiting(db):
                refold(db)
        except StoreError:
            pass
    return db


def refold(db: Database) -> int:
    """Finish the meetings edited outside tracker: their people's and aliases' folded names,
    their search text folded, its words known. Returns how many meetings."""
    if not db.execute("SELECT 1 FROM search_stale LIMIT 1").fetchone():
        return 0
    done = 0
    with write(db):
        while ids := [r[0] for r in db.execute("SELECT meeting_id FROM search_stale LIMIT ?", [_BATCH])]:
            marks = ",".join("?" * len(ids))
            people = f"SELECT person_id FROM participants WHERE meeting_id IN ({marks})"
            for person_id, name in db.execute(f"SELECT id, name FROM people WHERE id IN ({people})", ids).fetchall():
                db.execute("UPDATE people SET folded = ? WHERE id = ? AND folded IS NOT ?", [fold(name), person_id, fold(name)])
            for rowid, alias in db.execute(f"SELECT rowid, alias FROM aliases WHERE person_id IN ({people})", ids).fetchall():
                db.execute("UPDATE aliases SET folded = ? WHERE rowid = ? AND folded IS NOT ?", [fold(alias), rowid, fold(alias)])
            reindex_meetings(db, ids)
            db.execute(f"DELETE FROM search_stale WHERE meeting_id IN ({marks})", ids)
            done += len(ids)
    return done


# (what, SQL counting the rows, SQL repairing them): rows that lost their meeting or parent.
_ORPHANS = [
    (
        f"{table} rows of no meeting",
        f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM meetings)",
        f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM meetings)",
    )
    for table, column in [
        ("participants", "meeting_id"),
        ("meeting_countries", "meeting_id"),
        ("meeting_topics", "meeting_id"),
        ("evidence", "meeting_id"),
        ("links", "meeting_id"),
        ("links", "other_id"),
        ("history", "meeting_id"),
        ("external_ids", "meeting_id"),
        ("search_stale", "meeting_id"),
    ]
] + [
    (
        "participants of a person who is gone",
        "SELECT count(*) FROM participants WHERE person_id NOT IN (SELECT id FROM people)",
        "UPDATE participants SET person_id = NULL WHERE person_id NOT IN (SELECT id FROM people)",
    ),
    (
        "aliases of a person who is gone",
        "SELECT count(*) FROM aliases WHERE person_id NOT IN (SELECT id FROM people)",
        "DELETE FROM aliases WHERE person_id NOT IN (SELECT id FROM people)",
    ),
    (
        "meeting topics whose topic is gone",
        "SELECT count(*) FROM meeting_topics WHERE topic_id NOT IN (SELECT id FROM topics)",
        "DELETE FROM meeting_topics WHERE topic_id NOT IN (SELECT id FROM topics)",
    ),
    (
        "evidence of a source that is gone",
        "SELECT count(*) FROM evidence WHERE source_id NOT IN (SELECT id FROM sources)",
        "DELETE FROM evidence WHERE source_id NOT IN (SELECT id FROM sources)",
    ),
]
# Meetings whose sort key is not their start date and id (a start edited with the triggers gone).
_SORT_KEYS = f"SELECT id FROM meetings WHERE sort_key != {SORT_KEY_SQL.format(start='start', id='id')}"
# Meetings whose meeting_countries are not the countries of their participants.
_COUNTRIES = """SELECT meeting_id FROM (
    SELECT meeting_id, country, sort_key FROM meeting_countries
    EXCEPT SELECT p.meeting_id, p.country, m.sort_key FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.country IS NOT NULL
    UNION ALL
    SELECT p.meeting_id, p.country, m.sort_key FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.country IS NOT NULL
    EXCEPT SELECT meeting_id, country, sort_key FROM meeting_countries)"""


def _index_out_of_step(db: Database, table: str, key: str) -> int:
    """Rows of a full-text index without their meeting, and meetings missing from it (its docsize shadow table has one row per indexed rowid)."""
    missing: int = db.execute(f"SELECT count(*) FROM meetings WHERE {key} NOT IN (SELECT id FROM {table}_docsize)").fetchone()[0]
    extra: int = db.execute(f"SELECT count(*) FROM {table}_docsize WHERE id NOT IN (SELECT {key} FROM meetings)").fetchone()[0]
    return missing + extra


def _stale_text(db: Database) -> list[int]:
    """Meetings whose stored search text is not the one tracker would write (refolded, it would differ)."""
    from tracker.store.meetings import load_meetings, stored_search_text

    stale = [r[0] for r in db.execute("SELECT meeting_id FROM search_stale UNION SELECT id FROM meetings WHERE search_text IS NULL")]
    seen = set(stale)
    last = -1
    while rows := db.execute("SELECT id, search_text FROM meetings WHERE id > ? ORDER BY id LIMIT ?", [last, _BATCH]).fetchall():
        last = rows[-1][0]
        texts = dict(rows)
        for m in load_meetings(db, [i for i in texts if i not in seen]):
            if stored_search_text(db, m) != texts[m.id]:
                stale.append(m.id)
    return stale


def _unknown_terms(db: Database) -> set[str]:
    known = {r[0] for r in db.execute("SELECT term FROM search_terms")}
    words: set[str] = set()
    for (text,) in db.execute("SELECT search_text FROM meetings WHERE search_text IS NOT NULL"):
        words |= terms_of(text)
    return words - known


# Rows that name a country: (table, what the user calls one, its id column). meeting_countries
# follow the participants (and are repaired from them above).
_COUNTRY_COLUMNS = [("meetings", "meeting", "id"), ("participants", "meeting", "meeting_id"), ("people", "person", "id")]
# foreign_key_check's (table, parent) pairs that the findings above report (and repair) already.
_COVERED = {(t, "meetings") for t in ("participants", "meeting_countries", "meeting_topics", "evidence", "links", "history", "external_ids", "search_stale")}
_COVERED |= {("participants", "people"), ("aliases", "people"), ("meeting_topics", "topics"), ("evidence", "sources")}
_COVERED |= {(t, "countries") for t in ("meetings", "participants", "people", "meeting_countries")}


def _listed(items: Sequence[object], more: str = "more") -> str:
    shown = ", ".join(map(str, items[:DETAILS_SHOWN]))
    return shown + (f" and {len(items) - DETAILS_SHOWN} {more}" if len(items) > DETAILS_SHOWN else "")


def _unknown_countries(db: Database) -> tuple[int, list[str]]:
    """How many rows name a country code that is not among the countries, and which codes where."""
    rows, codes, where = 0, set(), []
    for table, kind, key in _COUNTRY_COLUMNS:
        ids = set()
        for code, row_id in db.execute(f"SELECT country, {key} FROM {table} WHERE country IS NOT NULL AND country NOT IN (SELECT code FROM countries)"):
            rows += 1
            codes.add(code)
            ids.add(row_id)
        if ids:
            where.append(f"{kind}s {_listed(sorted(ids))}" if len(ids) > 1 else f"{kind} {next(iter(ids))}")
    return rows, [f"unknown codes {_listed(sorted(codes))}, of {'; '.join(dict.fromkeys(where))}"] if rows else []


def _dangling(db: Database) -> dict[tuple[str, str], int]:
    """foreign_key_check: rows whose reference points nowhere, by (table, parent), besides those reported otherwise."""
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in db.execute("PRAGMA foreign_key_check"):
        if (table, parent) not in _COVERED:
            counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return counts


def check(db: Database, *, repair: bool = False, thorough: bool = False) -> list[Finding]:
    """Every inconsistency found (an empty list: none); with repair, each one repaired, in one transaction.

    A damaged file (see damage) is the only finding then; `thorough` checks it with
    integrity_check (every index against its table) instead of quick_check.
    """
    from tracker.store.bulk import read_snapshot  # not at load: the app opens through this module

    if damaged := damage(db, thorough=thorough):
        return [damaged]
    findings: list[Finding] = []

    def found(what: str, count: int, fix: Callable[[], object] | None = None, details: list[str] | None = None) -> None:
        if count:
            if repair and fix:
                fix()
            findings.append(Finding(what, count, repaired=repair and fix is not None, repairable=fix is not None, details=details or []))

    with write(db) if repair else read_snapshot(db):
        present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = [name for name in TRIGGER_SQL if name not in present]
        found("triggers missing (edits outside tracker would not be followed)", len(missing), lambda: [db.execute(TRIGGER_SQL[n]) for n in missing])
        for what, count_sql, fix_sql in _ORPHANS:
            found(what, db.execute(count_sql).fetchone()[0], partial(db.execute, fix_sql))
        keys = [r[0] for r in db.execute(_SORT_KEYS)]

        def fix_keys() -> None:
            for meeting_id in keys:
                db.execute(f"UPDATE meetings SET sort_key = {SORT_KEY_SQL.format(start='start', id='id')} WHERE id = ?", [meeting_id])
                db.execute(
                    "UPDATE meeting_countries SET sort_key = (SELECT sort_key FROM meetings WHERE id = ?) WHERE meeting_id = ?", [meeting_id, meeting_id]
                )

        found("meetings out of date order (sort key is not the start date)", len(keys), fix_keys)
        countries = sorted({r[0] for r in db.execute(_COUNTRIES)})

        def fix_countries() -> None:
            for meeting_id in countries:
                db.execute("DELETE FROM meeting_countries WHERE meeting_id = ?", [meeting_id])
                db.execute(
                    """INSERT INTO meeting_countries (country, sort_key, meeting_id) SELECT DISTINCT p.country, m.sort_key, m.id
                    FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE m.id = ? AND p.country IS NOT NULL""",
                    [meeting_id],
                )

        found("meetings whose countries are not their participants' countries", len(countries), fix_countries)
        people = [(i, fold(n)) for i, n, f in db.execute("SELECT id, name, folded FROM people").fetchall() if fold(n) != f]

        def fix_people() -> None:
            for person_id, folded in people:
                db.execute("UPDATE people SET folded = ? WHERE id = ?", [folded, person_id])
            reindex_meetings(
                db,
                [
                    r[0]
                    for r in db.execute(
                        "SELECT DISTINCT meeting_id FROM participants WHERE person_id IN (SELECT value FROM json_each(?))",
                        [json.dumps([p for p, _ in people])],
                    )
                ],
            )

        found("people whose name is not folded as tracker folds it (search by name would miss them)", len(people), fix_people)
        stale = _stale_text(db)

        def fix_text() -> None:
            reindex_meetings(db, stale)
            db.execute("DELETE FROM search_stale")

        found("meetings whose search text is out of date", len(stale), fix_text)
        for table, key in (("meeting_search", "sort_key"), ("meetings_fts", "id")):
            out = _index_out_of_step(db, table, key)
            found(f"rows out of step in the full-text index {table}", out, partial(db.execute, f"INSERT INTO {table} ({table}) VALUES ('rebuild')"))
            if repair and missing and not out:  # without its triggers an index may hold old words for the right rows
                db.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
        terms = _unknown_terms(db)
        found(
            "words of search texts missing from the known terms (prefix search would miss them)",
            len(terms),
            lambda: db.execute("INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)", [json.dumps(sorted(terms))]),
        )
        rows, where = _unknown_countries(db)
        found(
            "rows naming a country code that is not among the countries",
            rows,
            None,
            [
                *where,
                "correct them in the app, with `tracker edit` or `tracker person country`: `tracker countries` lists the codes there are",
            ],
        )
        for (table, parent), n in sorted(_dangling(db).items()):
            found(
                f"{table} rows naming a {parent} row that does not exist (SQLite's foreign_key_check)",
                n,
                None,
                [
                    f"see them with: sqlite3 FILE 'PRAGMA foreign_key_check({table})'",
                ],
            )
    return findings
