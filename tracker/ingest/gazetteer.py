"""Where names are in a sentence: countries (names and demonyms), cities and venues.

Countries come from tracker.countries (pycountry names, demonyms, EXTRA_NAMES); cities and
venues from the small data files beside this module (capitals and the usual venues of
diplomacy, each with its country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tracker.countries import country_lexicon, fold

# Short codes are words too ("IN", "US" in "they told us"): only these, written in capitals.
SHORT_NAMES = {"US", "USA", "UK", "UAE", "EU", "UN", "GCC", "OIC", "SCO", "DPRK"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    code: str  # ISO3 or organization code
    city: str | None = None  # for cities and venues
    venue: str | None = None


def fold_in_place(text: str) -> str:
    """fold() one character at a time, so offsets in the folded text are offsets in `text`."""
    return "".join((fold(c) or " ")[0] for c in text)


def _alternation(keys) -> re.Pattern:
    names = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@cache
def _countries() -> tuple[re.Pattern, dict[str, str]]:
    lexicon = {k: v for k, v in country_lexicon().items() if len(k) > 3 or k.upper() in SHORT_NAMES}
    return _alternation(lexicon), lexicon


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _cities() -> tuple[re.Pattern, dict[str, tuple[str, str]], dict[str, str]]:
    """Pattern, folded spelling -> (city, code), and code -> capital (the first city of a country)."""
    spellings: dict[str, tuple[str, str]] = {}
    capitals: dict[str, str] = {}
    for row in _rows("places.txt"):
        city, code = row[0], row[1]
        capitals.setdefault(code, city)
        for spelling in [city, *(row[2].split(",") if len(row) > 2 else [])]:
            spellings[fold(spelling.strip())] = (city, code)
    return _alternation(spellings), spellings, capitals


@cache
def _venues() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    _, spellings, _ = _cities()
    venues = {}
    for venue, city in _rows("venues.txt"):
        venues[fold(venue)] = (venue, city)
    return _alternation(venues), {k: (v, spellings[fold(c)][0]) for k, (v, c) in venues.items()}


def _capitalised(text: str, match: re.Match) -> bool:
    word = text[match.start() : match.end()]
    return word[:1].isupper()


def countries_in(text: str) -> list[Span]:
    """Country names and demonyms as written with a capital: 'Türkiye', 'Syrian', 'US'."""
    pattern, lexicon = _countries()
    spans = []
    for match in pattern.finditer(fold_in_place(text)):
        original = text[match.start() : match.end()]
        if not _capitalised(text, match) or (len(original) <= 4 and original.upper() in SHORT_NAMES and original != original.upper()):
            continue
        spans.append(Span(match.start(), match.end(), original, lexicon[match.group()]))
    return spans


def cities_in(text: str) -> list[Span]:
    pattern, spellings, _ = _cities()
    spans = []
    for match in pattern.finditer(fold_in_place(text)):
        if _capitalised(text, match):
            city, code = spellings[match.group()]
            spans.append(Span(match.start(), match.end(), text[match.start() : match.end()], code, city=city))
    return spans


def venues_in(text: str) -> list[Span]:
    pattern, venues = _venues()
    _, spellings, _ = _cities()
    spans = []
    for match in pattern.finditer(fold_in_place(text)):
        if _capitalised(text, match):
            venue, city = venues[match.group()]
            spans.append(Span(match.start(), match.end(), venue, spellings[fold(city)][1], city=city, venue=venue))
    return spans


def capital_of(code: str) -> str | None:
    return _cities()[2].get(code)


@cache
def _display_names() -> dict[str, str]:
    from tracker.countries import country_table

    return {row["code"]: row["name"] for row in country_table()}


def country_display_name(code: str) -> str:
    """'TUR' -> 'Türkiye', as the database shows it."""
    return _display_names().get(code, code)
