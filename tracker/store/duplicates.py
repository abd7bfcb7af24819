"""Meetings that may be the one being saved: the same people or countries, at about the same time.

Two records of one meeting are common: an announced 15–16 March meeting that was postponed
and held on 3–4 April is logged again from the April article. So a meeting is a possible
duplicate when

- its dates overlap, and it shares a named person or half its countries, or
- it was only proposed, announced or postponed (or the new one is), it lies within
  RESCHEDULE_WINDOW, and it shares most of its countries (three quarters), or a named
  person and half of them;

and it is not at another known level (a summit and a deputy ministers' meeting the same
week are two meetings).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.model import Meeting, Status
from tracker.store.meetings import day_key, load_meetings

if TYPE_CHECKING:
    from tracker.store.db import Database

RESCHEDULE_WINDOW = dt.timedelta(days=31)
# A meeting this long (a year-precision one) starting before the window can still overlap it.
LONGEST_SPAN = dt.timedelta(days=366)
NOT_SETTLED = {Status.PROPOSED, Status.ANNOUNCED, Status.POSTPONED}


def _person_ids(db: Database, names: list[str]) -> set[int]:
    """Known people with exactly these names or aliases; unknown names match no one."""
    folded = sorted({fold(n.strip()) for n in names if n and n.strip()})
    if not folded:
        return set()
    ph = ",".join("?" * len(folded))
    rows = db.execute(f"SELECT id FROM people WHERE folded IN ({ph}) UNION SELECT person_id FROM aliases WHERE folded IN ({ph})", folded * 2)
    return {r[0] for r in rows}


def find_possible_duplicates(db: Database, meeting: Meeting, *, limit: int = 3) -> list[Meeting]:
    """Stored meetings that may be `meeting` (itself excluded when it has an id), likeliest first."""
    countries = set(meeting.countries)
    people = _person_ids(db, [p.name for p in meeting.participants if p.name])
    if not countries and not people:
        return []
    lo, hi = meeting.when.start - RESCHEDULE_WINDOW, meeting.when.end + RESCHEDULE_WINDOW
    keys = [day_key(lo - LONGEST_SPAN), day_key(hi + dt.timedelta(days=1))]
    # Only meetings inside the window are loaded: at a million meetings the key range alone
    # holds thousands sharing a country, and loading them whole took a fifth of a second.
    window = [hi.isoformat(), lo.isoformat()]
    shared_countries: dict[int, set[str]] = {}
    if countries:
        ph = ",".join("?" * len(countries))
        for meeting_id, code in db.execute(
            f"""SELECT mc.meeting_id, mc.country FROM meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id
            WHERE mc.country IN ({ph}) AND mc.sort_key >= ? AND mc.sort_key < ? AND m.start <= ? AND m."end" >= ?""",
            [*sorted(countries), *keys, *window],
        ):
            shared_countries.setdefault(meeting_id, set()).add(code)
    shared_people: dict[int, set[int]] = {}
    if people:
        ph = ",".join("?" * len(people))
        for meeting_id, person_id in db.execute(
            f"""SELECT p.meeting_id, p.person_id FROM participants p JOIN meetings m ON m.id = p.meeting_id
            WHERE p.person_id IN ({ph}) AND m.sort_key >= ? AND m.sort_key < ? AND m.start <= ? AND m."end" >= ?""",
            [*sorted(people), *keys, *window],
        ):
            shared_people.setdefault(meeting_id, set()).add(person_id)
    candidates = (set(shared_countries) | set(shared_people)) - {meeting.id}
    scored = []
    for other in load_meetings(db, sorted(candidates)):
        if other.when.start > hi or other.when.end < lo:
            continue
        if meeting.level and other.level and meeting.level != other.level:
            continue
        overlap = other.when.start <= meeting.when.end and other.when.end >= meeting.when.start
        union = countries | set(other.countries)
        share = len(shared_countries.get(other.id, ())) / len(union) if union else 0.0
        named = len(shared_people.get(other.id, ()))
        if overlap:
            likely = named > 0 or share >= 0.5
        else:
            unsettled = Status(other.status) in NOT_SETTLED or Status(meeting.status) in NOT_SETTLED
            likely = unsettled and (share >= 0.75 or (named > 0 and share >= 0.5))
        if likely:
            distance = abs((other.when.start - meeting.when.start).days)
            scored.append(((not overlap, -named, -share, distance, other.id), other))
    scored.sort(key=lambda pair: pair[0])
    return [other for _key, other in scored[:limit]]
