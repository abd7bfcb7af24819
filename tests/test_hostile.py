"""Hostile text: markup, ANSI escapes, SQL, FTS syntax, right-to-left scripts, 10,000 characters.

Contract (DESIGN.md "Reliability"): stored and shown literally, or refused with a message;
search never errors on any input; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.actions.meetings import add_meeting
from tracker.cli import main
from tracker.dates import DateError, parse_day, parse_when
from tracker.model import Meeting, Participant, Precision, Role, Source, When
from tracker.store.consistency import check
from tracker.store.meetings import get_meeting
from tracker.store.queries import MeetingQuery, count, page
from tracker.text import flat, literal

ARTICLE = dt.date(2023, 3, 15)
DAY = When(ARTICLE, ARTICLE, Precision.DAY, "15 March 2023")
LONG = "ş" * 10_000
FTS_SYNTAX = ['"', "*", "NEAR(", "NEAR", "AND", "OR", "NOT", "-", "^", "(", ")", ":", "{", "}", "+", "title:", "\x00", " ", "Shoigu", "Akçapar"]
# Characters that must never reach the terminal raw: C0/C1 controls but newline and tab,
# and the bidi overrides that would reorder the rest of a terminal line.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")
# Hypothesis runs with a fixture shared across examples: the database only grows, which is fine here.
shared_db = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# ---------------------------------------------------------------- dates


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=100), st.dates())
@example(LONG, ARTICLE)
@example("15-16 March \x00 2023", ARTICLE)
@example("[bold]15 March[/]", ARTICLE)
def test_any_text_as_a_date_gives_a_when_or_a_one_line_date_error(text, as_of):
    for parse in (parse_when, parse_day):
        try:
            parse(text, as_of)
        except DateError as error:
            assert str(error) and "\n" not in str(error)


# ---------------------------------------------------------------- search

search_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=12).map("".join),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=12).map(" ".join),
)


@shared_db
@given(search_text)
@example("x" * 10_000)
@example('"')
@example("NEAR(")
@example("\x00")
def test_search_never_fails_on_any_text(db, text):
    for q in (MeetingQuery(search=text), MeetingQuery(search=text, countries=("TUR",)), MeetingQuery(person=text)):
        rows = page(db, q, limit=100)
        assert count(db, q) == len(rows) <= 3


@pytest.mark.parametrize("text", ['"', '""', "*", "NEAR(", "-", "^", "(", ")", "title:", "\x00", "{}", '"*"'])
def test_search_made_only_of_fts_syntax_finds_nothing_and_does_not_fail(db, text):
    assert page(db, MeetingQuery(search=text)) == []
    assert count(db, MeetingQuery(search=text)) == 0


@pytest.mark.parametrize("text", ['"Shoigu', "Shoigu*", "(Shoigu)", "Shoigu AND", "Shoigu)", "^shoigu", '"shoygu"', "-Shoigu"])
def test_search_with_stray_fts_syntax_still_finds_the_words(db, text):
    assert [r.id for r in page(db, MeetingQuery(search=text))] == [3]


# Letters and digits of any script (Python and SQLite's tokenizer agree on what a letter is;
# they differ on some vowel signs of rare scripts, where a word may not be found).
title_word = st.text(st.characters(whitelist_categories=["L", "N"]), min_size=1, max_size=12)


@shared_db
@given(st.lists(title_word, min_size=1, max_size=4))
@example(["Erdoğan", "Şanlıurfa"])
@example(["محمد", "بن", "سلمان"])
@example(["İstanbul"])
def test_a_meeting_is_found_by_any_word_of_its_title(db, words):
    m = add_meeting(db, Meeting(title=" ".join(words), when=DAY)).meeting
    for word in words:
        assert m.id in [r.id for r in page(db, MeetingQuery(search=word), limit=10_000)]


# ---------------------------------------------------------------- storing arbitrary text

any_text = st.text(max_size=300)
some_text = st.text(min_size=1, max_size=300).filter(str.strip)
names = itertools.count()


@shared_db
@given(title=some_text, city=any_text, notes=st.text(max_size=2000), person=any_text, role_title=some_text, topic=some_text, quote=any_text)
@example(
    title="[bold]X[/]", city="\x1b[31mMoscow", notes="x" * 10_000, person="بشار الأسد", role_title="\u202eevil", topic="'); DROP TABLE meetings;--", quote='"'
)
@example(title="a\x00b", city="\x00", notes="\r\n", person="\x1b]0;t\x07", role_title="\t", topic="NEAR(", quote="\x9b")
def test_arbitrary_text_is_stored_and_comes_back_equal(db, title, city, notes, person, role_title, topic, quote):
    # A fresh name each time: people whose names fold alike are one person (by design).
    name = f"Person {next(names)} {person}".strip()
    m = Meeting(
        title=title,
        when=DAY,
        city=city,
        venue=city,
        notes=notes,
        summary=notes,
        outcome=title,
        participants=[Participant(name, "TUR", Role.HOST, role_title), Participant(None, "SYR", Role.VISITOR, role_title)],
        topics=[topic],
        sources=[Source(title=title, quote=quote)],
    )
    stored = get_meeting(db, add_meeting(db, m).meeting.id)
    # Every byte comes back but line breaks: a one-line field trimmed with its breaks as
    # spaces, a multi-line one with LF for CR, CRLF, U+2028 and U+2029 (blank: no text).
    assert stored.title == one_line(title)
    assert (stored.city, stored.venue) == (one_line(city) or None, one_line(city) or None)
    assert (stored.notes, stored.summary, stored.outcome) == (lines(notes), lines(notes), lines(title))
    assert [(p.name, p.title) for p in stored.participants] == [(one_line(name), one_line(role_title) or None), (None, one_line(role_title) or None)]
    assert stored.topics == [one_line(topic)] if one_line(topic) else stored.topics == []
    assert [(s.title, s.quote) for s in stored.sources] == [(one_line(title) or None, lines(quote))]
    assert check(db) == [], "what tracker stores is in step with its own search text"


def one_line(text: str) -> str:
    return re.sub(r"\r\n|[\r\n\u2028\u2029]", " ", text).strip()


def lines(text: str) -> str | None:
    text = re.sub(r"\r\n|[\r\u2028\u2029]", "\n", text)
    return text if text.strip() else None


# ---------------------------------------------------------------- the command line, in process


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """tracker.cli.main as the console script runs it; returns (exit code, stdout, stderr)."""
    try:
        main(list(argv))
        code = 0
    except SystemExit as exit_:
        code = exit_.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err


# Text that can travel as one command-line argument: no NUL, no surrogates, no "|" (the
# participant separator).
cli_text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00|"), min_size=1, max_size=300).filter(str.strip)


@shared_db
@given(title=cli_text, city=cli_text, notes=cli_text, person=cli_text, topic=cli_text, quote=cli_text)
@example(
    title="[bold]X[/]", city="\x1b[31mred\x1b[0m", notes="x" * 10_000, person="\u05e4\u05d2\u05d9\u05e9\u05d4", topic='"', quote="'); DROP TABLE meetings;--"
)
def test_cli_add_stores_arbitrary_text_exactly_but_line_breaks(db, capsys, tmp_path, title, city, notes, person, topic, quote):
    name = f"Envoy {next(names)} {person}".strip()
    code, out, err = run_main(
        capsys, "--db", str(tmp_path / "t.db"), "add", "--json", "--new", "--title", title, "--when", "15 March 2023",
        "--city", city, "--notes", notes, "--topic", topic, "--quote", quote, "--participant", f"{name}|TUR|host|{person}",
    )  # fmt: skip
    assert (code, err) == (0, "")
    added = json.loads(out)
    code, out, err = run_main(capsys, "--db", str(tmp_path / "t.db"), "show", str(added["id"]), "--json")
    shown = json.loads(out)
    assert shown == added
    assert (shown["title"], shown["city"], shown["notes"], shown["topics"]) == (one_line(title), one_line(city) or None, lines(notes), [one_line(topic)])
    assert shown["participants"] == [{"name": one_line(name), "country": "TUR", "role": "host", "title": one_line(person)}]
    assert shown["sources"][0]["quote"] == lines(quote)


OPTIONS = [
    ["list", "--search"], ["list", "--person"], ["list", "--country"], ["list", "--from"], ["list", "--to"],
    ["add", "--title", "T", "--when"], ["add", "--title", "T", "--when", "15 March", "--as-of"],
    ["add", "--title", "T", "--when", "15 March 2023", "--country"], ["add", "--title", "T", "--when", "15 March 2023", "--participant"],
    ["add", "--title", "T", "--when", "15 March 2023", "--source-url"], ["add", "--title", "T", "--when", "15 March 2023", "--cameo"],
    ["show"], ["edit"], ["delete"],
]  # fmt: skip


@pytest.mark.parametrize("option", OPTIONS, ids=" ".join)
def test_any_option_given_hostile_text_works_or_fails_with_one_error_line(capsys, tmp_path, hostile_strings, option):
    for text in hostile_strings:
        code, _, err = run_main(capsys, "--db", str(tmp_path / "t.db"), *option, text)
        if code:
            assert_one_error_line(err)
            assert not RAW_CONTROL.search(err)
        else:
            assert err == ""


# ---------------------------------------------------------------- the command line, as a user runs it


@pytest.fixture(scope="module")
def hostile_cli(cli_in_new_folder, hostile_strings):
    """A database where every hostile string was added with `tracker add`, in every field.

    Returns the CLI and {text: the meeting `add --json` printed}.
    """
    run_cli = cli_in_new_folder("hostile")

    def add(text: str) -> tuple[str, dict]:
        short = text[:500]  # the longest title or name accepted
        code, out, err = run_cli(
            "add", "--json", "--new", "--title", short, "--when", "15 March 2023", "--city", text, "--notes", text,
            "--topic", text, "--quote", text, "--participant", f"{short}|TUR|host|{text}",
        )  # fmt: skip
        assert (code, err) == (0, ""), err
        return text, json.loads(out)

    return run_cli, dict(add(text) for text in hostile_strings)


def test_hostile_strings_come_back_through_the_cli_normalized_only_in_line_breaks_and_trim(hostile_cli):
    run_cli, added = hostile_cli
    code, out, err = run_cli("list", "--json")
    assert (code, err) == (0, "")
    listed = {m["id"]: m for m in json.loads(out)}
    for text, m in added.items():
        assert listed[m["id"]] == m
        assert (m["city"], m["notes"], m["sources"][0]["quote"]) == (one_line(text), lines(text), lines(text))
        assert m["title"] == one_line(text[:500])
        assert m["topics"] == [one_line(text)]
        assert m["participants"] == [{"name": one_line(text[:500]), "country": "TUR", "role": "host", "title": one_line(text)}]
    line_breaks = next(m for text, m in added.items() if text.startswith("line one"))
    assert (line_breaks["city"], line_breaks["notes"]) == ("line one line two line three\ttabbed", "line one\nline two\nline three\ttabbed")
    assert added["   leading and trailing spaces   "]["city"] == "leading and trailing spaces"
    code, out, err = run_cli("check")
    assert (code, out, err) == (0, "the database is consistent\n", "")


def test_list_prints_control_characters_as_visible_text_one_meeting_a_line(hostile_cli):
    run_cli, added = hostile_cli
    code, out, err = run_cli("list")
    assert (code, err) == (0, "")
    assert not RAW_CONTROL.search(out)
    assert "\\x1b[31mred\\x1b[0m" in out  # the escape shows as text a user can read
    assert "\\u202eevil\\u202c" in out  # a bidi override is shown, not obeyed
    assert len(out.splitlines()) == 1 + 3 + len(added)  # a header, the seed, one line per meeting
    for text in added:
        if not RAW_CONTROL.search(text) and not LINE_BREAK.search(text):
            assert text[:500].strip() in out  # markup and right-to-left text as typed


def test_people_prints_one_person_a_line_without_raw_control_characters(hostile_cli):
    run_cli, _ = hostile_cli
    code, out, err = run_cli("people")
    assert (code, err) == (0, "")
    assert not RAW_CONTROL.search(out)
    assert len(out.splitlines()) == 1 + len(json.loads(run_cli("people", "--json")[1]))


def test_show_prints_control_characters_as_visible_text_and_markup_as_typed(hostile_cli):
    run_cli, added = hostile_cli
    for text, m in added.items():
        if RAW_CONTROL.search(text) or LINE_BREAK.search(text) or text.startswith("[") or "\u202e" in text:
            code, out, err = run_cli("show", m["id"])
            assert (code, err) == (0, "")
            assert not RAW_CONTROL.search(out)
            assert out.splitlines()[0] == f"#{m['id']}  {literal(flat(text[:500].strip()))}"
    assert "\\x1b[31mred\\x1b[0m" in run_cli("show", added["\x1b[31mred\x1b[0m"]["id"])[1]


def on_a_terminal(cli, *args: object) -> str:
    """The CLI with its output on a pseudo-terminal, as a person runs it: what the terminal receives."""
    import pty
    import tty

    main_end, terminal_end = pty.openpty()
    tty.setraw(terminal_end)  # no newline translation: the bytes the program wrote
    process = subprocess.Popen(cli.argv(*args), stdout=terminal_end, stderr=subprocess.DEVNULL, env=cli.env, cwd=cli.cwd)
    os.close(terminal_end)
    received = []
    while True:
        try:
            chunk = os.read(main_end, 65536)
        except OSError:  # EIO: the program closed its end
            break
        if not chunk:
            break
        received.append(chunk)
    os.close(main_end)
    assert process.wait(timeout=60) == 0
    return b"".join(received).decode("utf-8")


TERMINAL_COMMANDS = [
    ["list"], ["list", "--json"], ["show", "{id}"], ["show", "{id}", "--json"], ["people"], ["people", "--json"],
    ["countries"], ["countries", "--json"], ["export", "--format", "csv"], ["export", "--format", "json"],
    ["export", "--format", "jsonl"], ["export", "--format", "ics"],
]  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are a POSIX thing")
@pytest.mark.parametrize("command", TERMINAL_COMMANDS, ids=" ".join)
def test_nothing_printed_to_a_terminal_is_obeyed_as_a_control_sequence(hostile_cli, command):
    run_cli, added = hostile_cli
    evil = added["Evil \x1b]0;PWNED\x07 \x1b[2J\x1b[31mRED"]
    out = on_a_terminal(run_cli, *(arg.format(id=evil["id"]) for arg in command))
    found = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(out)})
    assert not found, f"raw control characters sent to the terminal: {found}"
    assert "PWNED" in out or command[0] == "countries"
    if "--json" in command or command[-1] in ("json", "jsonl"):  # still JSON, and the same data
        piped = run_cli(*(arg.format(id=evil["id"]) for arg in command))[1]
        parse = (lambda text: [json.loads(line) for line in text.split("\n") if line]) if command[-1] == "jsonl" else json.loads
        assert parse(out) == parse(piped)


def test_an_export_to_a_pipe_or_a_file_keeps_the_stored_bytes(hostile_cli, tmp_path):
    run_cli, added = hostile_cli
    code, out, _ = run_cli("export", "--format", "csv")
    assert code == 0 and "Evil \x1b]0;PWNED\x07 \x1b[2J\x1b[31mRED" in out
    assert run_cli("export", "--format", "jsonl", "--output", tmp_path / "out.jsonl")[0] == 0
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").split("\n")
    exported = {json.loads(line)["title"] for line in lines if line}
    assert {m["title"] for m in added.values()} <= exported


def test_a_title_over_500_characters_is_refused_with_a_message_and_nothing_is_added(db, run_cli):
    db.close()
    code, _, err = run_cli("add", "--title", "x" * 10_000, "--when", "15 March 2023")
    assert code != 0
    assert_one_error_line(err)
    assert "500" in err
    assert len(json.loads(run_cli("list", "--json")[1])) == 3
