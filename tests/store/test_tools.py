"""The file as the tools around it open it: Datasette, sqlite-utils, the sqlite3 shell."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from tracker.store.consistency import check, open_refolded
from tracker.store.db import open_db
from tracker.store.queries import MeetingQuery, page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def found(db, text: str) -> list[int]:
    return [r.id for r in page(db, MeetingQuery(search=text))]


def outside(path: Path) -> sqlite3.Connection:
    """A connection as the sqlite3 shell or Datasette opens one: foreign keys off, none of tracker's functions."""
    return sqlite3.connect(path, isolation_level=None)


def path_of(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def test_sqlite_utils_finds_the_index_of_meetings_and_searches_by_alias(db):
    path = path_of(db)
    plain = sqlite_utils.Database(path)
    assert plain["meetings"].detect_fts() == "meetings_fts"
    assert [r["id"] for r in plain["meetings"].search("Shoygu")] == [3]
    done = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(path), "meetings", "Shoygu", "-c", "id", "-c", "title"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in json.loads(done.stdout)] == [3]


def test_joining_the_index_on_the_meeting_id_finds_the_meeting(db):
    rows = db.execute("SELECT m.id FROM meetings_fts f JOIN meetings m ON m.id = f.rowid WHERE meetings_fts MATCH 'akcapar'").fetchall()
    assert rows == [(2,)]


async def test_datasette_searches_meetings_and_shows_a_search_box(db):
    import datasette.app as datasette  # a test dependency (pyproject.toml): missing, the test fails

    path = path_of(db)
    db.close()
    ds = datasette.Datasette([str(path)])
    page_ = await ds.client.get("/t/meetings.json?_search=Shoygu&_shape=array")
    assert page_.status_code == 200
    assert [r["id"] for r in page_.json()] == [3]
    html = (await ds.client.get("/t/meetings")).text
    assert 'name="_search"' in html
    flat = (await ds.client.get("/t/meetings_flat.json?_shape=array&_sort=id")).json()
    assert [r["id"] for r in flat] == [1, 2, 3]
    assert json.loads(flat[2]["countries"]) == ["RUS", "SYR", "TUR"]
    assert flat[1]["format"] == "quadrilateral"


def test_the_flat_view_has_a_meetings_countries_and_participants(db):
    row = db.execute("SELECT countries, people, participants, format FROM meetings_flat WHERE id = 1").fetchone()
    assert json.loads(row[0]) == ["RUS", "SYR"]
    assert json.loads(row[1]) == ["Bashar al-Assad", "Vladimir Putin"]
    assert row[2].startswith("Vladimir Putin (RUS), host")
    assert row[3] == "bilateral"


