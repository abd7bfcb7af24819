"""The seed: the meetings of the article that ships with the package (seed.json + article.txt).

A new database is seeded once; `tracker seed` adds back only what is missing, so it
never duplicates (meetings are recognised by their uid).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from tracker.model import SEED, Meeting, Source
from tracker.store.changes import log_change, snapshot
from tracker.store.db import write
from tracker.store.meetings import add_alias, get_meeting, insert_meeting, link_meetings, meeting_ids_by_uid
from tracker.store.people import person_id_for
from tracker.store.settings import get_setting, set_setting

if TYPE_CHECKING:
    from tracker.store.db import Database

SEEDED = "seeded"  # the settings key that says a database was seeded once


def seed_data() -> dict[str, Any]:
    """The seed file (its JSON as read: people, meetings, links, source), with the article's text beside it."""
    files = resources.files(__package__)
    data: dict[str, Any] = json.loads(files.joinpath("seed.json").read_text(encoding="utf-8"))
    data["article"] = files.joinpath(data["source"].pop("text_file")).read_text(encoding="utf-8")
    return data


def seed(db: Database) -> list[Meeting]:
    """Add the seed meetings that are not there yet; return those added."""
    data = seed_data()
    source = data["source"]
    added: dict[str, int] = {}
    with write(db):
        for person in data["people"]:
            person_id = person_id_for(db, person["name"], person["country"])
            for alias in person["aliases"]:
                add_alias(db, person_id, alias)
        present = meeting_ids_by_uid(db, [r["uid"] for r in data["meetings"]])
        for record in data["meetings"]:
            if record["uid"] in present:
                continue
            m = Meeting.from_dict(record)
            m.sources = [Source(**source, quote=s["quote"], text=data["article"]) for s in record["sources"]]
            added[record["uid"]] = insert_meeting(db, m)
        ids = present | added
        for link in data["links"]:
            if link["from"] in ids and link["to"] in ids and (link["from"] in added or link["to"] in added):
                link_meetings(db, ids[link["from"]], ids[link["to"]], link["kind"], link["track"])
        meetings = [get_meeting(db, meeting_id) for meeting_id in added.values()]
        for m in meetings:
            log_change(db, SEED, "add", m.id, None, snapshot(db, m))
        set_setting(db, SEEDED, "1")
    return meetings


def seed_if_new(db: Database) -> None:
    """Seed a database that has never been seeded (a new one)."""
    if get_setting(db, SEEDED) is None:
        seed(db)
