"""GDELT 2.0 event exports (61 tab-separated columns, no header) to meetings.

GDELT writes actors' affiliations as CAMEO country codes (mostly ISO alpha-3, see
cameo-actors.tsv for the rest) and all geography as FIPS 10-4 codes (fips-countries.tsv).
Its actor names are the upper-case words a story used for the actor, read as an analyst
would: a nationality or a country ("SYRIAN", "THE US") and a place ("TEHERAN",
"MASSACHUSETTS") say only which country, so the delegation is untitled, or titled by
the actor's type (GOV: "Government"); a role ("PRESIDENT", "FOREIGN MINISTRY") is the
delegation's title; two to four other words ("BASHAR AL ASSAD") are a person, linked to a
known one on import (store.bulkplan); a lone unknown word ("AMIT") says nothing. A media
outlet (type MED, or a known outlet's name) reports a meeting and is no participant, and an
actor of no state (types BUS, CVL, REL, EDU, ...) is no diplomacy: such events are left out.
A title that names its country says which country an actor without one is ("SECRETARY OF
STATE": the United States, tracker.ingest.titles); an actor typed IGO with a known group
("THE EUROPEAN UNION", IGO EEC) takes part for the organization, a person among them with
their own country kept.

Most of a GDELT export is not diplomacy: a story of a pilgrimage, a sailing race or an
obituary yields "visits" between countries. By default an event is a diplomatic meeting
only where (1) the story is not from a section of entertainment, sport, lifestyle, travel,
faith, obituaries, technology or comment (its address says so: /sport/, /obituaries/,
/opinion/, ...), (2) both actors are states, governments or organizations: not a town or
region that is not a capital ("DAVOS", "MASSACHUSETTS"), (3) an actor shows an official
(a government, military, legislature or IGO type code, a title, a person of the table
event-actors.tsv) or the story's address shows diplomacy (talks, visit, minister,
summit, ...), and (4) the story leads with it (IsRootEvent) or an actor is an official.
What is left out is counted by reason; --all-events keeps every such event.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

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
from tracker.model import Source
from tracker.store.bulk import Incoming
from tracker.store.meetings import URL_SHAPE

DATASET = "gdelt"
COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode "
    "Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code "
    "Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code "
    "Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass "
    "GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode "
    "Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type "
    "Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long "
    "Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
AT = {name: i for i, name in enumerate(COLUMNS)}
CITY_GEO_TYPES = {"3", "4"}  # US city, world city; 1, 2 and 5 are a country or a state


def _table(name: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0]: row[1] for row in rows[1:]}


@cache
def fips_to_iso() -> dict[str, str]:
    return _table("fips-countries.tsv")


@cache
def cameo_actors() -> dict[str, str]:
    return _table("cameo-actors.tsv")


def looks_like_gdelt(first_line: str) -> bool:
    cells = first_line.rstrip("\r\n").split("\t")
    return len(cells) == len(COLUMNS) and cells[0].isdigit() and cells[1].isdigit()


# Titles for a delegation named only by its country, from the actor's CAMEO type.
TYPE_TITLES = {"GOV": "Government", "MIL": "Military", "LEG": "Legislature", "JUD": "Judiciary", "SPY": "Intelligence", "COP": "Police", "OPP": "Opposition"}
ROLE_WORDS = re.compile(
    r"\b(PRESIDENT|PRIME MINISTER|PREMIER|CHANCELLOR|KING|QUEEN|EMIR|SULTAN|MONARCH|MINISTER|MINISTRY|GOVERNMENT|CABINET|CONGRESS|PARLIAMENT|SENATE|"
    r"SENATOR|LEGISLATURE|LAWMAKER|MILITARY|ARMY|NAVY|AIR FORCE|POLICE|OFFICIAL|AUTHORIT|EMBASSY|AMBASSADOR|ENVOY|DIPLOMAT|DELEGATION|"
    r"LEADER|SPOKES|COURT|JUDGE|MAYOR|GOVERNOR|COMMANDER|GENERAL|ADMINISTRATION|DEPARTMENT|AGENCY|COUNCIL|INTELLIGENCE|SECRETARY|REGIME|FORCES)",
)
US_STATES = set(
    "alabama alaska arizona arkansas california calif colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa "
    "kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma "
    "oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming".split()
) | {
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
}
# CAMEO actor types of no state: a business, civilians, a church, a school, a hospital.
NON_STATE_TYPES = {"BUS", "CVL", "EDU", "HLH", "LAB", "REL", "CRM", "REF", "AGR", "MNC", "UAF", "SET"}
PERSON_WORDS = re.compile(r"^[A-Z][A-Z'.-]*( [A-Z][A-Z'.-]*){1,3}$")
# Type codes of an official: a government, its forces, its legislature, courts, intelligence, an IGO.
OFFICIAL_TYPES = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "IGO"}
# Sections of a news site that report no diplomacy, as they appear in a story's address.
NOISE_SECTIONS = re.compile(
    r"(?<![a-z])(entertainment|arts?|culture|celebrit(y|ies)|showbiz|movies?|films?|music|tv|television|gaming|comics?|books|"
    r"sports?|football|soccer|cricket|rugby|golf|tennis|sailing|racing|olympics|fashion|style|lifestyle|beauty|food|recipes|"
    r"travel|tourism|cruises?|obituar(y|ies)|obits?|faith|religion|weddings|horoscopes?|weather|real-?estate|homes|autos?|cars|motoring|"
    r"tech|technology|gadgets|mobile|phones?|science|health|opinion|editorials?|op-ed|columns?|columnists?|blogs?|comedy|humou?r|satire|"
    r"local|community|crime|accidents?|traffic|photos|gallery|video|things-to-do|announcements|people)(?![a-z])"
)
# Words of a site's name that say the same: smartertravel.com, digitalspy.com.
NOISE_SITES = re.compile(r"travel|sport|entertain|fashion|celeb|movie|music|gaming|showbiz|spy\.com|kickoff|lifestyle|gossip")
# Words of a story's name (the slug of its address) that say it is no diplomacy: an accident, a product, a show.
NOISE_STORIES = re.compile(
    r"(?<![a-z])(crash(es|ed)?|accidents?|collisions?|stranded|derail\w*|capsized?|fire|blaze|obituary|dies|died|funeral|"
    r"smartphones?|iphone|galaxy|gadgets?|unveils|launches|recipes?|reviews?|movie|film|lego|concert|album|wedding|fashion|"
    r"royal-style|dress|match|league|cup|race|regatta|tournament|cheapest|holidays?|cruise)(?![a-z])"
)
DIPLOMACY_WORDS = re.compile(
    r"(?<![a-z])(talks?|visits?|visiting|summit|meets?|meeting|met|ministers?|ministry|president|premier|pm|leaders?|diplomacy|diplomatic|diplomats?|"
    r"envoys?|ambassadors?|foreign|bilateral|relations|ties|treaty|accord|agreement|deal|negotiations?|negotiators?|sanctions|"
    r"crown-prince|king|emir|chancellor|secretary|un|nato|eu|brexit|denuclearization|peace)(?![a-z])"
)


def _is_place(label: str, row: list[str], actor: str) -> bool:
    """A city, state or region: one the gazetteer knows, or named in the row's own geography."""
    from tracker.ingest.gazetteer import cities_in

    folded = fold(label)
    if folded in US_STATES or folded.endswith(" city"):
        return True
    for column in (f"{actor}Geo_FullName", "ActionGeo_FullName"):
        if folded in {fold(part.strip()) for part in row[AT[column]].split(",")}:
            return True
    return any(span.start == 0 and span.end == len(label) for span in cities_in(label.title()))


