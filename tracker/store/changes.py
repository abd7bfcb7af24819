"""User actions on meetings and people, each one transaction and one entry in the change log; undo and redo.

The log keeps a whole snapshot of a meeting before and after each change (incoming links
and dataset ids included), so that undo restores exactly what was there and loses nothing,
and redo puts back exactly what undo took away.

A change's `undone` is LIVE, UNDONE (redo can put it back) or UNDONE_FOR_GOOD. Undo takes
the newest live change, redo the oldest undone one: undo, undo, redo, redo replays in order.
A change made after an undo ends its redo, as in any editor.

A change to people (an alias, a merge, a country) logs the state of the people it touched
(store.people.people_state) before and after, and no meeting: undo and redo put that state
back and rebuild the search text of their meetings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tracker.model import HistoryEntry, Meeting, Source
from tracker.store.db import StoreError, write
from tracker.store.meetings import (
    _replace_meeting,
    delete_meetings,
    get_meeting,
    insert_meeting,
    linked_from,
    now,
    reindex_meetings,
)
from tracker.store.people import (
    alias_person,
    get_person,
    merge_person_into,
    people_state,
    restore_people_state,
    set_person_country,
)

if TYPE_CHECKING:
    from tracker.store.db import Database


LIVE, UNDONE, UNDONE_FOR_GOOD = 0, 1, 2


def snapshot(db: Database, m: Meeting) -> str:
    """Everything needed to restore a meeting exactly, incoming links included."""
    d = m.to_dict()
    d["incoming"] = [{"id": link.other_id, "kind": link.kind, "track": link.track} for link in linked_from(db, m.id)]
    d["external_ids"] = [list(r) for r in db.execute("SELECT dataset, event_id FROM external_ids WHERE meeting_id = ?", [m.id])]
    return json.dumps(d, ensure_ascii=False)


def log_change(db: Database, action: str, meeting_id: int | None, before: str | None, after: str | None) -> None:
    db.execute(
        "INSERT INTO changes (at, action, meeting_id, before, after) VALUES (?, ?, ?, ?, ?)",
        [now(), action, meeting_id, before, after],
    )


def restore_snapshot(db: Database, data: str) -> int:
    """Insert a meeting back from a snapshot, with its id, uid, links and external ids."""
    d = json.loads(data)
    meeting_id = insert_meeting(db, _restorable(db, d), meeting_id=d["id"])
    for link in d.get("incoming", []):
        db.execute("INSERT OR IGNORE INTO links (meeting_id, other_id, kind, track) SELECT id, ?, ?, ? FROM meetings WHERE id = ?", [meeting_id, link["kind"], link["track"], link["id"]])
    for dataset, event_id in d.get("external_ids", []):
        db.execute("INSERT OR IGNORE INTO external_ids (dataset, event_id, meeting_id) VALUES (?, ?, ?)", [dataset, event_id, meeting_id])
    return meeting_id


def add_meeting(db: Database, m: Meeting) -> Meeting:
    """Add a meeting (one transaction, one change-log entry) and return it as stored."""
    with write(db):
        meeting_id = insert_meeting(db, m)
        stored = get_meeting(db, meeting_id)
        log_change(db, "add", meeting_id, None, snapshot(db, stored))
    return stored


def update_meeting(db: Database, meeting_id: int, m: Meeting) -> Meeting:
    """Replace a meeting's fields; a change of status or date keeps the old ones in its history."""
    with write(db):
        before = get_meeting(db, meeting_id)
        history = list(before.history)
        old, new = before.when, m.when
        if before.status != m.status or (old.start, old.end, old.precision) != (new.start, new.end, new.precision):
            history.append(
                HistoryEntry(
                    at=now(),
                    status=str(before.status),
                    start=old.start.isoformat(),
                    end=old.end.isoformat(),
                    precision=str(old.precision),
                    when_text=old.text,
                    source=reporting_source(before, m),
                )
            )
        m.history = history
        before_snapshot = snapshot(db, before)
        _replace_meeting(db, meeting_id, m, updated=now())
        after = get_meeting(db, meeting_id)
        log_change(db, "edit", meeting_id, before_snapshot, snapshot(db, after))
    return after


