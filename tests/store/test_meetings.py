"""Adding, editing, deleting and undoing meetings, as the CLI and the TUI do."""

import datetime as dt

import pytest

from tracker.actions.meetings import MeetingEdit, add_meeting, delete_meeting, edit_meeting
from tracker.actions.undo import redo, undo
from tracker.model import Meeting, Participant, Precision, Role, Source, Status, When
from tracker.store.db import StoreError, open_db
from tracker.store.meetings import ValidationError, add_alias, get_meeting
from tracker.store.people import list_people
from tracker.store.queries import MeetingQuery, count, page


def day(text):
    return dt.date.fromisoformat(text)


def meeting(title="Lavrov and Fidan meet in Ankara", start="2023-04-06", end=None, **kw):
    when = When(day(start), day(end or start), Precision.DAY, start)
    return Meeting(title=title, when=when, **kw)


def titles(db, **query):
    return [r.title for r in page(db, MeetingQuery(**query))]


def test_an_added_meeting_comes_back_whole(db):
    added = add_meeting(
        db,
        meeting(
            city="Ankara",
            country="TUR",
            participants=[
                Participant("Sergey Lavrov", "RUS", Role.VISITOR, "Foreign Minister"),
                Participant(None, "TUR", Role.HOST, "Deputy Foreign Minister"),
            ],
            topics=["Syria crisis"],
            sources=[Source(title="Report", url="https://example.org/a", quote="They met.")],
        ),
    ).meeting
    got = get_meeting(db, added.id)
    assert got.title == "Lavrov and Fidan meet in Ankara"
    assert [(p.name, p.country, p.role, p.title) for p in got.participants] == [
        ("Sergey Lavrov", "RUS", Role.VISITOR, "Foreign Minister"),
        (None, "TUR", Role.HOST, "Deputy Foreign Minister"),
    ]
    assert got.countries == ["RUS", "TUR"] and got.format == "bilateral"
    assert got.sources[0].quote == "They met." and got.topics == ["Syria crisis"]


def test_the_list_is_newest_first(db):
    add_meeting(db, meeting("Older", "2001-01-01"))
    add_meeting(db, meeting("Newer", "2030-01-01"))
    found = titles(db)
    assert found[0] == "Newer" and found[-1] == "Older"


def test_keyset_pages_cover_every_meeting_once(db):
    for i in range(25):
        add_meeting(db, meeting(f"M{i}", f"2020-01-{i % 28 + 1:02d}"))
    seen, before = [], None
    while rows := page(db, before=before, limit=7):
        seen += [r.id for r in rows]
        before = rows[-1].sort_key
    assert len(seen) == len(set(seen)) == count(db) == 28


def test_a_page_after_a_key_goes_back_towards_newer_meetings(db):
    rows = page(db, limit=3)
    newer = page(db, after=rows[-1].sort_key, limit=2)
    assert [r.id for r in newer] == [r.id for r in rows[:2]]


def test_search_finds_a_person_by_alias_and_without_diacritics(db):
    december = "Defense ministers and intelligence chiefs of Russia, Türkiye and Syria meet"
    assert titles(db, search="Shoygu") == [december]
    assert titles(db, search="akcapar") == ["Deputy foreign ministers of Russia, Türkiye, Syria and Iran meet in Moscow"]
    assert "Putin and Assad meet in Moscow" in titles(db, search="Bashar Assad")
    assert len(titles(db, search="turkiye")) == 2


def test_search_finds_by_a_prefix_as_you_type(db):
    assert titles(db, search="Shoy") == titles(db, search="Shoygu")


@pytest.mark.parametrize("text", ['"', "*", "NEAR(", "AND", "a OR", "-", "^x", "'); DROP TABLE meetings;--", "\x00"])
def test_search_with_fts_syntax_never_fails(db, text):
    page(db, MeetingQuery(search=text))
    count(db, MeetingQuery(search=text))
    assert count(db) == 3


def test_search_with_a_lone_quote_finds_nothing_and_does_not_fail(db):
    assert page(db, MeetingQuery(search='"')) == []


def test_a_new_alias_makes_old_meetings_findable(db):
    fidan = next(p for p in list_people(db) if p.name == "Hakan Fidan")
    assert titles(db, search="Fidanov") == []
    add_alias(db, fidan.id, "Hakan Fidanov")
    assert len(titles(db, search="Fidanov")) == 1


def test_filters_by_country_person_status_level_and_dates(db):
    assert len(titles(db, countries=("IRN",))) == 1
    assert len(titles(db, countries=("TUR", "SYR"))) == 2 and titles(db, countries=("IRN", "SYR", "TUR", "RUS")) == titles(db, countries=("IRN",))
    assert len(titles(db, person="Shoygu")) == 1
    assert len(titles(db, person="nobody at all")) == 0
    assert len(titles(db, status=Status.HELD)) == 1
    assert titles(db, start=day("2023-01-01")) == titles(db, status=Status.ANNOUNCED)
    assert len(titles(db, end=day("2022-12-31"))) == 1
    assert len(titles(db, start=day("2023-03-16"), end=day("2023-03-16"))) == 1  # the 15–16 March meeting overlaps


