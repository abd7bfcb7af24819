"""Fixtures shared by the whole suite: a seeded database, and the CLI run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.seed import seed_if_new
from tracker.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Real ICEWS and GDELT files, the CAMEO codes and the seed's article, kept in the repository (README.md there).
REAL_SAMPLES = FIXTURES / "data"


def real_sample(name: str) -> Path:
    """The path of a real sample the tests read; a clone without it fails here, it does not skip."""
    path = REAL_SAMPLES / name
    assert path.is_file(), f"{path} is missing: the real samples live in the repository (tests/fixtures/data/README.md)"
    return path


@pytest.fixture
def db(tmp_path):
    """A new database at tmp_path/"t.db", seeded: the three meetings of the article."""
    database = open_db(tmp_path / "t.db")
    seed_if_new(database)
    yield database
    database.close()


@pytest.fixture(scope="session")
def hostile_strings() -> list[str]:
    """Markup, ANSI escapes, SQL, FTS syntax, right-to-left text, 10,000 characters (fixtures/hostile.json)."""
    return json.loads((FIXTURES / "hostile.json").read_text(encoding="utf-8"))


class CLI:
    """`python -m tracker` in a subprocess with a clean environment, as a user runs it.

    `--db` defaults to tmp_path/"t.db" (the file of the `db` fixture); pass db=None to leave
    it out (then TRACKER_DB, or the user data folder, which points into tmp_path).
    """

    def __init__(self, tmp_path: Path):
        self.db = tmp_path / "t.db"
        self.cwd = tmp_path
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
            "LANG": "C.UTF-8",
            "PYTHONUTF8": "1",
            # The code under test, whichever way the package is installed.
            "PYTHONPATH": str(ROOT),
        }
        if "SYSTEMROOT" in os.environ:  # Python on Windows cannot start without it
            self.env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]

    def argv(self, *args: object, db=...) -> list[str]:
        path = self.db if db is ... else db
        return [sys.executable, "-m", "tracker", *(["--db", str(path)] if path is not None else []), *map(str, args)]

    def __call__(self, *args: object, db=..., env: dict | None = None, input: str | None = None, timeout: float = 60) -> tuple[int, str, str]:
        """Run to the end; return (exit code, stdout, stderr)."""
        done = subprocess.run(
            self.argv(*args, db=db),
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
            env=self.env | (env or {}),
            cwd=self.cwd,
            timeout=timeout,
            check=False,  # the exit code is what the tests look at
        )
        return done.returncode, done.stdout, done.stderr

    def start(self, *args: object, db=..., env: dict | None = None) -> subprocess.Popen:
        """Start without waiting (to kill it, or to run it beside another)."""
        return subprocess.Popen(
            self.argv(*args, db=db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
            env=self.env | (env or {}),
            cwd=self.cwd,
        )


@pytest.fixture
def run_cli(tmp_path) -> CLI:
    """run_cli("list", "--json") -> (code, stdout, stderr); run_cli.start(...) -> Popen."""
    return CLI(tmp_path)


@pytest.fixture(scope="session")
def cli_in_new_folder(tmp_path_factory):
    """For wider-scoped fixtures: cli_in_new_folder("name") -> a CLI like run_cli's, in a folder of its own."""
    return lambda name: CLI(tmp_path_factory.mktemp(name))


@pytest.fixture
def tracker(tmp_path, capsys, monkeypatch):
    """The CLI in this process, fast: tracker(*args, db=..., stdin=None, tty=False) -> (code, stdout, stderr).

    `--db tmp_path/t.db` goes first unless db is given (None: no --db at all); `stdin` is what
    a user types, `tty` whether prompts may be asked. run_cli is the same in a subprocess.
    """
    import io

    from tracker.cli import ingest, main

    default = tmp_path / "t.db"
    monkeypatch.delenv("TRACKER_DB", raising=False)

    def run(*args, db=default, stdin: str | None = None, tty: bool = False):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        monkeypatch.setattr(ingest, "stdin_is_terminal", lambda: tty)
        argv = [*(["--db", str(db)] if db is not None else []), *map(str, args)]
        try:
            main(argv)
            code = 0
        except SystemExit as e:
            code = e.code or 0
        out = capsys.readouterr()
        return code, out.out, out.err

    run.db = default
    return run
