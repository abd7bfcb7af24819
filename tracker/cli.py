"""The command line: read arguments, call the core, print. No SQL here.

Every error reaches the user as one line, `Error: ...`, on stderr, with a non-zero exit
and nothing changed; never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from tracker.model import Level, Meeting, Participant, Role, Source, Status

STATUSES = [s.value for s in Status]
LEVELS = [lv.value for lv in Level]
ROLES = [r.value for r in Role]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: object) -> str:
    """Text from the database as typed: control characters (ANSI escapes) shown, not obeyed."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def flat(text: object) -> str:
    """Line breaks and tabs as spaces: one meeting (or person) stays on one line of a listing."""
    return re.sub(r"[\r\n\t\u2028\u2029]+", " ", str(text))


def one_line(text: object) -> str:
    return literal(flat(text).strip())


class Tracker:
    """What every command needs: the database, opened (and seeded when new) on first use."""

    def __init__(self, path: Path):
        self.path = path
        self._db = None

    @property
    def db(self):
        if self._db is None:
            from tracker.seed import seed_if_new
            from tracker.store.db import open_db

            self._db = open_db(self.path)
            seed_if_new(self._db)
        return self._db


pass_tracker = click.make_pass_decorator(Tracker)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), help="Database file (default: TRACKER_DB, or tracker.db in the user data folder).")
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
    from tracker.tui.app import TrackerApp

    TrackerApp(tracker.path).run()


# ---------------------------------------------------------------- reading


def when_option(text: str | None, as_of=None, *, option: str):
    """parse_when with the option's name in the error."""
    if text is None:
        return None
    from tracker.dates import DateError, parse_when

    try:
        return parse_when(text, as_of)
    except DateError as e:
        raise click.BadParameter(str(e), param_hint=option) from None


def query_from(db, search, country, person, status, level, date_from, date_to):
    from tracker.store.people import country_code
    from tracker.store.queries import MeetingQuery

    start = when_option(date_from, option="--from")
    end = when_option(date_to, option="--to")
    if start and end and end.end < start.start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    return MeetingQuery(
        search=search or "",
        country=country_code(db, country) if country else None,
        person=person,
        status=Status(status) if status else None,
        level=Level(level) if level else None,
        start=start.start if start else None,
        end=end.end if end else None,
    )


def filter_options(f):
    for option in reversed(
        [
            click.option("--search", help="Words in titles, places, people (any spelling), topics."),
            click.option("--country", help="A country or organization taking part: TUR, Türkiye, UN."),
            click.option("--person", help="A person taking part, by name or alias."),
            click.option("--status", type=click.Choice(STATUSES)),
            click.option("--level", type=click.Choice(LEVELS)),
            click.option("--from", "date_from", metavar="WHEN", help="Meetings on or after: 2023-03-01, March 2023, 2022."),
            click.option("--to", "date_to", metavar="WHEN", help="Meetings on or before."),
        ]
    ):
        f = option(f)
    return f


def print_json_array(items: Iterable[dict]) -> None:
    """A JSON array written as it is produced: constant memory on a million meetings."""
    out = sys.stdout
    separator = "[\n"
    for item in items:
        out.write(separator)
        out.write(json.dumps(item, ensure_ascii=False))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


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
def list_command(t: Tracker, search, country, person, status, level, date_from, date_to, limit, as_json) -> None:
    """Meetings, newest first.

    \b
    Examples:
      tracker list --country TUR --from 2023
      tracker list --person Akcapar --json
    """
    from itertools import islice

    from tracker.store.queries import iter_meetings, page

    q = query_from(t.db, search, country, person, status, level, date_from, date_to)
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
        click.echo(json.dumps(m.to_dict(), ensure_ascii=False, indent=2))
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
        lines += [f"  until {h.at}: {h.status}, {h.when_text} ({h.start}..{h.end})" for h in m.history]
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
        click.echo(json.dumps([{"id": p.id, "name": p.name, "country": p.country, "aliases": p.aliases, "meetings": p.meeting_count} for p in found], ensure_ascii=False, indent=2))
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
        click.echo(json.dumps([{"code": c.code, "name": c.name, "kind": c.kind, "meetings": c.meeting_count} for c in found], ensure_ascii=False, indent=2))
        return
    click.echo(f"{'CODE':<6}  {'NAME':<40}  {'MEETINGS':>8}")
    for c in found:
        click.echo(f"{c.code:<6}  {c.name:<40}  {c.meeting_count:>8}")


# ---------------------------------------------------------------- writing


def meeting_options(f):
    for option in reversed(
        [
            click.option("--title", help="What happened, in a line."),
            click.option("--when", "when_text", metavar="TEXT", help='"15-16 March 2023", "March 2023", "tomorrow" (see --as-of).'),
            click.option("--as-of", "as_of", metavar="DATE", help="Reference date for relative words: the article's date (default: today)."),
            click.option("--city"),
            click.option("--venue"),
            click.option("--country", help="Where it took place: TUR, Türkiye."),
            click.option("--status", type=click.Choice(STATUSES)),
            click.option("--level", type=click.Choice(LEVELS)),
            click.option("--topic", "topics", multiple=True, help="Repeatable."),
            click.option("--participant", "participants", multiple=True, metavar="NAME|ISO3|ROLE|TITLE", help="Repeatable; NAME may be empty for an unnamed delegation."),
            click.option("--summary"),
            click.option("--outcome"),
            click.option("--notes"),
            click.option("--cameo", help="CAMEO event code: 040 consult, 042 visit, 043 host, 044 third location, 045 mediate, 046 negotiate, 036 intent."),
            click.option("--source-url"),
            click.option("--source-title"),
            click.option("--quote", help="The words of the source that support the meeting."),
            click.option("--json", "as_json", is_flag=True, help="Print the stored meeting as JSON."),
        ]
    ):
        f = option(f)
    return f


