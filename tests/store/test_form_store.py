"""What the meeting form keeps in the store: drafts, and the completion of people and topics."""

from __future__ import annotations

import pytest

from tracker.seed import seed_if_new
from tracker.store.completion import people_matching, topic_names
from tracker.store.db import open_db
from tracker.store.drafts import discard_draft, draft_key, load_draft, save_draft


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "tracker.db")
    seed_if_new(db)
    return db


def test_a_draft_is_kept_per_form_until_discarded(db):
    save_draft(db, draft_key(None), {"title": "Половина [b]"})
    save_draft(db, draft_key(2), {"title": "edit"})
    saved, values = load_draft(db, draft_key(None))
    assert values == {"title": "Половина [b]"} and saved
    assert load_draft(db, draft_key(2))[1] == {"title": "edit"}
    discard_draft(db, draft_key(None))
    assert load_draft(db, draft_key(None)) is None
    assert load_draft(db, draft_key(2)) is not None


def test_an_unreadable_draft_counts_as_none(db):
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [draft_key(None), "{not json"])
    assert load_draft(db, draft_key(None)) is None


def test_typing_an_alias_offers_the_person_under_his_name(db):
    [match] = people_matching(db, "Shoygu")
    assert (match.name, match.country, match.matched, match.exact) == ("Sergei Shoigu", "RUS", "Shoygu", True)


def test_people_complete_from_the_start_of_any_word_without_diacritics(db):
    assert [m.name for m in people_matching(db, "akca")] == ["Burak Akçapar"]
    assert {m.name for m in people_matching(db, "ak")} == {"Burak Akçapar", "Hulusi Akar"}
    assert people_matching(db, "%") == [] and people_matching(db, "  ") == []


def test_topics_in_use_complete_the_most_used_first(db):
    topics = topic_names(db)
    assert topics[0] == "Syria crisis"
    assert set(topics) == {"Syria crisis", "Türkiye–Syria normalization", "Russia–Syria cooperation"}
