"""The app and the CLI on one file, each in a process of its own: nothing lost, never corrupt.

The app runs under Pilot in a subprocess (a real process with its connections and its
background threads) and takes one command a line on stdin; CLI writers and an import run
beside it, before and after the app's own writes. Two connections in one test process
would not show the fault this guards against: closing any descriptor of the file drops a
process's POSIX locks, which only another process notices.
"""

from __future__ import annotations

import json
import os
import re
import select
import sqlite3
import subprocess
import sys
import time

import pytest

APP_DRIVER = r"""
import asyncio, os, sys
from tracker.tui.app import TrackerApp
from textual.widgets import Input

# A running Textual app captures sys.stdout; the answers go straight to the pipe.
answers = os.fdopen(os.dup(1), "w", buffering=1)

async def main():
    app = TrackerApp(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        print("ready", file=answers)
        while line := await asyncio.to_thread(sys.stdin.readline):
            command, *args = line.split()
            if command == "press":
                await pilot.press(*args)
            elif command == "edit":  # the form on meeting N, a new date typed in, saved
                meeting_id, when = int(args[0]), " ".join(args[1:])
                app.show_meetings(app.meeting_query, meeting_id)
                await pilot.pause()
                await pilot.press("e")
                await pilot.pause()
                app.screen.query_one("#when", Input).value = when
                await pilot.press("ctrl+s")
            # Answered once the app has done what it was asked: the timeline's count, a save.
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            print("ok", file=answers)
    app.db.close()

asyncio.run(main())
"""


class AppProcess:
    def __init__(self, run_cli):
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP_DRIVER, str(run_cli.db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=run_cli.env,
            cwd=run_cli.cwd,
        )
        assert self.process.stdout.readline().strip() == "ready", self.process.stderr.read()

    def __call__(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ok", self.process.stderr.read()

    def quit(self) -> str:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        err = self.process.stderr.read()
        assert self.process.returncode == 0, err
        return err


def titles(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return {row[0] for row in conn.execute("SELECT title FROM meetings")}
    finally:
        conn.close()


def add(run_cli, title: str, when: str) -> None:
    code, _, err = run_cli("add", "--title", title, "--when", when)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("cli_first", [True, False], ids=["cli-writes-first", "app-writes-first"])
def test_the_app_and_cli_writers_on_one_file_keep_every_write_and_an_intact_file(db, run_cli, tmp_path, cli_first):
    db.close()
    app = AppProcess(run_cli)
    app("press 4")  # the Timeline opens a reader connection of its own in a thread
    app("press 1")
    if cli_first:
        add(run_cli, "CLI A", "2023")
    app("edit 2 3-4 April 2023")
    add(run_cli, "CLI B", "2022")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "".join(json.dumps({"title": f"Imported {i}", "start": f"2021-05-0{i + 1}", "end": f"2021-05-0{i + 1}", "precision": "day"}) + "\n" for i in range(3)),
        encoding="utf-8",
    )
    code, _, err = run_cli("import", batch)
    assert code == 0, err
    app("press 2")
    app("press 1")
    if not cli_first:
        add(run_cli, "CLI A", "2023")
    app.quit()

    assert {"CLI A", "CLI B", "Imported 0", "Imported 1", "Imported 2"} <= titles(run_cli.db)
    code, out, _ = run_cli("show", 2, "--json")
    assert json.loads(out)["start"] == "2023-04-03"


class TerminalApp:
    """`tracker --db FILE` in a pseudo-terminal, as a user starts it: keys in, the screen's bytes out."""

    def __init__(self, run_cli, size=(120, 40)):
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.process = subprocess.Popen(
            run_cli.argv(),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**run_cli.env, "TERM": "xterm-256color"},
            cwd=run_cli.cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, text: str, timeout: float = 30, *, or_stopped: bool = False) -> str:
        """The screen once `text` is on it (or, `or_stopped`, once the app has stopped)."""
        deadline = time.monotonic() + timeout
        while text not in self.screen() and not (or_stopped and self.process.poll() is not None):
            assert time.monotonic() < deadline, f"no {text!r} on screen: {self.screen()[-2000:]}"
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the process is gone and the terminal closed
                    break
        return self.screen()

    def screen(self) -> str:
        return ANSI.sub("", self.output.decode("utf-8", "replace"))

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        """The exit code; the screen is read meanwhile (a full terminal buffer would stall the app)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None or select.select([self.master], [], [], 0)[0]:
            assert time.monotonic() < deadline, f"the app did not stop: {self.screen()[-2000:]}"
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        os.close(self.master)
        return self.process.wait()


ANSI = re.compile(r"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[()][0-9A-Za-z]|.)")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_file_damaged_under_the_running_app_stops_it_with_one_line_and_a_failure_code(db, run_cli):
    for i in range(30):  # pages enough that the list cannot come from SQLite's cache alone
        add(run_cli, f"Meeting {i}", f"2020-01-{i % 28 + 1:02d}")
    db.close()
    app = TerminalApp(run_cli)
    app.read_until("meetings")
    with open(run_cli.db, "r+b") as damage:  # a disk, a crash or a careless copy; the header stays
        damage.seek(4096)
        damage.write(b"\xde\xad" * 40_000)
    # Each view reads the damaged pages its own way: the app may stop at any of them.
    app.press("2")
    app.read_until("their meetings", or_stopped=True)  # the People view's bar
    app.press("3")
    app.read_until("countries and organizations with meetings", or_stopped=True)
    app.press("1/Meet\r")
    code = app.wait()
    screen = app.screen()
    assert code == 1, screen[-2000:]
    assert "Error: the database" in screen and "is damaged (database disk image is malformed)" in screen
    assert "Traceback" not in screen and "sqlite3." not in screen
