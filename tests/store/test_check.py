"""tracker check tells the truth: tracker's own writes are in step, a damaged file is damaged."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import real_sample
from tracker.actions.meetings import MeetingEdit, edit_meeting
from tracker.actions.people import add_person_alias
from tracker.store.consistency import check
from tracker.store.meetings import get_meeting
from tracker.store.people import find_person
from tracker.store.queries import MeetingQuery, page

ICEWS = real_sample("icews-events-2018-06-sample.tab")


def path_of(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def found(db, text: str) -> list[int]:
    return [r.id for r in page(db, MeetingQuery(search=text))]


@pytest.mark.parametrize(
    "args",
    [
        ["--city", "Moscow "],
        ["--title", "Lavrov meets Fidan "],
        ["--title", "Lavrov meets\rFidan"],
        ["--topic", "energy\u2028gas"],
        ["--topic", "gas "],
        ["--venue", "\u2029Kremlin"],
        ["--participant", "Erdogan |TUR"],  # an alias of a seeded person, written otherwise
        ["--summary", "first\r\nsecond\u2028third\rfourth"],
    ],
)
def test_check_is_clean_right_after_tracker_add(tracker, args):
    code, _, err = tracker("add", "--new", "--title", "Talks", "--when", "15 March 2023", *args)
    assert code == 0, err
    assert tracker("check") == (0, "the database is consistent\n", "")


def test_text_is_normalized_where_it_is_written(tracker):
    code, out, err = tracker(
        "add", "--json", "--new", "--title", " Talks\r\nin Sochi ", "--when", "15 March 2023", "--city", "Sochi\u2028", "--venue", "  ",
        "--topic", "gas\u2029", "--topic", " gas", "--summary", "one\r\ntwo\rthree\u2028four\u2029five", "--quote", "a\r\nb",
        "--participant", " Vladimir Putin\r|RUS|host| President ",
    )  # fmt: skip
    assert code == 0, err

    m = json.loads(out)
    assert (m["title"], m["city"], m["venue"], m["topics"]) == ("Talks in Sochi", "Sochi", None, ["gas"])
    assert m["summary"] == "one\ntwo\nthree\nfour\nfive" and m["sources"][0]["quote"] == "a\nb"
    assert m["participants"][0]["name"] == "Vladimir Putin" and m["participants"][0]["title"] == "President"


def test_an_edit_and_an_alias_keep_check_clean(db):
    m = get_meeting(db, 1)
    m.city, m.topics = "Astana \r", [*m.topics, "security\u2028 "]
    edit_meeting(db, MeetingEdit(1, m))
    add_person_alias(db, find_person(db, "Fidan").id, "  Hakan\u2028Fidan Bey ")
    assert check(db) == []
    assert found(db, "Bey") != []


def test_an_alias_an_import_gives_reindexes_the_persons_earlier_meetings(tracker):
    code, _, err = tracker("import", ICEWS, "--format", "icews")
    assert code == 0, err
    # The import gave Sergei Shoygu (seeded, in meeting 3) the ICEWS spelling with his patronymic.
    code, out, _ = tracker("person", "show", "Shoygu")
    assert "Kuzhugetovich" in out
    code, out, _ = tracker("list", "--search", "Kuzhugetovich", "--json")

    assert 3 in [m["id"] for m in json.loads(out)]
    assert tracker("check") == (0, "the database is consistent\n", "")


def _damaged_copy(db, tmp_path: Path) -> Path:
    """A copy of the database with one of its table pages overwritten by garbage, as a disk or a bad copy leaves it."""
    source = path_of(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    copy = tmp_path / "damaged.db"
    shutil.copy(source, copy)
    probe = sqlite3.connect(copy)
    page_size = probe.execute("PRAGMA page_size").fetchone()[0]
    root = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meetings'").fetchone()[0]
    probe.close()
    with open(copy, "r+b") as f:  # every connection is closed: this is the file as it stays
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xde\xad\xbe\xef" * (page_size // 8))
    return copy


def test_a_damaged_file_is_never_called_consistent(db, tmp_path, tracker):
    copy = _damaged_copy(db, tmp_path)
    code, out, err = tracker("check", db=copy)
    assert code == 2, (out, err)
    assert "consistent" not in out
    first, *details = out.splitlines()
    assert first.startswith("the database file is damaged: SQLite's quick_check")
    assert details and ".recover" in details[-1]
    code, out, _ = tracker("check", "--repair", db=copy)
    assert code == 2 and "(repaired)" not in out, "a damaged file is not written to"
    code, out, _ = tracker("check", "--thorough", db=copy)
    assert code == 2 and "integrity_check" in out.splitlines()[0]


def test_unknown_country_codes_are_reported(db, tracker):
    path = path_of(db)
    db.close()
    shell = sqlite3.connect(path, isolation_level=None)  # as the sqlite3 shell: foreign keys off
    shell.execute("UPDATE meetings SET country = 'XXA' WHERE id = 1")
    shell.execute("UPDATE people SET country = 'ZZZ' WHERE id = (SELECT min(id) FROM people)")
    shell.close()
    code, out, err = tracker("check", db=path)
    assert code == 1
    assert "rows naming a country code that is not among the countries: 2" in out
    assert "XXA, ZZZ" in out and "meeting 1" in out
    assert "--repair" not in err, "nothing --repair could do: the details say what to do"


def test_a_dangling_reference_foreign_key_check_finds_is_reported(db, tracker):
    path = path_of(db)
    db.close()
    shell = sqlite3.connect(path, isolation_level=None)
    shell.execute(
        "INSERT INTO history (meeting_id, at, status, start, \"end\", precision, when_text, source_id) VALUES (1, '2023-01-01', 'announced', '2023-01-01', '2023-01-01', 'day', 'x', 424242)"
    )
    shell.close()
    code, out, _ = tracker("check", db=path)
    assert code == 1
    assert "history rows naming a sources row that does not exist (SQLite's foreign_key_check): 1" in out
