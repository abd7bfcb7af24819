"""Changes to people: another spelling, a merge of two records of one person, a country.

Each logs the state of the people it touched (store.people.people_state) before and after,
and no meeting: undo and redo put that state back and rebuild the search text of their meetings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tracker.model import CLI, Origin
from tracker.store.changes import log_change
from tracker.store.db import write
from tracker.store.meetings import reindex_meetings
from tracker.store.people import PeopleState, alias_person, get_person, merge_person_into, people_state, set_person_country

if TYPE_CHECKING:
    from tracker.store.db import Database


def add_person_alias(db: Database, person_id: int, alias: str, origin: Origin = CLI) -> str:
    """Another spelling of a person's name, logged; their meetings are found by it. Returns what was done."""
    with write(db):
        before = people_state(db, [person_id])
        name = get_person(db, person_id).name
        meetings = alias_person(db, person_id, alias)
        alias = " ".join(alias.split())
        _log(db, origin, "person_alias", before, people_state(db, [person_id]), meetings, f"the alias {alias!r} of {name}")
    return f"{name} is also known as {alias!r} now"


def merge_people(db: Database, keep_id: int, other_id: int, origin: Origin = CLI) -> str:
    """Merge `other_id` into `keep_id` (see people.merge_person_into), logged. Returns what was done."""
    with write(db):
        ids = [keep_id, other_id]
        before = people_state(db, ids, participations=True)
        keep, other = get_person(db, keep_id), get_person(db, other_id)
        meetings = merge_person_into(db, keep_id, other_id)
        what = f"the merge of {other.name} (id {other.id}) into {keep.name}"
        _log(db, origin, "person_merge", before, people_state(db, ids, participations=True), meetings, what)
    n = len(meetings)
    return f"merged {other.name} (id {other.id}) into {keep.name}: {n} meeting{'s' if n != 1 else ''} between them; {other.name} is an alias now"


def change_person_country(db: Database, person_id: int, country: str | None, origin: Origin = CLI) -> str:
    """Correct a person's country (code, name, or None), logged. Returns what was done."""
    with write(db):
        before = people_state(db, [person_id])
        person = get_person(db, person_id)
        code = set_person_country(db, person_id, country)
        what = f"the country of {person.name} ({person.country or 'unknown'} → {code or 'unknown'})"
        _log(db, origin, "person_country", before, people_state(db, [person_id]), set(), what)
    return f"{person.name}'s country is {code or 'unknown'} now (was {person.country or 'unknown'})"


def _log(db: Database, origin: Origin, action: str, before: PeopleState, after: PeopleState, meetings: set[int], what: str) -> None:
    reindex_meetings(db, sorted(meetings))
    log_change(db, origin, action, None, json.dumps(before, ensure_ascii=False), json.dumps({**after, "what": what}, ensure_ascii=False))
