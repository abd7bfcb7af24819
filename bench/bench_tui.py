"""The TUI's targets (DESIGN.md), measured on a database: a library of run.py (it does not
import run.py back); `python bench/run.py --db PATH` measures a database made before.

Cold start runs the real `tracker --db PATH` in a 120x40 pseudo-terminal, as a user would,
and times it until the newest meeting's title is written to the terminal; beside it, in the
same run, a bare Textual app showing 60 rows of the same file (the floor). Each is run
`runs` times, alternately, and the median is kept: on a shared machine single runs vary.
The CPU time the process used until then (all its threads) is kept too: it does not count
the time spent waiting for a core another process holds.

Peak memory is the TUI's VmHWM after it has counted, jumped to the oldest meeting, and
searched for a common word. Page, search and filter times are measured in-process, the way
the list calls the store: the first page is what a user waits for; the count runs in a
background thread and is shown when ready.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.store.db import Database
    from tracker.store.queries import MeetingQuery

FLOOR_APP = """
import sqlite3, sys
from textual.app import App
from textual.widgets import Static
rows = sqlite3.connect(sys.argv[1]).execute("SELECT start, title FROM meetings ORDER BY sort_key DESC LIMIT 60").fetchall()
class Floor(App):
    def compose(self):
        yield Static("\\n".join(f"{s} {t}" for s, t in rows), markup=False)
Floor().run()
"""

END, ENTER = b"\x1b[F", b"\r"


@dataclass
class Shown:
    seconds: float  # wall clock until the text was on screen
    cpu: float  # CPU seconds the process (all threads) had used by then
    peak_kb: int  # VmHWM when the run ended


def tracker_command() -> list[str]:
    script = Path(sys.executable).with_name("tracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]


def _cpu_seconds(pid: int) -> float:
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError, IndexError, ValueError):  # a thread that ended meanwhile
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
    return total / 1e9


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_in_pty(argv: list[str], needle: str, *, then: Sequence[tuple[bytes, float]] = (), settle: float = 0.0) -> Shown:
    """Run argv in a 120x40 terminal until `needle` is on screen; then type each (keys, wait) of `then`."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, target, shown = b"", needle.encode(), None

    def read_for(seconds: float) -> None:
        nonlocal seen, shown
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.005)
            if not ready:
                continue
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return
            if shown is None and target in seen:
                shown = Shown(time.perf_counter() - start, _cpu_seconds(pid), 0)
                return

    try:
        read_for(30)
        if shown is None:
            raise SystemExit(f"{needle!r} never appeared on the screen of {' '.join(argv)}")
        for keys, wait in then:
            os.write(fd, keys)
            read_for(wait)
        read_for(settle)
        shown.peak_kb = _peak_kb(pid)
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    return shown


def cold_start(db: Path, needle: str, runs: int = 5) -> tuple[list[Shown], list[Shown]]:
    """(tracker runs, floor runs), alternately, so that both meet the same load."""
    compile_tracker()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(FLOOR_APP)
    mine, floor = [], []
    try:
        for _ in range(runs):
            mine.append(run_in_pty([*tracker_command(), "--db", str(db)], needle))
            floor.append(run_in_pty([sys.executable, f.name, str(db)], needle))
    finally:
        os.unlink(f.name)
    return mine, floor


def compile_tracker() -> None:
    """Write the bytecode of tracker's modules, as an installed package has it after its first
    start. An editable install run under PYTHONDONTWRITEBYTECODE (CI, this machine) never
    writes it, and every start would compile some 30 modules (about 40 ms) that Textual's, compiled
    by pip, do not: the floor would be measured against a start no user has."""
    import compileall

    import tracker

    compileall.compile_dir(Path(tracker.__file__).parent, quiet=1)


def tui_peak_memory(db: Path, needle: str, common_word: str) -> int:
    """VmHWM (kB) after counting, going to the oldest meeting and back, and a search for a common word."""
    keys = [(b"", 3.0), (END, 2.0), (b"/" + common_word.encode() + ENTER, 3.0)]
    return run_in_pty([*tracker_command(), "--db", str(db)], needle, then=keys).peak_kb


def best_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best of `repeat`, in milliseconds (the page cache is warm after the first: as in use)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def paging(db: Database) -> dict[str, float]:
    """A jump to the middle and to the end of the list, and the next page there, in ms."""
    from tracker.store.queries import MeetingQuery, anchors, count, page
    from tracker.tui.widgets.meeting_rows import ANCHOR_EVERY, PAGE, MeetingRows

    total = count(db)
    rows = MeetingRows(db, MeetingQuery())
    rows.set_index(total, anchors(db, every=ANCHOR_EVERY))
    found = {}

    def jump(depth: int) -> None:
        rows._pages.clear()  # as a jump finds it: not read yet
        rows.row(depth)

    for name, depth in (("middle", total // 2), ("end", total - PAGE // 2)):
        found[name] = best_ms(partial(jump, depth))
    here = rows.row(total // 2)
    if here is None:
        raise SystemExit("the database has no meetings to page through")
    key = here.sort_key
    found["next"] = best_ms(lambda: page(db, before=key, limit=PAGE))
    return found


def first_page_and_count(db: Database, query: MeetingQuery) -> tuple[float, float, int]:
    """ms to the first page of `query`, ms to count it (off screen), and the count."""
    from tracker.store.queries import count, page
    from tracker.tui.widgets.meeting_rows import PAGE

    first = best_ms(lambda: page(db, query, limit=PAGE))
    n = count(db, query)
    return first, best_ms(lambda: count(db, query), repeat=2), n


def summary(runs: list[Shown]) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds."""
    return statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs)
