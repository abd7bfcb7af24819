"""A big import plans in a second process: it stores what an import in one process stores.

The size from which a second process is used is lowered so that small files take that path.
"""

from __future__ import annotations

import json
import random

import pytest

from tests.io.conftest import meetings_of
from tests.io.test_round_trip import add_hostile_meeting
from tracker.actions.meetings import add_meeting
from tracker.countries import fold
from tracker.io import importing
from tracker.io.importing import import_file
from tracker.model import Meeting
from tracker.store.db import StoreError, open_db
from tracker.store.meetings import add_alias
from tracker.store.search import fold_fast as fold_part


@pytest.fixture(params=["one process", "two processes"])
def processes(request, monkeypatch):
    if request.param == "two processes":
        monkeypatch.setattr(importing, "TWO_PROCESSES_FROM", 0)
    return request.param


def generated(path, n: int, **changes) -> list[dict]:
    import datetime as dt

    rng = random.Random(n)
    found = []
    for i in range(n):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        found.append(
            {
                "uid": f"gen-{i}",
                "title": f"Çavuşoğlu meets Lavrov {i}",
                "start": day.isoformat(),
                "status": "held",
                "city": "İstanbul",
                "participants": [
                    {"name": "Mevlüt Çavuşoğlu", "country": "TUR", "role": "host"},
                    {"name": "Sergey Lavrov", "country": "RUS", "role": "visitor"},
                ],
                "topics": ["Türkiye–Syria normalization"],
                "sources": [{"title": "talks", "url": f"https://example.org/{i // 2}", "quote": "they met"}],
            }
            | changes
        )
    path.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in found), encoding="utf-8")
    return found


def search_bodies(db) -> dict[str, str]:
    return dict(db.execute("SELECT uid, search_text FROM meetings").fetchall())


def test_an_import_stores_what_adding_the_meetings_one_by_one_stores(tmp_path, processes):
    path = tmp_path / "m.jsonl"
    records = generated(path, 300)
    one_by_one = open_db(tmp_path / "one.db")
    for d in records:
        add_meeting(one_by_one, Meeting.from_dict(d))
    imported = open_db(tmp_path / "imported.db")
    result = import_file(imported, str(path))
    assert result.report.added == 300
    assert search_bodies(imported) == search_bodies(one_by_one)
    terms = "SELECT term FROM search_terms ORDER BY term"
    assert imported.execute(terms).fetchall() == one_by_one.execute(terms).fetchall(), "prefixes expand to the same words"
    count = "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM sources), (SELECT count(*) FROM topics), (SELECT count(*) FROM participants)"
    assert imported.execute(count).fetchone() == one_by_one.execute(count).fetchone() == (2, 150, 1, 600)


def test_imported_meetings_are_found_by_an_alias_known_before_the_import(tmp_path, processes):
    db = open_db(tmp_path / "t.db")
    db.execute("INSERT INTO people (name, folded, country) VALUES ('Mevlüt Çavuşoğlu', ?, 'TUR')", [fold("Mevlüt Çavuşoğlu")])
    add_alias(db, 1, "Cavusoglu Mevlut")
    path = tmp_path / "m.jsonl"
    generated(path, 5)
    import_file(db, str(path))
    assert all("cavusoglu mevlut" in body for body in search_bodies(db).values())


def test_twice_the_same_import_adds_nothing_and_a_change_is_an_update(tmp_path, processes):
    db = open_db(tmp_path / "t.db")
    path = tmp_path / "m.jsonl"
    generated(path, 50)
    assert import_file(db, str(path)).report.added == 50
    again = import_file(db, str(path)).report
    assert (again.added, again.updated, again.unchanged) == (0, 0, 50)
    generated(path, 50, status="cancelled")
    changed = import_file(db, str(path)).report
    assert (changed.added, changed.updated) == (0, 50)
    assert db.execute("SELECT count(*) FROM history WHERE status = 'held'").fetchone()[0] == 50


def test_a_uid_twice_in_the_file_is_refused_by_its_lines(tmp_path, processes):
    db = open_db(tmp_path / "t.db")
    path = tmp_path / "m.jsonl"
    records = generated(path, 40)
    records[30]["uid"] = records[7]["uid"]
    path.write_text("".join(json.dumps(m) + "\n" for m in records), encoding="utf-8")
    with pytest.raises(StoreError, match=r"line (31|8): uid 'gen-7' appears twice in the file \(also at line (8|31)\)"):
        import_file(db, str(path))
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0


def test_a_bad_line_lands_nothing_and_the_database_keeps_its_foreign_keys(tmp_path, processes):
    db = open_db(tmp_path / "t.db")
    path = tmp_path / "m.jsonl"
    generated(path, 30)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"title": "x", "start": "2023-01-01", "participants": [{"country": "XXX"}]}\n')
    with pytest.raises(StoreError, match="line 31: participants: unknown country code 'XXX'"):
        import_file(db, str(path))
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_export_then_import_in_two_processes_gives_the_same_meetings(run, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "TWO_PROCESSES_FROM", 0)
    source = str(tmp_path / "source.db")
    add_hostile_meeting(run, source)
    exported = tmp_path / "export.jsonl"
    run("--db", source, "export", "--format", "jsonl", "--output", str(exported))
    target = str(tmp_path / "target.db")
    assert run("--db", target, "import", str(exported))[0] == 0
    assert meetings_of(run("--db", target, "export")[1]) == meetings_of(run("--db", source, "export")[1])


@pytest.mark.parametrize("text", ["Türkiye–Syria", "İstanbul ıI", "Straße ẞ", "ΟΔΟΣ", "ﬁnal ½ ①", "e\u0301te", "وزير الخارجية", "Ǆ"])
def test_folding_a_character_at_a_time_gives_what_folding_the_whole_gives(text):
    assert fold_part(text) == fold(text)
