"""Small named values kept in the database: that it was seeded, drafts of forms, the app's theme and last view."""

from __future__ import annotations

import sqlite_utils

from tracker.store.db import write


def get_setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    set_settings(db, {key: value})


def set_settings(db: sqlite_utils.Database, values: dict[str, str]) -> None:
    with write(db):
        db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values.items()))


def delete_setting(db: sqlite_utils.Database, key: str) -> None:
    with write(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
