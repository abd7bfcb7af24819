"""The change log's rows: snapshots of what a change touched, and who made it.

Every user action (tracker.actions) and every import writes one row: a whole snapshot of a
meeting before and after (incoming links, dataset ids and the ids of its people included),
or for a change to people their state before and after, and for an import the ids it added.
Undo restores exactly what was there and redo puts back exactly what undo took away.

A change's `undone` is LIVE, UNDONE (redo can put it back) or UNDONE_FOR_GOOD. Its `origin`
and `session` say whose it is (model.Origin): the undoer's own, see tracker.actions.undo.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.countries import fold
from tracker.model import Meeting, Origin, Source
from tracker.store.meetings import insert_meeting, linked_from, now

if TYPE_CHECKING:
    from tracker.store.db import Database


LIVE, UNDONE, UNDONE_FOR_GOOD = 0, 1, 2
# Keys of a meeting's snapshot that no user changes: ids, stamps, what is derived, what
# `snapshot` adds for restoring. History and undo compare snapshots without them.
BOOKKEEPING = ("id", "uid", "created", "updated", "countries", "format", "incoming", "external_ids", "person_ids")
PEOPLE_CHANGES = ("person_alias", "person_merge", "person_country")
BULK_CHANGES = ("import", "person_merge")  # undone in the app only after asking


@dataclass(frozen=True)
class Change:
    """One row of the change log."""

    id: int
    at: str
    action: str
    meeting_id: int | None
    before: str | None
    after: str | None
    undone: int
    origin: Origin | None  # None: logged before origins were recorded

    @property
    def title(self) -> str:
        """The meeting's title, or what a change to people was."""
        data = json.loads(self.after or self.before or "{}")
        return str(data.get("title") or data.get("what") or "")


CHANGE_COLUMNS = "id, at, action, meeting_id, before, after, undone, origin, session"


def change_from_row(row: tuple[Any, ...]) -> Change:
    change_id, at, action, meeting_id, before, after, undone, origin, session = row
    return Change(change_id, at, action, meeting_id, before, after, undone, Origin(origin, session) if origin else None)


def get_change(db: Database, change_id: int) -> Change | None:
    row = db.execute(f"SELECT {CHANGE_COLUMNS} FROM changes WHERE id = ?", [change_id]).fetchone()
    return change_from_row(row) if row else None


def snapshot(db: Database, m: Meeting) -> str:
    """Everything needed to restore a meeting exactly, incoming links and its people's ids included."""
    assert m.id is not None
    d = m.to_dict()
    d["incoming"] = [{"id": link.other_id, "kind": link.kind, "track": link.track} for link in linked_from(db, m.id)]
    d["external_ids"] = [list(r) for r in db.execute("SELECT dataset, event_id FROM external_ids WHERE meeting_id = ?", [m.id])]
    d["person_ids"] = [p.person_id for p in m.participants]
    return json.dumps(d, ensure_ascii=False)


def log_change(db: Database, origin: Origin, action: str, meeting_id: int | None, before: str | None, after: str | None) -> int:
    """One row of the log, inside the caller's transaction; returns its id.

    A new change of an owner ends that owner's redo, as in any editor; other owners' redo
    survives it (the app's redo is not lost to a script's add).
    """
    db.execute(f"UPDATE changes SET undone = ? WHERE undone = ? AND {owner_sql(origin)}", [UNDONE_FOR_GOOD, UNDONE, *owner_params(origin)])
    cursor = db.execute(
        "INSERT INTO changes (at, action, meeting_id, before, after, origin, session) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [now(), action, meeting_id, before, after, origin.kind, origin.session],
    )
    return int(cursor.lastrowid or 0)


def owned_change(db: Database, origin: Origin, state: int, *, newest: bool) -> Change | None:
    """The newest (or oldest) change of `origin` in this state (LIVE, UNDONE)."""
    row = db.execute(
        f"SELECT {CHANGE_COLUMNS} FROM changes WHERE undone = ? AND {owner_sql(origin)} ORDER BY id {'DESC' if newest else ''} LIMIT 1",
        [state, *owner_params(origin)],
    ).fetchone()
    return change_from_row(row) if row else None


def mark_change(db: Database, change_id: int, state: int) -> None:
    db.execute("UPDATE changes SET undone = ? WHERE id = ?", [state, change_id])


