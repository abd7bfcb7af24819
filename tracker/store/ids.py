"""New ids that were never given before: an undone add's id is not handed to the next meeting.

SQLite's rowid is max(id) + 1, so deleting the newest row frees its id; links, exports and
Datasette URLs naming the undone meeting (or person) would then name another. Migration 4's
id_high keeps the highest id each table ever gave out; its triggers note every insert except
an import's (which drops its triggers and notes its ids itself, `note_ids`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tracker.store.db import Database

Table = Literal["meetings", "people"]


def next_id(db: Database, table: Table) -> int:
    """The id a new row of `table` gets: above every id the table holds or ever held."""
    row = db.execute(f"SELECT max(coalesce((SELECT high FROM id_high WHERE name = ?), 0), coalesce((SELECT max(id) FROM {table}), 0)) + 1", [table]).fetchone()
    return int(row[0])


def note_ids(db: Database, table: Table, highest: int) -> None:
    """An import wrote ids up to `highest` with the triggers off: they are given out now."""
    db.execute("UPDATE id_high SET high = max(high, ?) WHERE name = ?", [highest, table])
