"""Drafts: what a user typed into a form and has not saved yet, kept so nothing is lost.

A draft is JSON in the settings table under `draft:new` or `draft:meeting:<id>`; a crash or
an accidental quit leaves it there, and the form offers it back when it opens next.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from tracker.store.db import write
from tracker.store.meetings import now

PREFIX = "draft:"


def draft_key(meeting_id: int | None) -> str:
    return f"{PREFIX}new" if meeting_id is None else f"{PREFIX}meeting:{meeting_id}"


def save_draft(db: sqlite_utils.Database, key: str, values: dict[str, Any]) -> None:
    with write(db):
        db.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [key, json.dumps({"saved": now(), "values": values}, ensure_ascii=False)],
        )


def load_draft(db: sqlite_utils.Database, key: str) -> tuple[str, dict[str, Any]] | None:
    """(when it was saved, the values), or None; an unreadable draft counts as none."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if not row:
        return None
    try:
        data = json.loads(row[0])
        return str(data["saved"]), dict(data["values"])
    except (ValueError, KeyError, TypeError):
        return None


def discard_draft(db: sqlite_utils.Database, key: str) -> None:
    with write(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