def changed_later(db: Database, change: Change, meeting_ids: list[int], limit: int = 5) -> list[int]:
    """Meetings of these that a live change after `change` touched."""
    rows = db.execute(
        "SELECT DISTINCT meeting_id FROM changes WHERE id > ? AND undone = ? AND meeting_id IN (SELECT value FROM json_each(?)) LIMIT ?",
        [change.id, LIVE, json.dumps(meeting_ids), limit],
    )
    return [r[0] for r in rows]


def last_change_of(db: Database, meeting_id: int) -> Change | None:
    row = db.execute(f"SELECT {CHANGE_COLUMNS} FROM changes WHERE meeting_id = ? ORDER BY id DESC LIMIT 1", [meeting_id]).fetchone()
    return change_from_row(row) if row else None


def owner_sql(origin: Origin) -> str:
    """The changes `origin` may undo without naming them: the app run's own (its reviews'
    too); the command line's (its imports and reviews, and changes logged before origins were recorded)."""
    if origin.session is not None:
        return "session = ?"
    return "(origin IS NULL OR (session IS NULL AND origin IN (?, 'import', 'review')))"


def owner_params(origin: Origin) -> list[str]:
    return [origin.session] if origin.session is not None else [origin.kind]


def restore_snapshot(db: Database, data: str) -> int:
    """Insert a meeting back from a snapshot, with its id, uid, links, external ids and people's ids."""
    d = json.loads(data)
    m = restorable(db, d)
    meeting_id = insert_meeting(db, m, meeting_id=d["id"])
    for link in d.get("incoming", []):
        db.execute(
            "INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) SELECT id, ?, ?, ? FROM meetings WHERE id = ?",
            [meeting_id, link["kind"], link["track"], link["id"]],
        )
    for dataset, event_id in d.get("external_ids", []):
        db.execute("INSERT OR IGNORE INTO external_ids (dataset, event_id, meeting_id) VALUES (?, ?, ?)", [dataset, event_id, meeting_id])
    return meeting_id


def restorable(db: Database, d: dict[str, Any]) -> Meeting:
    """A meeting from a snapshot, without the links to meetings gone since, its people under
    the ids they had (a person that only the undone change brought in comes back as they were)."""
    m = Meeting.from_dict(d)
    m.links = [link for link in m.links if link.other_id is not None and meeting_exists(db, link.other_id)]
    for p, person_id in zip(m.participants, d.get("person_ids") or [], strict=False):
        if person_id is None or not p.name:
            continue
        row = db.execute("SELECT folded FROM people WHERE id = ?", [person_id]).fetchone()
        if row is None:
            db.execute("INSERT INTO people (id, name, folded, country) VALUES (?, ?, ?, ?)", [person_id, p.name, fold(p.name), p.country])
            p.person_id = person_id
        elif row[0] == fold(p.name):
            p.person_id = person_id
    return m


def meeting_exists(db: Database, meeting_id: int) -> bool:
    return db.execute("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]).fetchone() is not None


def reporting_source(before: Meeting, after: Meeting) -> Source | None:
    """The source that came with a change: the first of `after` that `before` did not have."""
    known = {(s.url, s.title) for s in before.sources}
    return next((s for s in after.sources if (s.url, s.title) not in known), None)


def forget_unused_names(db: Database) -> None:
    """People and topics that only an undone change brought in go with it (their ids are not
    given again: store.ids). A person with aliases is kept: the spellings are knowledge of their own."""
    db.execute(
        """DELETE FROM people WHERE NOT EXISTS (SELECT 1 FROM participants WHERE person_id = people.id)
        AND NOT EXISTS (SELECT 1 FROM aliases WHERE person_id = people.id)"""
    )
    db.execute("DELETE FROM topics WHERE NOT EXISTS (SELECT 1 FROM meeting_topics WHERE topic_id = topics.id)")


def changes_of(db: Database, meeting_id: int | None = None, *, limit: int | None = None) -> Iterable[Change]:
    """The log, newest first; of one meeting (its own changes and the imports that added it) when given."""
    sql, params = f"SELECT {CHANGE_COLUMNS} FROM changes", []
    if meeting_id is not None:
        sql += """ WHERE meeting_id = ? OR (action = 'import' AND (
            EXISTS (SELECT 1 FROM json_each(json_extract(after, '$.ids')) WHERE value = ?)
            OR EXISTS (SELECT 1 FROM json_each(json_extract(after, '$.updated')) WHERE json_extract(value, '$.id') = ?)))"""
        params = [meeting_id, meeting_id, meeting_id]
    sql += " ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [change_from_row(r) for r in db.execute(sql, params)]
