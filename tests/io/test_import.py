"""Importing twice adds nothing; a dry run changes nothing; a bad row stops all of it, by line."""

from __future__ import annotations

import json

import pytest

from tests.io.test_round_trip import add_hostile_meeting


@pytest.fixture
def exported(run, tmp_path):
    source = str(tmp_path / "source.db")
    add_hostile_meeting(run, source)
    path = tmp_path / "meetings.jsonl"
    run("--db", source, "export", "--format", "jsonl", "--output", str(path))
    return path


def count(run, db) -> int:
    return len(json.loads(run("--db", db, "list", "--json")[1]))


def test_importing_the_same_file_twice_adds_nothing(run, tmp_path, exported):
    db = str(tmp_path / "target.db")
    assert "1 added, 0 updated, 3 already there" in run("--db", db, "import", str(exported))[1]
    assert "0 added, 0 updated, 4 already there" in run("--db", db, "import", str(exported))[1]
    assert count(run, db) == 4


def test_a_dry_run_says_what_would_be_added_and_changes_nothing(run, tmp_path, exported):
    db = str(tmp_path / "target.db")
    code, out, _ = run("--db", db, "import", str(exported), "--dry-run")
    assert code == 0
    assert "1 would be added" in out and "nothing was changed" in out
    assert count(run, db) == 3
    assert "nothing to undo" in run("--db", db, "undo")[2]  # no import happened; the seed is nobody's to undo unasked
    assert count(run, db) == 3


def test_a_changed_meeting_is_updated_with_its_old_status_kept_in_history(run, tmp_path, exported):
    db = str(tmp_path / "target.db")
    run("--db", db, "import", str(exported))
    lines = exported.read_text(encoding="utf-8").splitlines()
    changed = [json.loads(line) for line in lines]
    next(m for m in changed if not m["uid"].startswith("seed-"))["status"] = "cancelled"
    exported.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in changed) + "\n", encoding="utf-8")

    _, out, _ = run("--db", db, "import", str(exported), "--dry-run")
    assert "0 would be added, 1 would be updated" in out and "'held' -> 'cancelled'" in out
    _code, out, _ = run("--db", db, "import", str(exported))
    assert "0 added, 1 updated, 3 already there" in out
    stored = json.loads(run("--db", db, "show", "4", "--json")[1])
    assert stored["status"] == "cancelled" and stored["history"][-1]["status"] == "held"

    assert "undid the import of 0 meetings and its changes to 1" in run("--db", db, "undo")[1]
    assert json.loads(run("--db", db, "show", "4", "--json")[1])["status"] == "held"


def test_undo_takes_back_a_whole_import(run, tmp_path, exported):
    db = str(tmp_path / "target.db")
    run("--db", db, "import", str(exported))
    assert "undid the import of 1 meetings" in run("--db", db, "undo")[1]
    assert count(run, db) == 3


@pytest.mark.parametrize(
    "fmt, bad, message",
    [
        ("jsonl", '{"title": "x", "start": "2023-13-45"}', "line 3: start '2023-13-45' is not a date written YYYY-MM-DD"),
        ("jsonl", '{"title": "x", "start": "2023-01-01", "status": "hled"}', "line 3: status 'hled' is not one of proposed"),
        ("jsonl", '{"title": "x", "start": "2023-01-01", "participants": [{"country": "XXX"}]}', "line 3: participants: unknown country code 'XXX'"),
        ("jsonl", "{not json", "line 3: not JSON"),
        ("json", '{"title": "x"}', "line 4: the field 'start' is missing"),
        ("csv", "x,y", "line 5: 2 cells where the header has"),
    ],
)
def test_a_bad_row_is_reported_by_its_line_and_nothing_lands(run, tmp_path, fmt, bad, message):
    good = [{"title": f"Meeting {i}", "start": "2023-01-0" + str(i), "uid": f"good-{i}"} for i in (1, 2)]
    path = tmp_path / f"bad.{fmt}"
    if fmt == "jsonl":
        path.write_text("\n".join([*(json.dumps(m) for m in good), bad]) + "\n", encoding="utf-8")
    elif fmt == "json":
        path.write_text('{"version": 1, "meetings": [\n' + ",\n".join([*(json.dumps(m) for m in good), bad]) + "\n]}\n", encoding="utf-8")
    else:
        path.write_text('uid,title,start\ngood-1,Meeting 1,2023-01-01\ngood-2,"Meeting\n2",2023-01-02\n' + bad + "\n", encoding="utf-8")
    db = str(tmp_path / "target.db")
    code, out, err = run("--db", db, "import", str(path))
    assert code == 1 and out == ""
    assert err.startswith("Error: " + message), err
    assert "\n" not in err.strip() and "Traceback" not in err
    assert count(run, db) == 3


def test_a_file_in_no_known_format_is_refused_with_the_formats_accepted(run, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    code, _, err = run("--db", str(tmp_path / "t.db"), "import", str(path))
    assert code == 1 and "give --format, one of json, jsonl, csv, icews, gdelt" in err


def test_an_undone_import_says_it_has_no_redo_and_the_redo_of_a_later_change_survives_it(run, tmp_path, exported):
    db = str(tmp_path / "target.db")
    run("--db", db, "import", str(exported))
    run("--db", db, "add", "--title", "After the import", "--when", "2024")
    run("--db", db, "undo")
    assert "(no redo: import the file again)" in run("--db", db, "undo")[1]
    assert count(run, db) == 3
    assert "redid the addition" in run("--db", db, "redo")[1]
    code, _, err = run("--db", db, "redo")
    assert code != 0 and "nothing to redo" in err
    assert count(run, db) == 4
