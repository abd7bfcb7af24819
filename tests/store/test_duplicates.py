"""Possible duplicates: the same people or countries at about the same time."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model import Level, Meeting, Participant, Precision, Status, When
from tracker.seed import seed_if_new
from tracker.store.db import open_db
from tracker.store.duplicates import find_possible_duplicates
from tracker.store.meetings import get_meeting


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "tracker.db")
    seed_if_new(db)
    return db


def meeting(start, end=None, countries=(), names=(), status=Status.HELD, level=None) -> Meeting:
    end = end or start
    people = [Participant(name=n, country=c) for n, c in names] + [Participant(country=c) for c in countries]
    return Meeting(title="t", when=When(start, end, Precision.DAY, "x"), status=status, level=level, participants=people)


def test_the_april_meeting_of_the_same_four_ministers_may_be_the_postponed_march_one(db):
    april = meeting(dt.date(2023, 4, 3), dt.date(2023, 4, 4), ["RUS", "TUR", "SYR", "IRN"])
    assert [m.id for m in find_possible_duplicates(db, april)] == [2]


def test_a_meeting_on_the_same_day_with_a_known_person_is_a_possible_duplicate(db):
    found = find_possible_duplicates(db, meeting(dt.date(2022, 12, 28), names=[("Shoygu", "RUS")]))
    assert [m.id for m in found] == [3]


def test_a_held_meeting_months_away_or_of_other_countries_is_not(db):
    assert find_possible_duplicates(db, meeting(dt.date(2023, 9, 1), countries=["RUS", "TUR", "SYR", "IRN"])) == []
    assert find_possible_duplicates(db, meeting(dt.date(2023, 3, 15), countries=["USA", "CHN"])) == []


def test_a_meeting_at_another_level_is_not_a_duplicate(db):
    summit = meeting(dt.date(2023, 3, 16), countries=["RUS", "TUR", "SYR", "IRN"], level=Level.SUMMIT)
    assert find_possible_duplicates(db, summit) == []


def test_a_stored_meeting_is_not_its_own_duplicate(db):
    assert all(m.id != 2 for m in find_possible_duplicates(db, get_meeting(db, 2)))


@pytest.mark.parametrize(
    "other",
    [
        meeting(dt.date(2023, 4, 3), dt.date(2023, 4, 4), ["RUS", "TUR", "SYR", "IRN"], status=Status.ANNOUNCED),  # 19 days on, all four
        meeting(dt.date(2023, 3, 16), countries=["RUS", "TUR", "SYR", "IRN"], level=Level.SUMMIT),  # another level
        meeting(dt.date(2022, 12, 28), names=[("Shoygu", "RUS")]),  # the same day and a known person
        meeting(dt.date(2023, 9, 1), countries=["RUS", "TUR", "SYR", "IRN"]),  # months away, held
        meeting(dt.date(2023, 3, 15), countries=["USA", "CHN"]),  # other countries
    ],
    ids=["moved", "level", "person", "months", "countries"],
)
def test_the_form_and_the_article_review_agree_on_whether_a_pair_is_one_meeting(db, other):
    """One policy (resemblance): the article review once matched only meetings a day apart
    unless the article said it moved, while the form warned of any within a month."""
    from tracker.ingest.candidates import Candidate
    from tracker.ingest.updates import find_match

    warned = [m.id for m in find_possible_duplicates(db, other, limit=1)]
    matched = find_match(db, Candidate(meeting=other, evidence=["The ministers will meet."]), earlier=[])
    assert warned == ([matched.id] if matched else [])
