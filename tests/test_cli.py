"""The command line as scripts and users meet it: output, JSON, and one-line errors."""

import json
import shlex
import subprocess

import pytest

from tracker.cli import main


def as_json(out):
    return json.loads(out)


def test_list_shows_the_three_seeded_meetings(tracker):
    code, out, _ = tracker("list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4
    assert "15–16 Mar 2023" in lines[1] and "Moscow" in lines[1] and "IRN RUS SYR TUR" in lines[1]
    assert "28 Dec 2022" in lines[3] and "held" in lines[3]


def test_list_json_is_the_interchange_shape(tracker):
    _code, out, _ = tracker("list", "--json")
    meetings = as_json(out)
    assert [m["id"] for m in meetings] == [2, 1, 3]
    assert meetings[0]["format"] == "quadrilateral" and meetings[0]["when_text"] == "15-16 March"
    assert {
        "id",
        "title",
        "status",
        "level",
        "start",
        "end",
        "precision",
        "when_text",
        "city",
        "venue",
        "country",
        "countries",
        "format",
        "participants",
        "topics",
        "summary",
        "outcome",
        "notes",
        "cameo",
        "sources",
        "created",
        "updated",
    } <= set(meetings[0])


def test_an_empty_result_is_an_empty_json_array(tracker):
    assert as_json(tracker("list", "--json", "--search", "nothing-like-this")[1]) == []


def test_search_finds_the_december_meeting_by_an_alias(tracker):
    _, out, _ = tracker("list", "--search", "Shoygu", "--json")
    assert [m["id"] for m in as_json(out)] == [3]


def test_add_reads_a_range_of_days(tracker):
    code, out, _ = tracker("add", "--title", "Quad meeting", "--when", "15-16 March 2023", "--json")
    m = as_json(out)
    assert code == 0 and (m["start"], m["end"], m["precision"]) == ("2023-03-15", "2023-03-16", "day")


def test_tomorrow_is_relative_to_the_article_date(tracker):
    _, out, _ = tracker("add", "--title", "T", "--when", "tomorrow", "--as-of", "2023-03-15", "--json")
    assert as_json(out)["start"] == "2023-03-16"


def test_add_with_participants_and_country_names(tracker):
    code, out, err = tracker(
        "add",
        "--title",
        "Lavrov in Ankara",
        "--when",
        "6 April 2023",
        "--city",
        "Ankara",
        "--country",
        "Turkey",
        "--participant",
        "Sergey Lavrov|RUS|visitor|Foreign Minister",
        "--participant",
        "|Türkiye|host|Foreign Minister",
        "--topic",
        "Syria crisis",
        "--source-url",
        "https://example.org/x",
        "--quote",
        "Lavrov arrived in Ankara.",
        "--json",
    )
    m = as_json(out)
    assert code == 0, err
    assert m["country"] == "TUR" and m["countries"] == ["RUS", "TUR"] and m["format"] == "bilateral"
    assert m["participants"][1] == {"name": None, "country": "TUR", "role": "host", "title": "Foreign Minister"}


@pytest.mark.parametrize(
    "args, says",
    [
        (["add", "--title", "X", "--when", "foo"], "try"),
        (["add", "--title", "X", "--when", "31 February 2023"], "not a real date"),
        (["add", "--title", "X", "--when", "16-15 March 2023"], "before start"),
        (["add", "--when", "2023"], "--title is required"),
        (["add", "--title", "X", "--when", "2023", "--country", "Atlantis"], "unknown country"),
        (["add", "--title", "X", "--when", "2023", "--participant", "A|RUS|boss"], "unknown role"),
        (["add", "--title", "X", "--when", "2023", "--source-url", "example"], "http"),
        (["add", "--title", "X", "--when", "2023", "--status", "maybe"], "announced"),
        (["list", "--from", "someday"], "--from"),
        (["show", "99"], "no meeting with id 99"),
        (["show", "abc"], "not a valid integer"),
        (["frobnicate"], "No such command"),
        (["list", "--bogus"], "No such option"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_changes_nothing(tracker, args, says):
    code, out, err = tracker(*args)
    assert code != 0
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert says in err
    assert "Traceback" not in err + out
    assert len(as_json(tracker("list", "--json")[1])) == 3


def test_edit_changes_only_what_is_given_and_keeps_history(tracker):
    _code, out, _ = tracker("edit", "2", "--status", "held", "--when", "3-4 April 2023", "--json")
    m = as_json(out)
    assert (m["status"], m["start"], m["end"], m["city"]) == ("held", "2023-04-03", "2023-04-04", "Moscow")
    assert m["history"][0]["start"] == "2023-03-15" and m["history"][0]["status"] == "announced"


def test_delete_asks_first_and_undo_brings_it_back(tracker):
    code, _, err = tracker("delete", "3", stdin="n\n")
    assert code != 0 and "not deleted" in err
    assert tracker("delete", "3", "--yes")[0] == 0
    assert [m["id"] for m in as_json(tracker("list", "--json")[1])] == [2, 1]
    code, out, _ = tracker("undo")
    assert "restored" in out
    assert [m["id"] for m in as_json(tracker("list", "--json")[1])] == [2, 1, 3]


def test_undo_of_an_add_and_of_an_edit(tracker):
    tracker("add", "--title", "Temporary", "--when", "2024")
    tracker("edit", "1", "--status", "held")
    tracker("undo")
    assert as_json(tracker("show", "1", "--json")[1])["status"] == "announced"
    tracker("undo")
    assert "Temporary" not in tracker("list")[1]


def test_seed_never_duplicates(tracker):
    assert "all there already" in tracker("seed")[1]
    assert len(as_json(tracker("list", "--json")[1])) == 3


HOSTILE = ["[bold red]X[/bold red]", "\x1b[31mred\x1b[0m", "'); DROP TABLE meetings;--", '"', "مرحبا שלום", "x" * 10_000]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly_and_shown_literally(tracker, text):
    code, out, err = tracker("add", "--title", text[:500], "--when", "2023", "--notes", text, "--participant", f"{text[:500]}|RUS", "--json", "--new")
    assert code == 0, err
    m = as_json(out)
    assert m["title"] == text[:500] and m["notes"] == text and m["participants"][0]["name"] == text[:500]
    for args in (["list"], ["show", str(m["id"])], ["list", "--search", text]):
        code, out, err = tracker(*args)
        assert code == 0, err
        assert "\x1b" not in out, "escape sequences are shown, not obeyed"


def test_people_and_countries(tracker):
    people = as_json(tracker("people", "--json")[1])
    shoigu = next(p for p in people if p["name"] == "Sergei Shoigu")
    assert "Sergey Shoygu" in shoigu["aliases"] and shoigu["meetings"] == 1
    countries = {c["code"]: c for c in as_json(tracker("countries", "--json")[1])}
    assert countries["TUR"]["name"] == "Türkiye" and countries["RUS"]["meetings"] == 3


def test_the_database_is_created_private(tracker, tmp_path):
    import stat

    tracker("list")
    assert stat.S_IMODE(tracker.db.stat().st_mode) == 0o600


def test_db_may_follow_the_command(tmp_path, capsys):
    db = tmp_path / "after.db"
    main(["list", "--json", "--db", str(db)])
    assert len(json.loads(capsys.readouterr().out)) == 3 and db.exists()


@pytest.mark.parametrize("listing", ["list", "list --json"])
def test_a_listing_cut_short_by_head_exits_0_under_pipefail(tracker, run_cli, listing):
    lines = "".join(json.dumps({"title": f"Bulk {i}", "start": "2021-05-01", "end": "2021-05-01", "precision": "day"}) + "\n" for i in range(2000))
    assert tracker("import", "-", stdin=lines)[0] == 0
    command = " ".join(map(shlex.quote, run_cli.argv(*listing.split())))
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -c 200 >/dev/null"], env=run_cli.env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_repeated_country_lists_the_meetings_where_all_of_them_take_part(tracker):
    tracker(
        "add",
        "--title",
        "Fidan in Damascus",
        "--when",
        "2025-01-15",
        "--participant",
        "Hakan Fidan|TUR|visitor|Foreign Minister",
        "--participant",
        "|SYR|host|",
    )
    tracker(
        "add", "--title", "Fidan in Baghdad", "--when", "2025-01-20", "--participant", "Hakan Fidan|TUR|visitor|Foreign Minister", "--participant", "|IRQ|host|"
    )
    _, out, _ = tracker("list", "--country", "Türkiye", "--country", "SYR", "--json")
    assert [m["title"] for m in as_json(out)][:1] == ["Fidan in Damascus"] and "Fidan in Baghdad" not in out
    assert {m["id"] for m in as_json(out)} >= {2, 3}
    _, out, _ = tracker("list", "--country", "TUR", "--country", "IRQ", "--country", "SYR", "--json")
    assert as_json(out) == []
    _, out, _ = tracker("list", "--country", "TUR", "--country", "SYR", "--search", "Fidan", "--json")
    assert [m["title"] for m in as_json(out)] == ["Fidan in Damascus", "Defense ministers and intelligence chiefs of Russia, Türkiye and Syria meet"]


def test_redo_puts_back_what_undo_took_away(tracker):
    tracker("add", "--title", "Temporary", "--when", "2024")
    assert "undid the addition of meeting 4 (Temporary)" in tracker("undo")[1]
    code, out, _ = tracker("redo")
    assert code == 0 and out == "redid the addition of meeting 4 (Temporary)\n"
    assert "Temporary" in tracker("list")[1]
    code, _, err = tracker("redo")
    assert code != 0 and err == "Error: nothing to redo\n"


def test_check_on_a_damaged_file_says_so_in_one_line_and_exits_2(run_cli, tmp_path):
    import sqlite3

    assert run_cli("list")[0] == 0
    probe = sqlite3.connect(run_cli.db)
    probe.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = probe.execute("PRAGMA page_size").fetchone()[0]
    root = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'").fetchone()[0]
    probe.close()
    with open(run_cli.db, "r+b") as f:  # after every connection is closed, through a handle of its own
        f.seek((root - 1) * page_size + 8)
        f.write(b"\x00\xff" * (page_size // 4))
    code, out, err = run_cli("check")
    assert code == 2, (out, err)
    summary, *details = out.splitlines()
    assert summary.startswith("the database file is damaged: SQLite's quick_check") and "Traceback" not in err
    assert details and all(d.startswith("  ") for d in details)


def test_a_filtered_json_export_carries_the_people_of_its_meetings(tracker):
    _, out, _ = tracker("export", "--country", "IRN")
    people = json.loads(out)["people"]
    assert [p["name"] for p in people] == ["Burak Akçapar"]
    assert people[0]["aliases"] == ["Burak Akcapar"]
    _code, out, _ = tracker("export", "--format", "jsonl")
    assert all("people" not in json.loads(line) for line in out.splitlines()), "jsonl stays a meeting a line"
