"""The record of changes: who made each (the app, the CLI, an import, the review, the seed),
when, and what it changed, field by field, old and new values (from the log's snapshots)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.store.changes import BOOKKEEPING, LIVE, PEOPLE_CHANGES, UNDONE, Change, changes_of

if TYPE_CHECKING:
    from tracker.store.db import Database

STATE = {LIVE: "", UNDONE: "undone (redo puts it back)"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Entry:
    """One change, as `tracker history` and the detail pane say it."""

    change: Change
    summary: str
    fields: list[FieldChange]

    @property
    def who(self) -> str:
        return self.change.origin.describe() if self.change.origin else "tracker (before origins were recorded)"

    @property
    def state(self) -> str:
        return STATE.get(self.change.undone, "undone for good")

    def to_dict(self) -> dict[str, Any]:
        c = self.change
        return {
            "id": c.id,
            "at": c.at,
            "action": c.action,
            "meeting_id": c.meeting_id,
            "origin": c.origin.kind if c.origin else None,
            "session": c.origin.session if c.origin else None,
            "undone": c.undone != LIVE,
            "summary": self.summary,
            "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in self.fields],
        }


def history(db: Database, meeting_id: int | None = None, *, limit: int | None = None) -> list[Entry]:
    """Changes, newest first: all of them, or those of one meeting."""
    return [describe(c) for c in changes_of(db, meeting_id, limit=limit)]


def describe(change: Change) -> Entry:
    before = json.loads(change.before) if change.before else None
    after = json.loads(change.after) if change.after else None
    if change.action == "import":
        added = len((after or {}).get("ids", []))
        updated = len((after or {}).get("updated", []))
        return Entry(change, f"imported {added} meetings" + (f", updated {updated}" if updated else ""), [])
    if change.action in PEOPLE_CHANGES:
        return Entry(change, str((after or {}).get("what", change.action)), _people_fields(before or {}, after or {}))
    title = (after or before or {}).get("title", "")
    verb = {"add": "added", "edit": "edited", "delete": "deleted"}.get(change.action, change.action)
    fields = field_changes(before or {}, after or {}) if change.action == "edit" else []
    return Entry(change, f"{verb} meeting {change.meeting_id} ({title})", fields)


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Every field of a meeting snapshot that differs, with its old and new value."""
    return [FieldChange(k, before.get(k), after.get(k)) for k in dict.fromkeys([*before, *after]) if k not in BOOKKEEPING and before.get(k) != after.get(k)]


def _people_fields(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    old = {p["id"]: p for p in before.get("people", [])}
    new = {p["id"]: p for p in after.get("people", [])}
    changes = []
    for person_id in dict.fromkeys([*old, *new]):
        o, n = old.get(person_id, {}), new.get(person_id, {})
        for key in ("name", "country", "aliases"):
            if o.get(key) != n.get(key):
                changes.append(FieldChange(f"person {person_id} {key}", o.get(key), n.get(key)))
    return changes
