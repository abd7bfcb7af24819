"""The title a candidate meeting is offered with: 'Putin and Assad meet in Moscow',
'Deputy foreign ministers of Russia, Türkiye, Syria and Iran meet in Moscow'."""

from __future__ import annotations

import re

from tracker.ingest.extract import SURNAME_FIRST
from tracker.ingest.lexicon import ARTICLES, PATRONYMICS
from tracker.model import Meeting, Status


def _surname(name: str, country: str | None = None) -> str:
    """'Bashar al-Assad' -> 'Assad', as headlines write him; 'Xi Jinping' -> 'Xi'."""
    if country in SURNAME_FIRST and len(name.split()) > 1:
        return name.split()[0]
    words = [w for w in name.split() if w.lower() not in PATRONYMICS | {"al"}]
    if len(words) >= 3 and re.fullmatch(r"bin|ibn|bint", name.split()[1], re.IGNORECASE):
        return words[0]  # "Mohammed bin Salman" is Mohammed, not Salman
    last = re.sub(rf"^(?:{ARTICLES})-", "", name.split()[-1])
    return last[:1].upper() + last[1:]


def _plural(title: str) -> str:
    """'Deputy Foreign Minister' -> 'Deputy foreign ministers', 'Head of intelligence' -> 'Heads of intelligence'."""
    head, sep, tail = title.partition(" of ")
    words = head.split()
    last = words[-1]
    words[-1] = last[:-1] + "ies" if last.endswith("ary") else last + "s"
    text = " ".join(words) + (sep + tail if sep else "")
    return text[:1].upper() + (text[1:].lower() if not sep else text[1:])


GROUP_NAMES = {"summit": "Leaders", "ministerial": "Ministers", "deputy_ministerial": "Deputy ministers", "senior_officials": "Senior officials"}


def meeting_title(m: Meeting) -> str:
    """'Putin and Assad meet in Moscow', 'Deputy foreign ministers of Russia, Türkiye, Syria and Iran meet in Moscow'."""
    from tracker.ingest.gazetteer import country_display_name

    where = f" in {m.city}" if m.city else ""
    verb = {Status.HELD: "met", Status.POSTPONED: "meeting postponed", Status.CANCELLED: "meeting cancelled", Status.PROPOSED: "meeting proposed"}.get(
        m.status, "meet"
    )
    people = [(p.name, p.country) for p in m.participants if p.name]  # (name, country) of those named
    visitors = [(name, country) for name, country in people if country != m.country]
    if len(visitors) == 1 and len(m.participants) == 2 and not any(p.name for p in m.participants if p.country == m.country):
        place = m.city or (country_display_name(m.country) if m.country else None)
        visit = {Status.HELD: "visited", Status.ANNOUNCED: "visits"}.get(m.status, verb.replace("meeting", "visit").replace("meet", "visits"))
        return f"{_surname(*visitors[0])} {visit} {place}"
    if 1 <= len(people) <= 3 and len(people) == len(m.participants):
        names = [_surname(name, country) for name, country in people]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        return f"{listed} {verb}{where}"
    countries = list(dict.fromkeys(country_display_name(p.country) for p in m.participants if p.country))
    listed = ", ".join(countries[:-1]) + f" and {countries[-1]}" if len(countries) > 1 else "".join(countries)
    titles = {p.title for p in m.participants if p.title}
    lead = _plural(titles.pop()) if len(titles) == 1 else GROUP_NAMES.get(str(m.level), "Delegations")
    return f"{lead} of {listed} {verb}{where}" if listed else f"{lead} {verb}{where}"
