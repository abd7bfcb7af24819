"""Commands on meetings, people and countries: list, show, add, edit, delete, undo, redo, history, seed."""

from __future__ import annotations

from collections.abc import Iterator

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.cli import ingest as ingest_cli
from tracker.cli.options import edited_meeting, filter_options, json_text, meeting_options, new_meeting, print_json_array, query_from
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
    click.echo(literal(describe(m, linked_from(t.db, meeting_id))))


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
        lines += [
            f"  {link.kind.replace('_', ' ')} #{link.other_id} {link.other_title or ''}{' (' + link.track + ')' if link.track else ''}" for link in m.links
        ]
        lines += [
            f"  followed by #{link.other_id} {link.other_title or ''}" if link.kind == "follows" else f"  includes #{link.other_id} {link.other_title or ''}"
            for link in incoming
        ]
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
@click.option("--new", is_flag=True, help="Store it even if it may be a stored meeting (no question).")
@click.option("--same", type=int, metavar="ID", help="It is stored meeting ID: update that one with what is given (a new date or status goes to its history).")
@pass_tracker
def add(t: Tracker, **o) -> None:
    """Add a meeting. What is not given follows from what is: the country from the city, the
    status from the date (held once past), the level from the titles, roles from place and order.

    A meeting that may be one already stored is asked about on a terminal; from a script it is
    refused, naming the stored one, unless --new or --same ID.

    \b
    Examples:
      tracker add --title "Deputy FMs meet" --when "15-16 March 2023" --city Moscow --country RUS \\
        --participant "Burak Akçapar|TUR|head_of_delegation|Deputy Foreign Minister" \\
        --participant "|IRN|member|Deputy Foreign Minister"
      tracker add --title "Putin meets Assad" --when tomorrow --as-of 2023-03-15
    """
    from dataclasses import replace

    from tracker.actions.meetings import NEW, PossibleDuplicate, add_meeting

    if o["new"] and o["same"] is not None:
        raise click.UsageError("--new and --same say opposite things: give one")
    request = new_meeting(t.db, o)
    try:
        saved = add_meeting(t.db, request)
    except PossibleDuplicate as e:
        first = e.candidates[0]
        if not ingest_cli.stdin_is_terminal():
            raise click.ClickException(f"{e}: add --same {first.id} to update it, or --new to store it anyway; nothing was changed") from None
        same = click.confirm(
            literal(f"This may be meeting #{first.id}: {first.title} — {first.when.describe()}. Is it that one (yes updates it, no adds a new meeting)?"),
            default=True,
        )
        request = replace(request, duplicate=first.id if same else NEW)
        saved = add_meeting(t.db, request)
    print_meeting(saved.meeting, o["as_json"], "updated" if isinstance(request.duplicate, int) else "added")


@cli.command()
@click.argument("meeting_id", type=int)
@meeting_options
@click.option(
    "--remove-participant",
    "remove_participants",
    multiple=True,
    metavar="NAME|COUNTRY",
    help="Repeatable; a person by name, or |COUNTRY for an unnamed delegation.",
)
@click.option("--remove-topic", "remove_topics", multiple=True, metavar="TOPIC", help="Repeatable.")
@click.option("--replace-participants", is_flag=True, help="The --participant rows are the whole list: the others are removed.")
@click.option("--replace-topics", is_flag=True, help="The --topic values are the whole list.")
@click.option("--force", is_flag=True, help="Overwrite fields that another process changed meanwhile too.")
@pass_tracker
def edit(t: Tracker, meeting_id: int, **o) -> None:
    """Change a meeting: only the options given change; a new status or date keeps the old in
    history. --participant adds a row (or updates that person's); --remove-participant removes one.

    \b
    Examples:
      tracker edit 2 --status postponed --source-url https://example.org/postponed
      tracker edit 3 --participant "Ibrahim Kalin|TUR|member|Intelligence chief"
      tracker edit 3 --remove-participant "Hakan Fidan" --remove-participant "|SYR"
    """
    from tracker.actions.meetings import MeetingEdit, edit_meeting
    from tracker.store.meetings import get_meeting

    # Read before the write lock, which may be a long wait behind an import: what another
    # process changes meanwhile is kept, and a field both changed is refused (--force).
    stored = get_meeting(t.db, meeting_id)
    saved = edit_meeting(t.db, MeetingEdit(meeting_id, edited_meeting(t.db, stored, o), base=stored, force=o["force"]))
    print_meeting(saved.meeting, o["as_json"], "updated")


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@pass_tracker
def delete(t: Tracker, meeting_id: int, yes: bool) -> None:
    """Delete a meeting (undo brings it back)."""
    from tracker.actions.meetings import delete_meeting
    from tracker.store.meetings import get_meeting

    m = get_meeting(t.db, meeting_id)
    if not yes and not click.confirm(literal(f"Delete meeting {m.id} ({m.title})?"), default=False):
        raise click.ClickException("not deleted")
    delete_meeting(t.db, meeting_id)
    click.echo(literal(f"deleted meeting {m.id}: {m.title} (tracker undo brings it back)"))


@cli.command()
@click.argument("change_id", type=int, required=False)
@pass_tracker
def undo(t: Tracker, change_id: int | None) -> None:
    """Undo the command line's newest change (add, edit, delete, import, a change to people),
    or change CHANGE_ID (`tracker history` lists them); repeat to go further back. A change
    whose meeting was changed since is not undone. `redo` puts it back.

    \b
    Examples:
      tracker undo
      tracker undo 42
    """
    from tracker.actions.undo import undo as undo_change

    click.echo(literal(undo_change(t.db, change_id=change_id).message))


@cli.command()
@pass_tracker
def redo(t: Tracker) -> None:
    """Put back the command line's change undone last; repeat to replay them in order. A new change from the command line ends redo."""
    from tracker.actions.undo import redo as redo_change

    click.echo(literal(redo_change(t.db).message))


@cli.command()
@click.argument("meeting_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of changes, with old and new values.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many changes (newest first).")
@pass_tracker
def history(t: Tracker, meeting_id: int | None, as_json: bool, limit: int | None) -> None:
    """Every change, newest first (or those of meeting ID): who made it (the app, the CLI, an
    import, the review), when, and each field's old and new value.

    \b
    Examples:
      tracker history 2
      tracker history --json --limit 20
    """
    from tracker.actions.history import history as changes

    entries = changes(t.db, meeting_id, limit=limit)
    if as_json:
        print_json_array(e.to_dict() for e in entries)
        return
    if not entries:
        click.echo("no changes recorded" + (f" for meeting {meeting_id}" if meeting_id is not None else ""))
    for e in entries:
        state = f"  [{e.state}]" if e.state else ""
        click.echo(literal(flat(f"{e.change.id:>6}  {e.change.at.replace('T', ' ')}  {e.who:<20}  {e.summary}{state}")))
        for f in e.fields:
            click.echo(literal(flat(f"        {f.field}: {_value(f.old)} → {_value(f.new)}")))


def _value(value) -> str:
    text = json_text(value) if isinstance(value, (list, dict)) else ("-" if value is None else str(value))
    return text if len(text) <= 200 else text[:199] + "…"


@cli.command()
@pass_tracker
def seed(t: Tracker) -> None:
    """Add the meetings of the seed article that are missing (never duplicates)."""
    from tracker.seed import seed as apply_seed

    added = apply_seed(t.db)
    click.echo(f"added {len(added)} seed meetings" if added else "the seed meetings are all there already")
