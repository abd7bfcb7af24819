"""Generate N synthetic but realistic meetings as JSONL (the interchange shape), fast and reproducible.

About 3 participants each from a pool of a few thousand people across ~200 countries,
titles like real ones, dates over 30 years, statuses and levels, topics, and a source with
a quote; a source is shared by two meetings now and then, as articles are.

    python bench/generate.py 1000000 > meetings.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import uuid
from collections.abc import Iterator

import pycountry

FIRST = (
    "Sergey Hakan Mevlüt Antony Wang Annalena Catherine Faisal Abdullah Jaishankar Penny Yoshimasa Olena Dmytro Josep Ayman Nasser Hossein Bilawal Ali "
    "Burak Mikhail Maria Kim Park Luiz Celso Naledi Amina Ngozi Emmanuel Olaf Giorgia Pedro Mark Viktor Recep Bashar Vladimir Narendra"
).split()
LAST = (
    "Lavrov Fidan Çavuşoğlu Blinken Yi Baerbock Colonna bin Farhan Safadi Subrahmanyam Wong Hayashi Kuleba Borrell Shoukry Bourita Amir-Abdollahian Zardari "
    "Akçapar Bogdanov Zakharova Jong-un Jin Vieira Amorim Pandor Mohammed Okonjo-Iweala Macron Scholz Meloni Sánchez Rutte Orbán Erdoğan al-Assad Putin Modi"
).split()
TITLES = ["Foreign Minister", "President", "Prime Minister", "Deputy Foreign Minister", "Defence Minister", "Ambassador", "Special Envoy",
          "National Security Adviser", "Intelligence Chief", "Trade Minister"]  # fmt: skip
LEVEL_OF = {"President": "summit", "Prime Minister": "summit", "Foreign Minister": "ministerial", "Defence Minister": "ministerial",
            "Trade Minister": "ministerial", "Deputy Foreign Minister": "deputy_ministerial", "Ambassador": "senior_officials",
            "Special Envoy": "senior_officials", "National Security Adviser": "senior_officials", "Intelligence Chief": "senior_officials"}  # fmt: skip
TOPICS = ["Syria crisis", "Türkiye–Syria normalization", "energy security", "grain corridor", "nuclear programme", "trade", "migration",
          "border dispute", "counter-terrorism", "climate finance", "arms control", "prisoner exchange", "humanitarian access", "sanctions"]  # fmt: skip
CITIES = ["Moscow", "Ankara", "Istanbul", "Tehran", "Damascus", "Geneva", "Vienna", "Doha", "Riyadh", "Beijing", "New Delhi", "Brussels",
          "Washington", "Cairo", "Astana", "Baku", "Minsk", "Paris", "Berlin", "Tokyo", None, None]  # fmt: skip
OUTLETS = ["Reuters", "TASS", "Anadolu Agency", "AP", "AFP", "Xinhua", "Al Jazeera", "BBC", "IRNA", "SANA"]
VERBS = ["meet in {city}", "hold talks in {city}", "discuss {topic}", "sign agreement on {topic}", "consult on {topic}", "meet on the sidelines in {city}"]
STATUSES = ["held"] * 6 + ["announced"] * 2 + ["proposed", "postponed", "cancelled"]
ROLES = ["host", "visitor", "member", "head_of_delegation", "mediator", "observer"]


def people_pool(rng: random.Random, countries: list[str], size: int = 4000) -> list[tuple[str, str]]:
    return [
        (f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}" if i % 7 == 0 else f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(countries)) for i in range(size)
    ]


def meetings(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    """N meetings in the interchange shape (JSON objects), the same ones for the same seed."""
    rng = random.Random(seed)
    countries = [c.alpha_3 for c in pycountry.countries][:200]
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    pool = people_pool(rng, countries)
    first_day = dt.date(1994, 1, 1).toordinal()
    stamp = "2024-01-01T00:00:00"
    source = None
    for _ in range(n):
        people = rng.sample(pool, rng.choice((2, 3, 3, 3, 4)))
        titles = [rng.choice(TITLES) for _ in people]
        start = dt.date.fromordinal(first_day + rng.randrange(30 * 365))
        end = start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        topic = rng.choice(TOPICS)
        city = rng.choice(CITIES)
        sides = "–".join(dict.fromkeys(names[c] for _, c in people))
        title = f"{sides}: {' and '.join(p[0].split()[1] for p in people[:2])} " + rng.choice(VERBS).format(city=city or "Geneva", topic=topic)
        if source is None or rng.random() < 0.7:  # most reports are of one meeting; some cover two
            source = {
                "title": f"{sides} talks",
                "url": f"https://news.example.org/{start:%Y/%m/%d}/{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}",
                "outlet": rng.choice(OUTLETS),
                "published": f"{start.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
                "updated": None,
                "language": "en",
            }
        yield {
            "title": title[:500],
            "status": rng.choice(STATUSES),
            "level": LEVEL_OF[min(titles, key=TITLES.index)] if rng.random() < 0.8 else None,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "precision": "day",
            "when_text": f"{start.day}–{end.day} {start:%B %Y}" if end != start else f"{start.day} {start:%B %Y}",
            "city": city,
            "venue": None,
            "country": people[0][1] if city else None,
            "participants": [
                {"name": p[0] if rng.random() < 0.85 else None, "country": p[1], "role": ROLES[k] if k < 2 else rng.choice(ROLES[2:]), "title": t}
                for k, (p, t) in enumerate(zip(people, titles, strict=True))
            ],
            "topics": rng.sample(TOPICS, rng.choice((1, 1, 2))),
            "summary": f"The delegations discussed {topic} and agreed to continue contacts." if rng.random() < 0.5 else None,
            "outcome": None,
            "notes": None,
            "cameo": rng.choice(("040", "042", "043", "044", "046")),
            "sources": [source | {"quote": f"The {titles[0].lower()} said the sides had a constructive exchange on {topic}."}],
            "links": [],
            "history": [],
            "uid": str(uuid.UUID(int=rng.getrandbits(128))),
            "created": stamp,
            "updated": stamp,
        }


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write N synthetic meetings as JSONL (the interchange shape) to stdout.")
    parser.add_argument("n", type=int, nargs="?", default=1000, help="how many meetings (default 1,000)")
    n = parser.parse_args().n
    out = sys.stdout
    for m in meetings(n):
        out.write(json.dumps(m, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
