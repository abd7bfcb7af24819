"""ICEWS and GDELT 2.0 event files: meeting events folded into meetings, imported once."""

from __future__ import annotations

import json

from tests.conftest import real_sample
from tracker.model import CAMEO_MEETING_CODES

ICEWS = real_sample("icews-events-2018-06-sample.tab")
GDELT = real_sample("gdelt-20190121220000.export.CSV")
CAMEO = real_sample("cameo-codes.tsv")


def test_the_meeting_codes_are_cameo_s_own_with_its_descriptions():
    """A record keeps its CAMEO code so that it round-trips with GDELT and ICEWS: the codes tracker calls meetings are CAMEO's."""
    rows = [line.split("\t") for line in CAMEO.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    described = {code: description.strip().removesuffix(", not specified below") for code, description, *_ in rows}
    assert {code: described.get(code) for code in CAMEO_MEETING_CODES} == {code: name.replace("third", "“third”") for code, name in CAMEO_MEETING_CODES.items()}


def imported(run, db) -> list[dict]:
    return [m for m in json.loads(run("--db", db, "list", "--json")[1]) if not m["uid"].startswith("seed-")]


def test_the_icews_sample_imports_into_a_plausible_number_of_meetings_once(run, tmp_path):
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(ICEWS))
    assert code == 0, err
    assert "read 3705 ICEWS rows" in out and "not a meeting event" in out
    meetings = imported(run, db)
    # ~1,000 meeting events: ICEWS writes a meeting once per direction and again per story and
    # actor; domestic ones and media outlets are left out
    assert 150 < len(meetings) < 250
    assert "0 added, 0 updated" in run("--db", db, "import", str(ICEWS))[1]
    assert len(imported(run, db)) == len(meetings)


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


def test_icews_people_are_participants_by_name_and_intent_to_meet_is_proposed(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(ICEWS))
    meetings = imported(run, db)
    trump_kim = [m for m in meetings if {"Donald Trump", "Kim Jong-Un"} <= {p["name"] for p in m["participants"]}]
    assert trump_kim and {m["status"] for m in trump_kim} <= {"proposed", "held"}
    assert any(m["status"] == "proposed" and m["level"] == "summit" for m in trump_kim)
    assert "tracker" not in run("--db", db, "list", "--person", "Lavrov")[2]
    assert "Lavrov" in run("--db", db, "list", "--person", "Lavrov")[1]


def test_a_real_gdelt_export_imports_once_with_fips_places_mapped_to_iso(run, tmp_path):
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(GDELT), "--all-events")  # the towns and stories the default leaves out too
    assert code == 0, err
    assert "read 1629 GDELT rows" in out
    meetings = imported(run, db)
    assert 20 < len(meetings) < 200
    assert all(len(m["countries"]) == 2 for m in meetings)
    assert all(m["sources"][0]["url"].startswith("http") for m in meetings)
    assert {m["country"] for m in meetings} >= {"PAN"}  # FIPS PM is Panama, not St Pierre
    assert "0 added, 0 updated" in run("--db", db, "import", str(GDELT), "--all-events")[1]


def gdelt_row(event_id, code, actor1, actor2, url, day="20190121", geo=("4", "Ankara, Ankara, Turkey", "TU")):
    """actor1 and actor2: (country code, name) or (country code, name, type code)."""
    cells = [""] * 61
    cells[0], cells[1], cells[26] = str(event_id), day, code
    cells[5], cells[6], cells[7] = actor1[0] + (actor1[2] if len(actor1) > 2 else ""), actor1[1], actor1[0]
    cells[15], cells[16], cells[17] = actor2[0] + (actor2[2] if len(actor2) > 2 else ""), actor2[1], actor2[0]
    if len(actor1) > 2:
        cells[12] = actor1[2]
    if len(actor2) > 2:
        cells[22] = actor2[2]
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
    code, out, err = run("--db", db, "import", str(path), "--all-events")  # how rows are read, whatever their story
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
    assert [(p["country"], p["title"]) for p in intent["participants"]] == [("IRN", None), ("SYR", None)], "Tehran is a place, not a title"
    assert "0 added" in run("--db", db, "import", str(path), "--all-events")[1]


