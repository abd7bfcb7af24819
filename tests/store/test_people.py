"""People: found by name, alias or id; an alias, a merge, a country, each undone and redone."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.actions.meetings import add_meeting
from tracker.actions.people import add_person_alias, change_person_country, merge_people
from tracker.actions.undo import redo, undo
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.store.completion import people_matching
from tracker.store.db import StoreError
from tracker.store.people import find_person, get_person, list_people, person_id_for
from tracker.store.queries import MeetingQuery, count, page


def meeting(title: str, day: str, *participants: Participant) -> Meeting:
    d = dt.date.fromisoformat(day)
    return Meeting(title=title, when=When(d, d, Precision.DAY, day), status=Status.HELD, participants=list(participants))


@pytest.fixture
def two_lavrovs(db):
    """Lavrov twice, as two imports spelled him: one meeting each."""
    add_meeting(
        db, meeting("Lavrov meets Fidan", "2023-04-05", Participant("Sergey Lavrov", "RUS", Role.VISITOR), Participant("Hakan Fidan", "TUR", Role.HOST))
    )
    add_meeting(db, meeting("Lavrov in Moscow", "2023-05-01", Participant("Sergei Lavrov", "RUS", Role.HOST)))
    return find_person(db, "Sergei Lavrov"), find_person(db, "Sergey Lavrov")


def titles(db, **query) -> list[str]:
    return [r.title for r in page(db, MeetingQuery(**query))]


def test_a_person_is_found_by_name_alias_id_or_a_word_of_their_name(db):
    shoigu = find_person(db, "Sergei Shoigu")
    assert find_person(db, "shoygu").id == shoigu.id  # an alias, any case
    assert find_person(db, str(shoigu.id)).name == "Sergei Shoigu"
    assert find_person(db, "Akcapar").name == "Burak Akçapar"  # a word, diacritics-blind


def test_an_ambiguous_name_lists_the_candidates_and_an_unknown_one_says_so(db, two_lavrovs):
    kept, other = two_lavrovs
    with pytest.raises(
        StoreError, match=rf"'Lavrov' could be any of 2 people: {other.id} Sergey Lavrov \(RUS\); {kept.id} Sergei Lavrov \(RUS\); name one by its id"
    ):
        find_person(db, "Lavrov")
    with pytest.raises(StoreError, match="nobody is called 'Blinken'"):
        find_person(db, "Blinken")
    with pytest.raises(StoreError, match="no person with id 999"):
        find_person(db, "999")


def test_merging_moves_the_meetings_and_makes_the_other_names_aliases(db, two_lavrovs):
    kept, other = two_lavrovs
    add_person_alias(db, other.id, "S. V. Lavrov")
    merge_people(db, kept.id, other.id)
    merged = get_person(db, kept.id)
    assert merged.aliases == ["S. V. Lavrov", "Sergey Lavrov"]
    assert [p.name for p in list_people(db, search="Lavrov")] == ["Sergei Lavrov"]
    assert titles(db, person_id=kept.id) == ["Lavrov in Moscow", "Lavrov meets Fidan"]
    assert titles(db, search="Sergey Lavrov") == ["Lavrov in Moscow", "Lavrov meets Fidan"]  # the old spelling finds both
    assert titles(db, search="S. V. Lavrov") == ["Lavrov in Moscow", "Lavrov meets Fidan"]
    assert find_person(db, "Sergey Lavrov").id == kept.id
    assert people_matching(db, "Sergey Lav")[0].name == "Sergei Lavrov"
    # A new meeting written with the old spelling lands on the kept person.
    assert person_id_for(db, "Sergey Lavrov", "RUS") == kept.id
    with pytest.raises(StoreError, match="no person with id"):
        get_person(db, other.id)


def test_undo_of_a_merge_puts_both_people_back_and_redo_merges_again(db, two_lavrovs):
    kept, other = two_lavrovs
    merge_people(db, kept.id, other.id)
    assert undo(db).message == f"undid the merge of Sergey Lavrov (id {other.id}) into Sergei Lavrov"
    assert get_person(db, other.id).name == "Sergey Lavrov" and get_person(db, kept.id).aliases == []
    assert titles(db, person_id=kept.id) == ["Lavrov in Moscow"]
    assert titles(db, person_id=other.id) == ["Lavrov meets Fidan"]
    assert titles(db, search="Sergey Lavrov") == ["Lavrov meets Fidan"]  # the search text is back too
    assert redo(db).message.startswith("redid the merge of Sergey Lavrov")
    assert titles(db, person_id=kept.id) == ["Lavrov in Moscow", "Lavrov meets Fidan"]
    assert count(db, MeetingQuery(person_id=other.id)) == 0


def test_merging_a_person_with_themselves_is_refused(db, two_lavrovs):
    kept, _ = two_lavrovs
    with pytest.raises(StoreError, match="the same person twice"):
        merge_people(db, kept.id, kept.id)


def test_the_kept_person_takes_the_country_only_when_it_has_none(db):
    add_meeting(
        db, meeting("Envoys meet", "2023-06-01", Participant("Alexander Lavrentiev", None, Role.HOST), Participant("A. Lavrentiev", "RUS", Role.MEMBER))
    )
    kept, other = find_person(db, "Alexander Lavrentiev"), find_person(db, "A. Lavrentiev")
    merge_people(db, kept.id, other.id)
    assert get_person(db, kept.id).country == "RUS"


def test_an_alias_finds_old_meetings_and_undo_takes_it_away(db):
    fidan = find_person(db, "Hakan Fidan")
    assert add_person_alias(db, fidan.id, "  Hakan   Fidanov ") == "Hakan Fidan is also known as 'Hakan Fidanov' now"
    assert len(titles(db, search="Fidanov")) == 1 and find_person(db, "fidanov").id == fidan.id
    assert undo(db).message == "undid the alias 'Hakan Fidanov' of Hakan Fidan"
    assert titles(db, search="Fidanov") == [] and get_person(db, fidan.id).aliases == []


def test_an_alias_that_is_someone_elses_name_or_already_known_is_refused(db):
    fidan = find_person(db, "Hakan Fidan")
    with pytest.raises(StoreError, match="'Hulusi Akar' is already Hulusi Akar"):
        add_person_alias(db, fidan.id, "Hulusi Akar")
    with pytest.raises(StoreError, match="already known as"):
        add_person_alias(db, find_person(db, "Shoigu").id, "shoygu")
    with pytest.raises(StoreError, match="cannot be empty"):
        add_person_alias(db, fidan.id, "   ")


def test_a_country_is_corrected_by_name_or_code_and_undone(db):
    akar = find_person(db, "Hulusi Akar")
    assert change_person_country(db, akar.id, "Syria") == "Hulusi Akar's country is SYR now (was TUR)"
    assert get_person(db, akar.id).country == "SYR"
    # The meeting keeps the country he was listed under then.
    assert count(db, MeetingQuery(countries=("TUR",), person_id=akar.id)) == 1
    assert undo(db).message == "undid the country of Hulusi Akar (TUR → SYR)"
    assert get_person(db, akar.id).country == "TUR"
    with pytest.raises(StoreError, match="unknown country 'Narnia'"):
        change_person_country(db, akar.id, "Narnia")
    with pytest.raises(StoreError, match="TUR already"):
        change_person_country(db, akar.id, "tur")


def test_a_name_that_fits_the_kept_person_and_another_means_the_other(db, two_lavrovs):
    kept, other = two_lavrovs
    assert find_person(db, "Lavrov", besides=kept.id).id == other.id
    with pytest.raises(StoreError, match=r"is Sergei Lavrov .* itself"):
        find_person(db, "Sergei Lavrov", besides=kept.id)


def test_undo_of_a_merge_refuses_to_write_over_a_person_given_the_old_id_since(db, two_lavrovs):
    kept, other = two_lavrovs
    merge_people(db, kept.id, other.id)
    # tracker never gives an id twice (store.ids); the sqlite3 shell can.
    db.execute("INSERT INTO people (id, name, folded, country) VALUES (?, 'Antony Blinken', 'antony blinken', 'USA')", [other.id])
    with pytest.raises(StoreError, match=r"cannot undo the merge of Sergey Lavrov .* those people were changed since; nothing was changed"):
        undo(db)
    assert get_person(db, other.id).name == "Antony Blinken" and titles(db, person_id=kept.id) == ["Lavrov in Moscow", "Lavrov meets Fidan"]
