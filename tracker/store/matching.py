"""Look-ups for reading articles: people by the names an article uses, and the stored
meetings that a meeting found in an article may be (same people or countries, near in time).

Both read only what they need through indexes, so they stay fast on a database of
imported event datasets (a million meetings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.model import Meeting, Person
from tracker.store.meetings import day_key, load_meetings

if TYPE_CHECKING:
    from tracker.store.db import Database

_CHUNK = 500  # SQLite's parameter limit is far above this; chunks keep statements small
MAX_NEAR = 200  # candidates to compare; more than this sharing people and dates is a dataset, not news


def people_named(db: Database, names: Iterable[str]) -> dict[str, Person]:
    """Known people by any of these names or aliases, keyed by the folded name that found them.

    When two people share a name the one with more meetings is returned (the likelier one).
    """
    folded = sorted({fold(n.strip()) for n in names if n and n.strip()})
    found: dict[str, Person] = {}
    for i in range(0, len(folded), _CHUNK):
        chunk = folded[i : i + _CHUNK]
        ph = ",".join("?" * len(chunk))
        rows = db.execute(
            f"""SELECT hit, p.id, p.name, p.country,
                (SELECT count(*) FROM participants WHERE person_id = p.id) AS n FROM (
                  SELECT folded AS hit, id AS person_id FROM people WHERE folded IN ({ph})
                  UNION SELECT folded, person_id FROM aliases WHERE folded IN ({ph})
                ) h JOIN people p ON p.id = h.person_id ORDER BY n""",
            chunk * 2,
        )
        for hit, person_id, name, country, n in rows:
            found[hit] = Person(id=person_id, name=name, country=country, meeting_count=n)
    return found


def meetings_near(
    db: Database,
    start: dt.date,
    end: dt.date,
    *,
    countries: Iterable[str] = (),
    person_ids: Iterable[int] = (),
) -> list[Meeting]:
    """Stored meetings overlapping start..end (now or in their history) that share a person,
    or two countries (one when only one is given), nearest in time first."""
    countries, person_ids = sorted(set(countries)), sorted(set(person_ids))
    low, high = day_key(start - dt.timedelta(days=400)), day_key(end + dt.timedelta(days=1))
    ids: set[int] = set()
    if person_ids:
        ph = ",".join("?" * len(person_ids))
        rows = db.execute(
            f"""SELECT DISTINCT m.id FROM participants p JOIN meetings m ON m.id = p.meeting_id
            WHERE p.person_id IN ({ph}) AND m.sort_key >= ? AND m.sort_key < ? AND m."end" >= ? LIMIT ?""",
            [*person_ids, low, high, start.isoformat(), MAX_NEAR],
        )
        ids.update(r[0] for r in rows)
    if countries:
        ph = ",".join("?" * len(countries))
        rows = db.execute(
            f"""SELECT mc.meeting_id FROM meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id
            WHERE mc.country IN ({ph}) AND mc.sort_key >= ? AND mc.sort_key < ? AND m."end" >= ?
            GROUP BY mc.meeting_id HAVING count(*) >= ? LIMIT ?""",
            [*countries, low, high, start.isoformat(), min(2, len(countries)), MAX_NEAR],
        )
        ids.update(r[0] for r in rows)
    # A meeting that has since moved is still found by the dates it had (its history).
    rows = db.execute('SELECT DISTINCT meeting_id FROM history WHERE start <= ? AND "end" >= ? LIMIT ?', [end.isoformat(), start.isoformat(), MAX_NEAR])
    ids.update(r[0] for r in rows)
    meetings = load_meetings(db, sorted(ids))
    middle = start + (end - start) / 2
    return sorted(meetings, key=lambda m: abs((m.when.start - middle).days))