def parse_participant(db, text: str) -> Participant:
    """NAME|ISO3|ROLE|TITLE, trailing parts optional."""
    from tracker.store.people import country_code

    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 4:
        raise click.BadParameter(f"{text!r} has more than 4 parts; write NAME|ISO3|ROLE|TITLE", param_hint="--participant")
    name, country, role, title = (parts + [""] * 4)[:4]
    if role and role not in ROLES:
        raise click.BadParameter(f"unknown role {role!r}; use one of {', '.join(ROLES)}", param_hint="--participant")
    if not name and not country:
        raise click.BadParameter(f"{text!r} needs a name or a country", param_hint="--participant")
    return Participant(name=name or None, country=country_code(db, country) if country else None, role=Role(role or Role.MEMBER), title=title or None)


def apply_options(db, m: Meeting | None, o: dict) -> Meeting:
    """A meeting with the options given applied over `m` (a new meeting when m is None)."""
    from tracker.dates import DateError, parse_day
    from tracker.store.people import country_code

    as_of = None
    if o["as_of"]:
        try:
            as_of = parse_day(o["as_of"])
        except DateError as e:
            raise click.BadParameter(str(e), param_hint="--as-of") from None
    when = when_option(o["when_text"], as_of, option="--when")
    if m is None:
        if not o["title"]:
            raise click.UsageError("--title is required, e.g. --title \"Lavrov meets Fidan\"")
        if when is None:
            raise click.UsageError('--when is required, e.g. --when "15-16 March 2023"')
        m = Meeting(title=o["title"], when=when)
    if o["title"] is not None:
        m.title = o["title"]
    if when is not None:
        m.when = when
    for name in ("city", "venue", "summary", "outcome", "notes", "cameo"):
        if o[name] is not None:
            setattr(m, name, o[name] or None)
    if o["country"] is not None:
        m.country = country_code(db, o["country"]) if o["country"] else None
    if o["status"]:
        m.status = Status(o["status"])
    if o["level"]:
        m.level = Level(o["level"])
    if o["topics"]:
        m.topics = list(o["topics"])
    if o["participants"]:
        m.participants = [parse_participant(db, p) for p in o["participants"]]
    if o["source_url"] or o["quote"] or o["source_title"]:
        m.sources.append(Source(title=o["source_title"], url=o["source_url"], quote=o["quote"]))
    return m


def print_meeting(m: Meeting, as_json: bool, verb: str) -> None:
    if as_json:
        click.echo(json.dumps(m.to_dict(), ensure_ascii=False, indent=2))
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
    from tracker.store.meetings import add_meeting

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
    from tracker.store.meetings import get_meeting, update_meeting

    m = apply_options(t.db, get_meeting(t.db, meeting_id), o)
    print_meeting(update_meeting(t.db, meeting_id, m), o["as_json"], "updated")


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@pass_tracker
def delete(t: Tracker, meeting_id: int, yes: bool) -> None:
    """Delete a meeting (undo brings it back)."""
    from tracker.store.meetings import delete_meeting, get_meeting

    m = get_meeting(t.db, meeting_id)
    if not yes and not click.confirm(literal(f"Delete meeting {m.id} ({m.title})?"), default=False):
        raise click.ClickException("not deleted")
    delete_meeting(t.db, meeting_id)
    click.echo(literal(f"deleted meeting {m.id}: {m.title} (tracker undo brings it back)"))


@cli.command()
@pass_tracker
def undo(t: Tracker) -> None:
    """Undo the last change (add, edit, delete, import); repeat to go further back."""
    from tracker.store.meetings import undo as undo_change

    click.echo(literal(undo_change(t.db)))


@cli.command()
@pass_tracker
def seed(t: Tracker) -> None:
    """Add the meetings of the seed article that are missing (never duplicates)."""
    from tracker.seed import seed as apply_seed

    added = apply_seed(t.db)
    click.echo(f"added {len(added)} seed meetings" if added else "the seed meetings are all there already")


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn every failure into one line on stderr."""
    from tracker.dates import DateError
    from tracker.store.db import StoreError

    try:
        cli.main(args=argv, prog_name="tracker", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        fail("aborted; nothing was changed")
    except click.ClickException as e:
        fail(e.format_message(), e.exit_code)
    except (StoreError, DateError) as e:
        fail(str(e))
    except BrokenPipeError:
        # `tracker list | head`: the reader left; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as e:  # the promise is no traceback, ever; TRACKER_DEBUG=1 shows it
        if os.environ.get("TRACKER_DEBUG"):
            raise
        fail(f"unexpected {type(e).__name__}: {e}")


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(code)
