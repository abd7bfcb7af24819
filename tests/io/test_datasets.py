"""ICEWS and GDELT 2.0 event files: meeting events folded into meetings, imported once."""

from __future__ import annotations

import json

import pytest

from tests.io.conftest import DATA

ICEWS = DATA / "icews-events-2018-06-sample.tab"
GDELT = DATA / "gdelt-20190121220000.export.CSV"
needs_data = pytest.mark.skipif(not ICEWS.exists(), reason="the shared data folder is not here")


def imported(run, db) -> list[dict]:
    return [m for m in json.loads(run("--db", db, "list", "--json")[1]) if not m["uid"].startswith("seed-")]


@needs_data
def test_the_icews_sample_imports_into_a_plausible_number_of_meetings_once(run, tmp_path):
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(ICEWS))
    assert code == 0, err
    assert "read 3705 ICEWS rows" in out and "not a meeting event" in out
    meetings = imported(run, db)
    # ~1,000 meeting events: ICEWS writes a meeting once per direction and again per story; domestic ones are left out
    assert 250 < len(meetings) < 400
    assert "0 added, 0 updated" in run("--db", db, "import", str(ICEWS))[1]
    assert len(imported(run, db)) == len(meetings)


@needs_data
def test_icews_pairs_fold_into_one_meeting_with_both_event_ids(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(ICEWS))
    # Rows 32889836 and 32889837: Bangladesh's foreign ministry consults Vietnam's military, and back.
    m = next(m for m in imported(run, db) if m["uid"] == "icews-32889836")
    assert m["countries"] == ["BGD", "VNM"] and m["status"] == "held" and m["cameo"] == "040"
    assert m["city"] == "Hanoi" and m["country"] == "VNM" and m["start"] == "2018-06-01"
    assert "32889836, 32889837" in m["notes"]
    assert m["sources"][0]["outlet"] == "Vietnam News Agency Bulletin"
    assert {p["title"] for p in m["participants"]} == {"Foreign Affairs", "High Ranking Military Personnel"}


@needs_data
def test_icews_people_are_participants_by_name_and_intent_to_meet_is_proposed(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(ICEWS))
    meetings = imported(run, db)
    trump_kim = [m for m in meetings if {"Donald Trump", "Kim Jong-Un"} <= {p["name"] for p in m["participants"]}]
    assert trump_kim and {m["status"] for m in trump_kim} <= {"proposed", "held"}
    assert any(m["status"] == "proposed" and m["level"] == "summit" for m in trump_kim)
    assert "tracker" not in run("--db", db, "list", "--person", "Lavrov")[2]
    assert "Lavrov" in run("--db", db, "list", "--person", "Lavrov")[1]


@needs_data
def test_a_real_gdelt_export_imports_once_with_fips_places_mapped_to_iso(run, tmp_path):
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(GDELT))
    assert code == 0, err
    assert "read 1629 GDELT rows" in out
    meetings = imported(run, db)
    assert 20 < len(meetings) < 200
    assert all(len(m["countries"]) == 2 for m in meetings)
    assert all(m["sources"][0]["url"].startswith("http") for m in meetings)
    assert {m["country"] for m in meetings} >= {"PAN"}  # FIPS PM is Panama, not St Pierre
    assert "0 added, 0 updated" in run("--db", db, "import", str(GDELT))[1]


def gdelt_row(event_id, code, actor1, actor2, url, day="20190121", geo=("4", "Ankara, Ankara, Turkey", "TU")):
    cells = [""] * 61
    cells[0], cells[1], cells[26] = str(event_id), day, code
    cells[5], cells[6], cells[7] = actor1[0], actor1[1], actor1[0]
    cells[15], cells[16], cells[17] = actor2[0], actor2[1], actor2[0]
    cells[51], cells[52], cells[53] = geo
    cells[60] = url
    return "\t".join(cells)


def test_a_gdelt_fixture_folds_visit_and_host_rows_and_counts_what_it_skips(run, tmp_path):
    url = "https://example.org/lavrov-in-ankara"
    rows = [
        gdelt_row(1001, "042", ("RUS", "RUSSIA"), ("TUR", "TURKEY"), url),
        gdelt_row(1002, "043", ("TUR", "TURKEY"), ("RUS", "RUSSIA"), url),
        gdelt_row(1003, "036", ("IRN", "TEHRAN"), ("SYR", "SYRIA"), "https://example.org/intent", geo=("1", "Syria", "SY")),
        gdelt_row(1004, "190", ("RUS", "RUSSIA"), ("UKR", "UKRAINE"), url),  # fighting, not a meeting
        gdelt_row(1005, "040", ("", ""), ("UKR", "UKRAINE"), url),  # one side unknown
        gdelt_row(1006, "040", ("USA", "PRESIDENT"), ("USA", "CONGRESS"), url),  # domestic
        gdelt_row(1007, "040", ("RUS", "RUSSIA"), ("TUR", "TURKEY"), url, day="2019-01-21"),  # malformed date
        "1008\tnot\tenough\tcolumns",
    ]
    path = tmp_path / "20190121.export.CSV"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(path))
    assert code == 0, err
    assert "read 8 GDELT rows: 3 meeting events folded into 2 meetings" in out
    for reason in ("1: not a meeting event", "1: an actor without a country", "1: domestic", "1: malformed (bad SQLDATE)", "1: malformed (not the 61 columns"):
        assert f"skipped {reason}" in out
    meetings = {m["uid"]: m for m in imported(run, db)}
    visit = meetings["gdelt-1001"]
    assert visit["title"] == "Russia–Türkiye visit" and visit["city"] == "Ankara" and visit["country"] == "TUR"
    assert [(p["country"], p["role"]) for p in visit["participants"]] == [("RUS", "visitor"), ("TUR", "host")]
    intent = meetings["gdelt-1003"]
    assert intent["status"] == "proposed" and intent["country"] == "SYR" and intent["city"] is None
    assert [p["title"] for p in intent["participants"]] == ["Tehran", None]
    assert "0 added" in run("--db", db, "import", str(path))[1]


@needs_data
def test_icews_stories_of_the_same_meeting_fold_into_one_with_every_source(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(ICEWS))
    # Kim Yong-chol at the White House on 1 June 2018, reported by many wire stories
    white_house = [m for m in imported(run, db) if {p["name"] for p in m["participants"]} == {"Donald Trump", "Kim Yong-chol"} and m["status"] == "held" and m["start"] == "2018-06-01"]
    assert len(white_house) == 1, "one meeting, however many stories report it"
    assert len(white_house[0]["sources"]) >= 5