def reporting_source(before: Meeting, after: Meeting) -> Source | None:
    """The source that came with a change: the first of `after` that `before` did not have."""
    known = {(s.url, s.title) for s in before.sources}
    return next((s for s in after.sources if (s.url, s.title) not in known), None)


def delete_meeting(db: Database, meeting_id: int) -> Meeting:
    """Delete a meeting; the change log keeps all of it, so undo brings it back whole."""
    with write(db):
        m = get_meeting(db, meeting_id)
        before = snapshot(db, m)
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
        log_change(db, "delete", meeting_id, before, None)
    return m


def add_person_alias(db: Database, person_id: int, alias: str) -> str:
    """Another spelling of a person's name, logged; their meetings are found by it. Returns what was done."""
    with write(db):
        before = people_state(db, [person_id])
        name = get_person(db, person_id).name
        meetings = alias_person(db, person_id, alias)
        alias = " ".join(alias.split())
        _log_people_change(db, "person_alias", before, people_state(db, [person_id]), meetings, f"the alias {alias!r} of {name}")
    return f"{name} is also known as {alias!r} now"


def merge_people(db: Database, keep_id: int, other_id: int) -> str:
    """Merge `other_id` into `keep_id` (see people.merge_person_into), logged. Returns what was done."""
    with write(db):
        ids = [keep_id, other_id]
        before = people_state(db, ids, participations=True)
        keep, other = get_person(db, keep_id), get_person(db, other_id)
        meetings = merge_person_into(db, keep_id, other_id)
        what = f"the merge of {other.name} (id {other.id}) into {keep.name}"
        _log_people_change(db, "person_merge", before, people_state(db, ids, participations=True), meetings, what)
    n = len(meetings)
    return f"merged {other.name} (id {other.id}) into {keep.name}: {n} meeting{'s' if n != 1 else ''} between them; {other.name} is an alias now"


def change_person_country(db: Database, person_id: int, country: str | None) -> str:
    """Correct a person's country (code, name, or None), logged. Returns what was done."""
    with write(db):
        before = people_state(db, [person_id])
        person = get_person(db, person_id)
        code = set_person_country(db, person_id, country)
        what = f"the country of {person.name} ({person.country or 'unknown'} → {code or 'unknown'})"
        _log_people_change(db, "person_country", before, people_state(db, [person_id]), set(), what)
    return f"{person.name}'s country is {code or 'unknown'} now (was {person.country or 'unknown'})"


def _log_people_change(db: Database, action: str, before: dict, after: dict, meetings: set[int], what: str) -> None:
    reindex_meetings(db, sorted(meetings))
    log_change(db, action, None, json.dumps(before, ensure_ascii=False), json.dumps(after | {"what": what}, ensure_ascii=False))


def _put_people_back(db: Database, state: str, current: str) -> None:
    """Undo or redo of a change to people: their state as logged, and their meetings' search text."""
    reindex_meetings(db, sorted(restore_people_state(db, json.loads(state), json.loads(current))))


PEOPLE_CHANGES = ("person_alias", "person_merge", "person_country")


def _end_superseded_redos(db: Database) -> None:
    """An undone change older than a live one was followed by a new change: it can no longer be redone.

    Done here rather than when logging, so that the CLI, the app and an import all end redo
    the same way, and so that logs written before redo existed read right.
    """
    db.execute(
        "UPDATE changes SET undone = ? WHERE undone = ? AND id < (SELECT max(id) FROM changes WHERE undone = ?)",
        [UNDONE_FOR_GOOD, UNDONE, LIVE],
    )


def _title(data: str) -> str:
    return json.loads(data)["title"]


def _restorable(db: Database, d: dict) -> Meeting:
    """A meeting from a snapshot, without the links to meetings that are gone since."""
    m = Meeting.from_dict(d)
    m.links = [link for link in m.links if _exists(db, link.other_id)]
    return m


