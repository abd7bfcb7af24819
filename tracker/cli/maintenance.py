"""tracker check: the database as the tools around it (sqlite3, Datasette) may leave it."""

from __future__ import annotations

import sys

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.text import literal


@cli.command("check")
@click.option("--repair", is_flag=True, help="Repair what can be repaired (in one transaction).")
@click.option("--thorough", is_flag=True, help="Check the file with SQLite's integrity_check (every index against its table; slower) instead of quick_check.")
@pass_tracker
def check_command(t: Tracker, repair: bool, thorough: bool) -> None:
    """Look for what is wrong with the database: a damaged file (SQLite's own checks), and
    what edits made outside tracker left inconsistent: rows without their meeting, countries
    or dates out of step, unknown country codes, search text or full-text index rows out of
    date, a trigger gone.

    Exits 1 when something was found and not repaired, 2 when the file itself is damaged
    (nothing is repaired then: restore a backup, or recover with sqlite3's .recover).

    \b
    Examples:
      tracker check
      tracker check --repair
    """
    from tracker.store.consistency import check

    findings = check(t.db, repair=repair, thorough=thorough)
    for finding in findings:
        click.echo(literal(finding.line()))
        for detail in finding.details:
            click.echo(literal(f"  {detail}"))
    if not findings:
        click.echo("the database is consistent")
        return
    left = [f for f in findings if not f.repaired]
    if any(f.damaged for f in findings):
        sys.exit(2)
    if any(f.repairable for f in left):
        click.echo("run `tracker check --repair` to repair these", err=True)
    if left:
        sys.exit(1)
