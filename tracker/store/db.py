"""Open a tracker database: checks, pragmas, migrations, write transactions.

A file is opened only if it is a tracker database (or new, or empty); anything else is
refused before a single byte is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from tracker.store.schema import APPLICATION_ID, MIGRATIONS
from tracker.store.search import matches_search

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 10_000  # reads and commits; the write lock is waited for in write(), its own way
# How long a writer waits for a write lock held by something other than an import (a sqlite3
# shell with an open transaction, Datasette writing) before giving up with "nothing was
# changed": long enough for anything a person does by hand to finish, short enough that a
# forgotten shell does not hang a script for ever. TRACKER_LOCK_WAIT (seconds) overrides it.
WAIT_FOR_OTHER_WRITERS = 120.0
# A write lock is tried for this long at a time; between tries the writer looks who holds it.
LOCK_SLICE_MS = 200
# Errors while saving that a user can act on (primary result codes).
_CANNOT_SAVE = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "the database could not be written",
    sqlite3.SQLITE_READONLY: "the database is read-only",
}


class StoreError(Exception):
    """A problem a user can act on; its message is shown as is."""


class NotFound(StoreError):
    pass


class Busy(StoreError):
    """The write lock could not be had (not waited for, given up, or the wait was cancelled); nothing was changed."""


@dataclass(frozen=True)
class Importer:
    """An import holding the write lock, as it announced itself (see announced_import)."""

    pid: int
    what: str  # the file it imports, as an absolute path, or "standard input"


# Told once for each holder a writer finds in its way: an Importer, or None for something else.
Waiting = Callable[[Importer | None], None]


def default_db_path() -> Path:
    """TRACKER_DB, or tracker.db in the user data dir (platformdirs)."""
    if env := os.environ.get("TRACKER_DB"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tracker", appauthor=False)) / "tracker.db"


def _refuse_foreign_file(path: Path) -> None:
    """Refuse, untouched, a file that is not SQLite, another app's SQLite file, or a newer schema.

    The file is read through SQLite only, never with open(): closing any descriptor of the
    file drops every POSIX lock this process holds on it, so a connection already open here
    (the app's, while a thread opens its own) would look gone to other processes, which then
    checkpoint and delete the WAL under it. SQLite's own descriptors are shared per file
    within a process and closed only when no lock needs them.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a tracker database")
    try:
        if path.stat().st_size == 0:
            return  # an empty file is a new database
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    # mode=ro alone still creates -wal and -shm beside a WAL-mode file, touching a file we
    # may refuse; immutable=1 creates nothing. Only when a -wal is already there (its
    # writer crashed or is running) must we read through it, and then it exists anyway.
    wal = path.with_name(path.name + "-wal")
    uri = f"{path.resolve().as_uri()}?{'mode=ro' if wal.exists() else 'immutable=1'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            # One statement, one snapshot: read apart, a file that another process is
            # creating looked like a foreign one (its tables there, its application_id not yet).
            app_id, version, tables = conn.execute(
                "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),"
                " (SELECT count(*) FROM sqlite_master)"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise StoreError(f"{path} is not a tracker database (not an SQLite file); nothing was changed") from None
        if isinstance(e, sqlite3.OperationalError) and "unable to open" in str(e):
            raise StoreError(f"cannot read {path}: permission denied") from None
        raise StoreError(f"{path} is not a readable tracker database ({e}); nothing was changed") from None
    if tables and app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database of another application, not a tracker database; nothing was changed")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer version of tracker (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade tracker to open it; nothing was changed"
        )


def _create_private(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600): schedules can be sensitive."""
    try:
        if any(parent.exists() and not parent.is_dir() for parent in path.parents):
            raise StoreError(f"cannot create a database at {path}: a part of that path is a file, not a folder")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as e:
        raise StoreError(f"cannot create a database at {path}: {e.strerror}") from None


class Database:
    """A tracker database: sqlite-utils' Database over one connection, made when first needed.

    execute() and query() are the connection's own, as sqlite-utils' are; everything else
    (tables, insert_all, ...) is sqlite-utils', reached through this object. Importing
    sqlite-utils costs some 100 ms (its plugins, click, dateutil), which the app's first
    frame, three small queries, does not need: it is loaded when first asked for.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.tracker_writer: str | None = None  # see write()
        # How write() waits for the lock (see there): told whom it waits for; stops when the event is set.
        self.waiting: Waiting | None = None
        self.stop_waiting: threading.Event | None = None
        self.patient = True  # False: a write that meets a held lock fails at once (Busy) instead of waiting
        self._utils: sqlite_utils.Database | None = None

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def query(self, sql: str, params=None) -> Iterator[dict]:
        cursor = self.execute(sql, params or ())
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self) -> sqlite_utils.Database:
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def __getitem__(self, name: str):
        return self.utils[name]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.utils, name)