def _side(row: list[str], actor: str, known: dict[str, str], day: dt.date) -> tuple[Side | None, str]:
    """The actor as a participant, and its standing: 'official', 'state' (a country, a
    nationality, its capital), or 'town' (a city or region that is not a capital)."""
    from tracker.ingest.gazetteer import capital_of
    from tracker.ingest.titles import TITLE, read_title

    country = row[AT[f"{actor}CountryCode"]].strip()
    group = row[AT[f"{actor}KnownGroupCode"]].strip()
    types = {row[AT[f"{actor}Type{n}Code"]].strip() for n in (1, 2, 3)} | {row[AT[f"{actor}Code"]].strip()[3:6]}
    label = " ".join(row[AT[f"{actor}Name"]].split()).upper()
    bare = label.removeprefix("THE ")
    if "MED" in types or fold(bare) in MEDIA_NAMES:
        return MEDIA_SIDE, ""
    organization = cameo_actors().get(group) if "IGO" in types else None
    code = organization or (country if country in known else cameo_actors().get(country) or cameo_actors().get(group))
    official = bool(types & OFFICIAL_TYPES)
    if code is None and (title := TITLE.fullmatch(bare.title())):
        code, official = read_title(title.group()).country, True  # "SECRETARY OF STATE": the one of the United States
    if code is None or code not in known:
        return None, ""
    nationality = country if organization and country in known and country != organization else None
    if types & NON_STATE_TYPES and not types & set(TYPE_TITLES):
        return NON_STATE_SIDE, ""
    typed = next((TYPE_TITLES[t] for t in sorted(types) if t in TYPE_TITLES), None)
    standing = "official" if official else "state"
    if not bare or fold(bare) == fold(known[code]) or resolve_country(bare):
        return Side(country=code, title=typed), standing  # a country or a nationality: which country, no more
    if _is_place(bare, row, actor):
        capital = capital_of(code) if len(code) == 3 else None
        return Side(country=code, title=typed), standing if (capital and fold(capital) == fold(bare)) or official else "town"
    if ROLE_WORDS.search(bare):
        title = TITLE.fullmatch(bare.title())  # "SECRETARY OF STATE": the title as the app writes it
        return Side(country=code, title=read_title(title.group()).text if title else bare.title()), "official"
    if PERSON_WORDS.match(bare) and not is_body(bare):
        name = _person_name(bare)
        person = Side(country=code, name=name, nationality=nationality)
        if correction(name, day):
            return corrected(person, day), "official"
        return person, standing
    return Side(country=code, title=typed), standing  # a lone word: a first name, a surname, a nickname


