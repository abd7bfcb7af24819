"""The seed article read as a new user would: the three meetings of DESIGN.md, with evidence."""

from __future__ import annotations

import datetime as dt

from conftest import SEED_ARTICLE

from tracker.ingest import candidates_from_file
from tracker.ingest.article import read_article
from tracker.model import Level, Role, Status


def by_level(candidates):
    return {c.meeting.level: c for c in candidates}


def people(m):
    return {(p.name, p.country, p.role, p.title) for p in m.participants}


def test_the_seed_article_yields_exactly_the_three_seeded_meetings(db):
    found = candidates_from_file(db, SEED_ARTICLE)
    assert sorted(str(c.meeting.level) for c in found) == ["deputy_ministerial", "ministerial", "summit"]


def test_putin_and_assad_meet_in_moscow_on_the_date_of_the_kremlin_statement(db):
    summit = by_level(candidates_from_file(db, SEED_ARTICLE))[Level.SUMMIT].meeting
    assert (summit.when.start, summit.when.end, summit.when.text) == (dt.date(2023, 3, 15), dt.date(2023, 3, 15), "March 15")
    assert (summit.city, summit.country, summit.status) == ("Moscow", "RUS", Status.ANNOUNCED)
    assert people(summit) == {("Vladimir Putin", "RUS", Role.HOST, "President"), ("Bashar al-Assad", "SYR", Role.VISITOR, "President")}
    # The lead's "tomorrow" (16 March against the dateline) is kept as a note, not dropped.
    assert "March 15" in summit.notes and "tomorrow" in summit.notes and "16 Mar 2023" in summit.notes


def test_the_deputy_foreign_ministers_meet_in_moscow_with_akcapar_heading_the_turkish_delegation(db):
    deputies = by_level(candidates_from_file(db, SEED_ARTICLE))[Level.DEPUTY_MINISTERIAL].meeting
    assert (deputies.when.start, deputies.when.end, deputies.when.text) == (dt.date(2023, 3, 15), dt.date(2023, 3, 16), "15-16 March")
    assert (deputies.city, deputies.country, deputies.status, deputies.format) == ("Moscow", "RUS", Status.ANNOUNCED, "quadrilateral")
    assert people(deputies) == {
        (None, "RUS", Role.HOST, "Deputy Foreign Minister"),
        ("Burak Akçapar", "TUR", Role.HEAD_OF_DELEGATION, "Deputy Foreign Minister"),
        (None, "SYR", Role.MEMBER, "Deputy Foreign Minister"),
        (None, "IRN", Role.MEMBER, "Deputy Foreign Minister"),
    }


def test_the_december_meeting_is_held_and_no_city_is_invented(db):
    december = by_level(candidates_from_file(db, SEED_ARTICLE))[Level.MINISTERIAL].meeting
    assert (december.when.start, december.when.end) == (dt.date(2022, 12, 28), dt.date(2022, 12, 28))
    assert december.status == Status.HELD
    assert december.city is None and december.country is None  # "between Ankara and Damascus" is not a venue
    assert "does not name the city" in december.notes
    assert december.countries == ["RUS", "SYR", "TUR"]
    assert people(december) == {
        ("Sergei Shoigu", "RUS", Role.HOST, "Defense Minister"),
        ("Hulusi Akar", "TUR", Role.HEAD_OF_DELEGATION, "National Defense Minister"),
        ("Hakan Fidan", "TUR", Role.MEMBER, "Head of the National Intelligence Organization (MIT)"),
        ("Ali Mahmoud Abbas", "SYR", Role.HEAD_OF_DELEGATION, "Defense Minister"),
        (None, "SYR", Role.MEMBER, "Head of intelligence"),
    }


def test_each_meeting_cites_its_supporting_sentences_verbatim(db):
    found = by_level(candidates_from_file(db, SEED_ARTICLE))
    text = " ".join(SEED_ARTICLE.read_text(encoding="utf-8").split())
    for c in found.values():
        assert c.evidence and all(quote in text for quote in c.evidence)
    assert "Russian President Vladimir Putin will meet with Syrian President Bashar al-Assad on March 15." in found[Level.SUMMIT].evidence
    assert (
        "Between 15-16 March in Moscow, the Deputy Foreign Ministers of Russia, Türkiye, Syria and Iran will meet to resolve the crisis in Syria."
        in found[Level.DEPUTY_MINISTERIAL].evidence
    )
    assert (
        "In this context, Deputy Foreign Minister Burak Akcapar will preside over the Turkish delegation at the meeting on Syria tomorrow."
        in found[Level.DEPUTY_MINISTERIAL].evidence
    )
    assert (
        "The first high-level bilateral contact between Ankara and Damascus since the civil war that started in Syria in 2011 took place on December 28, 2022."
        in found[Level.MINISTERIAL].evidence
    )
    assert all(s.published == "2023-03-15T14:32:32" for c in found.values() for s in c.meeting.sources)


def test_reading_the_seed_again_offers_the_stored_meetings_with_nothing_to_do(db):
    found = candidates_from_file(db, SEED_ARTICLE)
    assert {c.meeting.level: c.matches for c in found} == {Level.SUMMIT: 1, Level.DEPUTY_MINISTERIAL: 2, Level.MINISTERIAL: 3}
    assert all(c.nothing_to_do for c in found), [c.changes for c in found]


def test_a_database_without_the_seed_people_still_finds_the_three_meetings(empty_db):
    found = by_level(candidates_from_file(empty_db, SEED_ARTICLE))
    assert set(found) == {Level.SUMMIT, Level.DEPUTY_MINISTERIAL, Level.MINISTERIAL}
    assert found[Level.SUMMIT].meeting.when.start == dt.date(2023, 3, 15)
    assert found[Level.DEPUTY_MINISTERIAL].meeting.countries == ["IRN", "RUS", "SYR", "TUR"]
    december = found[Level.MINISTERIAL].meeting
    assert december.countries == ["RUS", "SYR", "TUR"] and december.city is None
    # Unqualified titles ("National Defense Minister Hulusi Akar") are the outlet's own: Turkish.
    assert ("Hulusi Akar", "TUR") in {(p.name, p.country) for p in december.participants}
    assert all(c.matches is None for c in found.values())


def test_the_dateline_gives_published_and_updated_times():
    article = read_article(SEED_ARTICLE)
    assert article.title == "Assad and Putin to meet in Moscow"
    assert article.published == dt.datetime(2023, 3, 15, 14, 32, 32)
    assert article.updated == dt.datetime(2023, 3, 15, 14, 38, 29)
    assert not any(s.text in ("zoom in photo", "Share Photo") for s in article.sentences)
