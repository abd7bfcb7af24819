"""tracker export and tracker import: json, jsonl, csv, ics out; json, jsonl, csv, ICEWS, GDELT in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.cli.options import filter_options, query_from
from tracker.io.formats import EXPORT_FORMATS, IMPORT_FORMATS, format_named
from tracker.text import json_literal, literal


@cli.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File to write (default: stdout).")
@pass_tracker
def export_command(t: Tracker, search, country, person, topic, status, level, date_from, date_to, fmt, output) -> None:
    """Write meetings (all, or those the filters of `list` pick) as json, jsonl, csv or ics.

    json carries the people too (their countries, aliases, and the names merged into them),
    and `tracker import` restores them; jsonl and csv are meetings only, a record a line.

    \b
    Examples:
      tracker export --format ics --country TUR --output turkey.ics
      tracker export --format jsonl > meetings.jsonl
    """
    from functools import partial

    from tracker.store.people import country_names
    from tracker.store.queries import exported_people, iter_meetings

    q = query_from(t.db, search, country, person, status, level, date_from, date_to, topic)
    meetings = iter_meetings(t.db, q)
    export = format_named(fmt).write
    assert export is not None  # --format offers EXPORT_FORMATS only: each has a writer
    if format_named(fmt).people:  # names, countries, aliases and merged spellings travel with the meetings
        export = partial(export, people=exported_people(t.db, q))
    if output == "-":
        export(meetings, TerminalText(sys.stdout, fmt) if sys.stdout.isatty() else sys.stdout, country_names(t.db))
        return
    target = Path(output)
    part = target.with_name(f".{target.name}.part")
    try:
        # Written beside the target and renamed: a failed export never leaves half a file under its name.
        with part.open("w", encoding="utf-8", newline="") as out:
            n = export(meetings, out, country_names(t.db))
        part.replace(target)
    except OSError as e:
        part.unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    click.echo(literal(f"exported {n} meetings to {output}"), err=True)


class TerminalText:
    """stdout when it is a terminal: the export with its control characters shown, not obeyed.

    A pipe or a file gets the stored bytes exactly; a person reading gets `\\x1b`, and
    JSON stays JSON (the same data, the controls as \\u escapes).
    """

    def __init__(self, out: TextIO, fmt: str):
        self.out = out
        self.shown = json_literal if format_named(fmt).json_text else lambda text: literal(text.replace("\r\n", "\n"))

    def write(self, text: str) -> int:
        return self.out.write(self.shown(text))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), help="Default: told from the content, then the extension.")
@click.option("--dry-run", is_flag=True, help="Say what would be added or changed; change nothing.")
@click.option("--all-events", is_flag=True, help="GDELT: keep the events that show no diplomatic contact too (sport, entertainment, towns, passing mentions).")
@pass_tracker
def import_command(t: Tracker, file: str, fmt: str | None, dry_run: bool, all_events: bool) -> None:
    """Add meetings from a file: an export (json, jsonl, csv), or ICEWS or GDELT 2.0 events.

    A meeting already there (same uid, or same dataset event) is not added again; one whose
    content differs is updated, its old status and date kept in its history. The import
    lands whole or not at all; `tracker undo` takes it back. Of GDELT's events only
    those that show diplomatic contact are meetings (the README says the rule; the summary
    counts what was left out and why); --all-events keeps every meeting event.

    \b
    Examples:
      tracker import meetings.jsonl --dry-run
      tracker import events.2018.tab --format icews
      tracker import 20190121220000.export.CSV
    """
    from tracker.io.importing import import_file

    # Progress only for a person watching: pipes and tests stay clean.
    progress = print_progress if sys.stderr.isatty() else None
    result = import_file(t.db, file, fmt, dry_run=dry_run, all_events=all_events, progress=progress)
    for line in import_summary(result):
        click.echo(literal(line))


def print_progress(n: int) -> None:
    click.echo(f"  {n:,} meetings read...", err=True)


def import_summary(result) -> list[str]:
    r = result.report
    would = "would be " if result.dry_run else ""
    lines = []
    if result.tally:
        tally = result.tally
        lines.append(f"read {tally.rows} {result.format.upper()} rows: {tally.events} meeting events folded into {r.added + r.updated + r.unchanged} meetings")
        for reason, n in tally.skipped.most_common():
            lines.append(f"  skipped {n}: {reason}")
        lines += [f"    {example}" for example in tally.examples]
    lines.append(
        f"{r.added} {would}added, {r.updated} {would}updated, {r.unchanged} already there" + (" (dry run: nothing was changed)" if result.dry_run else "")
    )
    lines += [f"  {would}updated {change}" for change in r.changes]
    if r.people_added or r.aliases_added or r.countries_set:
        lines.append(f"people: {r.people_added} {would}added; {r.aliases_added} aliases and {r.countries_set} countries {would}restored")
    lines += [f"  alias {left} (left out)" for left in r.aliases_left_out]
    if r.dropped_links:
        lines.append(f"  {r.dropped_links} links to meetings neither in the file nor in the database were left out")
    return lines