def _noise(row: list[str], standings: tuple[str, str]) -> str | None:
    """Why a meeting event is no diplomatic contact, or None when it may be one (see the module's rules)."""
    url = row[AT["SOURCEURL"]].strip().lower()
    host, _, path = re.sub(r"^[a-z]+://", "", url).partition("/")
    segments = [s for s in path.split("/") if s]
    # A section is a short segment ("/faith/", "/news/local/"); the story's name has hyphens in plenty.
    sections = " ".join(s for s in segments if s.count("-") < 3)
    slug = " ".join(s for s in segments if s.count("-") >= 3)
    if NOISE_SITES.search(host) or NOISE_SECTIONS.search(sections) or NOISE_STORIES.search(slug):
        return "a story of entertainment, sport, lifestyle, faith, accidents, local news or comment (its address says so)"
    if "town" in standings:
        return "a town or region as an actor, not a state"
    if "official" not in standings and not DIPLOMACY_WORDS.search(re.sub(r"[^a-z]+", " ", path)):
        return "neither the actors nor the story show diplomatic contact"
    if "official" not in standings and row[AT["IsRootEvent"]].strip() != "1":
        return "the story mentions it in passing (not its lead event, no official named)"
    return None


def _person_name(label: str) -> str:
    """BASHAR AL ASSAD -> Bashar al Assad: particles lower-case, as names are usually written."""
    particles = {"AL", "EL", "BIN", "BEN", "IBN", "DE", "DA", "DI", "DEL", "VAN", "VON", "DER", "LA", "LE"}
    words = label.split()
    return " ".join(w.lower() if i and w in particles else w.capitalize() for i, w in enumerate(words))


def read_gdelt(lines: Iterable[str], country_names: dict[str, str], tally: Tally) -> list[Incoming]:
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    events: list[Event] = []
    for row in reader:
        tally.rows += 1
        line = reader.line_num
        if len(row) != len(COLUMNS):
            tally.skip("malformed (not the 61 columns of GDELT 2.0)", line, f"{len(row)} columns")
            continue
        code = meeting_code(row[AT["EventCode"]])
        if code is None:
            tally.skipped["not a meeting event"] += 1
            continue
        event_id = row[AT["GLOBALEVENTID"]].strip()
        try:
            day = dt.datetime.strptime(row[AT["SQLDATE"]].strip(), "%Y%m%d").date()
        except ValueError:
            tally.skip("malformed (bad SQLDATE)", line, repr(row[AT["SQLDATE"]]))
            continue
        if not event_id.isdigit():
            tally.skip("malformed (bad GLOBALEVENTID)", line, repr(event_id))
            continue
        (first, standing1), (second, standing2) = _side(row, "Actor1", country_names, day), _side(row, "Actor2", country_names, day)
        if MEDIA_SIDE in (first, second):
            tally.skip("a media outlet as an actor (it reports, it does not meet)", line)
            continue
        if NON_STATE_SIDE in (first, second):
            tally.skip("a non-state actor (citizens, business, religion, schools)", line)
            continue
        if first is None or second is None:
            tally.skip("an actor without a country or known organization", line)
            continue
        if not tally.all_events and (reason := _noise(row, (standing1, standing2))):
            tally.skip(reason, line, row[AT["SOURCEURL"]].strip())
            continue
        url = row[AT["SOURCEURL"]].strip()
        # SOURCEURL is a citation ("BBC Monitoring") where there is no web page.
        source = Source(url=url) if URL_SHAPE.match(url) else Source(title=url or f"GDELT event {event_id}", outlet=url or None)
        geo = row[AT["ActionGeo_Type"]].strip()
        place = row[AT["ActionGeo_FullName"]].strip()
        event = Event(
            dataset=DATASET,
            event_id=event_id,
            day=day,
            code=code,
            first=first,
            second=second,
            story=url or event_id,
            source=source,
            place=place_of(place.split(",")[0] if geo in CITY_GEO_TYPES else None, fips_to_iso().get(row[AT["ActionGeo_CountryCode"]].strip())),
            line=line,
        )
        if accept(event, tally):
            tally.events += 1
            events.append(event)
    return fold_events(events, country_names, tally)
