"""tracker ingest: candidate meetings from an article, reviewed on the command line."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.cli.options import print_json_array
from tracker.text import literal, one_line


def stdin_is_terminal() -> bool:
    """Whether someone can answer prompts (tests replace this)."""
    return sys.stdin.isatty()


def describe_candidate(c, number: int, total: int) -> str:
    """A candidate meeting as text for review: what it says, why, and what it would change."""
    m = c.meeting
    if c.matches is None:
        head = "new meeting"
    elif c.nothing_to_do:
        head = f"already recorded as #{c.matches}: nothing to change"
    else:
        head = f"update of #{c.matches} ({c.updated.title if c.updated else ''})"
    place = ", ".join(x for x in (m.venue, m.city, m.country) if x) or "not stated in the article"
    lines = [
        f"Candidate {number} of {total}: {head}",
        f"  Title:     {m.title}",
        f"  When:      {m.when.describe()}   (as written: {m.when.text})",
        f"  Where:     {place}",
        f"  Status:    {m.status}",
        f"  Level:     {m.level or '-'}",
        f"  Countries: {' '.join(m.countries) or '-'}{' (' + m.format + ')' if m.format else ''}",
        "  People:",
    ]
    for p in m.participants:
        lines.append(f"    {p.name or '(unnamed)'} — {p.country or '?'}, {p.role}{', ' + p.title if p.title else ''}")
    if m.notes:
        lines.append(f"  Notes:     {m.notes}")
    lines.append("  Evidence:")
    lines += [f'    "{one_line(quote)}"' for quote in c.evidence]
    if c.changes:
        lines.append("  Would change: " + "; ".join(c.changes))
    return literal("\n".join(lines))


def _published(c) -> dt.date | None:
    """The article's date, which relative words typed in an edit ("tomorrow") count from."""
    published = next((s.published for s in c.meeting.sources if s.published), None)
    return dt.date.fromisoformat(published[:10]) if published else None


def _ask(label: str, current: str, read=None):
    """A field: Enter keeps what it has; a value that does not read says why and asks again."""
    while True:
        typed = click.prompt(f"  {label}", default=current, show_default=True)
        if read is None:
            return typed
        try:
            return read(typed)
        except ValueError as e:  # DateError is a ValueError
            click.echo(f"Error: {e}")


def edit_candidate(c, as_of):
    """The candidate's meeting with the fields the user changed: title, when, city, status, notes.
    "-" empties the city or the notes."""
    from tracker.dates import parse_when
    from tracker.ingest.candidates import NO_DATE
    from tracker.model import Status

    m = copy.deepcopy(c.updated or c.meeting)
    click.echo("Edit (Enter keeps a field as it is):")
    m.title = _ask("Title", m.title)
    undated = c.undated and m is not c.updated
    when = _ask("When", "" if undated else (m.when.text or m.when.label()), lambda text: parse_when(text, as_of) if text.strip() else None)
    if when is not None:
        m.when = when
        m.notes = (m.notes or "").replace(NO_DATE, "").strip() or None  # the day is given now
    city = _ask("City", m.city or "-")
    m.city = None if city.strip() in ("", "-") else city.strip()
    statuses = [str(s) for s in Status]
    m.status = Status(_ask(f"Status ({'/'.join(statuses)})", str(m.status), lambda text: _status(text, statuses)))
    notes = _ask("Notes", m.notes or "-")
    m.notes = None if notes.strip() in ("", "-") else notes.strip()
    return m


def _status(text: str, statuses: list[str]) -> str:
    found = [s for s in statuses if s.startswith(text.strip().lower())] if text.strip() else []
    if len(found) != 1:
        raise ValueError(f"status must be one of {', '.join(statuses)}")
    return found[0]


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show the candidates; change nothing.")
@click.option(
    "--json", "as_json", is_flag=True, help='Print JSON: the candidates with --dry-run (with "evidence" and "matches"), the stored meetings with --yes.'
)
@click.option("--yes", is_flag=True, help="Accept every candidate without asking.")
@click.option("--as-of", "as_of", metavar="DATE", help='The article\'s date for relative words ("tomorrow"), instead of its dateline.')
@pass_tracker
def ingest(t: Tracker, file: Path, dry_run: bool, as_json: bool, yes: bool, as_of: str | None) -> None:
    """Candidate meetings from an article (plain text or HTML), to review one by one.

    The dateline is the article's date: "tomorrow" counts from it. A candidate that is a
    meeting already stored is offered as an update of it (new status or date; the old
    ones stay in its history), never as a duplicate.

    \b
    Examples:
      tracker ingest article.txt                    review: [a]ccept / [e]dit / [s]kip / [q]uit
      tracker ingest article.txt --dry-run --json   the candidates, changing nothing
      tracker ingest page.html --yes --as-of 2023-04-04
    """
    from tracker.actions.meetings import accept_candidate
    from tracker.dates import DateError, parse_day
    from tracker.ingest import IngestError, candidates_from_file
    from tracker.model import Origin

    if as_json and not (dry_run or yes):
        raise click.UsageError("--json needs --dry-run (show the candidates) or --yes (accept them all)")
    if not (dry_run or yes or stdin_is_terminal()):
        raise click.UsageError("no terminal to ask on: add --yes to accept every candidate, or --dry-run to only show them")
    try:
        reference = parse_day(as_of) if as_of else None
    except DateError as e:
        raise click.BadParameter(str(e), param_hint="--as-of") from None
    try:
        candidates = candidates_from_file(t.db, file, reference)
    except IngestError as e:
        raise click.ClickException(str(e)) from None
    if dry_run:
        if as_json:
            print_json_array(c.to_dict() for c in candidates)
            return
        for number, c in enumerate(candidates, 1):
            click.echo(describe_candidate(c, number, len(candidates)) + "\n")
        click.echo(f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''} found; dry run: nothing was changed")
        return
    stored, skipped = [], 0
    for number, c in enumerate(candidates, 1):
        if not as_json:
            click.echo(describe_candidate(c, number, len(candidates)))
        if c.nothing_to_do:
            skipped += 1
            continue
        edited = None
        while True:
            answer = "a" if yes else click.prompt("[a]ccept / [e]dit / [s]kip / [q]uit", type=click.Choice(["a", "e", "s", "q"]), default="s")
            if answer != "e":
                break
            edited = edit_candidate(c, reference or _published(c))
            click.echo(literal(f"  now: {edited.title}, {edited.when.describe()}, {edited.city or 'no city'}, {edited.status}"))
        if answer == "q":
            break
        if answer == "s":
            skipped += 1
            continue
        m = accept_candidate(t.db, c, Origin("review"), edited).meeting
        stored.append(m)
        if not as_json:
            click.echo(literal(f"{'updated' if c.matches else 'added'} meeting {m.id}: {m.title}") + "\n")
    if as_json:
        print_json_array(m.to_dict() for m in stored)
    else:
        click.echo(
            f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''}: {len(stored)} stored, {skipped} skipped, {len(candidates) - len(stored) - skipped} not reviewed"
        )
