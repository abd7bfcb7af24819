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
            click.option("--city", help="Without --country, the city's country (Sochi: RUS)."),
            click.option("--venue"),
            click.option("--country", help="Where it took place: TUR, Türkiye."),
            click.option("--status", type=click.Choice(STATUSES), help="Default for a new meeting: held once its dates are past, else announced."),
            click.option("--level", type=click.Choice(LEVELS), help="Default for a new meeting: from the participants' titles (two presidents: summit)."),
            click.option("--topic", "topics", multiple=True, help="Repeatable; adds a topic (edit: to those there)."),
            click.option(
                "--participant",
                "participants",
                multiple=True,
                metavar="NAME|ISO3|ROLE|TITLE",
                help="Repeatable; NAME may be empty for an unnamed delegation, ROLE empty for the default (host, visitor, member by place and order). "
                "Edit: adds the row, or updates the row of the same person or unnamed delegation.",
            ),
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


def parse_participant(db, text: str) -> tuple[Participant, bool]:
    """NAME|ISO3|ROLE|TITLE, trailing parts optional, and whether ROLE was given; the meeting's
    checks (store.meetings.check_meeting) judge the rest."""
    from tracker.store.people import country_code

    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 4:
        raise click.BadParameter(f"{text!r} has more than 4 parts; write NAME|ISO3|ROLE|TITLE", param_hint="--participant")
    name, country, role, title = (parts + [""] * 4)[:4]
    if role and role not in ROLES:
        raise click.BadParameter(f"unknown role {role!r}; use one of {', '.join(ROLES)}", param_hint="--participant")
    participant = Participant(name=name or None, country=country_code(db, country) if country else None, role=Role(role or Role.MEMBER), title=title or None)
    return participant, bool(role)


def parse_party(db, text: str) -> Participant:
    """NAME or |COUNTRY (an unnamed delegation), or NAME|COUNTRY: whom --remove-participant means."""
    from tracker.store.people import country_code

    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 2 or not any(parts):
        raise click.BadParameter(f"{text!r}: write NAME, or |COUNTRY for an unnamed delegation", param_hint="--remove-participant")
    name, country = ([*parts, ""])[:2]
    return Participant(name=name or None, country=country_code(db, country) if country else None)


def _as_of(o: dict):
    from tracker.dates import DateError, parse_day

    if not o["as_of"]:
        return None
    try:
        return parse_day(o["as_of"])
    except DateError as e:
        raise click.BadParameter(str(e), param_hint="--as-of") from None


def _apply_fields(db, m: Meeting, o: dict, when) -> None:
    """The one-value options given, over `m`."""
    from tracker.store.people import country_code

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
    if o["source_url"] or o["quote"] or o["source_title"]:
        m.sources.append(Source(title=o["source_title"], url=o["source_url"], quote=o["quote"]))


def new_meeting(db, o: dict):
    """The meeting `tracker add` asks for; what an option leaves out, the rules fill (actions.defaults)."""
    from tracker.actions.defaults import Unset
    from tracker.actions.meetings import NewMeeting

    as_of = _as_of(o)
    when = when_option(o["when_text"], as_of, option="--when")
    if not o["title"]:
        raise click.UsageError('--title is required, e.g. --title "Lavrov meets Fidan"')
    if when is None:
        raise click.UsageError('--when is required, e.g. --when "15-16 March 2023"')
    m = Meeting(title=o["title"], when=when)
    _apply_fields(db, m, o, when)
    parsed = [parse_participant(db, p) for p in o["participants"]]
    m.participants = [p for p, _ in parsed]
    m.topics = list(o["topics"])
    unset = Unset(
        fields=frozenset(name for name in ("country", "status", "level") if o[name] is None),
        roles=frozenset(i for i, (_, role_given) in enumerate(parsed) if not role_given),
    )
    duplicate = o["same"] if o["same"] is not None else ("new" if o["new"] else "ask")
    return NewMeeting(m, unset, duplicate=duplicate, today=as_of)


def edited_meeting(db, stored: Meeting, o: dict) -> Meeting:
    """`stored` with the options of `tracker edit` applied: list options add and remove rows;
    only --replace-participants / --replace-topics replace a whole list."""
    from copy import deepcopy

    from tracker.actions.participants import add_or_update, remove

    m = deepcopy(stored)
    _apply_fields(db, m, o, when_option(o["when_text"], _as_of(o), option="--when"))
    if o["replace_participants"]:
        if not o["participants"]:
            raise click.UsageError("--replace-participants needs the new list: one --participant for each")
        m.participants = []
    for text in o["remove_participants"]:
        remove(m.participants, parse_party(db, text))
    for text in o["participants"]:
        participant, role_given = parse_participant(db, text)
        add_or_update(m.participants, participant, role_given=role_given)
    if o["replace_topics"]:
        if not o["topics"]:
            raise click.UsageError("--replace-topics needs the new list: one --topic for each")
        m.topics = []
    for topic in o["remove_topics"]:
        kept = [t for t in m.topics if t.casefold() != topic.strip().casefold()]
        if len(kept) == len(m.topics):
            raise click.BadParameter(f"{topic!r} is not a topic of this meeting; its topics: {', '.join(m.topics) or 'none'}", param_hint="--remove-topic")
        m.topics = kept
    m.topics += [t for t in o["topics"] if t.strip().casefold() not in {x.casefold() for x in m.topics}]
    return m
