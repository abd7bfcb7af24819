"""The domain: meetings, who took part, when, on what evidence.

Plain dataclasses with no I/O, shared by the store, the CLI, the importers and the TUI.
Enumerations are defined here once and used everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class Level(StrEnum):
    SUMMIT = "summit"  # heads of state or government
    MINISTERIAL = "ministerial"
    DEPUTY_MINISTERIAL = "deputy_ministerial"
    SENIOR_OFFICIALS = "senior_officials"  # envoys, ambassadors, intelligence and military chiefs
    WORKING = "working"


class Role(StrEnum):
    HOST = "host"
    VISITOR = "visitor"
    MEDIATOR = "mediator"
    HEAD_OF_DELEGATION = "head_of_delegation"
    MEMBER = "member"
    OBSERVER = "observer"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


# CAMEO codes that describe a meeting, so records round-trip with GDELT and ICEWS.
CAMEO_MEETING_CODES = {
    "036": "Express intent to meet or negotiate",
    "040": "Consult",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a third location",
    "045": "Mediate",
    "046": "Engage in negotiation",
}

FORMATS = {1: "unilateral", 2: "bilateral", 3: "trilateral", 4: "quadrilateral"}


def format_for(country_count: int) -> str | None:
    """bilateral / trilateral / ... from the number of countries taking part."""
    if country_count == 0:
        return None
    return FORMATS.get(country_count, "multilateral")


@dataclass(frozen=True)
class When:
    """A day, a range of days, a month or a year, with the text as written.

    `start` and `end` are inclusive; a month is its first..last day with precision month.
    """

    start: dt.date
    end: dt.date
    precision: Precision
    text: str

    def label(self) -> str:
        """Short human form by precision: '15–16 Mar 2023', 'Mar 2023', '2023'."""
        s, e = self.start, self.end
        if self.precision == Precision.YEAR:
            return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
        if self.precision == Precision.MONTH:
            first = f"{s:%b} {s.year}"
            if (s.year, s.month) == (e.year, e.month):
                return first
            if s.year == e.year:
                return f"{s:%b}–{e:%b} {s.year}"
            return f"{first}–{e:%b} {e.year}"
        if s == e:
            return f"{s.day} {s:%b} {s.year}"
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {s:%b} {s.year}"
        if s.year == e.year:
            return f"{s.day} {s:%b}–{e.day} {e:%b} {s.year}"
        return f"{s.day} {s:%b} {s.year}–{e.day} {e:%b} {e.year}"

    def describe(self) -> str:
        """The label with the precision spelled out where it is not a day."""
        if self.precision == Precision.DAY:
            return self.label()
        return f"{self.label()} ({self.precision})"


@dataclass
class Participant:
    name: str | None = None  # delegations are often unnamed
    country: str | None = None  # ISO 3166-1 alpha-3 or an organization code
    role: Role = Role.MEMBER
    title: str | None = None  # the title at the time of the meeting
    person_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "role": str(self.role), "title": self.title}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Participant:
        return cls(
            name=d.get("name") or None,
            country=d.get("country") or None,
            role=Role(d.get("role") or Role.MEMBER),
            title=d.get("title") or None,
        )


@dataclass
class Person:
    id: int  # a person is always a stored one
    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    meeting_count: int = 0


@dataclass
class Country:
    code: str
    name: str
    kind: str = "country"  # or "organization"
    meeting_count: int = 0


@dataclass
class Source:
    """A source and the quote from it that supports a meeting (the evidence)."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO datetime as published
    updated: str | None = None
    language: str | None = None
    quote: str | None = None
    text: str | None = None  # full text where we have it; not part of the interchange shape

    def to_dict(self) -> dict[str, Any]:
        d = {
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "updated": self.updated,
            "language": self.language,
            "quote": self.quote,
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(**{k: d.get(k) for k in ("title", "url", "outlet", "published", "updated", "language", "quote", "text")})


@dataclass
class HistoryEntry:
    """An earlier state of a meeting, kept when its status or date changed (`at`), and the
    source that reported the change, when one came with it: a postponement has its own evidence."""

    at: str
    status: str
    start: str
    end: str
    precision: str
    when_text: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["source"] = self.source.to_dict() if self.source else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HistoryEntry:
        fields = {k: d[k] for k in ("at", "status", "start", "end", "precision", "when_text")}
        return cls(**fields, source=Source.from_dict(d["source"]) if d.get("source") else None)


@dataclass
class Link:
    """This meeting relates to another: it follows it, or is part of it, on a track."""

    other_id: int | None
    kind: str = "follows"  # "follows" | "part_of"
    track: str | None = None
    other_title: str | None = None
    other_uid: str | None = None  # ids differ between databases; the uid names the other meeting in an export

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.other_id, "kind": self.kind, "track": self.track, "uid": self.other_uid}


