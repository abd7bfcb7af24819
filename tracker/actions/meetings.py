"""Add, edit and delete a meeting; accept a meeting read from an article.

Each is one transaction and one change in the log, says where it came from (model.Origin)
and returns the meeting as stored and the change's id. The CLI and every screen call these:
the defaults, the name look-up, the checks, the duplicate question and the merge with what
others changed meanwhile are here, never in a screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tracker.actions.defaults import Unset, apply_defaults
from tracker.actions.merge import ConflictError, Side, merge_meeting
from tracker.actions.participants import resolve_people, same_row
from tracker.model import CLI, HistoryEntry, Meeting, Origin
from tracker.store.changes import last_change_of, log_change, reporting_source, snapshot
from tracker.store.db import StoreError, ensure_countries, write
from tracker.store.duplicates import find_possible_duplicates
from tracker.store.meetings import _replace_meeting, delete_meetings, get_meeting, insert_meeting, now
from tracker.store.people import country_names

if TYPE_CHECKING:
    from tracker.ingest import Candidate
    from tracker.store.db import Database

ASK, NEW = "ask", "new"  # the answers to "is it a stored meeting?", besides a stored meeting's id
DuplicateAnswer = str | int


class PossibleDuplicate(StoreError):
    """The meeting may be one already stored: nothing was saved; ask the user, then say NEW or the id."""

    def __init__(self, candidates: list[Meeting]):
        self.candidates = candidates
        first = candidates[0]
        others = "".join(f", or #{m.id}" for m in candidates[1:])
        super().__init__(f"this may be meeting #{first.id} ({first.title}, {first.when.describe()}){others}")


@dataclass(frozen=True)
class Saved:
    """What an action stored, and its change in the log (undo names it)."""

    meeting: Meeting
    change_id: int


@dataclass
class NewMeeting:
    """A meeting to add, as the user gave it; `unset` is what the rules fill (actions.defaults)."""

    meeting: Meeting
    unset: Unset = field(default_factory=Unset)
    duplicate: DuplicateAnswer = ASK  # ASK: refuse with PossibleDuplicate; NEW: store anyway; an id: it is that one
    today: dt.date | None = None  # for the status of a date already past


@dataclass
class MeetingEdit:
    """A change to a stored meeting: `meeting` is how the user wants it, `base` how it was when
    they began (the form as it opened; None: as stored now). What changed from base to meeting
    is applied onto the meeting as stored, so what others changed meanwhile stays."""

    meeting_id: int
    meeting: Meeting
    base: Meeting | None = None
    keep: Mapping[str, Side] = field(default_factory=dict)  # a conflict settled: the user's value, or the one stored
    force: bool = False  # the user's value wherever both changed
    ask_duplicate: bool = False  # an edit that moves the dates or changes who took part may now be another stored meeting


def add_meeting(db: Database, request: NewMeeting | Meeting, origin: Origin = CLI) -> Saved:
    """Add a meeting; with `duplicate` an id, update that stored meeting with what was given instead.

    A bare Meeting is stored exactly as it is (no defaults, no duplicate question).
    """
    if isinstance(request, Meeting):
        request = NewMeeting(request, duplicate=NEW)
    m = replace(request.meeting, participants=[replace(p) for p in request.meeting.participants])
    with write(db):
        resolve_people(db, m.participants)
        codes = set(country_names(db)) if request.unset.fields else set()
        apply_defaults(m, request.unset, request.today or dt.date.today(), codes)
        if isinstance(request.duplicate, int):
            return _edit(db, MeetingEdit(request.duplicate, carry_onto(get_meeting(db, request.duplicate), m)), origin)
        if request.duplicate == ASK and (found := find_possible_duplicates(db, m)):
            raise PossibleDuplicate(found)
        ensure_countries(db, {m.country} | {p.country for p in m.participants})
        meeting_id = insert_meeting(db, m)
        stored = get_meeting(db, meeting_id)
        change_id = log_change(db, origin, "add", meeting_id, None, snapshot(db, stored))
    return Saved(stored, change_id)


def edit_meeting(db: Database, request: MeetingEdit, origin: Origin = CLI) -> Saved:
    """Apply what the user changed onto the meeting as stored now; a field both the user and
    someone else changed differently raises ConflictError (nothing saved) until settled in `keep`."""
    with write(db):
        return _edit(db, request, origin)


def _edit(db: Database, request: MeetingEdit, origin: Origin) -> Saved:
    current = get_meeting(db, request.meeting_id)
    mine = replace(request.meeting, participants=[replace(p) for p in request.meeting.participants])
    resolve_people(db, mine.participants)
    base = request.base or current
    keep: Mapping[str, Side] = request.keep
    merged, conflicts = merge_meeting(base, mine, current, keep)
    if conflicts and not request.force:
        raise ConflictError(request.meeting_id, conflicts, last_changed_by(db, current))
    if conflicts:  # forced: the user's value wherever both changed
        forced: dict[str, Side] = {c.field: "mine" for c in conflicts}
        merged, _ = merge_meeting(base, mine, current, forced | dict(keep))
    if request.ask_duplicate and moved_or_regrouped(merged, current):
        before = {other.id for other in find_possible_duplicates(db, current)}
        if found := [other for other in find_possible_duplicates(db, merged) if other.id not in before]:
            raise PossibleDuplicate(found)
    ensure_countries(db, {merged.country} | {p.country for p in merged.participants})
    merged.history = history_after(current, merged)
    before_snapshot = snapshot(db, current)
    _replace_meeting(db, request.meeting_id, merged, updated=now())
    after = get_meeting(db, request.meeting_id)
    change_id = log_change(db, origin, "edit", request.meeting_id, before_snapshot, snapshot(db, after))
    return Saved(after, change_id)


def history_after(before: Meeting, after: Meeting) -> list[HistoryEntry]:
    """The history once `before` becomes `after`: a change of status or date keeps the old state."""
    history = list(before.history)
    old, new = before.when, after.when
    if before.status != after.status or (old.start, old.end, old.precision) != (new.start, new.end, new.precision):
        history.append(
            HistoryEntry(
                at=now(),
                status=str(before.status),
                start=old.start.isoformat(),
                end=old.end.isoformat(),
                precision=str(old.precision),
                when_text=old.text,
                source=reporting_source(before, after),
            )
        )
    return history


def moved_or_regrouped(m: Meeting, stored: Meeting) -> bool:
    """An edit that moves the dates or changes who took part: it may now be another stored meeting."""
    who = [(p.name, p.country) for p in m.participants]
    return (m.when.start, m.when.end) != (stored.when.start, stored.when.end) or who != [(p.name, p.country) for p in stored.participants]


def last_changed_by(db: Database, m: Meeting) -> str:
    """Who made the meeting as it is now: the newest logged change of it, or outside tracker
    when it was updated after that (the sqlite3 shell, Datasette)."""
    last = last_change_of(db, m.id) if m.id is not None else None
    if last is None or (m.updated or "") > last.at:
        return "someone outside tracker" if last is not None else "another process"
    return f"{last.origin.describe() if last.origin else 'another process'} at {last.at.replace('T', ' ')}"


def carry_onto(stored: Meeting, typed: Meeting, given: set[str] | None = None) -> Meeting:
    """The stored meeting with what a new entry of it brings: a new date or status (a
    reschedule: the old one goes to its history on saving), the fields it lacks, people it did
    not list, and new sources after its own. What it holds already stays."""
    given = (
        given
        if given is not None
        else {"when", "status", "city", "venue", "country", "level", "topics", "summary", "outcome", "notes", "participants", "sources"}
    )
    m = replace(stored, participants=list(stored.participants), topics=list(stored.topics), sources=list(stored.sources))
    if "when" in given and (typed.when.start, typed.when.end, typed.when.precision) != (stored.when.start, stored.when.end, stored.when.precision):
        m.when = typed.when
    if "status" in given:
        m.status = typed.status
    for name in ("city", "venue", "country", "level", "summary", "outcome", "notes"):
        if name in given and getattr(typed, name) and not getattr(stored, name):
            setattr(m, name, getattr(typed, name))
    if "topics" in given:
        m.topics += [t for t in typed.topics if t not in stored.topics]
    if "participants" in given:
        m.participants += [p for p in typed.participants if not any(same_row(p, q) for q in stored.participants)]
    if "sources" in given:
        m.sources += [s for s in typed.sources if (s.url, s.title) not in {(o.url, o.title) for o in stored.sources}]
    return m


def delete_meeting(db: Database, meeting_id: int, origin: Origin = CLI) -> Saved:
    """Delete a meeting; the change log keeps all of it, so undo brings it back whole."""
    with write(db):
        m = get_meeting(db, meeting_id)
        before = snapshot(db, m)
        delete_meetings(db, [meeting_id])
        change_id = log_change(db, origin, "delete", meeting_id, before, None)
    return Saved(m, change_id)


def accept_candidate(db: Database, candidate: Candidate, origin: Origin, meeting: Meeting | None = None) -> Saved:
    """Store a meeting read from an article: an update of the stored meeting it matches (the
    earlier status and date kept in its history), or a new meeting. `meeting`: as the user
    edited it. The review decided the duplicate question already: a match, or a new meeting."""
    chosen = meeting or candidate.updated or candidate.meeting
    if candidate.matches is not None:
        return edit_meeting(db, MeetingEdit(candidate.matches, chosen), origin)
    return add_meeting(db, NewMeeting(meeting or candidate.meeting, duplicate=NEW), origin)
