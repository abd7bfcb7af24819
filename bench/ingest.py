"""How well `tracker ingest` reads news reports: a line of figures for the development sets
(tuned on) and one for each held-out set (never tuned on), beside its first run.

    python bench/ingest.py [--verbose] [--dir tests/ingest/devset ...]

The development sets are tests/ingest/devset and tests/ingest/dev2..dev10: their articles were
read while the rules were written, so their figures say what is kept, not what users get. The
held-out sets, tests/ingest/heldout_*, were written before any rule was changed for them and run
once (FIRST_RUN.md in each keeps that line); a later run of them is no longer blind.

Each article NAME.txt has NAME.json beside it with the meetings a reader finds in it:
start and end (null when the article gives no date), city (null when it names none),
countries (ISO3 or organization codes), people (alternative spellings joined by "|"),
status; "optional": true for meetings mentioned so briefly that missing one is no fault
(finding one is no fault either).

Each expected meeting is paired with at most one candidate, the one that shares the most
with it (people, then countries, then dates); a candidate is a match when it shares a
person, or two countries (one when the meeting has one), and its dates do not contradict.
The line counts, over the non-optional meetings: found, dates exact (start and end equal;
for an undated meeting, a candidate that says it has no date), city (same, or both none),
countries (exactly the same set), people (of all expected people, those named by the
paired candidate), status; and the candidates that match nothing ("unmatched").
Then the median time per article, warm (every article read once before timing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

sys.path.insert(0, str(Path(__file__).parents[1]))

from tracker.countries import fold
from tracker.ingest import candidates_from_file
from tracker.seed import seed_if_new
from tracker.store.db import open_db

if TYPE_CHECKING:
    from tracker.ingest import Candidate
    from tracker.model import Meeting


class Expected(TypedDict):
    """A meeting an article's .json says it holds."""

    start: str | None
    end: str | None
    city: str | None
    countries: list[str]
    people: list[str]  # each "Name|Other spelling|..."
    status: str
    optional: NotRequired[bool]  # may be found or not: neither counts


SETS = Path(__file__).parents[1] / "tests" / "ingest"
DEVSET = SETS / "devset"


def development_sets() -> list[Path]:
    return sorted(
        (p for p in SETS.iterdir() if p.is_dir() and re.fullmatch(r"devset|dev\d+", p.name)), key=lambda p: int(p.name[3:] or 1) if p.name != "devset" else 0
    )


def held_out_sets() -> list[Path]:
    return sorted(p for p in SETS.iterdir() if p.is_dir() and p.name.startswith("heldout_"))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _names(meeting: Meeting) -> set[str]:
    return {fold(p.name) for p in meeting.participants if p.name}


def _person_found(spellings: str, names: set[str]) -> bool:
    return any(fold(s.strip()) in names for s in spellings.split("|"))


def _score(expected: Expected, candidate: Candidate) -> float | None:
    m = candidate.meeting
    names = _names(m)
    people = sum(_person_found(p, names) for p in expected["people"])
    shared = len(set(expected["countries"]) & set(m.countries))
    needed = min(2, len(expected["countries"]))
    if not people and shared < needed:
        return None
    start, end = _day(expected["start"]), _day(expected["end"])
    exact = False
    if start is not None and end is not None and not candidate.undated:
        if m.when.start > end or m.when.end < start:
            # Dates that contradict: another meeting of the same people, unless nothing else fits.
            return 0.01 * (people + shared)
        exact = (m.when.start, m.when.end) == (start, end)
    return 10 * people + shared + 5 * exact + 1


def _pair(expected: list[Expected], candidates: list[Candidate]) -> dict[int, int]:
    """Greedy: the best-scoring (expected, candidate) pairs first."""
    pairs = sorted(
        ((s, i, j) for i, e in enumerate(expected) for j, c in enumerate(candidates) if (s := _score(e, c)) is not None),
        reverse=True,
    )
    taken_e: set[int] = set()
    taken_c: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in taken_e and j not in taken_c:
            out[i] = j
            taken_e.add(i)
            taken_c.add(j)
    return out


def evaluate_sets(directories: list[Path], verbose: bool = False) -> tuple[dict[str, int], list[float]]:
    """The figures of several sets together."""
    totals: dict[str, int] = {}
    times: list[float] = []
    for directory in directories:
        t, ts = evaluate(directory, verbose)
        totals = {k: totals.get(k, 0) + v for k, v in t.items()}
        times += ts
    return totals, times


