"""Export meetings as json, jsonl or csv (ics: ics.py), streaming: a meeting is written as it is read.

`iter_meetings` reads a batch at a time, so a million meetings export in constant memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from tracker.io.csvrows import COLUMNS, to_row
from tracker.model import Meeting

# 1: {"version": 1, "meetings": [...]}; 2 adds "people" (before the meetings). Import reads both.
JSON_VERSION = 2
JSON_VERSIONS_READ = (1, 2)


def write_json(meetings: Iterable[Meeting], out: TextIO, people: Iterable[dict] = ()) -> int:
    """{"version": 2, "people": [...], "meetings": [...]}, one person or meeting a line (which
    import reads back with line numbers). The people come first, so that an import knows
    them, their aliases and countries, before it meets them in a meeting."""
    out.write(f'{{"version": {JSON_VERSION}, "people": [')
    for i, person in enumerate(people):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(person, ensure_ascii=False))
    out.write('\n], "meetings": [')
    n = 0
    for m in meetings:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(m.to_dict(), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_jsonl(meetings: Iterable[Meeting], out: TextIO) -> int:
    n = 0
    for m in meetings:
        out.write(json.dumps(m.to_dict(), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_csv(meetings: Iterable[Meeting], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for m in meetings:
        writer.writerow(to_row(m.to_dict()))
        n += 1
    return n
