"""Commands on meetings, people and countries: list, show, add, edit, delete, undo, redo, seed."""

from __future__ import annotations

from collections.abc import Iterator

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.cli.options import apply_options, filter_options, json_text, meeting_options, print_json_array, query_from
from tracker.model import Meeting
from tracker.text import flat, literal


def format_row(id_, when, status, level, place, countries, title) -> str:
    return f"{id_:>6}  {when:<22}  {status:<9}  {level:<18}  {place:<20}  {countries:<19}  {title}"


def print_rows(rows) -> None:
    click.echo(format_row("ID", "WHEN", "STATUS", "LEVEL", "PLACE", "COUNTRIES", "TITLE"))
    for r in rows:
        place = ", ".join(x for x in (r.city, r.country) if x) or "?"
        click.echo(literal(format_row(r.id, r.when.label(), str(r.status), str(r.level or "-"), flat(place), " ".join(r.countries), flat(r.title))))


@cli.command("list")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many meetings (newest first).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of meetings.")
@pass_tracker
def list_command(t: Tracker, search, country, person, topic, status, level, date_from, date_to, limit, as_json) -> None:
    """Meetings, newest first.

    \b
    Examples:
      tracker list --country TUR --from 2023
      tracker list --person Akcapar --json
    """
    from itertools import islice

    from tracker.store.queries import iter_meetings, page

    q = query_from(t.db, search, country, person, status, level, date_from, date_to, topic)
    if as_json:
        meetings: Iterator[Meeting] = iter_meetings(t.db, q)
        print_json_array(m.to_dict() for m in islice(meetings, limit))
        return
    print_rows(page(t.db, q, limit=limit) if limit else _all_rows(t.db, q))


def _all_rows(db, q):
    from tracker.store.queries import page

    before = None
    while rows := page(db, q, before=before, limit=1000):
        yield from rows
        before = rows[-1].sort_key


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the meeting as JSON.")
@pass_tracker
def show(t: Tracker, meeting_id: int, as_json: bool) -> None:
    """Everything about one meeting.

    \b
    Example:
      tracker show 2
    """
    from tracker.store.meetings import get_meeting, linked_from

    m = get_meeting(t.db, meeting_id)
    if as_json:
        click.echo(json_text(m.to_dict(), indent=2))
        return
    click.echo(literal(describe(m, linked_from(t.db, m.id))))


def describe(m: Meeting, incoming) -> str:
    """A meeting as text for the terminal."""
    lines = [f"#{m.id}  {flat(m.title)}", ""]
    place = ", ".join(x for x in (m.venue, m.city, m.country) if x) or "not stated in the sources"
    lines += [
        f"When:      {m.when.describe()}   (as written: {m.when.text})",
        f"Where:     {place}",
        f"Status:    {m.status}",
        f"Level:     {m.level or '-'}",
        f"Format:    {m.format or '-'} ({', '.join(m.countries) or 'no countries'})",
    ]
    if m.cameo:
        lines.append(f"CAMEO:     {m.cameo}")
    if m.topics:
        lines.append(f"Topics:    {'; '.join(m.topics)}")
    lines += ["", "Participants:"]
    for p in m.participants:
        who = p.name or "(unnamed)"
        lines.append(f"  {who} — {p.country or '?'}, {p.role}{', ' + p.title if p.title else ''}")
    for label, text in (("Summary", m.summary), ("Outcome", m.outcome), ("Notes", m.notes)):
        if text:
            lines += ["", f"{label}: {text}"]
    if m.sources:
        lines += ["", "Sources:"]
        for s in m.sources:
            head = ", ".join(x for x in (s.title, s.outlet, s.published, s.url) if x)
            lines.append(f"  {head}")
            if s.quote:
                lines.append(f'    "{s.quote}"')
    if m.links or incoming:
        lines += ["", "Linked meetings:"]
        lines += [f"  {link.kind.replace('_', ' ')} #{link.other_id} {link.other_title or ''}{' (' + link.track + ')' if link.track else ''}" for link in m.links]
        lines += [f"  followed by #{link.other_id} {link.other_title or ''}" if link.kind == "follows" else f"  includes #{link.other_id} {link.other_title or ''}" for link in incoming]
    if m.history:
        lines += ["", "History (earlier states):"]
        for h in m.history:
            lines.append(f"  until {h.at}: {h.status}, {h.when_text} ({h.start}..{h.end})")
            if h.source:
                lines.append(f"    changed on the word of: {', '.join(x for x in (h.source.title, h.source.published, h.source.url) if x)}")
    lines += ["", f"Created {m.created}, updated {m.updated}"]
    return "\n".join(lines)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--search", help="Only people whose name or alias matches.")
