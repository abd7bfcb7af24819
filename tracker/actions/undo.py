"""Undo and redo: the undoer's own changes, never blindly over someone else's.

The app's `u` takes back that run of the app's changes (its article reviews' too), newest
first; the review's `u` its own accepts (by change id); `tracker undo` the command line's
newest, or any change by its id. A change whose meeting or people were changed since is not
undone: the refusal says what changed. Redo puts back the owner's change undone last; a new
change of the same owner ends its redo, other owners' changes do not. Ids are never reused
(store.ids), so a meeting or a person comes back under its own id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.model import CLI, Meeting, Origin
from tracker.store.changes import (
    BOOKKEEPING,
    BULK_CHANGES,
    LIVE,
    PEOPLE_CHANGES,
    UNDONE,
    UNDONE_FOR_GOOD,
    Change,
    changed_later,
    forget_unused_names,
    get_change,
    mark_change,
    meeting_exists,
    owned_change,
    restorable,
    restore_snapshot,
)
from tracker.store.db import StoreError, write
from tracker.store.meetings import _replace_meeting, delete_meetings, load_meetings, reindex_meetings
from tracker.store.people import people_state, restore_people_state

if TYPE_CHECKING:
    from tracker.store.db import Database

# What undo compares to see whether a meeting was changed since: not the bookkeeping, and not the
# history, which a change of status or date appends to by itself.
_NOT_COMPARED = (*BOOKKEEPING, "history")


class ChangedSince(StoreError):
    """The rows of the change were changed since; nothing was undone or redone."""


class AsksFirst(StoreError):
    """A bulk change (an import, a merge): the app asks before taking it back."""

    def __init__(self, change: Change, what: str):
        self.change = change
        super().__init__(f"undo {what}?")


@dataclass(frozen=True)
class TakenBack:
    """What undo or redo did: said to the user, and the change and meetings it touched."""

    message: str
    change: Change
    meeting_ids: tuple[int, ...] = ()


def undo(db: Database, origin: Origin = CLI, change_id: int | None = None, *, confirmed: bool = True) -> TakenBack:
    """Undo `change_id`, or the newest change of `origin` not yet undone. `confirmed=False`: a
    bulk change raises AsksFirst instead (the app asks, then calls again)."""
    with write(db):
        change = _live_change(db, origin, change_id)
        if not confirmed and change.action in BULK_CHANGES:
            raise AsksFirst(change, _what(change))
        _refuse_if_changed_since(db, change, change.after, "undo")
        undone = UNDONE
        ids: tuple[int, ...] = (change.meeting_id,) if change.meeting_id is not None else ()
        if change.action == "add":
            delete_meetings(db, ids)
            message = f"undid the addition of meeting {change.meeting_id} ({change.title})"
        elif change.action == "edit":
            _put_back(db, change.before)
            message = f"undid the edit of meeting {change.meeting_id} ({change.title})"
        elif change.action == "delete":
            restore_snapshot(db, _text(change.before))
            message = f"restored deleted meeting {change.meeting_id} ({change.title})"
        elif change.action == "import":
            imported = json.loads(_text(change.after))
            delete_meetings(db, imported["ids"])
            for before_update in imported.get("updated", []):  # meetings the import changed get their old state back
                m = restorable(db, before_update)
                _replace_meeting(db, before_update["id"], m, updated=before_update["updated"])
            ids = (*imported["ids"], *(u["id"] for u in imported.get("updated", [])))
            # The log holds the ids an import added, not the meetings (a million of them would
            # double the file): importing the file again is its redo, and adds nothing twice.
            undone = UNDONE_FOR_GOOD
            message = f"undid the import of {len(imported['ids'])} meetings" + (
                f" and its changes to {len(imported['updated'])}" if imported.get("updated") else ""
            )
            message += " (no redo: import the file again)"
        elif change.action in PEOPLE_CHANGES:
            ids = tuple(sorted(restore_people_state(db, json.loads(_text(change.before)), json.loads(_text(change.after)))))
            reindex_meetings(db, list(ids))
            message = f"undid {json.loads(_text(change.after))['what']}"
        else:  # a change logged by a newer version: refuse rather than guess
            raise StoreError(f"cannot undo a change of kind {change.action!r}")
        forget_unused_names(db)
        mark_change(db, change.id, undone)
    return TakenBack(message, change, ids)


def redo(db: Database, origin: Origin = CLI) -> TakenBack:
    """Put back the change of `origin` undone last (undo, undo, redo, redo replays in order)."""
    with write(db):
        change = owned_change(db, origin, UNDONE, newest=False)
        if change is None:
            raise StoreError("nothing to redo")
        ids: tuple[int, ...] = (change.meeting_id,) if change.meeting_id is not None else ()
        if change.action == "add":
            if change.meeting_id is not None and meeting_exists(db, change.meeting_id):
                raise ChangedSince(f"cannot redo the addition of meeting {change.meeting_id}: it is stored again")
            restore_snapshot(db, _text(change.after))
            message = f"redid the addition of meeting {change.meeting_id} ({change.title})"
        elif change.action in ("edit", "delete"):
            _refuse_if_changed_since(db, change, change.before, "redo")
            if change.action == "edit":
                _put_back(db, change.after)
                message = f"redid the edit of meeting {change.meeting_id} ({change.title})"
            else:
                delete_meetings(db, ids)
                message = f"deleted meeting {change.meeting_id} again ({change.title})"
        elif change.action in PEOPLE_CHANGES:
            _refuse_if_changed_since(db, change, change.before, "redo")
            ids = tuple(sorted(restore_people_state(db, json.loads(_text(change.after)), json.loads(_text(change.before)))))
            reindex_meetings(db, list(ids))
            message = f"redid {json.loads(_text(change.after))['what']}"
        else:  # imports are never left redoable (see undo); a kind from a newer version: refuse
            raise StoreError(f"cannot redo a change of kind {change.action!r}")
        forget_unused_names(db)
        mark_change(db, change.id, LIVE)
    return TakenBack(message, change, ids)


def can_redo(db: Database, origin: Origin = CLI) -> bool:
    """Whether redo has a change of `origin` to put back (an undone import, for one, leaves none)."""
    return owned_change(db, origin, UNDONE, newest=False) is not None


def _live_change(db: Database, origin: Origin, change_id: int | None) -> Change:
    if change_id is not None:
        change = get_change(db, change_id)
        if change is None:
            raise StoreError(f"no change {change_id}: `tracker history` lists them")
        if change.undone != LIVE:
            raise StoreError(f"change {change_id} is undone already" + (" (redo puts it back)" if change.undone == UNDONE else ""))
        return change
    change = owned_change(db, origin, LIVE, newest=True)
    if change is None:
        mine = "in this session of the app" if origin.session else "from the command line"
        raise StoreError(f"nothing to undo: no change made {mine} (`tracker history` lists every change; `tracker undo ID` undoes one)")
    return change


def _refuse_if_changed_since(db: Database, change: Change, expected: str | None, verb: str) -> None:
    """Refuse when the rows are no longer as the change left them (undo) or found them (redo)."""
    if change.action in PEOPLE_CHANGES:
        state = json.loads(_text(expected))
        now = people_state(db, [p["id"] for p in state["people"]] + state["absent"])
        if list(now["people"]) != state["people"]:
            raise ChangedSince(f"cannot {verb} {json.loads(_text(change.after))['what']}: those people were changed since; nothing was changed")
        return
    if change.action == "import":
        imported = json.loads(_text(change.after))
        later = changed_later(db, change, imported["ids"] + [u["id"] for u in imported.get("updated", [])])
        if later:
            listed = ", ".join(map(str, later))
            raise ChangedSince(
                f"cannot {verb} the import: meetings it added or changed were changed since ({listed}); undo those changes first, or `tracker undo ID` each"
            )
        return
    assert change.meeting_id is not None
    found = load_meetings(db, [change.meeting_id])
    if expected is None:  # undo of a delete: the meeting is gone, as the change left it
        if found:
            raise ChangedSince(f"cannot {verb} the deletion of meeting {change.meeting_id}: it is stored again")
        return
    if not found:
        raise ChangedSince(
            f"cannot {verb} the {_noun(change.action)} of meeting {change.meeting_id}: it is no longer stored (deleted since); nothing was changed"
        )
    fields = changed_fields(json.loads(expected), found[0])
    if fields:
        raise ChangedSince(
            f"cannot {verb} the {_noun(change.action)} of meeting {change.meeting_id}: its {', '.join(fields)} changed since; nothing was changed"
            " (`tracker history " + str(change.meeting_id) + "` says who)"
        )


def changed_fields(snapshot: dict[str, Any], m: Meeting) -> list[str]:
    """The fields in which a meeting differs from a snapshot of it."""
    now = m.to_dict()
    return [k for k in now if k not in _NOT_COMPARED and _comparable(k, snapshot.get(k)) != _comparable(k, now[k])]


def _comparable(key: str, value: Any) -> Any:
    if key == "links":
        return sorted((link.get("id"), link.get("kind"), link.get("track")) for link in value or [])
    return value


def _put_back(db: Database, data: str | None) -> None:
    d = json.loads(_text(data))
    _replace_meeting(db, d["id"], restorable(db, d), updated=d["updated"])


def _noun(action: str) -> str:
    return {"add": "addition", "edit": "edit", "delete": "deletion"}.get(action, action)


def _what(change: Change) -> str:
    if change.action == "import":
        return f"the import of {len(json.loads(_text(change.after))['ids'])} meetings"
    return str(json.loads(_text(change.after))["what"])


def _text(data: str | None) -> str:
    if data is None:
        raise StoreError("the change log lacks this change's snapshot")
    return data
