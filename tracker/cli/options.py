"""What several commands share: filter and meeting options, reading dates, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from tracker.model import Level, Meeting, Participant, Role, Source, Status
from tracker.text import json_literal


STATUSES = [s.value for s in Status]


LEVELS = [lv.value for lv in Level]


ROLES = [r.value for r in Role]


def when_option(text: str | None, as_of=None, *, option: str):
    """parse_when with the option's name in the error."""
    if text is None:
        return None
    from tracker.dates import DateError, parse_when

    try:
        return parse_when(text, as_of)
    except DateError as e:
        raise click.BadParameter(str(e), param_hint=option) from None


def query_from(db, search, country, person, status, level, date_from, date_to, topic=None):
    from tracker.store.people import country_code
    from tracker.store.queries import MeetingQuery

    start = when_option(date_from, option="--from")
    end = when_option(date_to, option="--to")
    if start and end and end.end < start.start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    return MeetingQuery(
        search=search or "",
        countries=tuple(dict.fromkeys(country_code(db, c) for c in country)),
        person=person,
        topic=topic,
        status=Status(status) if status else None,
        level=Level(level) if level else None,
        start=start.start if start else None,
        end=end.end if end else None,
    )


def filter_options(f):
    for option in reversed(
        [
            click.option("--search", help="Words in titles, places, people (any spelling), topics."),
            click.option("--country", multiple=True, help="A country or organization taking part: TUR, Türkiye, UN. Repeated: all of them take part."),
            click.option("--person", help="A person taking part, by name or alias."),
            click.option("--topic", help="A topic or track, by (part of) its name: normalization."),
            click.option("--status", type=click.Choice(STATUSES)),
            click.option("--level", type=click.Choice(LEVELS)),
            click.option("--from", "date_from", metavar="WHEN", help="Meetings on or after: 2023-03-01, March 2023, 2022."),
            click.option("--to", "date_to", metavar="WHEN", help="Meetings on or before."),
        ]
    ):
        f = option(f)
    return f


def json_text(value, indent: int | None = None) -> str:
    """JSON as the CLI prints it: readable (not ASCII-escaped), and with no control character
    a terminal would obey (json.dumps leaves DEL, C1 and bidi overrides raw)."""
    return json_literal(json.dumps(value, ensure_ascii=False, indent=indent))


def print_json_array(items: Iterable[dict]) -> None:
    """A JSON array written as it is produced: constant memory on a million meetings."""
    out = sys.stdout
    separator = "[\n"
    for item in items:
        out.write(separator)
        out.write(json_text(item))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


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
    """NAME|ISO3|ROLE|TITLE, trailing parts optional; the meeting's checks (store.meetings.check_meeting) judge the rest."""
    from tracker.store.people import country_code

    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 4:
        raise click.BadParameter(f"{text!r} has more than 4 parts; write NAME|ISO3|ROLE|TITLE", param_hint="--participant")
    name, country, role, title = (parts + [""] * 4)[:4]
    if role and role not in ROLES:
        raise click.BadParameter(f"unknown role {role!r}; use one of {', '.join(ROLES)}", param_hint="--participant")
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