def open_db(path: str | Path, *, create: bool = True, waiting: Waiting | None = None) -> Database:
    """Open (creating if needed) and migrate a tracker database; raises StoreError.

    `waiting` is told when a write (the migration's too) has to wait for another writer."""
    path = Path(path).expanduser()
    if path.exists():
        _refuse_foreign_file(path)
    elif create:
        _create_private(path)
    else:
        raise StoreError(f"no database at {path}")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise StoreError(f"cannot write to {path}: permission denied (the database and its folder must be writable)")
    try:
        # isolation_level=None: transactions are ours (BEGIN IMMEDIATE in write()), and
        # sqlite-utils nests its own work inside them as savepoints.
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.waiting = waiting
        db.execute("PRAGMA foreign_keys = ON")
        db.conn.create_function("matches_search", 2, matches_search, deterministic=True)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
        # From here on, this connection's transactions tell the triggers for edits made
        # outside tracker to stand aside (schema.py, migration 2).
        db.tracker_writer = "app"
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open {path}: {e}") from None
    return db


def _migrate(db: sqlite_utils.Database, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        _backup(db, path.with_name(f"{path.name}.v{version}.bak"))
    with write(db):
        # Another process may have migrated the file while we waited for the write lock.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in _statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        if version == 0:  # in the same transaction: no one sees a schema without its countries
            _fill_countries(db)


def _backup(db: sqlite_utils.Database, copy: Path) -> None:
    """An upgrade keeps a copy of the database as it was, beside it, private like it.

    Through SQLite's backup API, not a file copy: reading the file with open() here would
    drop this process's locks on it (see _refuse_foreign_file).
    """
    copy.unlink(missing_ok=True)
    _create_private(copy)
    target = sqlite3.connect(str(copy))
    try:
        db.conn.backup(target)
    finally:
        target.close()


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def _fill_countries(db: sqlite_utils.Database) -> None:
    from tracker.countries import country_table

    with write(db):
        db["countries"].insert_all(country_table(), replace=True)


def ensure_countries(db: sqlite_utils.Database, codes: set[str | None]) -> None:
    """Rows for countries and organizations a database made before they were known lacks
    (Kosovo, ECOWAS): the table is filled once, when a database is created."""
    codes = {c for c in codes if c}
    if not codes:
        return
    known = {r[0] for r in db.execute(f"SELECT code FROM countries WHERE code IN ({','.join('?' * len(codes))})", list(codes))}
    if codes - known:
        from tracker.countries import country_table

        with write(db):
            db["countries"].insert_all([row for row in country_table() if row["code"] in codes - known], ignore=True)


def data_version(db: sqlite_utils.Database) -> int:
    """A number that changes when another connection commits to the file (not on our own commits)."""
    return db.execute("PRAGMA data_version").fetchone()[0]


@contextlib.contextmanager
def bulk_writing(db: sqlite_utils.Database) -> Iterator[None]:
    """Inside write(): an import writes every row the triggers would, itself, in bulk.

    The triggers are dropped for the import's transaction and put back, as they were, before
    it commits: merely standing aside (their WHEN clauses) they still cost about 60 us a
    meeting, which nearly doubled the writer's time. No other connection sees them gone; if
    the import fails, the rollback puts them back.
    """
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        db.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        db.execute(sql)


@contextlib.contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One writer transaction per user action; nested calls join the outer one.

    BEGIN IMMEDIATE takes the write lock up front, so a second writer (the TUI and a CLI
    command on the same file) waits for it instead of failing mid-way: see _take_write_lock.
    """
    if db.conn.in_transaction:
        yield db
        return
    _take_write_lock(db)
    try:
        kind = getattr(db, "tracker_writer", None)
        if kind:
            db.execute("INSERT INTO tracker_writer (kind) VALUES (?)", [kind])
        yield db
        if kind:
            db.execute("DELETE FROM tracker_writer")
        db.execute("COMMIT")
    except BaseException as e:
        # After some errors (a full disk) SQLite has rolled back already; a second ROLLBACK
        # would fail and hide the real error behind "no transaction is active".
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        problem = _CANNOT_SAVE.get((getattr(e, "sqlite_errorcode", None) or 0) & 0xFF)
        if isinstance(e, sqlite3.OperationalError) and problem:
            raise StoreError(f"{problem} ({e}); nothing was changed") from None
        raise


def _take_write_lock(db: sqlite_utils.Database) -> None:
    """BEGIN IMMEDIATE, waiting for another writer as long as it is worth it.

    Behind an import (it says so in a file beside the database: announced_import), however
    long the import takes: it will end, and what the user asked for is then saved. Behind
    anything else (a sqlite3 shell in a transaction), up to WAIT_FOR_OTHER_WRITERS. The lock
    is tried a slice at a time; between slices the writer looks who holds it, tells
    db.waiting once for each holder it finds, and stops if db.stop_waiting is set.
    Reads are never in the way: WAL readers take no lock a writer waits for.
    """
    patient = getattr(db, "patient", True)
    told: set[Importer | None] = set()
    others_since: float | None = None
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
            if holder is None:
                others_since = others_since or time.monotonic()
                bound = wait_for_other_writers()
                if time.monotonic() - others_since >= bound:
                    raise Busy(
                        f"another program has held the database's write lock for {describe_seconds(bound)} "
                        "(a sqlite3 shell or another tool with a transaction open?); nothing was changed"
                    )
            else:
                others_since = None  # an import's time does not count against the bound
            if holder not in told:
                told.add(holder)
                if waiting := getattr(db, "waiting", None):
                    waiting(holder)
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


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
def not_waiting(db: sqlite_utils.Database) -> Iterator[None]:
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
# itself read with open() (see _refuse_foreign_file). A small file beside the database says
# it: the importer's pid and what it imports. It is written once the import has the lock and
# removed when the import's transaction is over; a file whose process is gone (an import
# killed with -9) is ignored, so no writer waits for ever.


def database_file(db: sqlite_utils.Database) -> str | None:
    """The file of the database, or None for one in memory (a second connection cannot see it)."""
    path = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
    return path or None


def import_file_of(db: sqlite_utils.Database) -> Path | None:
    """Where an import of this database announces itself: `<db>-import`; None for a database in memory."""
    path = database_file(db)
    return Path(path + "-import") if path else None


@contextlib.contextmanager
def announced_import(db: sqlite_utils.Database, what: str) -> Iterator[sqlite_utils.Database]:
    """write() for an import: while it holds the lock, other writers know an import is what they wait for."""
    marker = import_file_of(db)
    announced = False
    try:
        with write(db):
            if marker is not None:
                _write_private(marker, json.dumps({"pid": os.getpid(), "what": what}, ensure_ascii=False))
                announced = True
            yield db
    finally:
        # After the commit: a writer that meets the lock in between would say "another program".
        if announced and marker is not None:
            with contextlib.suppress(OSError):
                if _read_importer(marker) == Importer(os.getpid(), what):
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


def import_holding(db: sqlite_utils.Database) -> Importer | None:
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
