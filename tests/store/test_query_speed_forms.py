"""The forms queries take to stay fast at a million meetings give the same answers as the plain ones."""

import datetime as dt

import pytest

from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, When
from tracker.seed import seed_if_new
from tracker.store import queries
from tracker.store.db import open_db
from tracker.store.queries import MeetingQuery, count, page
from tracker.store.search import fts_query


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "t.db")
    seed_if_new(db)
    for i in range(12):
        day = dt.date(2023, 5, 1) + dt.timedelta(days=i)
        people = [Participant(name="Sergey Lavrov", country="RUS", role=Role.HOST), Participant(name=f"Envoy {i}", country="TUR", role=Role.VISITOR)]
        add_meeting(
            db,
            Meeting(
                title=f"Lavrov meets envoy {i} on energy" if i % 2 else f"Lavrov meets envoy {i}",
                when=When(day, day, Precision.DAY, day.isoformat()),
                participants=people,
            ),
        )
    return db


def ids(db, **query):
    return [r.id for r in page(db, MeetingQuery(**query), limit=100)]


def test_a_prefix_becomes_the_known_words_it_starts():
    known = {"se": ["sea", "sergey"], "ser": ["sergey"], "energy": ["energy"], "x": []}
    assert fts_query("Se", known.get) == '("sea" OR "sergey")'
    assert fts_query("energy ser", known.get) == '("energy") AND ("sergey")'
    assert fts_query("x", known.get) == '"x"', "no known word starts so: nothing can match"


def test_a_prefix_with_too_many_words_stays_a_prefix_query_or_a_whole_short_word():
    assert fts_query("ser") == '"ser"*'
    assert fts_query("a") == '"a"'
    assert fts_query("energy a") == '"energy"* AND "a"'


def test_typing_a_name_finds_it_from_its_first_letter(db):
    assert ids(db, search="Lav") == ids(db, search="Lavrov")
    assert len(ids(db, search="L")) == len(ids(db, search="Lavrov")) == 12
    assert ids(db, search="Lq") == []


def test_search_finds_a_prefix_of_a_word_an_edit_brought_in(db):
    from tracker.actions.meetings import MeetingEdit, edit_meeting
    from tracker.store.meetings import get_meeting

    m = get_meeting(db, 1)
    m.title = "Zanzibar summit"
    edit_meeting(db, MeetingEdit(1, m))
    assert ids(db, search="zanz") == [1]


@pytest.mark.parametrize("few", [0, 10_000])
def test_a_person_filter_finds_the_same_meetings_however_many_they_have(db, monkeypatch, few):
    monkeypatch.setattr(queries, "FEW_PARTICIPATIONS", few)
    assert len(ids(db, person="Lavrov")) == 12
    assert len(ids(db, person="Lavrov", search="energy")) == 6
    assert count(db, MeetingQuery(person="Lavrov", search="energy")) == 6
    assert page(db, MeetingQuery(person="Lavrov"), limit=3)[-1].title == "Lavrov meets envoy 9 on energy"


def test_a_search_within_a_rare_country_matches_as_the_full_text_index_does(db):
    from tracker.store.search import matches_search

    assert matches_search("burak akcapar tur turkiye", "Akçap") and not matches_search("burak akcapar", "akcapar x")
    assert matches_search("unity meeting", "un") and not matches_search("a unity", "ni"), "words match from their start"
    for text in ("Shoygu", "syria", "Moscow deputy", "iran", '"', "zzz"):
        for country in ("IRN", "TUR", "RUS"):
            q = MeetingQuery(search=text, countries=(country,))
            by_index = {r.id for r in page(db, MeetingQuery(search=text)) if country in r.countries}
            assert {r.id for r in page(db, q)} == by_index, (text, country)
