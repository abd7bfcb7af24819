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
        "--db", db, "add", "--title", HOSTILE["markup"] + " | " + HOSTILE["separators"][:80], "--when", "3-4 April 2023",
        "--city", HOSTILE["rtl"], "--country", "TUR", "--status", "held", "--level", "ministerial",
        "--topic", HOSTILE["separators"], "--topic", "Türkiye–Syria normalization",
        "--participant", f"{HOSTILE['rtl'][:30]}|SYR|visitor|{HOSTILE['newlines']}",
        "--participant", "Hakan Fidan|TUR|host|Foreign Minister",
        "--summary", HOSTILE["long"], "--notes", HOSTILE["newlines"], "--outcome", HOSTILE["separators"],
        "--source-url", "https://example.org/a?b=1,2&c=\"3\"", "--source-title", HOSTILE["markup"], "--quote", HOSTILE["newlines"] + HOSTILE["rtl"],
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
