"""A big import on two cores: one process reads and plans, this one writes.

Reading the file, building meetings, validating them and planning their rows (store.bulkplan)
takes as long as SQLite takes to write them, so a second process does it and hands over
planned batches through a pipe while the writer stores the one before. The writer stays
one process and one transaction; the planner reads the database on a read-only connection
opened after the writer took the write lock, so it sees the database as the import found it.

The second process is started fresh (spawn), not forked: a forked child would inherit
SQLite's record of the locks this process holds on the file and could skip taking its own.
"""

from __future__ import annotations

import itertools
import marshal
import multiprocessing
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker.io.reading import read_lines, read_records
from tracker.store.bulk import BATCH, BadRecord, BulkWriter, ImportReport, open_reader, read_snapshot
from tracker.store.bulkplan import Outcome, PlannedBatch, Planner
from tracker.store.db import StoreError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from tracker.store.db import Database

PROGRESS_EVERY = 50_000


def plan_elsewhere(db: Database, db_file: str, path: str, fmt: str, progress: Callable[[int], None] | None) -> tuple[ImportReport, int]:
    """Import `path` through a planning process into `db`, inside the caller's transaction; (report, records read)."""
    writer = BulkWriter(db, plan_here=False)
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_plan, args=(db_file, path, fmt, writer.ids, sending), daemon=True, name="tracker-import-planner")
    child.start()
    sending.close()
    records, told = 0, 0
    try:
        while True:
            try:
                kind, payload, records = marshal.loads(receiving.recv_bytes())
            except EOFError:
                raise StoreError("the import's reading process stopped unexpectedly; nothing was imported") from None
            if kind == "batch":
                writer.write(PlannedBatch(*payload))
                if progress and records // PROGRESS_EVERY > told:
                    told = records // PROGRESS_EVERY
                    progress(told * PROGRESS_EVERY)
            elif kind == "done":
                child.join()  # its read transaction ends before ours commits
                report, links, updated_before, realiased = payload
                return writer.finish(Outcome(ImportReport(**report), links, updated_before, realiased)), records
            elif kind == "bad":
                raise BadRecord(payload)
            elif kind == "refused":
                raise StoreError(payload)
            else:
                raise StoreError(f"the import failed while reading the file: {payload}")
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()


def _plan(db_file: str, path: str, fmt: str, ids: dict[str, int], sending: Connection) -> None:
    """In the planning process: read, validate and plan a batch at a time, and send each."""
    records = 0
    try:
        db = open_reader(db_file)
        with read_snapshot(db), read_lines(path) as lines:  # one snapshot for the whole import
            planner = Planner(db, ids)
            incoming, _ = read_records(db, fmt, lines)
            while batch := list(itertools.islice(incoming, BATCH)):
                records += len(batch)
                planned = planner.plan(batch)
                _send(sending, "batch", (planned.statements, planned.rows, planned.first_id, planned.lines), records)
        db.conn.close()
        outcome = planner.outcome()
        _send(sending, "done", (vars(outcome.report), outcome.links, outcome.updated_before, outcome.realiased), records)
    except BadRecord as e:
        _send(sending, "bad", str(e), records)
    except StoreError as e:
        _send(sending, "refused", str(e), records)
    except Exception:  # noqa: BLE001 - said to the writer, which stops the import and rolls back
        _send(sending, "failed", traceback.format_exc(limit=-1).strip().splitlines()[-1], records)
    finally:
        sending.close()


def _send(sending: Connection, kind: str, payload, records: int) -> None:
    """marshal, not pickle: the rows are tuples of texts and numbers, and marshal writes them in half the time."""
    sending.send_bytes(marshal.dumps((kind, payload, records)))
