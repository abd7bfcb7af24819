"""Event datasets (ICEWS, GDELT) to meetings: keep the meeting events, fold their pairs.

Both datasets write one meeting as two events, one per direction (A visits B and B hosts
A; A meets B and B meets A), and again for every story that reports it. Events of one day
and the same two countries become one meeting when they share a person, whatever the story
(ICEWS Story ID, GDELT source URL): three wire stories of Lavrov in Pyongyang are one
meeting with three sources, not three meetings. Sharing a story is not enough: a story of
Kim Yong-chol at the White House that recalls Jo Myong-rok meeting Bill Clinton in 2000
dates that recollection to its own day, so a pair of people that only such a story names
is left out and counted. An intent to meet (036) stays apart from a meeting held that day.
The meeting keeps every event id, so that importing again adds nothing.

What both readers share is here: the lexicon of actors that are bodies, not people; the
table of actors a dataset codes wrongly or who act for an organization (event-actors.tsv);
and the place of a meeting, read from one row and checked against the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from tracker.countries import fold, resolve_country
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

    country: str  # ISO alpha-3 or organization code: the party the actor takes part for
    name: str | None = None  # a person
    title: str | None = None  # what the dataset calls a delegation: "Foreign Affairs", "Government"
    level: Level | None = None  # what the actor's rank says, where it is clear
    nationality: str | None = None  # a person's own country, where it is not the party (Guterres: UN, PRT)

    @property
    def key(self) -> tuple:
        return (self.country, self.name, self.title)


# What a reader returns for an actor that is a media outlet, or no part of a state (a
# citizen, a business, a church): the event is no diplomatic meeting and is left out.
MEDIA_SIDE = Side(country="", title="media")
NON_STATE_SIDE = Side(country="", title="non-state")
# Outlets that both datasets name as actors (folded): they report meetings, they take no part.
MEDIA_NAMES = {
    "al jazeera",
    "associated press",
    "reuters",
    "xinhua",
    "bbc",
    "cnn",
    "tass",
    "ria novosti",
    "sputnik",
    "interfax",
    "anadolu",
    "anadolu agency",
    "afp",
    "agence france presse",
    "fox news",
    "new york times",
    "washington post",
    "wall street journal",
    "guardian",
    "bloomberg",
    "press tv",
    "irna",
    "kcna",
    "yonhap",
    "kyodo",
    "al arabiya",
    "sana",
    "times of israel",
    "haaretz",
    "nbc",
    "cbs",
    "abc news",
    "npr",
}


# Words of an actor that is a body, a group or a force, never one person: "American Troops",
# "World Bank", "Executive Office of the President", "National People's Congress".
BODY = re.compile(
    r"\b(Office|Ministry|Ministries|Council|Party|Congress|Parliament|Assembly|Senate|Committee|Commission|Agency|Court|Police|Army|Navy|"
    r"Forces?|Troops|Soldiers|Military|Militia|Guards?|Government|Department|Bureau|Association|Union|Federation|Organi[sz]ation|Authority|Administration|"
    r"Embassy|Bank|Fund|Company|Corporation|Corp|Inc|Group|Front|Movement|Coalition|Legislature|Cabinet|Secretariat|House|Republic|Kingdom|"
    r"Team|Club|League|University|School|Church|Institute|Foundation|Delegation|Mission|Officials|Leaders|Ministers|Diplomats|People|"
    r"Citizens|Protesters|Students|Workers|Rebels|Militants|Insurgents|Fighters|Houthis|Taliban|Hezbollah|Hamas)\b",
    re.IGNORECASE,
)


def is_body(name: str) -> bool:
    """A name of a body, group or force rather than of a person."""
    return BODY.search(name) is not None


@dataclass(frozen=True)
class Correction:
    """One line of event-actors.tsv: who a named actor takes part for, in a span of days."""

    name: str
    party: str
    nationality: str | None
    title: str | None
    since: dt.date
    until: dt.date


@cache
def corrections() -> dict[str, list[Correction]]:
    """event-actors.tsv by the loose key of every spelling, and of first and last name alone."""
    text = resources.files(__package__).joinpath("event-actors.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table: dict[str, list[Correction]] = {}
    for row in rows[1:]:
        name, party, nationality, title, since, until, spellings = (row + [""] * 7)[:7]
        entry = Correction(
            name, party, nationality or None, title or None, dt.date.fromisoformat(since or "0001-01-01"), dt.date.fromisoformat(until or "9999-12-31")
        )
        for spelling in [name, *filter(None, spellings.split(","))]:
            table.setdefault(loose_key(spelling), []).append(entry)
    return table


def correction(name: str, day: dt.date) -> Correction | None:
    """The table's entry for a person named so on that day: 'António Manuel de Oliveira Guterres' is António Guterres."""
    table = corrections()
    key = loose_key(name)
    words = key.split()
    for k in (key, f"{words[0]} {words[-1]}" if len(words) > 2 else None):
        for entry in table.get(k or "", ()):
            if entry.since <= day <= entry.until:
                return entry
    return None