def test_icews_stories_of_the_same_meeting_fold_into_one_with_every_source(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(ICEWS))
    # Kim Yong-chol at the White House on 1 June 2018, reported by many wire stories
    white_house = [
        m
        for m in imported(run, db)
        if "Kim Yong-chol" in {p["name"] for p in m["participants"]}
        and m["countries"] == ["PRK", "USA"]
        and m["status"] == "held"
        and m["start"] == "2018-06-01"
    ]
    assert len(white_house) == 1, "one meeting, however many stories report it and whoever each row names"
    assert len(white_house[0]["sources"]) >= 5
    names = {p["name"] for p in white_house[0]["participants"]}
    assert {"Kim Yong-chol", "Donald Trump", "Mike Pompeo"} <= names
    assert "Executive Office of the President" not in names and None not in names, "delegations give way to the people named"
    assert white_house[0]["title"].startswith("North Korea–United States: Kim Yong-chol, Donald Trump and "), "the people most events name"


def test_gdelt_actors_read_as_an_analyst_would_and_one_story_is_one_meeting(run, tmp_path):
    story = "https://example.org/oman-syria"
    rows = [
        gdelt_row(2001, "042", ("OMN", "OMANI"), ("SYR", "SYRIA"), story, geo=("4", "Damascus, Dimashq, Syria", "SY")),
        gdelt_row(2002, "043", ("SYR", "BASHAR AL ASSAD", "GOV"), ("OMN", "OMAN"), story, geo=("4", "Damascus, Dimashq, Syria", "SY")),
        gdelt_row(2003, "040", ("SYR", "SYRIAN", "GOV"), ("OMN", "FOREIGN MINISTRY", "GOV"), story, geo=("4", "Damascus, Dimashq, Syria", "SY")),
        gdelt_row(2004, "042", ("IRN", "TEHERAN"), ("FRA", "FRANCE"), "https://example.org/tehran"),
        gdelt_row(2005, "042", ("USA", "MASSACHUSETTS"), ("GBR", "AMIT"), "https://example.org/boston"),
        gdelt_row(2006, "040", ("QAT", "AL JAZEERA"), ("SYR", "SYRIA"), "https://example.org/interview"),
        gdelt_row(2007, "040", ("USA", "ASSOCIATED PRESS"), ("IRN", "IRAN"), "https://example.org/ap"),
        gdelt_row(2008, "040", ("USA", "REPORTERS", "MED"), ("TUR", "TURKEY"), "https://example.org/press"),
        gdelt_row(2009, "042", ("USA", "COMPANY", "BUS"), ("TUR", "TURKEY"), "https://example.org/business"),
    ]
    path = tmp_path / "20190121.export.CSV"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(path), "--all-events")  # how rows are read, whatever their story
    assert code == 0, err
    assert "skipped 3: a media outlet as an actor" in out and "skipped 1: a non-state actor" in out
    meetings = imported(run, db)
    assert len(meetings) == 3
    oman = next(m for m in meetings if m["countries"] == ["OMN", "SYR"])
    assert len(oman["sources"]) == 1 and "2001, 2002, 2003" in oman["notes"], "three rows of one story, one meeting"
    assert [(p["country"], p["name"], p["title"]) for p in oman["participants"]] == [("OMN", None, "Foreign Ministry"), ("SYR", "Bashar al-Assad", None)]
    # The seed's Bashar al-Assad, not a new person spelled "Bashar al Assad"
    people = json.loads(run("--db", db, "people", "--json")[1])
    assert [p["name"] for p in people if "assad" in p["name"].lower()] == ["Bashar al-Assad"]
    titles = {p["title"] for m in meetings for p in m["participants"]}
    assert titles <= {None, "Foreign Ministry"}, "no nationality, place or first name as a title"
    assert not {p["name"] for m in meetings for p in m["participants"]} - {None, "Bashar al-Assad"}


