"""Meetings as an iCalendar file: a VEVENT per meeting, written one at a time.

Meetings are all-day events: DTSTART is the first day and DTEND the day after the last,
because iCalendar's DTEND is exclusive (RFC 5545 3.6.1) and calendars show a 15–16 March
meeting ending on the 17th as two days. The UID is the meeting's uid, so a calendar that
imports the file again updates its events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from icalendar import Event

from tracker.model import Meeting, Status

# iCalendar knows three states; a proposed or postponed meeting is not yet fixed.
ICS_STATUS = {
    Status.PROPOSED: "TENTATIVE",
    Status.ANNOUNCED: "CONFIRMED",
    Status.HELD: "CONFIRMED",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}
PRODID = "-//tracker//diplomatic meetings//EN"


def meeting_event(m: Meeting, country_names: dict[str, str]) -> Event:
    event = Event()
    event.add("uid", m.uid)
    # The last change of the meeting, not the time of export: exports of the same data are identical.
    event.add("dtstamp", _utc(m.updated) or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    event.add("dtstart", m.when.start)
    event.add("dtend", m.when.end + dt.timedelta(days=1))
    event.add("summary", m.title)
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


def describe(m: Meeting, country_names: dict[str, str]) -> str:
    lines = [f"{m.status.capitalize()}, {m.level.replace('_', ' ') if m.level else 'level unknown'}; {m.when.describe()} (as written: {m.when.text})"]
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


def write_calendar(meetings: Iterable[Meeting], out: TextIO, country_names: dict[str, str]) -> int:
    """VCALENDAR around the events, each serialised on its own: constant memory."""
    out.write(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n")
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
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)