def evaluate(directory: Path, verbose: bool = False) -> tuple[dict[str, int], list[float]]:
    totals = dict.fromkeys(
        ["meetings", "found", "dates", "city", "countries", "people", "people_found", "status", "candidates", "unmatched", "articles", "silent"], 0
    )
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        seed_if_new(db)  # as a new user has it
        articles = [p for p in sorted(directory.glob("*.txt")) if p.with_suffix(".json").exists()]
        for path in articles:  # warm: imports, data files, caches
            candidates_from_file(db, path)
        for path in articles:
            expected: list[Expected] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["meetings"]
            began = time.perf_counter()
            candidates = candidates_from_file(db, path)
            times.append(time.perf_counter() - began)
            pairs = _pair(expected, candidates)
            totals["articles"] += 1
            totals["silent"] += not candidates
            totals["candidates"] += len(candidates)
            totals["unmatched"] += sum(1 for j in range(len(candidates)) if j not in pairs.values())
            for i, e in enumerate(expected):
                if e.get("optional"):
                    continue
                totals["meetings"] += 1
                totals["people"] += len(e["people"])
                if i not in pairs:
                    if verbose:
                        print(f"  {path.stem}: MISSED {e['start']} {e['city']} {e['countries']} {e['people']}")
                    continue
                c = candidates[pairs[i]]
                m = c.meeting
                totals["found"] += 1
                start, end = _day(e["start"]), _day(e["end"])
                date_ok = c.undated if start is None else (not c.undated and (m.when.start, m.when.end) == (start, end))
                city_ok = fold(m.city or "") == fold(e["city"] or "")
                countries_ok = set(m.countries) == set(e["countries"])
                people = sum(_person_found(p, _names(m)) for p in e["people"])
                status_ok = str(m.status) == e["status"]
                totals["dates"] += date_ok
                totals["city"] += city_ok
                totals["countries"] += countries_ok
                totals["people_found"] += people
                totals["status"] += status_ok
                if verbose and not (date_ok and city_ok and countries_ok and status_ok and people == len(e["people"])):
                    named = sorted(p.name for p in m.participants if p.name)
                    got = f"{'undated' if c.undated else m.when.label()} {m.city} {sorted(m.countries)} {named} {m.status}"
                    print(f"  {path.stem}: want {e['start']}..{e['end']} {e['city']} {sorted(e['countries'])} {e['people']} {e['status']}")
                    print(f"  {' ' * len(path.stem)}  got  {got}")
            if verbose:
                for j, c in enumerate(candidates):
                    if j not in pairs.values():
                        m = c.meeting
                        print(f"  {path.stem}: UNMATCHED {m.title!r} {m.when.label()} {sorted(m.countries)}")
    return totals, times


def line(totals: dict[str, int], times: list[float]) -> str:
    n = totals["meetings"] or 1

    def pct(key: str, of: int = n) -> str:
        return f"{totals[key]} ({100 * totals[key] / (of or 1):.0f}%)"

    return (
        f"meetings found {totals['found']}/{totals['meetings']} ({100 * totals['found'] / n:.0f}%), "
        f"dates exact {pct('dates')}, city {pct('city')}, countries {pct('countries')}, "
        f"people {totals['people_found']}/{totals['people']} ({100 * totals['people_found'] / (totals['people'] or 1):.0f}%), "
        f"status {pct('status')}, unmatched {totals['unmatched']}/{totals['candidates']} ({100 * totals['unmatched'] / (totals['candidates'] or 1):.0f}%); "
        f"{totals['articles']} articles, {totals['silent']} gave nothing; "
        f"median {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms an article warm"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, nargs="+", help="these sets only, together")
    parser.add_argument("--verbose", "-v", action="store_true", help="say what each miss was")
    args = parser.parse_args()
    if args.dir:
        print(line(*evaluate_sets(args.dir, args.verbose)))
        return
    dev = development_sets()
    print(f"development ({', '.join(p.name for p in dev)}; tuned on): {line(*evaluate_sets(dev, args.verbose))}")
    for held in held_out_sets():
        first = held / "FIRST_RUN.md"
        print(f"held out {held.name}, first run: {first.read_text(encoding='utf-8').strip() if first.exists() else '(not recorded)'}")
        print(f"held out {held.name}, now:       {line(*evaluate(held, args.verbose))}")


if __name__ == "__main__":
    main()
