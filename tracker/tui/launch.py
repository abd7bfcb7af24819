"""Open the app on a database, or say in one line why it cannot be opened."""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import sys
from pathlib import Path


def launch(path: str | Path | None) -> None:
    # Loading Textual makes the cyclic garbage collector run some 140 times (30-50 ms of a
    # 0.4 s start) and free nothing: it is paused until the first frame is on screen
    # (TrackerApp.on_ready resumes it).
    gc.disable()
    try:
        _launch(path)
    finally:
        gc.enable()


def _launch(path: str | Path | None) -> None:
    from tracker.store.db import default_db_path
    from tracker.store.errors import StoreError
    from tracker.text import one_line

    if path is not None and not str(path).strip():
        sys.exit("Error: --db needs a file name, e.g. --db ~/meetings.db")
    from tracker.tui.app import TrackerApp

    try:
        app = TrackerApp(Path(path) if path else default_db_path())
    except StoreError as e:  # before the terminal switches: a plain line, no traceback
        sys.exit(f"Error: {one_line(e)}")
    try:
        app.run()
    finally:
        # Closing the last connection checkpoints the WAL into the file and removes it:
        # tracker.db alone then holds everything (a copy of it is a whole backup).
        with contextlib.suppress(sqlite3.Error):  # a damaged file: the failure below says so
            app.db.close()
    if app.failure:
        sys.exit(f"Error: {one_line(app.failure)}")
    _finish_waiting_writes()
    if app.return_code:
        sys.exit(app.return_code)


def _finish_waiting_writes() -> None:
    """The app was quit while a write waited for an import: it is made when the import ends, and the terminal says so."""
    from tracker.text import one_line
    from tracker.tui.writing import unfinished_writes

    for pending in unfinished_writes():
        print(one_line(pending.told or "Waiting for another writer to finish; the change will be made when it ends."), file=sys.stderr)
        try:
            while not pending.landed.wait(0.5):
                pass
        except KeyboardInterrupt:
            pending.cancel()  # still waiting for the lock: nothing is written
            pending.landed.wait()
            raise
        if pending.error is not None and not pending.stop.is_set():
            sys.exit(f"Error: not saved: {one_line(pending.error)}")
