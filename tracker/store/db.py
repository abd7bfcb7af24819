"""Open a tracker database: checks, pragmas, migrations, write transactions.

A file is opened only if it is a tracker database (or new, or empty); anything else is
refused before a single byte is written.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

# The store's errors are imported from here by the rest of tracker.
from tracker.store.errors import Busy as Busy
from tracker.store.errors import NotFound as NotFound
from tracker.store.errors import StoreError as StoreError
from tracker.store.locks import BUSY_TIMEOUT_MS, Waiting, announce_import, take_write_lock, withdraw_import
from tracker.store.schema import APPLICATION_ID, MIGRATIONS
from tracker.store.search import matches_search

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table, View

# What execute() binds: positional values, or named ones (:name).
Parameters: TypeAlias = Sequence[object] | Mapping[str, object]

SCHEMA_VERSION = len(MIGRATIONS)
# Errors while saving that a user can act on (primary result codes).
_CANNOT_SAVE = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "the database could not be written",
    sqlite3.SQLITE_READONLY: "the database is read-only",
}


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

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Parameters | None = None) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params or ())
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=False))

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self) -> sqlite_utils.Database:
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def __getitem__(self, name: str) -> Table | View:
        return self.utils[name]

    def __getattr__(self, name: str) -> Any:  # whatever sqlite-utils' Database has
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


def _migrate(db: Database, path: Path) -> None:
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


def _backup(db: Database, copy: Path) -> None:
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


def _fill_countries(db: Database) -> None:
    from tracker.countries import country_table

    with write(db):
        db.utils.table("countries").insert_all(country_table(), replace=True)


def ensure_countries(db: Database, codes: set[str | None]) -> None:
    """Rows for countries and organizations a database made before they were known lacks
    (Kosovo, ECOWAS): the table is filled once, when a database is created."""
    codes = {c for c in codes if c}
    if not codes:
        return
    known = {r[0] for r in db.execute(f"SELECT code FROM countries WHERE code IN ({','.join('?' * len(codes))})", list(codes))}
    if codes - known:
        from tracker.countries import country_table

        with write(db):
            db.utils.table("countries").insert_all([row for row in country_table() if row["code"] in codes - known], ignore=True)


def data_version(db: Database) -> int:
    """A number that changes when another connection commits to the file (not on our own commits)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


@contextlib.contextmanager
def bulk_writing(db: Database) -> Iterator[None]:
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
def write(db: Database) -> Iterator[Database]:
    """One writer transaction per user action; nested calls join the outer one.

    BEGIN IMMEDIATE takes the write lock up front, so a second writer (the TUI and a CLI
    command on the same file) waits for it instead of failing mid-way: see store.locks.
    """
    if db.conn.in_transaction:
        yield db
        return
    take_write_lock(db)
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


@contextlib.contextmanager
def announced_import(db: Database, what: str) -> Iterator[Database]:
    """write() for an import: while it holds the lock, other writers know an import is what they wait for (store.locks)."""
    importer = None
    try:
        with write(db):
            importer = announce_import(db, what)
            yield db
    finally:
        # After the commit: a writer that meets the lock in between would say "another program".
        if importer is not None:
            withdraw_import(db, importer)
