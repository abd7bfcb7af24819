"""Event datasets (ICEWS, GDELT) to meetings: keep the meeting events, fold their pairs.

Both datasets write one meeting as two events, one per direction (A visits B and B hosts
A; A meets B and B meets A), and again for every story that reports it. Events of one day
and the same two sides in either direction become one meeting, whatever the story (ICEWS
Story ID, GDELT source URL): three wire stories of Lavrov in Pyongyang are one meeting with
three sources, not three meetings. An intent to meet (036) stays apart from a meeting held
that day. The meeting keeps every event id, so that importing again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from tracker.model import CAMEO_MEETING_CODES, Level, Meeting, Participant, Precision, Role, Source, Status, When
from tracker.store.bulk import Incoming

# CAMEO 036 is an intent to meet; 040–046 the consult family.
MEETING_CODES = set(CAMEO_MEETING_CODES)
# The most telling code names a folded meeting: a visit says more than a consultation.
CODE_PREFERENCE = ("042", "043", "044", "046", "045", "041", "040", "036")
ROLES = {"042": (Role.VISITOR, Role.HOST), "043": (Role.HOST, Role.VISITOR), "045": (Role.MEDIATOR, Role.MEMBER)}
# (what named people do, what a meeting of delegations is called)
WORDING = {
    "036": ("plan to meet", "meeting proposed"),
    "040": ("consult", "consultations"),
    "041": ("talk by phone", "phone call"),
    "042": ("meet", "visit"),
    "043": ("meet", "visit"),
    "044": ("meet", "meeting at a third location"),
    "045": ("meet for mediation", "mediation"),
    "046": ("negotiate", "negotiations"),
}
LEVEL_RANK = [Level.SENIOR_OFFICIALS, Level.MINISTERIAL, Level.SUMMIT]


def meeting_code(code: str) -> str | None:
    """The three-digit meeting code of a CAMEO code, or None when it is not a meeting."""
    base = (code or "").strip()[:3]
    return base if base in MEETING_CODES else None


@dataclass(frozen=True)
class Side:
    """One actor of an event, as a participant: a named person, or a delegation."""

    country: str  # ISO alpha-3 or organization code
    name: str | None = None  # a person
    title: str | None = None  # what the dataset calls a delegation: "Foreign Affairs", "Government"
    level: Level | None = None  # what the actor's rank says, where it is clear

    @property
    def key(self) -> tuple:
        return (self.country, self.name, self.title)


@dataclass
class Event:
    dataset: str
    event_id: str
    day: dt.date
    code: str  # three digits, one of MEETING_CODES
    first: Side
    second: Side
    story: str  # the report both directions come from
    source: Source
    city: str | None = None
    country: str | None = None
    line: int = 0


@dataclass
class Tally:
    """Rows that did not become meetings, by reason, with a few examples to show."""

    rows: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def skip(self, reason: str, line: int, detail: str = "") -> None:
        self.skipped[reason] += 1
        if len(self.examples) < 10:
            self.examples.append(f"line {line}: {reason}{': ' + detail if detail else ''}")


def accept(event: Event, tally: Tally) -> bool:
    """A meeting between two different sides; one country meeting itself is domestic politics."""
    if event.first.key == event.second.key:
        tally.skip("one actor on both sides", event.line)
        return False
    if event.first.country == event.second.country and len(event.first.country) == 3:
        tally.skip("domestic (both sides of one country)", event.line)
        return False
    return True


def fold_events(events: list[Event], country_names: dict[str, str]) -> list[Incoming]:
    """One meeting per day and pair of sides (an intent to meet apart), in the order the events came."""
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        groups.setdefault((e.dataset, e.day, frozenset((e.first.key, e.second.key)), e.code == "036"), []).append(e)
    return [_meeting(group, country_names) for group in groups.values()]


def _meeting(group: list[Event], names: dict[str, str]) -> Incoming:
    lead = min(group, key=lambda e: CODE_PREFERENCE.index(e.code))
    roles = ROLES.get(lead.code, (Role.MEMBER, Role.MEMBER))
    sides = [lead.first, lead.second]
    participants = [Participant(name=s.name, country=s.country, role=r, title=s.title) for s, r in zip(sides, roles)]
    countries = "–".join(dict.fromkeys(names.get(s.country, s.country) for s in sides))
    people = [s.name for s in sides if s.name]
    doing, called = WORDING[lead.code]
    if people:
        who = " and ".join(s.name or names.get(s.country, s.country) for s in sides)
        title = f"{countries}: {who} {doing}"
    else:
        title = f"{countries} {called}"
    levels = [s.level for s in sides]
    level = min(levels, key=LEVEL_RANK.index) if all(levels) else None
    ids = sorted({e.event_id for e in group}, key=lambda i: (len(i), i))
    m = Meeting(
        title=title,
        when=When(lead.day, lead.day, Precision.DAY, lead.day.isoformat()),
        status=Status.HELD if any(e.code != "036" for e in group) else Status.PROPOSED,
        level=level,
        city=lead.city,
        country=lead.country,
        participants=participants,
        cameo=lead.code,
        sources=list({e.story: e.source for e in sorted(group, key=lambda e: e.line)}.values()),
        notes=f"Imported from {lead.dataset.upper()}, event{'s' if len(ids) > 1 else ''} {', '.join(ids)}.",
        uid=f"{lead.dataset}-{ids[0]}",
    )
    return Incoming(m, min(e.line for e in group), tuple((e.dataset, e.event_id) for e in group))
