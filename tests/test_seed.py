"""The seed: the three meetings of the article, each fact backed by a verbatim quote."""

import re

from tests.conftest import real_sample
from tracker.seed import seed, seed_data, seed_if_new
from tracker.store.db import open_db
from tracker.store.meetings import get_meeting
from tracker.store.queries import count


def squash(text):
    return re.sub(r"\s+", " ", text)


def test_every_quote_is_verbatim_in_the_article():
    data = seed_data()
    article = squash(data["article"])
    quotes = [s["quote"] for m in data["meetings"] for s in m["sources"]]
    assert len(quotes) >= 9
    for quote in quotes:
        assert squash(quote) in article, quote


def test_the_packaged_article_is_the_shared_one():
    assert seed_data()["article"] == real_sample("seed-article.txt").read_text(encoding="utf-8")


def test_putin_assad_is_an_announced_summit_in_moscow_on_15_march(db):
    m = get_meeting(db, 1)
    assert (m.when.start.isoformat(), m.when.end.isoformat(), m.city, m.country) == ("2023-03-15", "2023-03-15", "Moscow", "RUS")
    assert (m.status, m.level) == ("announced", "summit")
    assert [(p.name, p.role) for p in m.participants] == [("Vladimir Putin", "host"), ("Bashar al-Assad", "visitor")]
    assert "tomorrow" in m.notes and "16 March" in m.notes, "the date discrepancy is kept as a note"


def test_the_deputy_ministers_meet_on_15_and_16_march_with_akcapar_heading_the_turks(db):
    m = get_meeting(db, 2)
    assert (m.when.start.isoformat(), m.when.end.isoformat()) == ("2023-03-15", "2023-03-16")
    assert (m.status, m.level, m.format) == ("announced", "deputy_ministerial", "quadrilateral")
    assert m.countries == ["IRN", "RUS", "SYR", "TUR"]
    named = [(p.name, p.country, p.role) for p in m.participants if p.name]
    assert named == [("Burak Akçapar", "TUR", "head_of_delegation")]
    assert sum(1 for p in m.participants if p.name is None) == 3
    assert [(link.other_id, link.kind) for link in m.links] == [(3, "follows")]
    assert "Türkiye–Syria normalization" in m.topics


def test_the_december_meeting_was_held_and_its_city_is_not_invented(db):
    m = get_meeting(db, 3)
    assert (m.when.start.isoformat(), m.status, m.city) == ("2022-12-28", "held", None)
    assert "city" in m.notes
    assert {p.name for p in m.participants} == {"Sergei Shoigu", "Hulusi Akar", "Hakan Fidan", "Ali Mahmoud Abbas", None}
    assert any("2011" in s.quote for s in m.sources)


def test_the_article_is_the_source_with_its_times(db):
    source = get_meeting(db, 1).sources[0]
    assert (source.title, source.published, source.updated) == ("Assad and Putin to meet in Moscow", "2023-03-15T14:32:32", "2023-03-15T14:38:29")


def test_seeding_again_never_duplicates(db):
    assert seed(db) == []
    seed_if_new(db)
    assert count(db) == 3


def test_seeding_puts_back_only_a_deleted_seed_meeting(db):
    from tracker.actions.meetings import delete_meeting

    delete_meeting(db, 3)
    assert [m.title for m in seed(db)] == ["Defense ministers and intelligence chiefs of Russia, Türkiye and Syria meet"]
    assert count(db) == 3
    assert get_meeting(db, 2).links[0].kind == "follows", "the link to the re-added meeting is restored"


def test_a_database_whose_meetings_were_all_deleted_is_not_reseeded_on_open(tmp_path):
    from tracker.actions.meetings import delete_meeting

    path = tmp_path / "t.db"
    db = open_db(path)
    seed_if_new(db)
    for i in (1, 2, 3):
        delete_meeting(db, i)
    db.close()
    db = open_db(path)
    seed_if_new(db)
    assert count(db) == 0