LINK_KINDS = ("follows", "part_of")


def is_unconfirmed(status: Status, when: When, today: dt.date) -> bool:
    """A meeting whose dates are past but is still only announced or proposed (the list's and the detail's warning)."""
    return status in (Status.ANNOUNCED, Status.PROPOSED) and when.end < today


@dataclass
class Meeting:
    title: str
    when: When
    status: Status = Status.ANNOUNCED
    level: Level | None = None
    city: str | None = None
    venue: str | None = None
    country: str | None = None  # where it took place
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    outcome: str | None = None
    notes: str | None = None
    cameo: str | None = None
    sources: list[Source] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    id: int | None = None
    uid: str | None = None  # stable across databases: iCalendar UID, import recognition
    created: str | None = None
    updated: str | None = None

    @property
    def countries(self) -> list[str]:
        """Every country or organization taking part, sorted; derived, never typed."""
        return sorted({p.country for p in self.participants if p.country})

    @property
    def format(self) -> str | None:
        return format_for(len(self.countries))

    def is_unconfirmed(self, today: dt.date) -> bool:
        return is_unconfirmed(self.status, self.when, today)

    def to_dict(self) -> dict[str, Any]:
        """The interchange shape of DESIGN.md."""
        return {
            "id": self.id,
            "title": self.title,
            "status": str(self.status),
            "level": str(self.level) if self.level else None,
            "start": self.when.start.isoformat(),
            "end": self.when.end.isoformat(),
            "precision": str(self.when.precision),
            "when_text": self.when.text,
            "city": self.city,
            "venue": self.venue,
            "country": self.country,
            "countries": self.countries,
            "format": self.format,
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "summary": self.summary,
            "outcome": self.outcome,
            "notes": self.notes,
            "cameo": self.cameo,
            "sources": [s.to_dict() for s in self.sources],
            "links": [link.to_dict() for link in self.links],
            "history": [h.to_dict() for h in self.history],
            "uid": self.uid,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Meeting:
        """Read the interchange shape; derived fields (countries, format) are ignored.

        Raises KeyError or ValueError on a missing or invalid field.
        """
        when = When(
            start=dt.date.fromisoformat(d["start"]),
            end=dt.date.fromisoformat(d.get("end") or d["start"]),
            precision=Precision(d.get("precision") or Precision.DAY),
            text=d.get("when_text") or d["start"],
        )
        return cls(
            id=d.get("id"),
            title=d["title"],
            when=when,
            status=Status(d.get("status") or Status.ANNOUNCED),
            level=Level(d["level"]) if d.get("level") else None,
            city=d.get("city"),
            venue=d.get("venue"),
            country=d.get("country"),
            participants=[Participant.from_dict(p) for p in d.get("participants") or []],
            topics=list(d.get("topics") or []),
            summary=d.get("summary"),
            outcome=d.get("outcome"),
            notes=d.get("notes"),
            cameo=d.get("cameo"),
            sources=[Source.from_dict(s) for s in d.get("sources") or []],
            links=[
                Link(other_id=link.get("id"), kind=link.get("kind") or "follows", track=link.get("track"), other_uid=link.get("uid"))
                for link in d.get("links") or []
            ],
            history=[HistoryEntry.from_dict(h) for h in d.get("history") or []],
            uid=d.get("uid"),
            created=d.get("created"),
            updated=d.get("updated"),
        )


@dataclass(frozen=True)
class Origin:
    """Where a change came from: what `tracker history` says, and whose undo takes it back.

    `kind` is one of ORIGIN_KINDS; `session` names one run of the app (its article reviews
    share it), so that the app's `u` takes back that run's own changes and nobody else's.
    """

    kind: str
    session: str | None = None

    def describe(self) -> str:
        return ORIGIN_KINDS.get(self.kind, self.kind)


ORIGIN_KINDS = {
    "app": "the app",
    "review": "the article review",
    "cli": "the CLI",
    "import": "an import",
    "seed": "the seed",
    "outside": "outside tracker",
}
CLI = Origin("cli")  # the command line, and a script calling these functions itself
IMPORT = Origin("import")
SEED = Origin("seed")


def app_origin() -> Origin:
    """A new run of the app: its changes are its own to undo."""
    import uuid

    return Origin("app", uuid.uuid4().hex)