def test_a_status_change_keeps_the_old_status_and_date_in_history(db):
    m = get_meeting(db, 2)
    m.status = Status.HELD
    m.when = When(day("2023-04-03"), day("2023-04-04"), Precision.DAY, "3-4 April 2023")
    updated = edit_meeting(db, MeetingEdit(2, m)).meeting
    assert updated.status == Status.HELD and updated.when.start == day("2023-04-03")
    [earlier] = updated.history
    assert (earlier.status, earlier.start, earlier.end) == ("announced", "2023-03-15", "2023-03-16")
    assert updated.links[0].other_id == 3, "links survive an edit"


def test_a_change_keeps_the_source_that_reported_it_and_a_change_without_one_says_none(db):
    m = get_meeting(db, 1)
    m.status = Status.POSTPONED
    m.sources.append(Source(title="Assad visit put off", url="https://example.org/put-off", published="2023-03-14T09:00:00", quote="postponed"))
    edit_meeting(db, MeetingEdit(1, m))
    m = get_meeting(db, 1)
    m.status = Status.HELD  # no new source this time
    [postponed, held] = edit_meeting(db, MeetingEdit(1, m)).meeting.history
    assert (postponed.status, postponed.source.url, postponed.source.published) == ("announced", "https://example.org/put-off", "2023-03-14T09:00:00")
    assert (held.status, held.source) == ("postponed", None)
    assert db.execute("SELECT count(*) FROM sources WHERE url = 'https://example.org/put-off'").fetchone()[0] == 1  # stored once


def test_an_edit_that_changes_neither_status_nor_date_adds_no_history(db):
    m = get_meeting(db, 1)
    m.notes = "checked"
    assert edit_meeting(db, MeetingEdit(1, m)).meeting.history == []


def test_undo_reverts_add_edit_and_delete_in_turn(db):
    added = add_meeting(db, meeting()).meeting
    m = get_meeting(db, 2)
    m.status = Status.POSTPONED
    edit_meeting(db, MeetingEdit(2, m))
    delete_meeting(db, 3)
    assert count(db) == 3

    assert "restored" in undo(db).message
    restored = get_meeting(db, 3)
    assert next(p.name for p in restored.participants) == "Sergei Shoigu"
    assert get_meeting(db, 2).links[0].other_id == 3, "the link from meeting 2 is back"

    undo(db)
    assert get_meeting(db, 2).status == Status.ANNOUNCED and get_meeting(db, 2).history == []

    undo(db)
    with pytest.raises(StoreError):
        get_meeting(db, added.id)
    assert count(db) == 3


def test_undo_with_nothing_left_says_so(tmp_path):
    db = open_db(tmp_path / "empty.db")
    with pytest.raises(StoreError, match="nothing to undo"):
        undo(db)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": "  "}, "title"),
        ({"country": "XXX"}, "country"),
        ({"participants": [Participant("A", "ZZZ")]}, "participants"),
        ({"participants": [Participant(None, None)]}, "participants"),
        ({"participants": [Participant("   ", "RUS")]}, "participants"),
        ({"sources": [Source(url="not a url")]}, "source_url"),
        ({"cameo": "abc"}, "cameo"),
    ],
)
def test_invalid_meetings_are_refused_and_nothing_is_stored(db, change, field):
    before = count(db)
    with pytest.raises(ValidationError) as e:
        add_meeting(db, meeting(**{"title": "T", **change}))
    assert e.value.field == field
    assert count(db) == before


def test_an_end_before_the_start_is_refused(db):
    with pytest.raises(ValidationError, match="before the start"):
        add_meeting(db, meeting(start="2023-03-16", end="2023-03-15"))


def test_the_same_person_is_stored_once_whatever_the_spelling(db):
    add_meeting(db, meeting(participants=[Participant("Sergey Shoygu", "RUS", Role.HOST)]))
    shoigus = [p for p in list_people(db) if "Shoigu" in p.name or "Shoygu" in p.name]
    assert [(p.name, p.meeting_count) for p in shoigus] == [("Sergei Shoigu", 2)]


def test_undoing_an_add_forgets_the_people_and_topics_it_brought_in(db):
    added = add_meeting(db, meeting(participants=[Participant("Nobody Before", "TUR")], topics=["A brand new topic"])).meeting
    assert any(p.name == "Nobody Before" for p in list_people(db))
    undo(db)
    assert not any(p.name == "Nobody Before" for p in list_people(db))
    assert "Sergei Shoigu" in {p.name for p in list_people(db)}, "people of other meetings stay"
    assert get_meeting(db, 1).topics, "topics of other meetings stay"
    with pytest.raises(StoreError):
        get_meeting(db, added.id)


