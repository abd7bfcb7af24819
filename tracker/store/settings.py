"""Small named values kept in the database: that it was seeded, drafts of forms, the app's theme and last view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.store.db import write

if TYPE_CHECKING:
    from tracker.store.db import Database


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: Database, key: str, value: str) -> None:
    set_settings(db, {key: value})


def set_settings(db: Database, values: dict[str, str]) -> None:
    with write(db):
        db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values.items()))


def delete_setting(db: Database, key: str) -> None:
    with write(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
