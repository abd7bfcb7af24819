"""How writers take the write lock: behind an import, however long; behind anything else, up to a bound.

write() (store.db) takes the lock through take_write_lock. An import says it holds the lock
in a small file beside the database (announce_import), so that the writers behind it know
what they wait for and tell the user (the CLI on stderr, the app on the screen).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.store.errors import Busy, StoreError

if TYPE_CHECKING:
    from tracker.store.db import Database

BUSY_TIMEOUT_MS = 10_000  # reads and commits; the write lock is waited for in write(), its own way
# How long a writer waits for a write lock held by something other than an import (a sqlite3
# shell with an open transaction, Datasette writing) before giving up with "nothing was
# changed": long enough for anything a person does by hand to finish, short enough that a
# forgotten shell does not hang a script for ever. TRACKER_LOCK_WAIT (seconds) overrides it.
WAIT_FOR_OTHER_WRITERS = 120.0
# A write lock is tried for this long at a time; between tries the writer looks who holds it.
LOCK_SLICE_MS = 200
# A wait behind another writer that is not an import (another tracker command creating the
# file or merging people) is said only past this: most are over long before, and a line on
# stderr for them would be noise. A wait behind an import is said at once: it is long.
QUIET_WAIT = 2.0


@dataclass(frozen=True)
class Importer:
    """An import holding the write lock, as it announced itself (announce_import)."""

    pid: int
    what: str  # the file it imports, as an absolute path, or "standard input"


# Told once for each holder a writer finds in its way: an Importer, or None for something else.
Waiting = Callable[[Importer | None], None]


def take_write_lock(db: Database) -> None:
    """BEGIN IMMEDIATE, waiting for another writer as long as it is worth it.

    Behind an import (it says so in a file beside the database: announce_import), however
    long the import takes: it will end, and what the user asked for is then saved. Behind
    anything else (a sqlite3 shell in a transaction), up to WAIT_FOR_OTHER_WRITERS. The lock
    is tried a slice at a time; between slices the writer looks who holds it, tells
    db.waiting once for each holder it finds (another program only past QUIET_WAIT), and
    stops if db.stop_waiting is set.
    Reads are never in the way: WAL readers take no lock a writer waits for.
    """
    patient = getattr(db, "patient", True)
    told: set[Importer | None] = set()
    others_since: float | None = time.monotonic()
    db.execute(f"PRAGMA busy_timeout = {LOCK_SLICE_MS if patient else 0}")
    try:
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF != sqlite3.SQLITE_BUSY:
                    raise StoreError(f"the database is read-only or cannot be written ({e}); nothing was changed") from None
            if not patient:
                raise Busy("another program is writing to the database; nothing was changed")
            stop = getattr(db, "stop_waiting", None)
            if stop is not None and stop.is_set():
                raise Busy("cancelled while waiting for another writer; nothing was changed")
            holder = import_holding(db)
            if holder is not None:
                others_since = None  # an import's time does not count against the bound
                _tell(db, told, holder)
                continue
            others_since = others_since or time.monotonic()
            waited, bound = time.monotonic() - others_since, wait_for_other_writers()
            if waited >= min(QUIET_WAIT, bound):
                _tell(db, told, None)
            if waited >= bound:
                raise Busy(
                    f"another program has held the database's write lock for {describe_seconds(bound)} "
                    "(a sqlite3 shell or another tool with a transaction open?); nothing was changed"
                )
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _tell(db: Database, told: set[Importer | None], holder: Importer | None) -> None:
    """db.waiting hears of each holder once: the CLI's line is not repeated at every slice."""
    if holder not in told:
        told.add(holder)
        if waiting := getattr(db, "waiting", None):
            waiting(holder)


def wait_for_other_writers() -> float:
    """Seconds a writer waits for a lock that no import holds: WAIT_FOR_OTHER_WRITERS, or TRACKER_LOCK_WAIT."""
    try:
        return max(0.0, float(os.environ.get("TRACKER_LOCK_WAIT", WAIT_FOR_OTHER_WRITERS)))
    except ValueError:
        return WAIT_FOR_OTHER_WRITERS


def describe_seconds(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


@contextlib.contextmanager
def not_waiting(db: Database) -> Iterator[None]:
    """Writes that are not worth waiting for (a draft, the app's settings): Busy at once when the lock is held."""
    before = getattr(db, "patient", True)
    db.patient = False
    try:
        yield
    finally:
        db.patient = before


# ------------------------------------------------------------ an import says it holds the lock
#
# Other writers must know an import holds the lock while it writes, so a table will not do
# (its rows are invisible until the import commits), nor anything in the database file
# itself read with open() (see store.db._refuse_foreign_file). A small file beside the database says
# it: the importer's pid and what it imports. It is written once the import has the lock and
# removed when the import's transaction is over; a file whose process is gone (an import
# killed with -9) is ignored, so no writer waits for ever.


def database_file(db: Database) -> str | None:
    """The file of the database, or None for one in memory (a second connection cannot see it)."""
    path = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
    return path or None


def import_file_of(db: Database) -> Path | None:
    """Where an import of this database announces itself: `<db>-import`; None for a database in memory."""
    path = database_file(db)
    return Path(path + "-import") if path else None


def announce_import(db: Database, what: str) -> Importer | None:
    """Inside the import's transaction: say beside the database that this process imports `what`."""
    marker = import_file_of(db)
    if marker is None:
        return None
    importer = Importer(os.getpid(), what)
    _write_private(marker, json.dumps({"pid": importer.pid, "what": importer.what}, ensure_ascii=False))
    return importer


def withdraw_import(db: Database, importer: Importer) -> None:
    """After the import's transaction: its word goes (unless another import has written its own since)."""
    marker = import_file_of(db)
    with contextlib.suppress(OSError):
        if marker is not None and _read_importer(marker) == importer:
            marker.unlink()


def _write_private(path: Path, text: str) -> None:
    """Written beside and renamed: a reader never sees half of it; 0600, as the database."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    partial.replace(path)


def _read_importer(path: Path) -> Importer | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Importer(int(data["pid"]), str(data["what"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def import_holding(db: Database) -> Importer | None:
    """The import that says it holds the write lock, if its process is alive."""
    marker = import_file_of(db)
    importer = _read_importer(marker) if marker is not None else None
    if importer is None or not _alive(importer.pid):
        return None
    return importer


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill there would end the process
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except OSError:
        return False
    return True