def _exists(db: Database, meeting_id: int) -> bool:
    return db.execute("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]).fetchone() is not None


def undo(db: Database) -> str:
    """Undo the last change not yet undone; return what was undone, for the user."""
    with write(db):
        _end_superseded_redos(db)
        row = db.execute("SELECT id, action, meeting_id, before, after FROM changes WHERE undone = ? ORDER BY id DESC LIMIT 1", [LIVE]).fetchone()
        if row is None:
            raise StoreError("nothing to undo")
        change_id, action, meeting_id, before, after = row
        undone = UNDONE
        if action == "add":
            delete_meetings(db, [meeting_id])
            message = f"undid the addition of meeting {meeting_id} ({_title(after)})"
        elif action == "edit":
            d = json.loads(before)
            _replace_meeting(db, meeting_id, _restorable(db, d), updated=d["updated"])
            message = f"undid the edit of meeting {meeting_id} ({_title(before)})"
        elif action == "delete":
            restore_snapshot(db, before)
            message = f"restored deleted meeting {meeting_id} ({_title(before)})"
        elif action == "import":
            imported = json.loads(after)
            delete_meetings(db, imported["ids"])
            for before_update in imported.get("updated", []):  # meetings the import changed get their old state back
                m = _restorable(db, before_update)
                _replace_meeting(db, m.id, m, updated=before_update["updated"])
            # The log holds the ids an import added, not the meetings (a million of them would
            # double the file): importing the file again is its redo, and adds nothing twice.
            undone = UNDONE_FOR_GOOD
            db.execute("UPDATE changes SET undone = ? WHERE undone = ?", [UNDONE_FOR_GOOD, UNDONE])
            message = f"undid the import of {len(imported['ids'])} meetings" + (f" and its changes to {len(imported['updated'])}" if imported.get("updated") else "")
            message += " (no redo: import the file again)"
        elif action in PEOPLE_CHANGES:
            _put_people_back(db, before, after)
            message = f"undid {json.loads(after)['what']}"
        else:  # a change logged by a newer version: refuse rather than guess
            raise StoreError(f"cannot undo a change of kind {action!r}")
        _forget_unused_names(db)
        db.execute("UPDATE changes SET undone = ? WHERE id = ?", [undone, change_id])
    return message


def redo(db: Database) -> str:
    """Put back the change undone last (undo, undo, redo, redo replays in order); return what was redone."""
    with write(db):
        _end_superseded_redos(db)
        row = db.execute("SELECT id, action, meeting_id, before, after FROM changes WHERE undone = ? ORDER BY id LIMIT 1", [UNDONE]).fetchone()
        if row is None:
            raise StoreError("nothing to redo")
        change_id, action, meeting_id, before, after = row
        if action == "add":
            if _exists(db, meeting_id):
                raise StoreError(f"cannot redo the addition of meeting {meeting_id}: a meeting {meeting_id} is stored again")
            restore_snapshot(db, after)
            message = f"redid the addition of meeting {meeting_id} ({_title(after)})"
        elif action in ("edit", "delete") and not _exists(db, meeting_id):
            raise StoreError(f"cannot redo the {action} of meeting {meeting_id}: it is no longer stored")
        elif action == "edit":
            d = json.loads(after)
            _replace_meeting(db, meeting_id, _restorable(db, d), updated=d["updated"])
            message = f"redid the edit of meeting {meeting_id} ({_title(after)})"
        elif action == "delete":
            delete_meetings(db, [meeting_id])
            message = f"deleted meeting {meeting_id} again ({_title(before)})"
        elif action in PEOPLE_CHANGES:
            _put_people_back(db, after, before)
            message = f"redid {json.loads(after)['what']}"
        else:  # imports are never left redoable (see undo); a kind from a newer version: refuse
            raise StoreError(f"cannot redo a change of kind {action!r}")
        _forget_unused_names(db)
        db.execute("UPDATE changes SET undone = ? WHERE id = ?", [LIVE, change_id])
    return message


def can_redo(db: Database) -> bool:
    """Whether redo has a change to put back (an undone import, for one, leaves none)."""
    return db.execute("SELECT 1 FROM changes WHERE undone = ? LIMIT 1", [UNDONE]).fetchone() is not None


def _forget_unused_names(db: Database) -> None:
    """People and topics that only an undone change brought in go with it.

    A person with aliases is kept: the spellings are knowledge of their own.
    """
    db.execute(
        """DELETE FROM people WHERE NOT EXISTS (SELECT 1 FROM participants WHERE person_id = people.id)
        AND NOT EXISTS (SELECT 1 FROM aliases WHERE person_id = people.id)"""
    )
    db.execute("DELETE FROM topics WHERE NOT EXISTS (SELECT 1 FROM meeting_topics WHERE topic_id = topics.id)")
