"""Every target of DESIGN.md, measured in one run and printed as one table.

    python bench/run.py                  # 1,000,000 meetings: generate, import, measure
    python bench/run.py --n 20000        # a quick run
    python bench/run.py --db PATH        # measure a database made before (no generate, no import)

Generates N meetings (bench/generate.py, about 3 participants each), imports them with the
real `tracker import`, then measures: the import rate; cold start to the first rows (the
real `tracker` in a pseudo-terminal) beside a bare Textual app showing 60 rows (the floor);
the TUI's peak memory; a jump and the next page at depth; the first page of searches and
filters, rare and common; the duplicate check of the meeting form and the look-ups of
`tracker ingest`; a warm date parse; and the peak memory of `tracker list --json` over
everything (against the same with --limit 100: constant memory means the same figure).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.store.db import Database

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_tui import best_ms, cold_start, first_page_and_count, paging, summary, tracker_command, tui_peak_memory  # noqa: E402

RARE_WORD = "Shoygu"  # an alias of a seed person: three meetings in any database
COMMON_WORD = "minister"  # in nearly every generated meeting (participants' titles)
Row = tuple[str, str, str, bool | None]  # what, measured, target, met (None: not a target)


def run_measured(argv: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS (kB) and exit code of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        said = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed:\n{said[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def generate_and_import(n: int, folder: Path) -> tuple[Path, list[Row]]:
    data, db = folder / f"meetings-{n}.jsonl", folder / "bench.db"
    for old in folder.glob("bench.db*"):
        old.unlink()
    t = time.perf_counter()
    with data.open("w") as out:
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n)], stdout=out, check=True)
    print(f"generated {n:,} meetings in {time.perf_counter() - t:.0f} s ({data.stat().st_size / 1e6:.0f} MB of JSONL)", file=sys.stderr)
    elapsed, cpu, peak, _ = run_measured([*tracker_command(), "--db", str(db), "import", str(data), "--format", "jsonl"])
    print(f"imported in {elapsed:.0f} s (CPU {cpu:.0f} s, peak {peak / 1024:.0f} MB)", file=sys.stderr)
    rate = n / elapsed
    return db, [("import (JSONL, with participants, indexes and search)", f"{rate:,.0f}/s ({n / cpu:,.0f} per CPU-s)", ">= 30,000 meetings/s", rate >= 30_000)]


def measure_tui(db_path: Path, *, runs: int = 5) -> list[Row]:
    from tracker.model import Level, Status
    from tracker.store.db import open_db
    from tracker.store.people import list_countries
    from tracker.store.queries import MeetingQuery, page

    db = open_db(db_path)
    newest = page(db, limit=1)[0]
    needle = newest.title[:12]
    rows: list[Row] = []

    mine, floor = cold_start(db_path, needle, runs)
    (wall, cpu), (floor_wall, floor_cpu) = summary(mine), summary(floor)
    rows.append((f"cold start to the first rows (median of {runs})", f"{wall:.2f} s (CPU {cpu:.2f} s)", "<= 0.4 s", wall <= 0.4))
    rows.append(("  floor: a bare Textual app showing 60 rows", f"{floor_wall:.2f} s (CPU {floor_cpu:.2f} s)", "(0.26 s)", None))
    ratio, cpu_ratio = wall / floor_wall, cpu / floor_cpu
    rows.append(("  cold start against the floor, in the same run", f"{ratio:.2f}x (CPU {cpu_ratio:.2f}x)", "<= 1.3x", ratio <= 1.3))
    peak = tui_peak_memory(db_path, needle, COMMON_WORD)
    rows.append(("peak memory of the TUI (counted, at the end, searched)", f"{peak / 1024:.0f} MB", "<= 120 MB", peak / 1024 <= 120))

    moves = paging(db)
    for name, label in (("middle", "jump to the middle of the list"), ("end", "jump to the oldest meeting"), ("next", "next page at depth")):
        rows.append((label, f"{moves[name]:.1f} ms", "<= 16 ms", moves[name] <= 16))

    countries = sorted((c for c in list_countries(db, with_meetings_only=True) if c.meeting_count), key=lambda c: c.meeting_count)
    common, rare = countries[-1].code, countries[0].code
    cases = [
        (f"search, rare word {RARE_WORD!r}", MeetingQuery(search=RARE_WORD)),
        (f"search, common word {COMMON_WORD!r}", MeetingQuery(search=COMMON_WORD)),
        ("search, one letter 'a' (a prefix)", MeetingQuery(search="a")),
        ("search, two words 'energy a'", MeetingQuery(search="energy a")),
        (f"filter, common country {common}", MeetingQuery(countries=(common,))),
        (f"filter, rare country {rare}", MeetingQuery(countries=(rare,))),
        (f"search {COMMON_WORD!r} + common country {common}", MeetingQuery(search=COMMON_WORD, countries=(common,))),
        (f"search {COMMON_WORD!r} + rare country {rare}", MeetingQuery(search=COMMON_WORD, countries=(rare,))),
        (f"search 'energy' + rare country {rare}", MeetingQuery(search="energy", countries=(rare,))),
        ("filter, status cancelled", MeetingQuery(status=Status.CANCELLED)),
        ("filter, level summit + status postponed", MeetingQuery(level=Level.SUMMIT, status=Status.POSTPONED)),
        ("filter, a person's name typed ('Lavrov')", MeetingQuery(person="Lavrov")),
        ("search 'energy' + person 'Lavrov'", MeetingQuery(search="energy", person="Lavrov")),
        ("filter, dates: March 2023", MeetingQuery(start=dt.date(2023, 3, 1), end=dt.date(2023, 3, 31))),
    ]
    for label, query in cases:
        first, counted, n = first_page_and_count(db, query)
        rows.append((f"{label}: first page", f"{first:.1f} ms ({n:,} found; count {counted:.0f} ms)", "<= 50 ms", first <= 50))

    rows += store_lookups(db, newest.id)
    return rows


def store_lookups(db: Database, meeting_id: int) -> list[Row]:
    """The form's duplicate check and ingest's look-ups, around a stored meeting and around a busy pair of countries."""
    from tracker.model import Precision, When
    from tracker.store.duplicates import find_possible_duplicates
    from tracker.store.matching import meetings_near, people_named
    from tracker.store.meetings import get_meeting
    from tracker.store.people import list_countries, list_people

    stored = get_meeting(db, meeting_id)
    again = replace(stored, id=None, uid=None)
    busiest = [c.code for c in sorted(list_countries(db, with_meetings_only=True), key=lambda c: -c.meeting_count)[:2]]
    month = When(dt.date(2023, 3, 1), dt.date(2023, 3, 31), Precision.MONTH, "March 2023")
    busy = replace(again, when=month, level=None, participants=[replace(p, name=None, country=c) for p, c in zip(again.participants, busiest, strict=False)])
    names = [p.name for p in list_people(db, limit=40)]
    person_ids = [p.id for p in list_people(db, limit=2)]
    timings = [
        ("duplicate check of the form (a meeting stored twice)", best_ms(lambda: find_possible_duplicates(db, again))),
        ("duplicate check, busiest two countries over a month", best_ms(lambda: find_possible_duplicates(db, busy))),
        ("ingest: people named in an article (40 names)", best_ms(lambda: people_named(db, names))),
        (
            "ingest: stored meetings near one found",
            best_ms(lambda: meetings_near(db, stored.when.start, stored.when.end, countries=stored.countries, person_ids=person_ids)),
        ),
        ("ingest: meetings near, busiest countries, a month", best_ms(lambda: meetings_near(db, month.start, month.end, countries=busiest))),
    ]
    return [(label, f"{ms:.1f} ms", "< 50 ms", ms < 50) for label, ms in timings]


def warm_date_parse() -> Row:
    from tracker.dates import parse_when

    as_of = dt.date(2023, 3, 15)
    texts = [
        "15-16 March",
        "March 15–16, 2023",
        "28 December 2022 to 2 January 2023",
        "3-4 Nisan 2023",
        "16 марта 2023",
        "next Thursday",
        "tomorrow",
        "December",
    ]
    for text in texts:
        parse_when(text, as_of)
    slowest, which = max((best_ms(partial(parse_when, text, as_of), repeat=20), text) for text in texts)
    return (f"warm date parse (slowest of {len(texts)} forms: {which!r})", f"{slowest:.2f} ms", "< 2 ms", slowest < 2)


def list_json_memory(db: Path) -> Row:
    base = [*tracker_command(), "--db", str(db), "list", "--json"]
    small = run_measured([*base, "--limit", "100"])
    everything = run_measured(base)
    grows = everything[2] - small[2]
    return (
        "`tracker list --json` of everything, to /dev/null: peak RSS",
        f"{everything[2] / 1024:.0f} MB in {everything[0]:.0f} s (--limit 100: {small[2] / 1024:.0f} MB)",
        "constant memory",
        grows < 20 * 1024,
    )


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor()
    )
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} × {cpu}, {memory / 1024:.0f} GB RAM; Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; load average {load}"


def print_table(rows: list[Row]) -> None:
    widths = [max(len(what) for what, _, _, _ in rows), max(len(measured) for _, measured, _, _ in rows), max(len(target) for _, _, target, _ in rows)]
    print(f"| {'what':<{widths[0]}} | {'measured':<{widths[1]}} | {'target':<{widths[2]}} | met? |")
    print(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 2)}|{'-' * (widths[2] + 2)}|------|")
    for what, measured, target, met in rows:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"| {what:<{widths[0]}} | {measured:<{widths[1]}} | {target:<{widths[2]}} | {mark:<4} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="meetings to generate (default 1,000,000)")
    parser.add_argument("--db", type=Path, help="measure this database instead of generating and importing one")
    parser.add_argument("--keep", type=Path, help="folder for the JSONL and the database, kept afterwards (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to take the median of (default 5)")
    args = parser.parse_args()

    folder = None
    rows: list[Row] = []
    if args.db:
        if not args.db.exists():
            raise SystemExit(f"Error: no database at {args.db}")
        db = args.db
    else:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
        folder.mkdir(parents=True, exist_ok=True)
        db, rows = generate_and_import(args.n, folder)
    try:
        from tracker.store.db import open_db
        from tracker.store.queries import count

        total = count(open_db(db))
        rows += measure_tui(db, runs=args.runs)
        rows.append(warm_date_parse())
        rows.append(list_json_memory(db))
    finally:
        if folder is not None and args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{total:,} meetings; {machine()}")
    print(f"peak RSS of this benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", file=sys.stderr)
    print_table(rows)


if __name__ == "__main__":
    main()
