"""What a user checks after things go wrong: a killed process, two writers, a file that is not ours.

Contract: DESIGN.md "Reliability". Every process here is real (subprocesses, SIGKILL), and
every check is one a user could make: `sqlite3 t.db "PRAGMA integrity_check"`, `tracker list`,
`ls -l`, `cmp`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Precision, When
from tracker.store import db as store_db
from tracker.store.db import StoreError, open_db
from tracker.store.meetings import get_meeting
from tracker.store.queries import count

SEED = 3  # meetings of the seed article
MARCH_20 = When(dt.date(2023, 3, 20), dt.date(2023, 3, 20), Precision.DAY, "20 March 2023")
posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and file modes are POSIX")


def assert_consistent(path: Path) -> None:
    """What `sqlite3 t.db` would say: a sound file, no dangling references."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def meeting_ids_listed(run_cli, db: Path) -> list[int]:
    code, out, err = run_cli("list", "--json", db=db)
    assert (code, err) == (0, "")
    return [m["id"] for m in json.loads(out)]


def python(run_cli, code: str, *args: object) -> subprocess.Popen:
    """A child Python process using the store directly, in the CLI's clean environment."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=run_cli.env,
        cwd=run_cli.cwd,
    )


# ---------------------------------------------------------------- killed processes


def write_big_jsonl(path: Path, n: int) -> None:
    """n meetings of our interchange shape, hostile strings included; big enough that the
    import reads and plans in a second process (io.importing.TWO_PROCESSES_FROM)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1000)
            out.write(
                json.dumps(
                    {
                        "title": f'imported meeting {i} \u202e\'; DROP TABLE meetings;-- "quoted" <b>',
                        "status": "held",
                        "start": day.isoformat(),
                        "end": day.isoformat(),
                        "precision": "day",
                        "when_text": day.isoformat(),
                        "city": "Ankara",
                        "country": "TUR",
                        "summary": "Talks on grain exports and the Black Sea corridor. " * 8,
                        "participants": [
                            {"name": f"Person {i % 500}", "country": "TUR", "role": "host"},
                            {"name": None, "country": "SYR", "role": "visitor"},
                        ],
                        "topics": ["imported"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


@posix_only
def test_an_import_killed_midway_leaves_the_database_as_it_was(db, run_cli):
    """The real `tracker import` of a big file (a writer and its planning process), killed
    like a crash once part of it is on disk."""
    from tracker.io.importing import TWO_PROCESSES_FROM

    path = run_cli.db
    db.close()
    data = run_cli.cwd / "big.jsonl"
    write_big_jsonl(data, 150_000)  # long enough that the WAL grows by spills well before the commit
    assert data.stat().st_size > TWO_PROCESSES_FROM  # else it would not start the second process
    wal = path.with_name(path.name + "-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    child = subprocess.Popen(
        run_cli.argv("import", data, "--format", "jsonl", db=path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=run_cli.env,
        cwd=run_cli.cwd,
        start_new_session=True,  # its own process group: the planner is found by it afterwards
    )
    # Kill once part of the import is on disk (planned batches written, spilled into the WAL),
    # not only in memory: that is the state a crash must not leave behind.
    deadline = time.monotonic() + 60
    while (not wal.exists() or wal.stat().st_size <= wal_before) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    wal_during = wal.stat().st_size if wal.exists() else 0
    child.send_signal(signal.SIGKILL)  # the writer only, as a crash would
    out, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, "the import ended before the kill: make the file longer"
    assert "added" not in out
    assert wal_during > wal_before, "nothing of the import reached the disk: the kill proved nothing"
    # The planning process notices its writer is gone and ends too: no orphan keeps reading.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(child.pid, signal.SIGKILL)
        pytest.fail("the import's planning process outlived its killed writer")

    assert_consistent(path)
    reopened = open_db(path)
    assert count(reopened) == SEED  # the partial import vanished whole
    reopened.close()
    assert len(meeting_ids_listed(run_cli, path)) == SEED
    # and the killed writer left no lock behind
    code, _, err = run_cli("add", "--title", "After the crash", "--when", "2023-03-20")
    assert (code, err) == (0, "")
    assert len(meeting_ids_listed(run_cli, path)) == SEED + 1


@posix_only
def test_killing_tracker_add_midway_keeps_every_completed_add(db, run_cli):
    db.close()
    completed: list[str] = []
    killed: list[str] = []
    # Kills land at different moments: starting up, opening, inside the transaction, after.
    for i, delay in enumerate([0.05, 0.1, 0.15, 0.2, 0.25, 0.3]):
        title = f"Completed meeting {i}"
        code, _, err = run_cli("add", "--title", title, "--when", "2023-03-20", "--participant", f"Person {i}|TUR|host", "--new")
        assert (code, err) == (0, "")
        completed.append(title)
        victim = run_cli.start("add", "--title", f"Killed meeting {i}", "--when", "2023-03-21", "--participant", f"Victim {i}|SYR|visitor", "--new")
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=10)
        killed.append(f"Killed meeting {i}")

    assert_consistent(run_cli.db)
    code, out, err = run_cli("list", "--json")
    assert (code, err) == (0, "")
    stored = {m["title"]: m for m in json.loads(out)}
    assert set(completed) <= set(stored)
    for title in killed:  # a killed add landed whole or not at all
        if title in stored:
            assert [p["name"] for p in stored[title]["participants"]] == [f"Victim {title.split()[-1]}"]
    assert len(stored) == SEED + len(completed) + sum(t in stored for t in killed)
    # undo still knows every add that landed: one undo removes the newest one, nothing else
    newest = max(stored.values(), key=lambda m: m["id"])
    code, out, err = run_cli("undo")
    assert (code, err) == (0, "") and str(newest["id"]) in out


def test_a_full_disk_fails_one_action_with_a_message_and_changes_nothing(db):
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")  # no room to grow
    with pytest.raises(StoreError, match=r"the disk is full.*nothing was changed"):
        for i in range(100):
            add_meeting(db, Meeting(title=f"Talks {i}", when=MARCH_20, notes="x" * 9_000))
    assert count(db) == SEED + i
    db.execute("PRAGMA max_page_count = 1073741823")  # room again: the database works on
    add_meeting(db, Meeting(title="After the disk was freed", when=MARCH_20))
    assert count(db) == SEED + i + 1
    assert_consistent(Path(db.conn.execute("PRAGMA database_list").fetchone()[2]))


# ---------------------------------------------------------------- two writers, one reader

WRITER = r"""
import datetime as dt, os, sys, time
from tracker.model import Meeting, Participant, Precision, Role, When
from tracker.store.db import open_db
from tracker.actions.meetings import add_meeting

db = open_db(sys.argv[1])
name, go = sys.argv[2], sys.argv[3]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for i in range(200):
    day = dt.date(2023, 1, 1) + dt.timedelta(days=i)
    add_meeting(db, Meeting(title=f"{name} {i}", when=When(day, day, Precision.DAY, day.isoformat()),
                            participants=[Participant(f"{name} envoy", "TUR", Role.HOST)])).meeting
print("wrote", flush=True)
"""

READER = r"""
import os, sys
from tracker.store.db import open_db
from tracker.store.queries import MeetingQuery, count, page

db = open_db(sys.argv[1])
stop, reads = sys.argv[2], 0
print("ready", flush=True)
while not os.path.exists(stop):
    page(db, MeetingQuery(), limit=60)
    page(db, MeetingQuery(search="writer"), limit=60)
    count(db)
    reads += 1
print(reads, flush=True)
"""


def test_two_processes_writing_at_once_both_land_every_write(db, run_cli, tmp_path):
    db.close()
    go, stop = tmp_path / "go", tmp_path / "stop"
    writers = [python(run_cli, WRITER, run_cli.db, name, go) for name in ("writer-a", "writer-b")]
    reader = python(run_cli, READER, run_cli.db, stop)
    for p in [*writers, reader]:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    go.touch()
    listings = []
    while any(w.poll() is None for w in writers):  # a user running `tracker list` meanwhile
        listings.append(run_cli("list", "--limit", "5"))
    stop.touch()
    for w in writers:
        out, err = w.communicate(timeout=60)
        assert (w.returncode, out.strip(), err) == (0, "wrote", "")
    out, err = reader.communicate(timeout=60)
    assert (reader.returncode, err) == (0, "")
    assert int(out) > 0
    assert all(code == 0 and err == "" for code, _, err in listings)

    reopened = open_db(run_cli.db)
    assert count(reopened) == SEED + 400
    titles = {r[0] for r in reopened.execute("SELECT title FROM meetings")}
    assert {f"writer-{x} {i}" for x in "ab" for i in range(200)} <= titles
    reopened.close()
    assert_consistent(run_cli.db)


def test_processes_opening_a_new_database_at_once_all_succeed_and_seed_once(run_cli):
    adds = [run_cli.start("add", "--title", f"First meeting {i}", "--when", "2023-03-20") for i in range(4)]
    for p in adds:
        _, err = p.communicate(timeout=60)
        assert (p.returncode, err) == (0, ""), err
    assert len(meeting_ids_listed(run_cli, run_cli.db)) == SEED + 4
    assert_consistent(run_cli.db)


# ---------------------------------------------------------------- files that are not ours


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def other_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (bar TEXT)")
    conn.execute("INSERT INTO foo VALUES ('their data')")
    conn.commit()
    conn.close()


def newer_version(path: Path) -> None:
    open_db(path).close()  # our schema, in WAL mode as we leave it
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


REFUSED = {
    "random bytes": (random_bytes, "not a tracker database"),
    "another application's SQLite file": (other_application, "another application"),
    "a database from a newer version": (newer_version, "newer version"),
}


def snapshot_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_refused(code: int, out: str, err: str, problem: str) -> None:
    assert code != 0
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert problem in lines[0]


@pytest.mark.parametrize("command", [["list"], ["add", "--title", "Should not land", "--when", "2023-03-20"]], ids=["list", "add"])
@pytest.mark.parametrize("kind", REFUSED)
def test_a_file_that_is_not_a_tracker_database_is_refused_and_left_untouched(run_cli, tmp_path, kind, command):
    make, problem = REFUSED[kind]
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "their.db"
    make(path)
    before = snapshot_folder(folder)
    code, out, err = run_cli(*command, db=path)
    assert_refused(code, out, err, problem)
    assert snapshot_folder(folder) == before  # same bytes, and no -wal or -shm beside it


@pytest.mark.parametrize("kind", REFUSED)
def test_open_db_refuses_what_is_not_ours_with_a_store_error(tmp_path, kind):
    make, problem = REFUSED[kind]
    path = tmp_path / "their.db"
    make(path)
    before = snapshot_folder(tmp_path)
    with pytest.raises(StoreError, match=problem):
        open_db(path)
    assert snapshot_folder(tmp_path) == before


def test_a_folder_given_as_the_database_is_refused(run_cli, tmp_path):
    folder = tmp_path / "meetings"
    folder.mkdir()
    code, out, err = run_cli("list", db=None, env={"TRACKER_DB": str(folder)})
    assert_refused(code, out, err, "is a folder, not a tracker database")
    assert list(folder.iterdir()) == []


def test_a_path_under_a_regular_file_is_refused_with_what_is_wrong(run_cli, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for path in (blocker / "t.db", blocker / "deeper" / "t.db"):
        code, out, err = run_cli("list", db=path)
        assert_refused(code, out, err, "is a file, not a folder")
    assert blocker.read_text() == "not a folder"


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores file permissions, so a read-only folder cannot be made for it")
def test_a_read_only_folder_is_refused_and_nothing_is_created(run_cli, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out, err = run_cli("add", "--title", "Should not land", "--when", "2023-03-20", db=folder / "t.db")
        assert_refused(code, out, err, "Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores file permissions, so a read-only folder cannot be made for it")
def test_a_database_in_a_read_only_folder_is_refused_and_left_untouched(db, run_cli):
    db.close()
    folder = run_cli.db.parent
    before = snapshot_folder(folder)
    folder.chmod(0o555)
    try:
        code, out, err = run_cli("add", "--title", "Should not land", "--when", "2023-03-20")
        assert_refused(code, out, err, "permission denied")
        assert snapshot_folder(folder) == before
    finally:
        folder.chmod(0o755)


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores file permissions, so a read-only file cannot be made for it")
def test_a_read_only_database_file_is_refused_and_left_untouched(db, run_cli):
    db.close()
    run_cli.db.chmod(0o400)
    before = snapshot_folder(run_cli.db.parent)
    code, out, err = run_cli("list")
    assert_refused(code, out, err, "permission denied")
    assert snapshot_folder(run_cli.db.parent) == before


# ---------------------------------------------------------------- private by default


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
@pytest.mark.parametrize("how", ["--db", "TRACKER_DB"])
def test_a_new_database_and_its_folder_are_private_to_the_owner(run_cli, tmp_path, how):
    path = tmp_path / "new" / "private" / "t.db"
    if how == "--db":
        code, _, err = run_cli("add", "--title", "Secret talks", "--when", "2023-03-20", db=path)
    else:
        code, _, err = run_cli("add", "--title", "Secret talks", "--when", "2023-03-20", db=None, env={"TRACKER_DB": str(path)})
    assert (code, err) == (0, "")
    assert mode(path.parent) == 0o700
    for f in path.parent.iterdir():  # the database, and any -wal or -shm beside it
        assert mode(f) == 0o600, f.name


# ---------------------------------------------------------------- upgrades

TEST_MIGRATION = "ALTER TABLE meetings ADD COLUMN test_only_column TEXT;"


def upgrade_to(monkeypatch, migration: str) -> None:
    """Pretend this version of tracker ships one more migration than the file has."""
    migrations = [*store_db.MIGRATIONS, migration]
    monkeypatch.setattr(store_db, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", len(migrations))


def test_an_upgrade_keeps_a_backup_of_the_old_schema_and_loses_no_meeting(db, run_cli, monkeypatch):
    code, _, err = run_cli("add", "--title", "Lavrov meets Fidan", "--when", "2023-04-03", "--participant", "Hakan Fidan|TUR|visitor")
    assert (code, err) == (0, "")
    path = run_cli.db
    before_meetings = [m.to_dict() for m in (get_meeting(db, i) for i in range(1, SEED + 2))]
    db.close()
    before_dump = list(sqlite3.connect(path).iterdump())
    old_version = store_db.SCHEMA_VERSION

    upgrade_to(monkeypatch, TEST_MIGRATION)
    upgraded = open_db(path)

    backup = path.with_name(f"{path.name}.v{old_version}.bak")
    # Made with SQLite's backup API (a file copy would drop the locks of this process): the
    # same schema and rows, page by page, though not the same header bytes.
    copy = sqlite3.connect(backup)
    assert list(copy.iterdump()) == before_dump
    assert copy.execute("PRAGMA user_version").fetchone()[0] == old_version
    copy.close()
    if os.name == "posix":
        assert mode(backup) == 0o600  # the backup is as private as the database
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == old_version + 1
    assert "test_only_column" in upgraded["meetings"].columns_dict
    assert [get_meeting(upgraded, i).to_dict() for i in range(1, SEED + 2)] == before_meetings
    upgraded.close()
    assert_consistent(path)


def test_an_upgrade_that_fails_leaves_the_database_as_it_was(db, monkeypatch):
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    db.close()
    before = list(sqlite3.connect(path).iterdump())
    upgrade_to(monkeypatch, "ALTER TABLE no_such_table ADD COLUMN x TEXT;")
    with pytest.raises(StoreError):
        open_db(path)
    monkeypatch.undo()
    reopened = open_db(path)
    assert reopened.execute("PRAGMA user_version").fetchone()[0] == store_db.SCHEMA_VERSION
    assert count(reopened) == SEED
    reopened.close()
    assert list(sqlite3.connect(path).iterdump()) == before
    assert list(sqlite3.connect(path.with_name(f"{path.name}.v{store_db.SCHEMA_VERSION}.bak")).iterdump()) == before
