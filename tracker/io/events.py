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
from tracker.store.people import loose_key, name_variants

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


# What a reader returns for an actor that is a media outlet, or no part of a state (a
# citizen, a business, a church): the event is no diplomatic meeting and is left out.
MEDIA_SIDE = Side(country="", title="media")
NON_STATE_SIDE = Side(country="", title="non-state")
# Outlets that both datasets name as actors (folded): they report meetings, they take no part.
MEDIA_NAMES = {
    "al jazeera", "associated press", "reuters", "xinhua", "bbc", "cnn", "tass", "ria novosti", "sputnik", "interfax", "anadolu",
    "anadolu agency", "afp", "agence france presse", "fox news", "new york times", "washington post", "wall street journal", "guardian",
    "bloomberg", "press tv", "irna", "kcna", "yonhap", "kyodo", "al arabiya", "sana", "times of israel", "haaretz", "nbc", "cbs", "abc news", "npr",
}


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
    """As few meetings as the events support, in the order the events came.

    Events of one day between the same two countries (an intent to meet apart) are one
    meeting when they come from one story, whatever each row calls the actors ("Oman" and
    "Omani"), or when they share a named person: Kim Yong-chol meeting Pompeo, Trump,
    "United States" and the Executive Office of the President on 1 June 2018 is one trip.
    Events naming nobody join the largest meeting of their day and countries. Only events
    whose named people have nothing in common stay apart.
    """
    buckets: dict[tuple, list[Event]] = {}
    for e in events:
        key = (e.dataset, e.day, frozenset((e.first.country, e.second.country)), e.code == "036")
        buckets.setdefault(key, []).append(e)
    groups: list[list[Event]] = []
    for bucket in buckets.values():
        groups += _components(bucket)
    groups.sort(key=lambda g: min(e.line for e in g))
    return [_meeting(group, country_names) for group in groups]


def _people_of(e: Event) -> set[str]:
    return {loose_key(s.name) for s in (e.first, e.second) if s.name}


def _components(bucket: list[Event]) -> list[list[Event]]:
    """The events of one day and pair of countries, joined by shared story or shared person."""
    parent = list(range(len(bucket)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    first_of: dict[tuple[str, str], int] = {}
    for i, e in enumerate(bucket):
        for key in [("story", e.story), *(("person", p) for p in _people_of(e))]:
            if key in first_of:
                join(i, first_of[key])
            else:
                first_of[key] = i
    members: dict[int, list[int]] = {}
    for i in range(len(bucket)):
        members.setdefault(root(i), []).append(i)
    named = [m for m in members.values() if any(_people_of(bucket[i]) for i in m)]
    nameless = [i for m in members.values() if not any(_people_of(bucket[i]) for i in m) for i in m]
    if named:
        max(named, key=len).extend(nameless)
    elif nameless:
        named = [nameless]
    return [[bucket[i] for i in sorted(m)] for m in named]


def _sides(group: list[Event], lead: Event) -> list[Side]:
    """Every actor of the events once, the lead event's first country first, and within a
    country the actors most events name first (the people at the table, before those a
    story mentions in passing); a country's unnamed delegations give way to its named
    people, and an untitled one to a titled one."""
    seen: dict[tuple, Side] = {}
    named: Counter = Counter()
    for e in [lead, *sorted(group, key=lambda e: e.line)]:
        for s in (e.first, e.second) if e.first.country == lead.first.country else (e.second, e.first):
            key = (s.country, loose_key(s.name) if s.name else None, s.title)
            seen.setdefault(key, s)
            named[key] += e is not lead
    kept = []
    for key, s in seen.items():
        own = [o for o in seen.values() if o.country == s.country]
        if s.name is None and any(o.name for o in own):
            continue
        if s.name is None and s.title is None and any(o.title for o in own):
            continue
        kept.append((key, s))
    order = [lead.first.country, lead.second.country]
    kept.sort(key=lambda ks: (order.index(ks[1].country) if ks[1].country in order else 2, ks[1].name is None, -named[ks[0]]))
    return [s for _, s in kept]


def _title_people(sides: list[Side]) -> list[str]:
    """The people a title names, most named first, each country's first among them."""
    people = [s for s in sides if s.name]
    firsts = [next(s for s in people if s.country == c) for c in dict.fromkeys(s.country for s in people)]
    return list(dict.fromkeys(s.name for s in [*firsts[:TITLE_NAMES], *people]))


TITLE_NAMES = 3  # a title names this many and counts the others: a trip of eight people stays readable


def _names(items: list[str]) -> str:
    if len(items) > TITLE_NAMES:
        items = [*items[: TITLE_NAMES - 1], f"{len(items) - TITLE_NAMES + 1} others"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _meeting(group: list[Event], names: dict[str, str]) -> Incoming:
    lead = min(group, key=lambda e: (CODE_PREFERENCE.index(e.code), e.line))
    first_role, second_role = ROLES.get(lead.code, (Role.MEMBER, Role.MEMBER))
    sides = _sides(group, lead)
    participants = [
        Participant(name=s.name, country=s.country, role=first_role if s.country == lead.first.country else second_role, title=s.title) for s in sides
    ]
    countries = "–".join(dict.fromkeys(names.get(c, c) for c in (lead.first.country, lead.second.country)))
    people = _title_people(sides)
    doing, called = WORDING[lead.code]
    if people:
        who = _names([*people, *(names.get(c, c) for c in (lead.first.country, lead.second.country) if not any(s.name for s in sides if s.country == c))])
        title = f"{countries}: {who} {doing}"
    else:
        title = f"{countries} {called}"
    level = _level(sides)
    ids = sorted({e.event_id for e in group}, key=lambda i: (len(i), i))
    m = Meeting(
        title=title,
        when=When(lead.day, lead.day, Precision.DAY, lead.day.isoformat()),
        status=Status.HELD if any(e.code != "036" for e in group) else Status.PROPOSED,
        level=level,
        city=lead.city or next((e.city for e in group if e.city), None),
        country=lead.country or next((e.country for e in group if e.country), None),
        participants=participants,
        cameo=lead.code,
        sources=list({e.story: e.source for e in sorted(group, key=lambda e: e.line)}.values()),
        notes=f"Imported from {lead.dataset.upper()}, event{'s' if len(ids) > 1 else ''} {', '.join(ids)}.",
        uid=f"{lead.dataset}-{ids[0]}",
    )
    variants = {s.name: name_variants(s.name) for s in sides if s.name}
    return Incoming(m, min(e.line for e in group), tuple((e.dataset, e.event_id) for e in group), variants)


def _level(sides: list[Side]) -> Level | None:
    """The level both countries are represented at: each country's highest, the lower of those."""
    best: dict[str, Level | None] = {}
    for s in sides:
        known = best.get(s.country)
        if s.level and (known is None or LEVEL_RANK.index(s.level) > LEVEL_RANK.index(known)):
            best[s.country] = s.level
        else:
            best.setdefault(s.country, known)
    levels = list(best.values())
    return min(levels, key=LEVEL_RANK.index) if levels and all(levels) else None
