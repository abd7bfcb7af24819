"""What a new meeting holds where the user has not said: each follows from what was given.

The form shows these as you type (and keeps what you choose yourself); `tracker add` applies
them where an option is not given. One set of rules, so both store the same meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from types import SimpleNamespace

from tracker.model import Level, Meeting, Role, Status, When

DEFAULTABLE = ("country", "status", "level")


@dataclass(frozen=True)
class Unset:
    """What the user left for the rules to fill: fields of DEFAULTABLE, and participants' roles by position."""

    fields: frozenset[str] = frozenset()
    roles: frozenset[int] = frozenset()


def default_status(when: When | None, today: dt.date) -> str:
    """A meeting whose days are all past was held, as far as a new entry knows; else announced."""
    return str(Status.HELD if when is not None and when.end < today else Status.ANNOUNCED)


def place_country(city: str) -> str | None:
    """The country of a city typed whole ("sochi" → RUS), from the gazetteer the article reader uses."""
    from tracker.ingest.gazetteer import cities_in

    city = city.strip()
    if not city:
        return None
    spans = cities_in(city[:1].upper() + city[1:])
    return spans[0].code if len(spans) == 1 and spans[0].end - spans[0].start == len(city) else None


def default_roles(place: str | None, countries: list[str | None]) -> list[str]:
    """Roles by place and order: the first of the place's country hosts, the first of each other
    country visits, and whoever comes after the first of a country is a member."""
    roles, seen = [], set()
    for code in countries:
        if code is None or place is None or code in seen:
            roles.append(str(Role.MEMBER))
        else:
            roles.append(str(Role.HOST if code == place else Role.VISITOR))
        if code is not None:
            seen.add(code)
    return roles


def default_level(sides: list[tuple[str | None, str]]) -> str:
    """The level the titles at the time give, by (country, title): that of the least senior side."""
    from tracker.ingest.titles import level_of, meeting_level

    parties = [SimpleNamespace(country=code, level=level_of(title)) for code, title in sides if title.strip()]
    level = meeting_level(parties)
    return str(level) if level else ""


def apply_defaults(m: Meeting, unset: Unset, today: dt.date, known_codes: Collection[str] = ()) -> None:
    """Fill what `unset` names by the rules, in the form's order: country from the city, then
    roles from that place, level from the titles, status from the dates. `known_codes`: the
    countries the database knows (a gazetteer country it lacks is left out)."""
    if "country" in unset.fields and m.country is None and m.city:
        code = place_country(m.city)
        if code and (not known_codes or code in known_codes):
            m.country = code
    if unset.roles:
        roles = default_roles(m.country, [p.country for p in m.participants])
        for i in unset.roles:
            if i < len(m.participants):
                m.participants[i].role = Role(roles[i])
    if "level" in unset.fields and m.level is None:
        level = default_level([(p.country, p.title or "") for p in m.participants])
        m.level = Level(level) if level else None
    if "status" in unset.fields:
        m.status = Status(default_status(m.when, today))


__all__ = ["DEFAULTABLE", "Unset", "apply_defaults", "default_level", "default_roles", "default_status", "place_country"]
