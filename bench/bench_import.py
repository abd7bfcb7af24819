"""Import N generated meetings (JSONL) into a fresh database and print meetings per second.

Indexes and the full-text index are maintained during the import (nothing dropped and
rebuilt), as a user's import would do.

    python bench/bench_import.py 1000000 [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import meetings


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--keep", help="Folder to leave the JSONL and the database in.")
    args = parser.parse_args()

    import json

    from tracker.io.importing import import_file
    from tracker.store.db import open_db

    folder = Path(args.keep or tempfile.mkdtemp(prefix="tracker-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"meetings-{args.n}.jsonl"
    if not data.exists():
        t = time.perf_counter()
        with data.open("w", encoding="utf-8") as out:
            for m in meetings(args.n):
                out.write(json.dumps(m, ensure_ascii=False) + "\n")
        print(f"generated {args.n:,} meetings in {time.perf_counter() - t:.1f} s ({data.stat().st_size / 1e6:.0f} MB)")
    db_path = folder / "bench.db"
    for p in folder.glob("bench.db*"):
        p.unlink()
    db = open_db(db_path)
    t, cpu, child = time.perf_counter(), time.process_time(), _children_cpu()
    result = import_file(db, str(data), "jsonl")
    elapsed, cpu, child = time.perf_counter() - t, time.process_time() - cpu, _children_cpu() - child
    r = result.report
    print(f"imported {r.added:,} meetings in {elapsed:.1f} s: {r.added / elapsed:,.0f} meetings/s (indexes and full-text search included)")
    # On a shared machine the wall clock counts other processes' turns too; CPU time does not.
    print(
        f"CPU time of the import: {cpu:.1f} s writing, {child:.1f} s reading and planning (second process): "
        f"{r.added / cpu:,.0f} meetings per CPU-second of the writer"
    )
    print(f"database: {db_path.stat().st_size / 1e6:,.0f} MB")
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("meetings", "participants", "people", "sources", "meeting_search")}
    print("rows:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    t = time.perf_counter()
    again = import_file(db, str(data), "jsonl", dry_run=True)
    print(f"dry run of the same file again: {again.report.added:,} new, {again.report.unchanged:,} already there, in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