def test_redo_puts_back_what_undo_took_away_in_the_order_it_happened(db):
    added = add_meeting(db, meeting(participants=[Participant("Nobody Before", "TUR")], topics=["A brand new topic"])).meeting
    m = get_meeting(db, 2)
    m.status = Status.POSTPONED
    edit_meeting(db, MeetingEdit(2, m))
    delete_meeting(db, 3)
    for _ in range(3):
        undo(db)
    assert count(db) == 3 and get_meeting(db, 2).status == Status.ANNOUNCED

    assert redo(db).message == f"redid the addition of meeting {added.id} (Lavrov and Fidan meet in Ankara)"
    back = get_meeting(db, added.id)
    assert (back.uid, back.topics, [p.name for p in back.participants]) == (added.uid, ["A brand new topic"], ["Nobody Before"])
    assert "redid the edit of meeting 2" in redo(db).message
    assert get_meeting(db, 2).status == Status.POSTPONED and [h.status for h in get_meeting(db, 2).history] == ["announced"]
    assert "deleted meeting 3 again" in redo(db).message
    with pytest.raises(StoreError):
        get_meeting(db, 3)
    with pytest.raises(StoreError, match="nothing to redo"):
        redo(db)
    assert "restored deleted meeting 3" in undo(db).message, "a redone change is undone again"


def test_a_new_change_after_an_undo_ends_its_redo(db):
    add_meeting(db, meeting("First"))
    undo(db)
    add_meeting(db, meeting("Second"))
    with pytest.raises(StoreError, match="nothing to redo"):
        redo(db)
    undo(db)
    assert "Second" in redo(db).message, "the redo is of the change undone after the new one, never of the older"
    assert titles(db, search="First") == []


def test_redo_of_a_meeting_deleted_meanwhile_is_refused_and_changes_nothing(db):
    m = get_meeting(db, 2)
    m.notes = "checked"
    edit_meeting(db, MeetingEdit(2, m))
    undo(db)
    db.execute("DELETE FROM meetings WHERE id = 2")  # another program, outside the change log
    with pytest.raises(StoreError, match="no longer stored"):
        redo(db)
    assert count(db) == 2


def test_meetings_sort_by_a_column_ties_newest_first_and_reverse_whole(db):
    from tracker.store.queries import MeetingOrder, MeetingQuery, rows_of, sorted_ids

    levels = [r.level for r in rows_of(db, sorted_ids(db, MeetingQuery(), MeetingOrder("level")))]
    assert levels == ["summit", "ministerial", "deputy_ministerial"]
    places = [r.city for r in rows_of(db, sorted_ids(db, MeetingQuery(), MeetingOrder("place")))]
    assert places[-1] is None  # a meeting with no place comes last, not first
    assert sorted_ids(db, MeetingQuery(), MeetingOrder("level", reversed=True)) == sorted_ids(db, MeetingQuery(), MeetingOrder("level"))[::-1]
    assert sorted_ids(db, MeetingQuery(countries=("IRN",)), MeetingOrder("title")) == [2]
    assert sorted_ids(db, MeetingQuery(search="nothingmatchesthis"), MeetingOrder("title")) == []


def test_a_sort_over_more_meetings_than_the_bound_is_refused_not_truncated(db, monkeypatch):
    from tracker.store.queries import MeetingOrder, MeetingQuery, sorted_ids

    monkeypatch.setattr("tracker.store.queries.SORTABLE", 2)
    assert sorted_ids(db, MeetingQuery(), MeetingOrder("title")) is None
    assert len(sorted_ids(db, MeetingQuery(countries=("IRN",)), MeetingOrder("title"))) == 1


def test_check_meeting_returns_every_problem_and_the_store_refuses_with_all_of_them(db):
    from tracker.store.meetings import Problem, check_meeting

    bad = meeting(
        title="",
        cameo="42x",
        participants=[Participant(name=None, country=None), Participant(name="Hakan Fidan", country="XXX")],
        sources=[Source(url="https://example.org/a"), Source(url="example.org/b")],
    )
    problems = check_meeting(bad, {"TUR"})
    assert [(p.field, p.index, p.part) for p in problems] == [
        ("title", None, None),
        ("participants", 0, "name"),
        ("participants", 1, "country"),
        ("source_url", 1, None),
        ("cameo", None, None),
    ]
    assert problems[0] == Problem("title", "a title is required")
    with pytest.raises(ValidationError) as refused:
        add_meeting(db, bad)
    assert refused.value.field == "title" and refused.value.problems == problems
    assert str(refused.value).startswith("a title is required; a participant needs a name, or a country for an unnamed delegation; unknown country code 'XXX'")
    assert check_meeting(meeting(participants=[Participant(name="Hakan Fidan", country="TUR")]), {"TUR"}) == []
