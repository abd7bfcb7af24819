"""Meetings as an iCalendar file: a VEVENT per meeting, written one at a time.

Meetings are all-day events: DTSTART is the first day and DTEND the day after the last,
because iCalendar's DTEND is exclusive (RFC 5545 3.6.1) and calendars show a 15–16 March
meeting ending on the 17th as two days. The UID is the meeting's uid, so a calendar that
imports the file again updates its events instead of doubling them.

A meeting known only to the month or the year is not spread over it: a calendar would show
"March 2023" as a 31-day event and "2024" as one of 366 days, busy all along. It is a
one-day event on the first day of its month or year, its title led by the date as known
("March 2023: ...", "2024: ..."), free rather than busy (TRANSP), with the precision said
in its description.

For subscribed calendars to follow changes, each event carries LAST-MODIFIED (the meeting's
last change) and SEQUENCE: the number of earlier states in the meeting's history, which
grows by one at every change of status or date, the changes RFC 5545 (3.8.7.4) counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from icalendar import Calendar, Event, vText

from tracker.model import Meeting, Precision, Status

# iCalendar knows three states; a proposed or postponed meeting is not yet fixed.
ICS_STATUS = {
    Status.PROPOSED: "TENTATIVE",
    Status.ANNOUNCED: "CONFIRMED",
    Status.HELD: "CONFIRMED",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}
PRODID = "-//tracker//diplomatic meetings//EN"
CALENDAR_NAME = "Diplomatic meetings"
# How often a subscribed calendar should fetch the file again (RFC 7986 and Apple/Google's X- form).
REFRESH = "PT1H"


def meeting_event(m: Meeting, country_names: dict[str, str]) -> Event:
    event = Event()
    event.add("uid", m.uid)
    # The last change of the meeting, not the time of export: exports of the same data are identical.
    event.add("dtstamp", _utc(m.updated) or dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    event.add("dtstart", m.when.start)
    if m.when.precision == Precision.DAY:
        event.add("dtend", m.when.end + dt.timedelta(days=1))
        event.add("summary", m.title)
    else:
        event.add("dtend", m.when.start + dt.timedelta(days=1))
        event.add("summary", f"{_as_known(m)}: {m.title}")
        event.add("transp", "TRANSPARENT")
    event.add("sequence", len(m.history))
    if modified := _utc(m.updated):
        event.add("last-modified", modified)
    if created := _utc(m.created):
        event.add("created", created)
    event.add("status", ICS_STATUS[m.status])
    location = ", ".join(x for x in (m.venue, m.city, country_names.get(m.country, m.country) if m.country else None) if x)
    if location:
        event.add("location", location)
    if m.topics:
        event.add("categories", list(m.topics))
    event.add("description", describe(m, country_names))
    if m.sources and m.sources[0].url:
        event.add("url", m.sources[0].url)
    return event


def _as_known(m: Meeting) -> str:
    """The date of an imprecise meeting as far as it is known: 'March 2023', '2024'."""
    if m.when.precision == Precision.MONTH:
        return f"{m.when.start:%B %Y}"
    return f"{m.when.start:%Y}"


def describe(m: Meeting, country_names: dict[str, str]) -> str:
    lines = [f"{m.status.capitalize()}, {m.level.replace('_', ' ') if m.level else 'level unknown'}; {m.when.describe()} (as written: {m.when.text})"]
    if m.when.precision != Precision.DAY:
        lines.append(f"Date known only to the {m.when.precision}: shown on its first day, {m.when.start.day} {m.when.start:%B %Y}.")
    if m.participants:
        lines += ["", "Participants:"]
        for p in m.participants:
            country = country_names.get(p.country, p.country) if p.country else "?"
            lines.append(f"- {p.name or '(unnamed)'}, {country}, {p.role.replace('_', ' ')}{', ' + p.title if p.title else ''}")
    for label, text in (("Summary", m.summary), ("Outcome", m.outcome), ("Notes", m.notes)):
        if text:
            lines += ["", f"{label}: {text}"]
    for s in m.sources:
        head = ", ".join(x for x in (s.title, s.outlet, s.published, s.url) if x)
        lines += ["", f"Source: {head}" if head else "Source:"]
        if s.quote:
            lines.append(f"“{s.quote}”")
    return "\n".join(lines)


def write_calendar(meetings: Iterable[Meeting], out: TextIO, country_names: dict[str, str], name: str = CALENDAR_NAME) -> int:
    """VCALENDAR around the events, each serialised on its own: constant memory."""
    header = Calendar()
    for key, value in (
        ("version", "2.0"),
        ("prodid", PRODID),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("name", name),
        ("x-wr-calname", name),
        ("x-published-ttl", REFRESH),
    ):
        header.add(key, value)
    header.add("refresh-interval", vText(REFRESH), parameters={"VALUE": "DURATION"})
    # The calendar's own lines, without its END: the events follow, one at a time.
    out.write(header.to_ical().decode("utf-8").removesuffix("END:VCALENDAR\r\n"))
    n = 0
    for m in meetings:
        out.write(meeting_event(m, country_names).to_ical().decode("utf-8"))
        n += 1
    out.write("END:VCALENDAR\r\n")
    return n


def _utc(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
