"""Drafts: what a user typed into a form and has not saved yet, kept so nothing is lost.

A draft is JSON in the settings table under `draft:new` or `draft:meeting:<id>`; a crash or
an accidental quit leaves it there, and the form offers it back when it opens next.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tracker.store.meetings import now
from tracker.store.settings import delete_setting, get_setting, set_setting

if TYPE_CHECKING:
    from tracker.store.db import Database

PREFIX = "draft:"


def draft_key(meeting_id: int | None) -> str:
    return f"{PREFIX}new" if meeting_id is None else f"{PREFIX}meeting:{meeting_id}"


def save_draft(db: Database, key: str, values: dict[str, Any]) -> None:
    set_setting(db, key, json.dumps({"saved": now(), "values": values}, ensure_ascii=False))


def load_draft(db: Database, key: str) -> tuple[str, dict[str, Any]] | None:
    """(when it was saved, the values), or None; an unreadable draft counts as none."""
    value = get_setting(db, key)
    if value is None:
        return None
    try:
        data = json.loads(value)
        return str(data["saved"]), dict(data["values"])
    except (ValueError, KeyError, TypeError):
        return None


def discard_draft(db: Database, key: str) -> None:
    delete_setting(db, key)
