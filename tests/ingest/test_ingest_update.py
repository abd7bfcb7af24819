"""A meeting reported again is offered as an update of the stored one, never a duplicate."""

from __future__ import annotations

import datetime as dt

from conftest import ARTICLES, SEED_ARTICLE

from tracker.actions.meetings import accept_candidate
from tracker.ingest import candidates_from_file
from tracker.model import CLI, Status
from tracker.store.meetings import get_meeting
from tracker.store.queries import count

APRIL = ARTICLES / "quadrilateral_held_in_april.txt"


def test_the_postponed_meeting_held_in_april_is_an_update_of_the_announced_one(db):
    (c,) = candidates_from_file(db, APRIL)
    assert c.matches == 2
    assert c.meeting.status == Status.HELD
    assert (c.meeting.when.start, c.meeting.when.end) == (dt.date(2023, 4, 3), dt.date(2023, 4, 4))
    assert "status announced → held" in c.changes
    assert any(change.startswith("date 15–16 Mar 2023 → 3–4 Apr 2023") for change in c.changes)
    assert "names the RUS Deputy Foreign Minister: Mikhail Bogdanov" in c.changes


def test_accepting_the_update_keeps_the_old_status_and_date_in_history(db):
    before = count(db)
    (c,) = candidates_from_file(db, APRIL)
    stored = accept_candidate(db, c, CLI).meeting
    assert count(db) == before and stored.id == 2
    assert (stored.status, stored.when.start, stored.when.end) == (Status.HELD, dt.date(2023, 4, 3), dt.date(2023, 4, 4))
    (old,) = stored.history
    assert (old.status, old.start, old.end, old.when_text) == ("announced", "2023-03-15", "2023-03-16", "15-16 March")
    people = {p.name: (p.country, str(p.role)) for p in stored.participants}
    assert people["Burak Akçapar"] == ("TUR", "head_of_delegation")  # what was known stays
    assert people["Mikhail Bogdanov"] == ("RUS", "host")
    assert len(stored.sources) == 3 + 6  # the seed's quotes, then this article's (its headline too)
    assert [link.other_id for link in stored.links] == [3]  # still follows the December meeting


def test_reading_the_april_article_again_after_accepting_has_nothing_to_do(db):
    accept_candidate(db, candidates_from_file(db, APRIL)[0], CLI)
    (again,) = candidates_from_file(db, APRIL)
    assert again.matches == 2 and again.nothing_to_do, again.changes


def test_the_seed_article_read_after_the_april_update_is_old_news_not_a_new_meeting(db):
    accept_candidate(db, candidates_from_file(db, APRIL)[0], CLI)
    deputies = next(c for c in candidates_from_file(db, SEED_ARTICLE) if c.meeting.level == "deputy_ministerial")
    # Its "announced for 15-16 March" is the meeting's history now: found by it, and nothing moves back.
    assert deputies.matches == 2 and deputies.nothing_to_do, deputies.changes
    assert get_meeting(db, 2).status == Status.HELD


def test_a_new_meeting_is_added_when_accepted(db):
    before = count(db)
    visit = candidates_from_file(db, ARTICLES / "lavrov_to_visit_ankara.txt")[0]
    assert visit.matches is None
    stored = accept_candidate(db, visit, CLI).meeting
    assert count(db) == before + 1
    assert stored.title == "Lavrov and Fidan meet in Ankara"
    assert {s.quote for s in stored.sources} == set(visit.evidence)
