"""Is this the same meeting? The one policy: the form's duplicate warning and the article
review's "an update of a stored meeting" both ask `resemblance` of each stored meeting near.

Two records of one meeting are common: an announced 15–16 March meeting that was postponed
and held on 3–4 April is logged again from the April article. So a stored meeting may be
the new one when

- it is not at another known level (a summit and a deputy ministers' meeting the same week
  are two meetings), and
- their dates overlap, or one of its
  earlier dates does, and it shares a named person or half its countries, or
- it may have moved: either was only proposed, announced or postponed, or the article names
  the stored date as the earlier one; it lies within RESCHEDULE_WINDOW (MOVE_REACH when an
  article says the meeting moved); and it shares most of its countries (three quarters), or
  a named person and half of them.

The likeliest is the one whose dates overlap, then with the most people, the most
countries in common, the nearest in time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.model import HistoryEntry, Meeting, Precision, Status, When
from tracker.store.meetings import day_key, load_meetings

if TYPE_CHECKING:
    from tracker.store.db import Database

RESCHEDULE_WINDOW = dt.timedelta(days=31)
# An article that says a meeting was postponed or moved ("15-16 March" -> "3-4 April") lets it move this far.
MOVE_REACH = dt.timedelta(days=90)
# A meeting this long (a year-precision one) starting before the window can still overlap it.
LONGEST_SPAN = dt.timedelta(days=366)
NOT_SETTLED = {Status.PROPOSED, Status.ANNOUNCED, Status.POSTPONED}


def overlap(a: When, b: When, slack: int = 0) -> bool:
    return a.start - dt.timedelta(days=slack) <= b.end and b.start - dt.timedelta(days=slack) <= a.end


def earlier_state(stored: Meeting, when: When) -> HistoryEntry | None:
    """The earlier state of the stored meeting (its history) that had these dates, if any."""
    return next(
        (h for h in stored.history if overlap(When(dt.date.fromisoformat(h.start), dt.date.fromisoformat(h.end), Precision(h.precision), h.when_text), when)),
        None,
    )


@dataclass(frozen=True)
class Resemblance:
    same_dates: bool
    named: int  # people both name
    share: float  # countries in common, of the countries of either
    distance: int  # days between their starts

    def rank(self) -> tuple[bool, int, float, int]:
        """Lower is likelier."""
        return (not self.same_dates, -self.named, -self.share, self.distance)


def resemblance(new: Meeting, stored: Meeting, named: int, *, says_moved: bool = False, earlier: Iterable[When] = ()) -> Resemblance | None:
    """How `stored` resembles `new`, or None when they are two meetings.

    `named` counts the people both name (each caller knows its people its own way);
    `says_moved` and `earlier` are what an article says: that the meeting moved, and the
    dates it had before.
    """
    if new.level and stored.level and new.level != stored.level:
        return None
    countries, theirs = set(new.countries), set(stored.countries)
    union = countries | theirs
    share = len(countries & theirs) / len(union) if union else 0.0
    distance = abs((stored.when.start - new.when.start).days)
    same_dates = overlap(new.when, stored.when) or earlier_state(stored, new.when) is not None
    if same_dates:
        likely = named > 0 or share >= 0.5
    else:
        moved_from = any(overlap(e, stored.when) for e in earlier)
        reach = MOVE_REACH if says_moved or moved_from else RESCHEDULE_WINDOW
        near = stored.when.start <= new.when.end + reach and stored.when.end >= new.when.start - reach
        may_have_moved = moved_from or Status(stored.status) in NOT_SETTLED or Status(new.status) in NOT_SETTLED
        likely = near and may_have_moved and (share >= 0.75 or (named > 0 and share >= 0.5))
    return Resemblance(same_dates, named, share, distance) if likely else None


def person_ids_named(db: Database, names: list[str]) -> set[int]:
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
    people = person_ids_named(db, [p.name for p in meeting.participants if p.name])
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
    scored: list[tuple[tuple[bool, int, float, int, int], Meeting]] = []
    for other in load_meetings(db, sorted(candidates)):
        assert other.id is not None  # a stored meeting
        found = resemblance(meeting, other, len(shared_people.get(other.id, ())))
        if found:
            scored.append(((*found.rank(), other.id), other))
    scored.sort(key=lambda pair: pair[0])
    return [other for _key, other in scored[:limit]]