@pass_tracker
def people(t: Tracker, as_json: bool, search: str | None) -> None:
    """People, with their aliases and number of meetings."""
    from tracker.store.people import list_people

    found = list_people(t.db, search)
    if as_json:
        click.echo(json_text([{"id": p.id, "name": p.name, "country": p.country, "aliases": p.aliases, "meetings": p.meeting_count} for p in found], indent=2))
        return
    click.echo(f"{'ID':>5}  {'NAME':<28}  {'COUNTRY':<7}  {'MEETINGS':>8}  ALIASES")
    for p in found:
        click.echo(literal(flat(f"{p.id:>5}  {p.name:<28}  {p.country or '-':<7}  {p.meeting_count:>8}  {', '.join(p.aliases)}")))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--all", "show_all", is_flag=True, help="Also countries without meetings.")
@pass_tracker
def countries(t: Tracker, as_json: bool, show_all: bool) -> None:
    """Countries and organizations with their number of meetings."""
    from tracker.store.people import list_countries

    found = list_countries(t.db, with_meetings_only=not show_all)
    if as_json:
        click.echo(json_text([{"code": c.code, "name": c.name, "kind": c.kind, "meetings": c.meeting_count} for c in found], indent=2))
        return
    click.echo(f"{'CODE':<6}  {'NAME':<40}  {'MEETINGS':>8}")
    for c in found:
        click.echo(literal(flat(f"{c.code:<6}  {c.name:<40}  {c.meeting_count:>8}")))


def print_meeting(m: Meeting, as_json: bool, verb: str) -> None:
    if as_json:
        click.echo(json_text(m.to_dict(), indent=2))
    else:
        click.echo(literal(f"{verb} meeting {m.id}: {m.title} — {m.when.describe()}"))


@cli.command()
@meeting_options
@pass_tracker
def add(t: Tracker, **o) -> None:
    """Add a meeting.

    \b
    Examples:
      tracker add --title "Deputy FMs meet" --when "15-16 March 2023" --city Moscow --country RUS \\
        --participant "Burak Akçapar|TUR|head_of_delegation|Deputy Foreign Minister" \\
        --participant "|IRN|member|Deputy Foreign Minister"
      tracker add --title "Putin meets Assad" --when tomorrow --as-of 2023-03-15
    """
    from tracker.store.changes import add_meeting

    print_meeting(add_meeting(t.db, apply_options(t.db, None, o)), o["as_json"], "added")


@cli.command()
@click.argument("meeting_id", type=int)
@meeting_options
@pass_tracker
def edit(t: Tracker, meeting_id: int, **o) -> None:
    """Change a meeting: only the options given change; a new status or date keeps the old in history.

    \b
    Example:
      tracker edit 2 --status postponed
      tracker edit 2 --status held --when "3-4 April 2023"
    """
    from tracker.store.meetings import get_meeting
    from tracker.store.changes import update_meeting

    m = apply_options(t.db, get_meeting(t.db, meeting_id), o)
    print_meeting(update_meeting(t.db, meeting_id, m), o["as_json"], "updated")


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@pass_tracker
def delete(t: Tracker, meeting_id: int, yes: bool) -> None:
    """Delete a meeting (undo brings it back)."""
    from tracker.store.meetings import get_meeting
    from tracker.store.changes import delete_meeting

    m = get_meeting(t.db, meeting_id)
    if not yes and not click.confirm(literal(f"Delete meeting {m.id} ({m.title})?"), default=False):
        raise click.ClickException("not deleted")
    delete_meeting(t.db, meeting_id)
    click.echo(literal(f"deleted meeting {m.id}: {m.title} (tracker undo brings it back)"))


@cli.command()
@pass_tracker
def undo(t: Tracker) -> None:
    """Undo the last change (add, edit, delete, import, a change to people); repeat to go further back; `redo` puts it back."""
    from tracker.store.changes import undo as undo_change

    click.echo(literal(undo_change(t.db)))


@cli.command()
@pass_tracker
def redo(t: Tracker) -> None:
    """Put back the change undone last; repeat to replay them in order. A new change ends redo."""
    from tracker.store.changes import redo as redo_change

    click.echo(literal(redo_change(t.db)))


@cli.command()
@pass_tracker
def seed(t: Tracker) -> None:
    """Add the meetings of the seed article that are missing (never duplicates)."""
    from tracker.seed import seed as apply_seed

    added = apply_seed(t.db)
    click.echo(f"added {len(added)} seed meetings" if added else "the seed meetings are all there already")
