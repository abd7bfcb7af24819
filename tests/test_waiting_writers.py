"""Writers behind a long import wait for it, however long, and say so; behind anything else, up to a bound.

Real processes throughout: a `tracker import` of a generated file (bench/generate.py) holds
the write lock for seconds while a `tracker add`, or the app under Pilot in a process of its
own, writes beside it. A sqlite3 connection of this process holding BEGIN IMMEDIATE stands
for "something else" (a sqlite3 shell with a transaction open).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

MEETINGS = 30_000  # some 6 s of import here: time for the writers beside it to start and wait
SEEDED = 3


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "meetings.jsonl"
    with path.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(MEETINGS)], stdout=out, check=True)
    return path


def until(condition, seconds: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.05)


def start_import(run_cli, path) -> subprocess.Popen:
    """`tracker import`, once it holds the write lock (it says so in <db>-import)."""
    run_cli("list")  # the database exists, seeded, before the import starts
    importing = run_cli.start("import", path)
    marker = run_cli.db.with_name(run_cli.db.name + "-import")
    until(lambda: marker.exists() or importing.poll() is not None, what="the import to take the lock")
    assert importing.poll() is None, importing.communicate()
    return importing


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def stored(path) -> tuple[int, set[str]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return conn.execute("SELECT count(*) FROM meetings").fetchone()[0], {r[0] for r in conn.execute("SELECT title FROM meetings")}
    finally:
        conn.close()


def test_an_add_beside_a_long_import_waits_for_it_says_so_once_and_both_land(run_cli, big_file):
    importing = start_import(run_cli, big_file)
    code, out, err = run_cli("add", "--title", "Added during the import", "--when", "2023-05-01", timeout=120)
    assert importing.poll() is None or importing.returncode == 0
    assert code == 0, err
    assert err == f"waiting for an import (process {importing.pid}, {big_file}) to finish…\n"
    assert "added meeting" in out
    code, out, err = finished(importing)
    assert (code, err) == (0, ""), err
    assert f"{MEETINGS} added" in out
    count, titles = stored(run_cli.db)
    assert count == SEEDED + MEETINGS + 1 and "Added during the import" in titles
    assert not run_cli.db.with_name("t.db-import").exists()  # the import's word goes with it


def test_an_import_killed_with_minus_9_leaves_no_writer_waiting(run_cli, big_file):
    importing = start_import(run_cli, big_file)
    os.kill(importing.pid, signal.SIGKILL)
    importing.wait()
    assert run_cli.db.with_name("t.db-import").exists()  # its note stays, naming a process that is gone
    code, _, err = run_cli("add", "--title", "After the killed import", "--when", "2023-05-02", timeout=60)
    assert (code, err) == (0, "")  # not waited for
    count, titles = stored(run_cli.db)
    assert count == SEEDED + 1 and "After the killed import" in titles


def hold_write_lock(path) -> sqlite3.Connection:
    """Another program in a transaction: sqlite3's `BEGIN IMMEDIATE;` typed in a shell."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_lock_held_by_another_program_is_waited_for_then_refused_with_one_line_and_nothing_written(run_cli):
    run_cli("list")
    shell = hold_write_lock(run_cli.db)
    try:
        # TRACKER_LOCK_WAIT lowers the two minutes of a real wait to one second.
        code, out, err = run_cli("add", "--title", "Never stored", "--when", "2023", env={"TRACKER_LOCK_WAIT": "1"})
    finally:
        shell.execute("ROLLBACK")
        shell.close()
    assert (code, out) == (1, "")
    waiting, error = err.splitlines()
    assert waiting == "waiting for another program holding the database's write lock to finish (at most 1 second)…"
    assert error == (
        "Error: another program has held the database's write lock for 1 second (a sqlite3 shell or another tool with a transaction open?); nothing was changed"
    )
    count, titles = stored(run_cli.db)
    assert count == SEEDED and "Never stored" not in titles


def test_a_lock_released_within_the_bound_lets_the_waiting_add_through(run_cli):
    run_cli("list")
    shell = hold_write_lock(run_cli.db)
    adding = run_cli.start("add", "--title", "Stored after the shell commits", "--when", "2023")
    try:
        said = adding.stderr.readline()  # it waits, and says so
        assert adding.poll() is None
    finally:
        shell.execute("COMMIT")
        shell.close()
    code, _, err = finished(adding)
    assert code == 0, err
    assert said + err == "waiting for another program holding the database's write lock to finish (at most 2 minutes)…\n"
    assert "Stored after the shell commits" in stored(run_cli.db)[1]


