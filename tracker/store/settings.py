"""Small named values kept in the database: that it was seeded, drafts of forms."""

from __future__ import annotations

import sqlite_utils

from tracker.store.db import write


def get_setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    with write(db):
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])


def delete_setting(db: sqlite_utils.Database, key: str) -> None:
    with write(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
