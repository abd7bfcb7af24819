"""Export, import into another database, export again: the same meetings."""

from __future__ import annotations

import json

import pytest

from tests.io.conftest import meetings_of

HOSTILE = {
    "markup": "[bold]Putin[/] <script>alert(1)</script> & \"quoted\" 'single'",
    "separators": "a, b; c | d \\ e \\n not a newline\ttab",
    "newlines": "line one\nline two\r\nline three\n",
    "rtl": "وزير الخارجية السوري فيصل المقداد ‏יאיר לפיד",
    "long": "x" * 9_990 + " end",
}


def add_hostile_meeting(run, db):
    code, out, err = run(
        "--db",
        db,
        "add",
        "--title",
        HOSTILE["markup"] + " | " + HOSTILE["separators"][:80],
        "--when",
        "3-4 April 2023",
        "--city",
        HOSTILE["rtl"],
        "--country",
        "TUR",
        "--status",
        "held",
        "--level",
        "ministerial",
        "--topic",
        HOSTILE["separators"],
        "--topic",
        "Türkiye–Syria normalization",
        "--participant",
        f"{HOSTILE['rtl'][:30]}|SYR|visitor|{HOSTILE['newlines']}",
        "--participant",
        "Hakan Fidan|TUR|host|Foreign Minister",
        "--summary",
        HOSTILE["long"],
        "--notes",
        HOSTILE["newlines"],
        "--outcome",
        HOSTILE["separators"],
        "--source-url",
        'https://example.org/a?b=1,2&c="3"',
        "--source-title",
        HOSTILE["markup"],
        "--quote",
        HOSTILE["newlines"] + HOSTILE["rtl"],
        "--json",
    )
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_import_export_gives_the_same_meetings(run, tmp_path, fmt):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    add_hostile_meeting(run, first)
    run("--db", first, "edit", "4", "--status", "postponed", "--when", "5 May 2023")  # history to carry over
    # ...and a change that came with its own source, which the history keeps beside it
    run("--db", first, "edit", "4", "--status", "held", "--source-url", "https://example.org/held", "--source-title", "Talks | held at last")
    exported = tmp_path / f"meetings.{fmt}"
    assert run("--db", first, "export", "--format", fmt, "--output", str(exported))[0] == 0

    code, out, err = run("--db", second, "import", str(exported))
    assert code == 0, err
    assert "1 added" in out  # the seed meetings are there already, recognised by uid

    assert meetings_of(run("--db", first, "export")[1]) == meetings_of(run("--db", second, "export")[1])
    history = next(m for m in meetings_of(run("--db", second, "export")[1]) if m["title"].startswith("[bold]"))["history"]
    assert [h["source"] and h["source"]["url"] for h in history] == [None, "https://example.org/held"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_hostile_text_survives_the_round_trip(run, tmp_path, fmt):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    original = add_hostile_meeting(run, first)
    exported = tmp_path / f"meetings.{fmt}"
    run("--db", first, "export", "--format", fmt, "--output", str(exported))
    run("--db", second, "import", str(exported))
    back = next(m for m in meetings_of(run("--db", second, "export")[1]) if m["uid"] == original["uid"])
    for field in ("title", "city", "summary", "notes", "outcome", "topics", "participants", "sources"):
        assert back[field] == original[field], field
    assert back["summary"].endswith(" end") and len(back["summary"]) == 9_994


def test_links_are_carried_by_uid_into_a_database_with_other_ids(run, tmp_path):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    exported = tmp_path / "seed.jsonl"
    run("--db", first, "export", "--format", "jsonl", "--output", str(exported))
    add_hostile_meeting(run, second)
    run("--db", second, "delete", "2", "--yes")  # the deputy ministers' meeting, which follows meeting 3
    run("--db", second, "import", str(exported))
    linked = [m for m in json.loads(run("--db", second, "export")[1])["meetings"] if m["links"]]
    assert [(m["title"][:19], link["uid"]) for m in linked for link in m["links"]] == [("Deputy foreign mini", "seed-2022-12-28-defense-ministers")]


def people_of(run, db) -> dict[str, tuple]:
    """name -> (country, aliases, meetings) of every person, as `tracker people --json`... shows them."""
    from tracker.store.db import open_db
    from tracker.store.people import list_people

    store = open_db(db)
    try:
        return {p.name: (p.country, sorted(p.aliases), p.meeting_count) for p in list_people(store)}
    finally:
        store.close()


def test_people_travel_in_the_json_export_aliases_merges_and_countries(run, tmp_path):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    add_hostile_meeting(run, first)
    assert (
        run(
            "--db",
            first,
            "add",
            "--title",
            "Fidan meets Akar",
            "--when",
            "1 May 2023",
            "--participant",
            "H. Fidan|TUR|host",
            "--participant",
            "Hulusi Akar|TUR",
        )[0]
        == 0
    )
    assert run("--db", first, "person", "alias", "Vladimir Putin", "V. V. Putin")[0] == 0
    assert run("--db", first, "person", "merge", "Hakan Fidan", "H. Fidan")[0] == 0  # the other's name becomes an alias
    assert run("--db", first, "person", "country", "Burak Akçapar", "UN")[0] == 0  # his meetings keep him under TUR
    exported = tmp_path / "all.json"
    assert run("--db", first, "export", "--output", str(exported))[0] == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["version"] == 2
    assert {"name": "Hakan Fidan", "country": "TUR", "aliases": ["H. Fidan"]} in document["people"]

    code, out, err = run("--db", second, "import", str(exported))
    assert code == 0, err
    assert "aliases" in out and "restored" in out
    before, after = people_of(run, first), people_of(run, second)
    assert after == before
    assert after["Vladimir Putin"][1] == ["Putin", "V. V. Putin"] and after["Burak Akçapar"][0] == "UN"
    assert "H. Fidan" not in after
    found = json.loads(run("--db", second, "list", "--search", "V. V. Putin", "--json")[1])
    assert [m["title"] for m in found] == [m["title"] for m in json.loads(run("--db", first, "list", "--search", "V. V. Putin", "--json")[1])] != []
    assert run("--db", second, "check")[:2] == (0, "the database is consistent\n")
    code, out, _ = run("--db", second, "import", str(exported))
    assert "0 added, 0 updated" in out and "people:" not in out, "imported again: nothing is new"


def test_a_version_1_export_without_people_still_imports(run, tmp_path):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    add_hostile_meeting(run, first)
    exported = tmp_path / "all.json"
    run("--db", first, "export", "--output", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"version": 1, "meetings": document["meetings"]}, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("--db", second, "import", str(old))
    assert (code, err) == (0, "") and "1 added" in out
    future = tmp_path / "future.json"
    future.write_text(json.dumps({"version": 3, "meetings": []}), encoding="utf-8")
    code, _, err = run("--db", second, "import", str(future))
    assert code == 1 and "reads versions 1 and 2" in err


def test_a_spelling_that_is_someone_else_here_is_left_out_and_said(run, tmp_path):
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    run("--db", first, "person", "alias", "Hakan Fidan", "Fidan the elder")
    exported = tmp_path / "all.json"
    run("--db", first, "export", "--output", str(exported))
    run("--db", second, "add", "--title", "Elder talks", "--when", "1 May 2023", "--participant", "Fidan the elder|TUR")
    code, out, err = run("--db", second, "import", str(exported))
    assert code == 0, err
    assert "alias 'Fidan the elder' of Hakan Fidan: it is Fidan the elder here" in out
    assert "Fidan the elder" not in people_of(run, second)["Hakan Fidan"][1]