APP_DRIVER = r"""
import asyncio, os, sys
from tracker.tui.app import TrackerApp
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form_question import FormQuestion
from tracker.tui.screens.meeting_form import MeetingForm
from tracker.tui.writing import WaitingNote
from textual.widgets import Input

answers = os.fdopen(os.dup(1), "w", buffering=1)  # a running Textual app captures sys.stdout

async def until(pilot, condition, seconds=60):
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")

def note(screen):
    notes = screen.query(WaitingNote)
    return str(notes.first().render()) if notes else ""

async def main():
    app = TrackerApp(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        print("ready", file=answers)
        await asyncio.to_thread(sys.stdin.readline)  # the import holds the lock now
        view = app.screen
        print("deleting:", view.meeting_list.highlighted.id, file=answers)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: note(view))
        print("view:", note(view), file=answers)
        await pilot.press("n")  # the view is alive: a new meeting's form opens while the delete waits
        await until(pilot, lambda: isinstance(app.screen, MeetingForm))
        form = app.screen
        form.query_one("#title", Input).value = "Saved behind the import"
        form.query_one("#when", Input).value = "2023-06-01"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: note(form))
        print("form:", note(form), file=answers)
        await pilot.press("escape")  # still asks
        await until(pilot, lambda: isinstance(app.screen, FormQuestion))
        print("asked:", app.screen.question, file=answers)
        await pilot.press("n")  # keep waiting
        await until(pilot, lambda: app.screen is form)
        await pilot.press("end", "!")  # keys still typed into it
        print("typed:", form.query_one("#title", Input).value, file=answers)
        await until(pilot, lambda: not form.is_attached, seconds=120)
        print("closed", file=answers)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not note(view))
        print("done", file=answers)
    app.db.close()

asyncio.run(main())
"""


def test_the_app_behind_an_import_keeps_the_screen_alive_says_why_and_saves_when_it_ends(run_cli, big_file):
    run_cli("list")
    app = subprocess.Popen(
        [sys.executable, "-c", APP_DRIVER, str(run_cli.db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_cli.env, cwd=run_cli.cwd,
    )  # fmt: skip
    try:
        assert app.stdout.readline().strip() == "ready", app.stderr.read()
        importing = start_import(run_cli, big_file)
        app.stdin.write("go\n")
        app.stdin.flush()
        deleting = int(app.stdout.readline().split()[-1])
        said = [app.stdout.readline().strip() for _ in range(4)]
        still_importing = importing.poll() is None
        assert said == [
            f"view: Waiting for an import (process {importing.pid}) to finish; meeting {deleting} will be deleted when it ends.",
            f"form: Waiting for an import (process {importing.pid}) to finish; your meeting will be saved when it ends.",
            "asked: Leave without saving?",
            "typed: Saved behind the import!",
        ], app.stderr.read()
        assert still_importing  # all of it happened while the import held the lock
        assert app.stdout.readline().strip() == "closed", app.stderr.read()
        assert importing.poll() is not None  # the save landed only once the import had ended
        assert app.stdout.readline().strip() == "done", app.stderr.read()
        app.stdin.close()
        assert app.wait(timeout=60) == 0, app.stderr.read()
    finally:
        if app.poll() is None:
            app.kill()
    code, _, err = finished(importing)
    assert code == 0, err
    count, titles = stored(run_cli.db)
    assert "Saved behind the import" in titles  # as it was at ctrl+s
    assert count == SEEDED + MEETINGS + 1 - 1  # the form's meeting in, the deleted one out
    assert deleting not in meeting_ids(run_cli.db)


def meeting_ids(path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM meetings")}
    finally:
        conn.close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_app_quit_while_its_save_waits_says_so_in_the_terminal_and_saves_when_the_import_ends(run_cli, big_file):
    from tests.test_concurrency import TerminalApp

    run_cli("list")
    app = TerminalApp(run_cli)
    app.read_until("meetings")
    importing = start_import(run_cli, big_file)
    app.press("n")
    app.read_until("New meeting")
    app.press("Typed, then quit\t2023-07-01")
    app.read_until("2023-07-01")
    app.press("\x13")  # ctrl+s
    app.read_until("your meeting will be saved when it ends")
    app.press("\x11")  # ctrl+q: the app closes, the save still waits, and the terminal says for what
    code = app.wait(timeout=120)
    assert code == 0, app.screen()[-2000:]
    after_the_app = app.output.rsplit(b"\x1b[?1049l", 1)[-1].decode()  # what follows the app's screen
    assert f"Waiting for an import (process {importing.pid}) to finish; your meeting will be saved when it ends." in after_the_app
    code, _, err = finished(importing)
    assert code == 0, err
    count, titles = stored(run_cli.db)
    assert "Typed, then quit" in titles and count == SEEDED + MEETINGS + 1