def test_icews_people_are_linked_to_the_spellings_people_search_by(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "add", "--title", "Lavrov in Ankara", "--when", "2018-05-01", "--participant", "Sergei Lavrov|RUS|visitor")
    run("--db", db, "import", str(ICEWS))
    lavrov = [p for p in json.loads(run("--db", db, "people", "--json")[1]) if "lavrov" in p["name"].lower()]
    assert [p["name"] for p in lavrov] == ["Sergei Lavrov"], "ICEWS's Sergey Viktorovich Lavrov is the Sergei Lavrov already there"
    assert "Sergey Viktorovich Lavrov" in lavrov[0]["aliases"] and lavrov[0]["meetings"] > 5
    found = run("--db", db, "list", "--search", "Sergei Lavrov")[1]
    assert "Russia–Rwanda" in found and "Lavrov in Ankara" in found
    assert "Russia–Rwanda" in run("--db", db, "list", "--person", "Sergey Lavrov")[1]
    people = json.loads(run("--db", db, "people", "--json")[1])
    shoigu = [p for p in people if "sho" in p["name"].lower()]
    assert [p["name"] for p in shoigu] == ["Sergei Shoigu"], "ICEWS's Sergey Kuzhugetovich Shoygu is the seed's Sergei Shoigu"
    assert "Sergey Kuzhugetovich Shoygu" in shoigu[0]["aliases"]
    names = {p["name"] for p in people}
    assert not names & {"Executive Office of the President", "National People's Congress", "Macedonia", "Reuters"}, "bodies, countries and media are not people"


def test_no_two_imported_meetings_are_the_same_day_countries_and_status_from_one_story(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "import", str(GDELT))
    meetings = imported(run, db)
    seen = [(m["start"], tuple(m["countries"]), m["status"]) for m in meetings]
    assert len(seen) == len(set(seen)), "one day, one pair of countries: one meeting"


def icews_row(event_id, source, source_sectors, source_country, code, target, target_sectors, target_country, story="1"):
    cells = [
        str(event_id),
        "2018-06-01",
        source,
        source_sectors,
        source_country,
        "Consult",
        code,
        "1",
        target,
        target_sectors,
        target_country,
        story,
        "1",
        "Wire",
        "Damascus",
        "NA",
        "NA",
        "Syria",
        "NA",
        "NA",
    ]
    return "\t".join(cells)


def test_icews_media_outlets_and_bodies_are_no_people(run, tmp_path):
    header = ICEWS_HEADER
    rows = [
        icews_row(1, "Al Jazeera", "NA", "Qatar", "040", "Bashar al-Assad", "Executive,Government", "Syria"),
        icews_row(2, "State Media (North Korea)", "Executive,Government,State Media", "North Korea", "040", "Government (Syria)", "Government", "Syria"),
        icews_row(4, "Citizen (Mexico)", "Social", "Mexico", "040", "Government (Syria)", "Government", "Syria", story="3"),
        icews_row(
            3,
            "Executive Office of the President",
            "Executive Office,Government",
            "United States",
            "042",
            "Bashar al-Assad",
            "Elite,Executive,Executive Office,Government",
            "Syria",
            story="2",
        ),
    ]
    path = tmp_path / "events.tab"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    code, out, err = run("--db", db, "import", str(path), "--format", "icews")
    assert code == 0, err
    assert "skipped 2: a media outlet as an actor" in out and "skipped 1: a non-state actor" in out
    [m] = imported(run, db)
    assert [(p["country"], p["name"], p["title"]) for p in m["participants"]] == [
        ("USA", None, "Executive Office of the President"),
        ("SYR", "Bashar al-Assad", None),
    ]
    assert m["level"] == "summit"


ICEWS_HEADER = "\t".join(
    [
        "Event ID",
        "Event Date",
        "Source Name",
        "Source Sectors",
        "Source Country",
        "Event Text",
        "CAMEO Code",
        "Intensity",
        "Target Name",
        "Target Sectors",
        "Target Country",
        "Story ID",
        "Sentence Number",
        "Publisher",
        "City",
        "District",
        "Province",
        "Country",
        "Latitude",
        "Longitude",
    ]
)
