"""Read meetings back from our own exports (json, jsonl, csv), each with the line it starts on.

A record that is not a meeting stops the import with `line N: what is wrong`; the import
is one transaction, so nothing of it lands.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from tracker.io.csvrows import from_row
from tracker.io.export import JSON_VERSION, JSON_VERSIONS_READ
from tracker.model import LINK_KINDS, Level, Meeting, Precision, Role, Status
from tracker.store.bulk import BadRecord, Incoming, People

_CHOICES = {"status": Status, "level": Level, "precision": Precision}
_VALUES = {name: frozenset(c.value for c in choices) for name, choices in _CHOICES.items()}
_ROLES = frozenset(r.value for r in Role)


def meeting_from_record(d: Any, line: int) -> Incoming:
    """The interchange dict as a Meeting, or BadRecord saying which field is wrong and what is accepted."""
    if not isinstance(d, dict):
        raise BadRecord(f"line {line}: expected a meeting (a JSON object), found {type(d).__name__}")
    for name in ("title", "start"):
        if not d.get(name):
            raise BadRecord(f"line {line}: the field {name!r} is missing")
    for name, choices in _CHOICES.items():
        value = d.get(name)
        if value and value not in _VALUES[name]:
            raise BadRecord(f"line {line}: {name} {value!r} is not one of {', '.join(c.value for c in choices)}")
    for name in ("start", "end"):
        if d.get(name):
            try:
                dt.date.fromisoformat(d[name])
            except (TypeError, ValueError):
                raise BadRecord(f"line {line}: {name} {d[name]!r} is not a date written YYYY-MM-DD") from None
    for key, items in (("participants", d.get("participants")), ("sources", d.get("sources")), ("links", d.get("links")), ("history", d.get("history"))):
        if items is not None and not (isinstance(items, list) and all(isinstance(i, dict) for i in items)):
            raise BadRecord(f"line {line}: {key} should be a list of objects")
    for p in d.get("participants") or []:
        if p.get("role") and p["role"] not in _ROLES:
            raise BadRecord(f"line {line}: participant role {p['role']!r} is not one of {', '.join(r.value for r in Role)}")
    for link in d.get("links") or []:
        if (link.get("kind") or "follows") not in LINK_KINDS:
            raise BadRecord(f"line {line}: link kind {link.get('kind')!r} is not one of {', '.join(LINK_KINDS)}")
    if d.get("topics") is not None and not (isinstance(d["topics"], list) and all(isinstance(t, str) for t in d["topics"])):
        raise BadRecord(f"line {line}: topics should be a list of texts")
    try:
        m = Meeting.from_dict(d)
    except (KeyError, TypeError, ValueError) as e:
        raise BadRecord(f"line {line}: not a meeting in the interchange shape ({type(e).__name__}: {e})") from None
    return Incoming(m, line)


def read_jsonl(lines: Iterable[str]) -> Iterator[Incoming]:
    for number, text in enumerate(lines, start=1):
        try:
            d = orjson.loads(text)
        except orjson.JSONDecodeError as e:
            if not text.strip():
                continue
            raise BadRecord(f"line {number}: not JSON ({e.msg} at column {e.colno})") from None
        yield meeting_from_record(d, number)


def people_from_record(items: Any, line: int) -> People:
    """The "people" of a JSON export, or BadRecord saying what is wrong."""
    if not (isinstance(items, list) and all(isinstance(p, dict) for p in items)):
        raise BadRecord(f"line {line}: people should be a list of objects")
    for p in items:
        if not isinstance(p.get("name"), str) or not p["name"].strip():
            raise BadRecord(f"line {line}: a person needs a name (a text)")
        if p.get("country") is not None and not isinstance(p["country"], str):
            raise BadRecord(f"line {line}: the country of {p['name']!r} should be a code such as TUR")
        aliases = p.get("aliases", [])
        if not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
            raise BadRecord(f"line {line}: the aliases of {p['name']!r} should be a list of texts")
    return People([{"name": p["name"], "country": p.get("country") or None, "aliases": list(p.get("aliases", []))} for p in items], line)


def read_json(lines: Iterable[str]) -> Iterator[Incoming | People]:
    """{"version": 2, "people": [...], "meetings": [...]} (version 1: no people), or a bare
    array (tracker list --json), any layout."""
    text = "".join(lines)
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if text.startswith("{", pos):
        pos = _skip(text, pos + 1)
        found = False
        while not text.startswith("}", pos):
            key, pos = _decode(decoder, text, pos)
            pos = _skip(text, pos)
            if not text.startswith(":", pos):
                raise BadRecord(f"line {_line(text, pos)}: not JSON (expected ':')")
            pos = _skip(text, pos + 1)
            if key == "meetings":
                found = True
                pos = yield from _array(decoder, text, pos)
            else:
                start = pos
                value, pos = _decode(decoder, text, pos)
                if key == "version" and value not in JSON_VERSIONS_READ:
                    raise BadRecord(
                        f"line {_line(text, pos)}: this is version {value!r} of the export format; this tracker reads versions {' and '.join(map(str, JSON_VERSIONS_READ))}"
                    )
                if key == "people":
                    yield people_from_record(value, _line(text, start))
            pos = _skip(text, pos)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
        if not found:
            raise BadRecord(f'line 1: no "meetings" in this JSON document; expected {{"version": {JSON_VERSION}, "people": [...], "meetings": [...]}}')
    elif text.startswith("[", pos):
        yield from _array(decoder, text, pos)
    else:
        raise BadRecord(f'line {_line(text, pos)}: expected a JSON document of meetings: {{"version": {JSON_VERSION}, "people": [...], "meetings": [...]}}')


def _array(decoder: json.JSONDecoder, text: str, pos: int):
    """Yield the meetings of the array at `pos`; return the position after it."""
    if not text.startswith("[", pos):
        raise BadRecord(f'line {_line(text, pos)}: "meetings" should be a list')
    pos = _skip(text, pos + 1)
    while not text.startswith("]", pos):
        start = pos
        d, pos = _decode(decoder, text, pos)
        yield meeting_from_record(d, _line(text, start))
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif not text.startswith("]", pos):
            raise BadRecord(f"line {_line(text, pos)}: not JSON (expected ',' or ']')")
    return pos + 1


def _decode(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(text, pos)
    except json.JSONDecodeError as e:
        raise BadRecord(f"line {e.lineno}: not JSON ({e.msg} at column {e.colno})") from None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def read_csv(lines: Iterable[str]) -> Iterator[Incoming]:
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        return
    missing = [c for c in ("title", "start") if c not in header]
    if missing:
        raise BadRecord(f"line 1: the CSV header has no {' or '.join(missing)} column; export a file with `tracker export --format csv` to see the columns")
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise BadRecord(f"line {start}: not CSV ({e})") from None
        if not any(row):
            continue
        if len(row) != len(header):
            raise BadRecord(f"line {start}: {len(row)} cells where the header has {len(header)}")
        yield meeting_from_record(from_row(dict(zip(header, row, strict=False))), start)
