"""A candidate against the database: is it a meeting we already hold, and what would change?

A meeting the article reports again is offered as an update of the stored one (a new
status, a new date: the edit keeps the old ones in its history), never as a
duplicate; re-reading an article already ingested has nothing to do.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.ingest.candidates import Candidate
from tracker.ingest.lexicon import MOVED
from tracker.model import Meeting, Participant, Precision, When
from tracker.store.duplicates import (
    MOVE_REACH,
    RESCHEDULE_WINDOW,
    earlier_state,
    overlap,
    person_ids_named,
    resemblance,
)
from tracker.store.matching import meetings_near

if TYPE_CHECKING:
    from tracker.store.db import Database

_MOVED = re.compile(rf"\b(?:{MOVED}|originally|initially)\b", re.IGNORECASE)


def _people(m: Meeting) -> set[object]:
    return {p.person_id or fold(p.name) for p in m.participants if p.name}


def find_match(db: Database, candidate: Candidate, earlier: list[When]) -> Meeting | None:
    """The stored meeting this candidate is, if any, by the policy the form's duplicate warning
    follows too (store.duplicates.resemblance), told what the article says of a move."""
    m = candidate.meeting
    moved = any(_MOVED.search(e) for e in candidate.evidence)
    reach = MOVE_REACH if moved or earlier else RESCHEDULE_WINDOW
    # People as the form knows them: by id, or by a name or alias of a known person; else by name.
    unlinked = [p.name for p in m.participants if p.name and not p.person_id]
    people = {p.person_id for p in m.participants if p.person_id} | person_ids_named(db, unlinked)
    named = people | {fold(n) for n in unlinked}
    best, best_rank = None, None
    for stored in meetings_near(db, m.when.start - reach, m.when.end + reach, countries=m.countries, person_ids=people):
        found = resemblance(m, stored, len(named & _people(stored)), says_moved=moved, earlier=earlier)
        if found and (best_rank is None or found.rank() < best_rank):
            best, best_rank = stored, found.rank()
    return best


def propose_update(stored: Meeting, candidate: Candidate) -> tuple[Meeting, list[str]]:
    """The stored meeting with what the article adds or changes, and those changes in words."""
    new = candidate.meeting
    updated = copy.deepcopy(stored)
    changes: list[str] = []
    if earlier_state(stored, new.when) and not overlap(stored.when, new.when):
        # An older report of a meeting that has moved on since: its status and date are history.
        new = copy.copy(new)
        new.status, new.when = stored.status, stored.when
    if new.status != stored.status:
        updated.status = new.status
        changes.append(f"status {stored.status} → {new.status}")
    if _date_changed(stored.when, new):
        updated.when = new.when
        changes.append(f"date {stored.when.label()} → {new.when.label()} (the old date stays in its history)")
    if new.city and fold(new.city) != fold(stored.city or ""):
        updated.city, updated.country = new.city, new.country
        changes.append(f"city {stored.city or '(none)'} → {new.city}")
    if new.venue and not stored.venue:
        updated.venue = new.venue
        changes.append(f"venue → {new.venue}")
    if new.level and not stored.level:
        updated.level = new.level
        changes.append(f"level → {new.level}")
    for p in new.participants:
        change = _add_participant(updated, p)
        if change:
            changes.append(change)
    known = {(s.title, s.published, s.url) for s in stored.sources}
    fresh = [s for s in new.sources if (s.title, s.published, s.url) not in known]
    if fresh:
        updated.sources = list(stored.sources) + fresh
        changes.append(f"{len(fresh)} quote{'s' if len(fresh) > 1 else ''} from {fresh[0].title or 'the article'}")
    if new.notes and "discrepancy" in new.notes and new.notes not in (stored.notes or ""):
        updated.notes = f"{stored.notes} {new.notes}" if stored.notes else new.notes
    return updated, changes


def _date_changed(old: When, new: Meeting) -> bool:
    if (old.start, old.end, old.precision) == (new.when.start, new.when.end, new.when.precision):
        return False
    if new.when.precision != Precision.DAY and old.start >= new.when.start and old.end <= new.when.end:
        return False  # a vaguer date ("April", or none given) that agrees adds nothing
    return not (new.when.text.lower() in ("today", "tomorrow", "yesterday") and overlap(old, new.when, slack=1))


def _add_participant(m: Meeting, p: Participant) -> str | None:
    """Add a participant the stored meeting lacks; a named one replaces an unnamed delegate of its country."""
    key = p.person_id or (fold(p.name) if p.name else None)
    if key and key in _people(m):
        return None
    if not p.name:
        if p.country in m.countries:
            return None
        m.participants.append(copy.copy(p))
        return f"adds the {p.country} delegation"
    for i, q in enumerate(m.participants):
        if not q.name and q.country == p.country and (q.title == p.title or q.title is None or p.title is None):
            m.participants[i] = Participant(p.name, p.country, q.role, q.title or p.title, p.person_id)
            return f"names the {p.country} {q.title or 'delegate'}: {p.name}"
    m.participants.append(copy.copy(p))
    return f"adds {p.name} ({p.country or 'country unknown'})"
