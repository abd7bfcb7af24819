"""ICEWS event files (tab-separated, a header of 20 columns, NA for missing) to meetings.

ICEWS names actors three ways: a person ("Sergey Viktorovich Lavrov"), a sector of a
country ("Foreign Affairs (Bangladesh)", "Government (Turkey)": a delegation, no person),
or a country or organization itself ("Russia", "European Union"). Countries are written
as names ("Russian Federation"); they are resolved to ISO 3166 codes. A name with words of a
body (events.BODY: "World Bank", "American Troops") is a delegation, never a person.

ICEWS gives an official of an international organization their passport's country, with
sectors that say the role ("International Government Organization", "Global Diplomatic
IGOs"): such a person takes part for the organization that event-actors.tsv names (the
UN's Secretary-General for the UN), or, for a global diplomatic IGO it does not name, for
the UN; their own country stays on the person. A head of state who also chairs a regional
body (Ouattara: "Executive Office" among his IGO sectors) takes part for the state.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable

from tracker.countries import fold, resolve_country
from tracker.io.events import (
    MEDIA_NAMES,
    MEDIA_SIDE,
    NON_STATE_SIDE,
    Event,
    Side,
    Tally,
    accept,
    corrected,
    correction,
    fold_events,
    is_body,
    meeting_code,
    place_of,
)
from tracker.model import Level, Source
from tracker.store.bulk import Incoming

DATASET = "icews"
COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "CAMEO Code",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Publisher",
)
SECTOR_NAME = re.compile(r"^(?P<sector>.+?) \((?P<country>[^()]+)\)$")
HEADS = re.compile(r"^(Head of (State|Government)|President|Prime Minister|King|Monarch)\b", re.IGNORECASE)
ENVOYS = re.compile(r"^(Envoy|Ambassador|Special Envoy|Intelligence|High Ranking Military Personnel)\b", re.IGNORECASE)
# ICEWS country names that are neither pycountry's nor common usage.
ICEWS_NAMES = {
    "democratic republic of congo": "COD",
    "occupied palestinian territory": "PSE",
    "palestinian territory, occupied": "PSE",
    "the former yugoslav republic of macedonia": "MKD",
    "macedonia": "MKD",
}
MINISTERS = re.compile(r"^(Foreign Affairs|Minister|Cabinet)\b", re.IGNORECASE)
# Sectors of an official of an international organization, and of a state's own office.
IGO_SECTORS = {"International Government Organization", "Global Diplomatic IGOs", "Regional Diplomatic IGOs"}
STATE_OFFICE = re.compile(r"^(Executive Office|Cabinet|Executive|Legislative / Parliamentary|.* Ministry)$")
# ICEWS sectors of no state: their consultations are not diplomacy.
NON_STATE = re.compile(
    r"^(Citizen|Criminal|Protester|Business|Company|Civic Group|Student|Refugee|Religion|Medical|Farm|Labor|Men|Women|Children)\b", re.IGNORECASE
)
# Sectors and names of the press: a media outlet reports a meeting, it does not take part.
MEDIA = re.compile(r"\b(Media|News|Newspaper|Television|Radio|Journalist|Press|Broadcast)", re.IGNORECASE)


def looks_like_icews(first_line: str) -> bool:
    return first_line.lstrip("\ufeff").startswith("Event ID\tEvent Date\t")


def country_code(name: str | None) -> str | None:
    if not name:
        return None
    return ICEWS_NAMES.get(name.strip().casefold()) or resolve_country(name)


def _value(text: str) -> str | None:
    text = text.strip()
    return None if text in ("", "NA") else text


def _side(name: str | None, sectors: str | None, country_name: str | None, day: dt.date) -> Side | None:
    """The actor as a participant, or None when no country or organization can be told."""
    if not name:
        return None
    side = _actor(name, sectors, country_name, day)
    return corrected(side, day) if side and side.name else side


def _actor(name: str, sectors: str | None, country_name: str | None, day: dt.date) -> Side | None:
    sector_list = set((sectors or "").split(","))
    if (
        MEDIA.search(name)
        or fold(name).removeprefix("the ") in MEDIA_NAMES
        or (sector_list & {"Media", "News", "Print News"} and not sector_list & {"Executive Office", "Cabinet"})
    ):
        return MEDIA_SIDE
    code = country_code(country_name)
    if (own := country_code(name)) is not None:  # "Russia", "European Union", "United Nations"
        return Side(country=own)
    if match := SECTOR_NAME.match(name):  # "Foreign Affairs (Bangladesh)": a delegation
        code = code or country_code(match["country"])
        sector = match["sector"]
        if NON_STATE.match(sector):
            return NON_STATE_SIDE
        level = (
            Level.SUMMIT if HEADS.match(sector) else Level.SENIOR_OFFICIALS if ENVOYS.match(sector) else Level.MINISTERIAL if MINISTERS.match(sector) else None
        )
        return Side(country=code, title=sector, level=level) if code else None
    if code is None and correction(name, day) is None:
        return None  # "G7", "Africa": no country, no organization of ours
    if is_body(name):  # "Executive Office of the President", "National People's Congress"
        level = Level.SUMMIT if "Executive Office" in sector_list else None
        return Side(country=code or "", title=name, level=level)  # no country: a body a person's correction names (as below)
    if "Executive Office" in sector_list:
        level = Level.SUMMIT
    elif "Cabinet" in sector_list or any(s.endswith("Ministry") for s in sector_list):
        level = Level.MINISTERIAL
    else:
        level = None
    if sector_list & IGO_SECTORS and not any(STATE_OFFICE.match(s) for s in sector_list) and "Global Diplomatic IGOs" in sector_list:
        return Side(country="UN", name=name, level=level, nationality=code)  # corrected() may name another organization
    return Side(country=code or "", name=name, level=level)


def read_icews(lines: Iterable[str], country_names: dict[str, str], tally: Tally) -> list[Incoming]:
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.lstrip("\ufeff") for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValueError(f"not an ICEWS events file: the header lacks {', '.join(missing)}")
    at = {name: i for i, name in enumerate(header)}
    events: list[Event] = []
    for row in reader:
        tally.rows += 1
        line = reader.line_num
        if len(row) != len(header):
            tally.skip("malformed (wrong number of columns)", line, f"{len(row)} instead of {len(header)}")
            continue
        get = {name: _value(row[i]) for name, i in at.items()}.get
        code = meeting_code(get("CAMEO Code") or "")
        if code is None:
            tally.skipped["not a meeting event"] += 1
            continue
        try:
            day = dt.date.fromisoformat(get("Event Date") or "")
        except ValueError:
            tally.skip("malformed (bad Event Date)", line, repr(get("Event Date")))
            continue
        event_id = get("Event ID")
        if not event_id:
            tally.skip("malformed (no Event ID)", line)
            continue
        first = _side(get("Source Name"), get("Source Sectors"), get("Source Country"), day)
        second = _side(get("Target Name"), get("Target Sectors"), get("Target Country"), day)
        if MEDIA_SIDE in (first, second):
            tally.skip(
                "a media outlet as an actor (it reports, it does not meet)", line, repr(get("Source Name") if first is MEDIA_SIDE else get("Target Name"))
            )
            continue
        if NON_STATE_SIDE in (first, second):
            tally.skip(
                "a non-state actor (citizens, business, civic groups)", line, repr(get("Source Name") if first is NON_STATE_SIDE else get("Target Name"))
            )
            continue
        if first is None or second is None:
            unknown = get("Source Name") if first is None else get("Target Name")
            tally.skip("an actor without a country or known organization", line, repr(unknown))
            continue
        story = get("Story ID") or f"event {event_id}"
        publisher = get("Publisher")
        event = Event(
            dataset=DATASET,
            event_id=event_id,
            day=day,
            code=code,
            first=first,
            second=second,
            story=story,
            source=Source(title=f"ICEWS story {story}", outlet=publisher),
            place=place_of(get("City"), country_code(get("Country"))),
            line=line,
        )
        if accept(event, tally):
            tally.events += 1
            events.append(event)
    return fold_events(events, country_names, tally)
