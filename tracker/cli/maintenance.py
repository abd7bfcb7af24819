"""tracker check: the database as the tools around it (sqlite3, Datasette) may leave it."""

from __future__ import annotations

import sys

import click

from tracker.cli import Tracker, cli, pass_tracker


@cli.command("check")
@click.option("--repair", is_flag=True, help="Repair what is found (in one transaction).")
@pass_tracker
def check_command(t: Tracker, repair: bool) -> None:
    """Look for what edits made outside tracker left inconsistent: rows without their meeting,
    countries or dates out of step, search text or full-text index rows out of date, a trigger gone.

    Exits 1 when something was found and not repaired.

    \b
    Examples:
      tracker check
      tracker check --repair
    """
    from tracker.store.consistency import check

    findings = check(t.db, repair=repair)
    for finding in findings:
        click.echo(finding.line())
    if not findings:
        click.echo("the database is consistent")
    elif not repair:
        click.echo("run `tracker check --repair` to repair these", err=True)
        sys.exit(1)