def corrected(side: Side, day: dt.date) -> Side:
    """A named actor as event-actors.tsv says: for whom they take part, their own country, their title."""
    if side.name is None or (entry := correction(side.name, day)) is None:
        return side
    from tracker.ingest.titles import level_of

    nationality = entry.nationality or (side.country if side.country != entry.party else None)
    title = entry.title or side.title
    level = level_of(title) if title else None
    return Side(
        country=entry.party,
        name=entry.name,
        title=title,
        level=level if level in LEVEL_RANK else side.level,
        nationality=nationality if nationality != entry.party else None,
    )


@dataclass(frozen=True)
class Place:
    city: str | None = None
    venue: str | None = None
    country: str | None = None


def place_of(name: str | None, country: str | None) -> Place:
    """The place one row gives, as the gazetteer reads it: a venue is in its city ("White House"
    is in Washington, USA), a body or a country is no city, a city without a country is in
    the gazetteer's country of that name."""
    from tracker.ingest.gazetteer import best_city, venue_named

    name = " ".join((name or "").split()) or None
    if name is None:
        return Place(country=country)
    if venue := venue_named(name):
        return Place(city=venue.city, venue=venue.venue, country=venue.code)
    if is_body(name) or resolve_country(name):
        return Place(country=country)
    if country is None and (city := best_city(fold(name))) is not None:
        return Place(city=city.name, country=city.code)
    return Place(city=name, country=country)


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
    place: Place = Place()
    line: int = 0


@dataclass
class Tally:
    """Rows that did not become meetings, by reason, with a few examples to show."""

    rows: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    all_events: bool = False  # --all-events: GDELT's rows that show no diplomatic contact are kept too

    def skip(self, reason: str, line: int, detail: str = "") -> None:
        """Count a row left out; the first two of each reason are shown, so that every reason has an example."""
        self.skipped[reason] += 1
        if self.skipped[reason] <= 2 and len(self.examples) < 16:
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


def fold_events(events: list[Event], country_names: dict[str, str], tally: Tally | None = None) -> list[Incoming]:
    """As few meetings as the events support, in the order the events came.

    Events of one day between the same two countries (an intent to meet apart) are one
    meeting when they share a named person: Kim Yong-chol meeting Pompeo, Trump, "United
    States" and the Executive Office of the President on 1 June 2018 is one trip. Events
    naming nobody ("North Korea" and "United States", "Oman" and "Omani") join the largest
    meeting of their day and countries. Named events with no person in common are another
    meeting where a story of their own reports them. Where every story that names them is a
    source of another meeting of that day and countries, they are that meeting if one side
    is a delegation ("Shinzo Abe" and "Head of Government (Vietnam)" in a story of the
    Vietnamese prime minister's visit); two people of their own are the stories' recollection
    of an earlier meeting, which the dataset dates to the story's day (Jo Myong-rok and Bill
    Clinton in 2000), left out and counted.
    """
    buckets: dict[tuple, list[Event]] = {}
    for e in events:
        buckets.setdefault((e.dataset, e.day, frozenset((e.first.country, e.second.country))), []).append(e)
    groups: list[list[Event]] = []
    for bucket in buckets.values():
        groups += _fold_day(bucket, tally)
    groups.sort(key=lambda g: min(e.line for e in g))
    return [_meeting(group, country_names) for group in groups]


RECOLLECTION = "two people named only by stories of another meeting of that day and countries (a recollection)"


def _people_of(e: Event) -> set[str]:
    return {loose_key(s.name) for s in (e.first, e.second) if s.name}


