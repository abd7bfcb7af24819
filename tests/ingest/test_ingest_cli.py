"""`tracker ingest` as a user runs it: review, --yes, --dry-run --json, and bad files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ARTICLES, SEED_ARTICLE

APRIL = ARTICLES / "quadrilateral_held_in_april.txt"


@pytest.fixture
def run(tracker):
    """The CLI on a database of its own; `answers` are typed at the review's prompts."""
    return lambda *args, answers=None: tracker(*args, stdin=answers, tty=answers is not None)


def test_dry_run_json_prints_candidates_in_the_interchange_shape_with_evidence_and_matches(run):
    code, out, err = run("ingest", SEED_ARTICLE, "--dry-run", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert [c["matches"] for c in found] == [1, 2, 3]
    for c in found:
        assert {
            "title",
            "status",
            "level",
            "start",
            "end",
            "precision",
            "when_text",
            "city",
            "country",
            "countries",
            "format",
            "participants",
            "sources",
        } <= set(c)
        assert c["evidence"] == [s["quote"] for s in c["sources"]]
    assert (found[1]["start"], found[1]["end"], found[1]["format"]) == ("2023-03-15", "2023-03-16", "quadrilateral")


def test_dry_run_json_of_a_new_meeting_has_no_match(run):
    code, out, _ = run("ingest", ARTICLES / "putin_erdogan_sochi.html", "--dry-run", "--json")
    assert code == 0
    (c,) = json.loads(out)
    assert c["matches"] is None and c["city"] == "Sochi" and c["evidence"]


def test_dry_run_changes_nothing(run):
    run("ingest", APRIL, "--dry-run")
    _code, out, _ = run("show", 2, "--json")
    assert json.loads(out)["status"] == "announced"


def test_review_shows_an_update_with_what_would_change_and_applies_it_on_accept(run):
    code, out, err = run("ingest", APRIL, answers="a\n")
    assert code == 0, err
    assert "update of #2" in out and "status announced → held" in out and "3–4 Apr 2023" in out
    assert "Mikhail Bogdanov — RUS, host, Deputy Foreign Minister" in out
    assert "updated meeting 2" in out
    _, shown, _ = run("show", 2, "--json")
    meeting = json.loads(shown)
    assert meeting["status"] == "held" and meeting["history"][0]["when_text"] == "15-16 March"


def test_review_skip_and_quit_store_nothing(run):
    code, out, _ = run("ingest", ARTICLES / "lavrov_to_visit_ankara.txt", answers="s\nq\n")
    assert code == 0 and "0 stored, 1 skipped, 1 not reviewed" in out
    _, listed, _ = run("list", "--json")
    assert len(json.loads(listed)) == 3


def test_an_article_already_recorded_asks_nothing(run):
    code, out, _ = run("ingest", SEED_ARTICLE, answers="")
    assert code == 0 and out.count("nothing to change") == 3 and "0 stored, 3 skipped" in out


def test_yes_accepts_every_candidate(run):
    code, out, _ = run("ingest", ARTICLES / "blinken_to_visit_turkiye.txt", "--yes", "--json")
    assert code == 0
    stored = json.loads(out)
    assert [m["title"] for m in stored] == ["Blinken, Erdogan and Fidan meet in Istanbul", "Blinken visited Ankara"]
    _, listed, _ = run("list", "--json")
    assert len(json.loads(listed)) == 5


def test_without_a_terminal_it_says_to_use_yes_or_dry_run(run):
    code, out, err = run("ingest", SEED_ARTICLE)
    assert code != 0 and out == ""
    assert err.startswith("Error:") and "--yes" in err and "--dry-run" in err and err.count("\n") == 1


def test_as_of_replaces_a_missing_dateline(run, tmp_path):
    article = tmp_path / "no-dateline.txt"
    article.write_text(
        "Lavrov and Fidan to meet\n\nRussian Foreign Minister Sergey Lavrov will meet Turkish Foreign Minister Hakan Fidan in Moscow tomorrow.\n",
        encoding="utf-8",
    )
    code, _, err = run("ingest", article, "--dry-run", "--json")
    assert code != 0 and "--as-of" in err and "Traceback" not in err
    code, out, err = run("ingest", article, "--dry-run", "--json", "--as-of", "2024-06-10")
    assert code == 0, err
    (c,) = json.loads(out)
    assert (c["start"], c["city"], c["countries"]) == ("2024-06-11", "Moscow", ["RUS", "TUR"])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"\n\n   \n", "is empty"),
        ("junk.bin", bytes(range(256)) * 40, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "binary"),
    ],
)
def test_files_that_are_not_articles_get_a_one_line_error(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _out, err = run("ingest", path, "--dry-run")
    assert code != 0 and message in err and err.startswith("Error:") and err.count("\n") == 1


def test_a_missing_file_or_a_folder_gets_a_one_line_error(run, tmp_path):
    code, _, err = run("ingest", tmp_path / "nope.txt", "--dry-run")
    assert code != 0 and "no file at" in err and err.count("\n") == 1
    code, _, err = run("ingest", tmp_path, "--dry-run")
    assert code != 0 and "folder" in err and err.count("\n") == 1


def test_a_bad_as_of_says_what_is_accepted(run):
    code, _, err = run("ingest", SEED_ARTICLE, "--dry-run", "--as-of", "soonish")
    assert code != 0 and "--as-of" in err and "15 March 2023" in err


@pytest.mark.parametrize(
    "body",
    [
        "x" * 10_000 + ".",
        ("Putin will meet Assad in Moscow tomorrow " * 300) + ".",
        '<script>alert(1)</script> [bold]Putin[/] \x1b[31mred\x1b[0m will meet "Assad" tomorrow.',
        "'; DROP TABLE meetings; -- Putin and Assad met in Moscow yesterday.",
        "Putin " * 3000,
        "بوتين والأسد يلتقيان في موسكو غدا.",
    ],
)
def test_hostile_text_gives_candidates_or_none_never_a_traceback(run, tmp_path, body):
    path = tmp_path / "hostile.txt"
    path.write_text(f"Title\n\n2023-03-15 10:00:00 | x\n\n{body}\n", encoding="utf-8")
    code, out, err = run("ingest", path, "--dry-run", "--json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


def test_markup_in_an_article_is_shown_literally_in_review(run, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text(
        "T\n\n2023-03-15 10:00:00 | x\n\nRussian President Vladimir Putin will meet Syrian President Bashar al-Assad in Moscow on March 15 \x1b[31m[bold]now[/].\n",
        encoding="utf-8",
    )
    code, out, _ = run("ingest", path, "--dry-run")
    assert code == 0 and "\\x1b[31m[bold]now[/]" in out and "\x1b" not in out


def test_the_ingest_core_imports_no_user_interface_library():
    code = "import sys, tracker.ingest, tracker.store.matching; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_review_edits_a_candidate_before_accepting_it(run):
    # Lavrov's visit: a new title, another day ("tomorrow" counts from the article's 9 September), a bad
    # status first (said and asked again), then accepted.
    answers = "e\nLavrov in Ankara\ntomorrow\n\nheld-ish\nheld\n-\na\nq\n"
    code, out, err = run("ingest", ARTICLES / "lavrov_to_visit_ankara.txt", answers=answers)
    assert code == 0, err
    assert "Error: status must be one of" in out and "now: Lavrov in Ankara, 10 Sep 2024, Ankara, held" in out
    _, listed, _ = run("list", "--json")
    stored = [m for m in json.loads(listed) if m["title"] == "Lavrov in Ankara"]
    assert len(stored) == 1 and (stored[0]["start"], stored[0]["status"], stored[0]["city"]) == ("2024-09-10", "held", "Ankara")
