"""Import a file of meetings: our own exports (json, jsonl, csv) or an event dataset (icews, gdelt).

An import is one write transaction and one change-log entry (undo removes it whole): it
lands whole or not at all. A dry run does the same work and rolls it back, so what it
reports is exactly what an import would do.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.io.events import Tally
from tracker.io.formats import IMPORT_FORMATS, format_named, guess
from tracker.io.pipeline import PROGRESS_EVERY, plan_elsewhere
from tracker.io.reading import read_lines, read_records
from tracker.store.bulk import BadRecord, BulkWriter, ImportReport, database_file, import_transaction
from tracker.store.db import StoreError

if TYPE_CHECKING:
    from tracker.store.db import Database

TWO_PROCESSES_FROM = 16_000_000  # bytes: about 14,000 meetings, a second of work; starting a process takes 0.3 s


@dataclass
class ImportResult:
    format: str
    report: ImportReport
    dry_run: bool
    tally: Tally | None = None  # dataset imports: rows read and why some were not meetings
    records: int = 0


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that write() rolls it back."""


def guess_format(first_line: str, path: str) -> str:
    """The format from the content first (GDELT files end in .CSV), then the extension."""
    if found := guess(first_line, path):
        return found.name
    raise StoreError(f"cannot tell the format of {path}: give --format, one of {', '.join(IMPORT_FORMATS)}")


def import_file(
    db: Database,
    path: str,
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    all_events: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import `path` ('-' for stdin) into the database; raises StoreError (BadRecord: which line) and changes nothing then.

    `all_events`: an event dataset's rows that show no diplomatic contact are imported too (gdelt.py says the rule)."""
    with read_lines(path) as lines:
        first = next(lines, "")
        fmt = fmt or guess_format(first, path)
        records, tally = read_records(db, fmt, itertools.chain([first], lines), all_events)
        result = ImportResult(format=fmt, report=ImportReport(), dry_run=dry_run, tally=tally)
        db_file = _plan_elsewhere(db, path, fmt)
        try:
            with import_transaction(db, "standard input" if path == "-" else os.path.abspath(path)):
                if db_file:
                    result.report, result.records = plan_elsewhere(db, db_file, path, fmt, progress)
                else:
                    writer = BulkWriter(db)
                    for n, incoming in enumerate(records, start=1):
                        writer.add(incoming)
                        result.records = n
                        if progress and n % PROGRESS_EVERY == 0:
                            progress(n)
                    result.report = writer.finish()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    return result


def _plan_elsewhere(db: Database, path: str, fmt: str) -> str | None:
    """The database file, when a second process should read and plan: a big file of ours, a second core.

    A small file is done before a second Python would have started; stdin cannot be read
    twice; a database in memory, or a transaction the caller holds open, is invisible to
    another connection.
    """
    if format_named(fmt).dataset or path == "-" or (os.cpu_count() or 1) < 2 or db.conn.in_transaction:
        return None
    try:
        if os.path.getsize(path) < TWO_PROCESSES_FROM:
            return None
    except OSError:
        return None
    return database_file(db)


__all__ = ["IMPORT_FORMATS", "BadRecord", "ImportResult", "guess_format", "import_file"]