def _fold_day(bucket: list[Event], tally: Tally | None) -> list[list[Event]]:
    """The meetings of one day and pair of countries: held ones and intents to meet apart."""
    named: list[tuple[bool, list[Event]]] = []
    nameless: dict[bool, list[Event]] = {}
    for intent in (False, True):
        events = [e for e in bucket if (e.code == "036") == intent]
        for component in _components(events):
            if any(_people_of(e) for e in component):
                named.append((intent, component))
            else:
                nameless.setdefault(intent, []).extend(component)
    named.sort(key=lambda ic: -len(ic[1]))

    def stories(component: list[Event]) -> set[str]:
        return {e.story for e in component}

    def people(component: list[Event]) -> set[str]:
        return set().union(*map(_people_of, component))

    # Told only in passing: every story that names the component also tells another one of the day.
    passing = [
        len(named) > 1
        and stories(c) <= set().union(*(stories(k) for _, k in named if k is not c))
        and not any(people(c) & people(k) for _, k in named if k is not c)
        for _, c in named
    ]
    main = [ic for ic, told in zip(named, passing, strict=False) if not told]
    kept = list(main)
    told_by_main = set().union(*(stories(c) for _, c in main))
    for (intent, component), told in zip(named, passing, strict=False):
        if not told:
            continue
        if stories(component) <= told_by_main and all(e.first.name and e.second.name for e in component):
            if tally is not None:
                for e in component:
                    tally.skip(RECOLLECTION, e.line, f"{e.first.name} and {e.second.name}")
            continue
        same = next((k for k in main if k[0] == intent and stories(component) & stories(k[1])), None)
        if same is None:
            kept.append((intent, component))
        else:
            same[1].extend(component)  # a delegation in a story of that meeting: Shinzo Abe and "Head of Government (Vietnam)"
    for intent, events in nameless.items():
        largest = next((k for k in kept if k[0] == intent), None)
        if largest is None:
            kept.append((intent, events))
        else:
            largest[1].extend(events)
    return [sorted(component, key=lambda e: e.line) for _, component in kept]


def _components(events: list[Event]) -> list[list[Event]]:
    """Events joined by a shared person (each nameless event alone)."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for i, e in enumerate(events):
        for person in _people_of(e):
            if person in first_of:
                parent[root(i)] = root(first_of[person])
            else:
                first_of[person] = i
    members: dict[int, list[Event]] = {}
    for i, e in enumerate(events):
        members.setdefault(root(i), []).append(e)
    return list(members.values())


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
    people = [(s.name, s.country) for s in sides if s.name]
    firsts = [next(p for p in people if p[1] == c) for c in dict.fromkeys(country for _, country in people)]
    return list(dict.fromkeys(name for name, _ in [*firsts[:TITLE_NAMES], *people]))


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
    place = _place(group, lead)
    ids = sorted({e.event_id for e in group}, key=lambda i: (len(i), i))
    m = Meeting(
        title=title,
        when=When(lead.day, lead.day, Precision.DAY, lead.day.isoformat()),
        status=Status.HELD if any(e.code != "036" for e in group) else Status.PROPOSED,
        level=level,
        city=place.city,
        venue=place.venue,
        country=place.country,
        participants=participants,
        cameo=lead.code,
        sources=list({e.story: e.source for e in sorted(group, key=lambda e: e.line)}.values()),
        notes=f"Imported from {lead.dataset.upper()}, event{'s' if len(ids) > 1 else ''} {', '.join(ids)}.",
        uid=f"{lead.dataset}-{ids[0]}",
    )
    variants = {s.name: name_variants(s.name) for s in sides if s.name}
    # An official of an organization is a person of their own country, or of none known: never of "UN".
    nationalities = {s.name: s.nationality for s in sides if s.name and (s.nationality or len(s.country) != 3)}
    return Incoming(m, min(e.line for e in group), tuple((e.dataset, e.event_id) for e in group), variants, nationalities)


def _place(group: list[Event], lead: Event) -> Place:
    """The place of one row, never a city of one and the country of another (none for a phone call): the lead event's,
    or, where it names no city, the first row with a city in the same country (or any, where
    the lead names no place at all)."""
    if lead.code == "041":
        return Place()  # a phone call is made from two places; the row's place is the story's dateline
    if lead.place.city:
        return lead.place
    for e in sorted(group, key=lambda e: e.line):
        if e.place.city and (lead.place.country is None or e.place.country == lead.place.country):
            return e.place
    return lead.place if lead.place.country else next((e.place for e in group if e.place.country), Place())


def _level(sides: list[Side]) -> Level | None:
    """The level both countries are represented at: each country's highest, the lower of those."""
    best: dict[str, Level | None] = {}
    for s in sides:
        known = best.get(s.country)
        if s.level and (known is None or LEVEL_RANK.index(s.level) > LEVEL_RANK.index(known)):
            best[s.country] = s.level
        else:
            best.setdefault(s.country, known)
    levels = [level for level in best.values() if level]
    return min(levels, key=LEVEL_RANK.index) if levels and len(levels) == len(best) else None