def test_edits_in_the_sqlite3_shell_keep_search_and_rows_consistent(db):
    path = path_of(db)
    shell = outside(path)
    shell.execute("UPDATE meetings SET title = 'Putin and Assad meet in Samarkand' WHERE id = 1")
    shell.execute("UPDATE people SET name = 'Wladimir Putin' WHERE name = 'Vladimir Putin'")
    shell.execute("INSERT INTO aliases (person_id, alias, folded) SELECT id, 'Ali Abbas', 'ali abbas' FROM people WHERE name = 'Ali Mahmoud Abbas'")
    shell.execute("DELETE FROM meetings WHERE id = 2")
    shell.execute("UPDATE meetings SET start = '2021-12-28', \"end\" = '2021-12-28' WHERE id = 3")
    shell.execute("UPDATE participants SET country = 'IRN' WHERE meeting_id = 1 AND position = 1")
    shell.close()
    # Before tracker reopens the file: the indexes already follow.
    plain = sqlite_utils.Database(path)
    assert [r["id"] for r in plain["meetings"].search("Samarkand")] == [1]
    assert [r["id"] for r in plain["meetings"].search("Wladimir")] == [1]
    assert found(db, "Samarkand") == [1]
    assert found(db, "Ali Abbas") == [3]
    assert found(db, "Akcapar") == []
    for table in ("participants", "meeting_countries", "evidence", "links", "meeting_topics"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE meeting_id = 2").fetchone()[0] == 0, table
    assert db.execute("SELECT count(*) FROM links WHERE other_id = 2").fetchone()[0] == 0
    assert [r.id for r in page(db)] == [1, 3], "the moved meeting is in date order"
    assert [r.id for r in page(db, MeetingQuery(countries=("IRN",)))] == [1]
    assert [r.id for r in page(db, MeetingQuery(countries=("SYR",)))] == [3]
    db.close()
    reopened = open_refolded(path)
    assert reopened.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0
    assert found(reopened, "Wladim") == [1], "refolded on open: the new word is a known term, prefixes find it"
    assert check(reopened) == []


def test_a_person_in_meetings_cannot_be_deleted_outside_tracker(db):
    shell = outside(path_of(db))
    with pytest.raises(sqlite3.IntegrityError, match="takes part in meetings"):
        shell.execute("DELETE FROM people WHERE name = 'Vladimir Putin'")


def test_tracker_check_reports_and_repairs_what_edits_without_triggers_left(db, tracker):
    path = path_of(db)
    db.close()
    shell = outside(path)
    shell.execute("DROP TRIGGER meetings_outside_delete")
    shell.execute("DROP TRIGGER meetings_outside_text")
    shell.execute("DELETE FROM meetings WHERE id = 2")
    shell.execute("UPDATE meetings SET title = 'Putin and Assad meet in Samarkand' WHERE id = 1")
    shell.execute("DROP TRIGGER meetings_index_update")
    shell.execute("UPDATE meetings SET search_text = NULL WHERE id = 3")
    shell.close()
    code, out, err = tracker("check", db=path)
    assert code == 1
    assert "triggers missing" in out and "participants rows of no meeting" in out and "search text is out of date" in out
    assert "--repair" in err
    code, out, _ = tracker("check", "--repair", db=path)
    assert code == 0 and "(repaired)" in out
    code, out, _ = tracker("check", db=path)
    assert (code, out.strip()) == (0, "the database is consistent")
    repaired = open_db(path)
    assert found(repaired, "Samarkand") == [1]
    assert found(repaired, "Shoygu") == [3]
    assert [r["id"] for r in sqlite_utils.Database(path)["meetings"].search("Shoygu")] == [3]


def test_a_database_of_schema_1_is_migrated_when_opened(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-v1.db", path)
    db = open_db(path)
    assert (tmp_path / "old.db.v1.bak").exists()
    assert found(db, "Lavrov") == [4]
    assert found(db, "Shoygu") == [3]
    assert sqlite_utils.Database(path)["meetings"].detect_fts() == "meetings_fts"
    assert sorted(r["id"] for r in sqlite_utils.Database(path)["meetings"].search("Fidan")) == [3, 4]
    assert check(db) == []


async def test_the_facets_the_readme_suggests_work_in_datasette(db):
    import datasette.app as datasette  # a test dependency (pyproject.toml): missing, the test fails

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    metadata = json.loads(readme.split("Facets that make sense on this data go in `metadata.json`:\n\n```json\n")[1].split("```")[0])
    path = path_of(db)
    db.close()
    tables = metadata["databases"].pop("tracker")
    metadata["databases"][path.stem] = tables
    ds = datasette.Datasette([str(path)], metadata=metadata)
    flat = (await ds.client.get(f"/{path.stem}/meetings_flat.json?_extra=facet_results")).json()
    facets = flat.get("facet_results", {})
    facets = facets.get("results", facets)
    countries = {f["value"]: f["count"] for f in facets["countries"]["results"]}
    assert countries["SYR"] == 3 and countries["IRN"] == 1
    assert {f["value"] for f in facets["format"]["results"]} == {"bilateral", "trilateral", "quadrilateral"}
    tables = [t["name"] for t in (await ds.client.get(f"/{path.stem}.json")).json()["tables"] if not t["hidden"]]
    assert "meetings" in tables and "search_terms" not in tables and "meetings_fts" not in tables
    meetings = (await ds.client.get(f"/{path.stem}/meetings.json?_shape=objects")).json()
    assert [r["id"] for r in meetings["rows"]][-1] == 3, "newest first"


def test_an_import_leaves_the_triggers_and_fills_both_indexes(db, tmp_path):
    from tracker.actions.undo import undo
    from tracker.io.importing import import_file

    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    before = db.execute(triggers).fetchall()
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "title": f"Çavuşoğlu meets Lavrov {i}",
                    "start": f"2023-0{i}-01",
                    "status": "held",
                    "participants": [{"name": "Sergey Lavrov", "country": "RUS", "role": "visitor"}],
                },
                ensure_ascii=False,
            )
            + "\n"
            for i in (1, 2)
        ),
        encoding="utf-8",
    )
    import_file(db, str(path))
    assert db.execute(triggers).fetchall() == before
    plain = sqlite_utils.Database(path_of(db))
    assert sorted(r["title"] for r in plain["meetings"].search("cavusoglu")) == ["Çavuşoğlu meets Lavrov 1", "Çavuşoğlu meets Lavrov 2"]
    assert len(found(db, "Cavus")) == 2
    assert check(db) == []
    undo(db)
    assert list(plain["meetings"].search("cavusoglu")) == [] and found(db, "Cavus") == []
    assert check(db) == []


def test_a_meeting_added_in_the_sqlite3_shell_is_in_date_order_and_found(db):
    shell = outside(path_of(db))
    shell.execute(
        """INSERT INTO meetings (uid, title, status, start, "end", precision, when_text, sort_key, created, updated)
        VALUES ('by-hand', 'Fidan meets Lavrov in Antalya', 'held', '2023-01-05', '2023-01-05', 'day', '5 January 2023', -1, '2023-01-06', '2023-01-06')"""
    )
    shell.close()
    assert found(db, "Antalya") == [4]
    assert [r.id for r in page(db)] == [2, 1, 4, 3]
    assert [r["id"] for r in sqlite_utils.Database(path_of(db))["meetings"].search("Antalya")] == [4]


def test_a_status_changed_in_the_sqlite3_shell_keeps_the_old_one_in_the_history(db):
    from tracker.store.meetings import get_meeting

    shell = outside(path_of(db))
    shell.execute("UPDATE meetings SET updated = '2000-01-01T00:00:00' WHERE id = 1")
    shell.execute("UPDATE meetings SET status = 'postponed' WHERE id = 1")
    shell.close()
    after = get_meeting(db, 1)
    assert after.status == "postponed"
    assert [(h.status, h.start) for h in after.history] == [("announced", "2023-03-15")]
    assert after.updated > "2000-01-01T00:00:00", "a subscribed calendar sees the change"


def test_opening_while_another_writer_holds_the_file_does_not_wait_to_refold(db):
    import time

    path = path_of(db)
    shell = outside(path)
    shell.execute("UPDATE meetings SET title = 'Putin and Assad meet in Samarkand' WHERE id = 1")
    shell.execute("BEGIN IMMEDIATE")  # an import, say, holding the write lock
    start = time.monotonic()
    opened = open_refolded(path)
    assert time.monotonic() - start < 2
    assert found(opened, "Samarkand") == [1], "found before it is refolded"
    shell.execute("ROLLBACK")
    shell.close()
    assert opened.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 1
    assert open_refolded(path).execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0
