"""The command line: read arguments, call the core, print. No SQL here.

Every error reaches the user as one line, `Error: ...`, on stderr, with a non-zero exit
and nothing changed; never a traceback. The commands live beside this file, a file per
family: meetings (list, show, add, edit, ...), people (person show, alias, merge,
country), transfer (export, import), ingest, maintenance (check).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.text import one_line

if TYPE_CHECKING:
    from tracker.store.db import Database
    from tracker.store.locks import Importer


class Tracker:
    """What every command needs: the database, opened (and seeded when new) on first use."""

    def __init__(self, path: Path):
        self.path = path
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from tracker.seed import seed_if_new
            from tracker.store.consistency import open_refolded

            self._db = open_refolded(self.path, waiting=say_waiting)
            seed_if_new(self._db)
        return self._db


def say_waiting(importer: Importer | None) -> None:
    """A write that has to wait says so once, on stderr, for whom: an import, or another program."""
    from tracker.store.locks import describe_seconds, wait_for_other_writers

    if importer is not None:
        click.echo(one_line(f"waiting for an import (process {importer.pid}, {importer.what}) to finish…"), err=True)
    else:
        bound = describe_seconds(wait_for_other_writers())
        click.echo(f"waiting for another program holding the database's write lock to finish (at most {bound})…", err=True)


pass_tracker = click.make_pass_decorator(Tracker)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), help="Database file (default: TRACKER_DB, or tracker.db in the user data folder)."
)
@click.version_option(package_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Track diplomatic meetings: who met whom, where, when, at what level, on what evidence.

    Without a command, opens the terminal app.

    \b
    Examples:
      tracker list --search Shoygu
      tracker add --title "Lavrov meets Fidan" --when "tomorrow" --as-of 2023-03-15 --city Moscow
      tracker show 2 --json
    """
    from tracker.store.db import default_db_path

    ctx.obj = Tracker(db_path or default_db_path())
    if ctx.invoked_subcommand is None:
        run_app(ctx.obj)


def run_app(tracker: Tracker) -> None:
    from tracker.tui.launch import launch

    launch(tracker.path)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn every failure into one line on stderr."""
    from tracker.dates import DateError
    from tracker.store.db import StoreError

    args = db_first(sys.argv[1:] if argv is None else list(argv))
    try:
        # Not cli.main(): on a closed pipe it exits 1 itself, before BrokenPipeError below.
        with cli.make_context("tracker", args) as context:
            cli.invoke(context)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        fail("aborted; nothing was changed")
    except click.ClickException as e:
        fail(e.format_message(), e.exit_code)
    except (StoreError, DateError) as e:
        fail(str(e))
    except BrokenPipeError:
        # `tracker list | head`: the reader left; not an error of ours: exit 0, so `set -o pipefail` scripts go on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as e:  # the promise is no traceback, ever; TRACKER_DEBUG=1 shows it
        if os.environ.get("TRACKER_DEBUG"):
            raise
        fail(f"unexpected {type(e).__name__}: {e}")


def db_first(args: list[str]) -> list[str]:
    """`tracker list --db X` works like `tracker --db X list`: people type it both ways."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if i and arg == "--db" and i + 1 < len(args):
            return [arg, args[i + 1], *args[:i], *args[i + 2 :]]
        if i and arg.startswith("--db="):
            return [arg, *args[:i], *args[i + 1 :]]
    return args


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(code)


# Registering the commands: each module adds its own to `cli`.
from tracker.cli import ingest, maintenance, meetings, people, transfer  # noqa: E402,F401
