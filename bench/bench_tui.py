"""Measure the TUI against DESIGN.md's targets on a database (ideally 1,000,000 meetings).

    python bench/bench_tui.py PATH [--rare Shoygu] [--common meets]

Cold start runs the real `tracker --db PATH` in a pseudo-terminal (120x40) and times
until the first row's title is written; peak memory is that process's VmHWM once its
background counting is done. Page, search and filter times are measured in-process, the
way the list calls the store. The floor is a bare Textual app showing 60 rows of the
same file, run the same way.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

FLOOR_APP = '''
import sqlite3, sys
from textual.app import App
from textual.widgets import Static
rows = sqlite3.connect(sys.argv[1]).execute("SELECT start, title FROM meetings ORDER BY sort_key DESC LIMIT 60").fetchall()
class Floor(App):
    def compose(self):
        yield Static("\\n".join(f"{s} {t}" for s, t in rows), markup=False)
Floor().run()
'''


def run_in_pty(argv: list[str], needle: str, *, settle: float = 2.0) -> tuple[float, int]:
    """Seconds until `needle` is on screen, and peak RSS (kB) after `settle` more seconds."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, shown = b"", None
    target = needle.encode()
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if shown is None and target in seen:
                shown = time.perf_counter() - start
                deadline = time.perf_counter() + settle
    peak = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    except OSError:
        pass
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    if shown is None:
        raise SystemExit(f"{needle!r} never appeared on screen of {' '.join(argv)}")
    return shown, peak


def timed(fn, repeat: int = 5) -> float:
    """Best of `repeat`, in milliseconds (the cache is warm after the first: as when scrolling)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--rare", default="Shoygu", help="a word few meetings contain")
    parser.add_argument("--common", default="meets", help="a word most meetings contain")
    args = parser.parse_args()

    from tracker.store.db import open_db
    from tracker.store.queries import MeetingQuery, anchors, count, page
    from tracker.tui.widgets.meeting_rows import ANCHOR_EVERY, PAGE, MeetingRows

    db = open_db(args.db)
    total = count(db)
    first = page(db, limit=1)[0]
    results: list[tuple[str, str, str]] = []

    tracker = str(Path(sys.executable).with_name("tracker"))
    shown, peak = run_in_pty([tracker, "--db", str(args.db)], first.title[:12])
    results.append(("cold start to first rows", f"{shown:.2f} s", "<= 0.4 s"))
    results.append(("peak memory of the TUI", f"{peak / 1024:.0f} MB", "<= 120 MB"))
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(FLOOR_APP)
    floor, floor_peak = run_in_pty([sys.executable, f.name, str(args.db)], first.title[:12])
    os.unlink(f.name)
    results.append(("  floor: bare Textual app, 60 rows", f"{floor:.2f} s, {floor_peak / 1024:.0f} MB", "(0.26 s)"))

    t = time.perf_counter()
    marks = anchors(db, every=ANCHOR_EVERY)
    results.append(("anchors, in a background thread", f"{(time.perf_counter() - t) * 1000:.0f} ms", "(off screen)"))
    rows = MeetingRows(db, MeetingQuery())
    rows.set_index(total, marks)
    for depth in (total // 2, total - PAGE // 2):
        depth_ms = timed(lambda: (rows._pages.clear(), rows.row(depth)))
        results.append((f"jump to row {depth:,} (page of {PAGE})", f"{depth_ms:.1f} ms", "<= 16 ms"))
    here = rows.row(total // 2)
    results.append(("next page at depth", f"{timed(lambda: page(db, before=here.sort_key, limit=PAGE)):.1f} ms", "<= 16 ms"))

    cases = [
        (f"search rare word {args.rare!r}", MeetingQuery(search=args.rare)),
        (f"search common word {args.common!r}", MeetingQuery(search=args.common)),
        ("filter status cancelled", MeetingQuery(status="cancelled")),
        ("filter level summit", MeetingQuery(level="summit")),
    ]
    for label, q in cases:
        first_page = timed(lambda: page(db, q, limit=PAGE))
        counted = timed(lambda: count(db, q), repeat=2)
        results.append((label + ": first page", f"{first_page:.1f} ms", "<= 50 ms"))
        results.append(("  and its count (background thread)", f"{counted:.1f} ms", "(off screen)"))

    print(f"{total:,} meetings in {args.db}")
    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  {'measured':>16}  target")
    for what, measured, target in results:
        print(f"{what:<{width}}  {measured:>16}  {target}")


if __name__ == "__main__":
    main()
