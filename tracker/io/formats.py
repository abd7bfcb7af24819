"""Every file format tracker reads or writes, one `Format` each: the one place a format is added.

Import, export, format guessing and the command line's --format choices all derive from
FORMATS. The record is cheap to load: a format's reader and writer import their module only
when called, so `tracker --help` and the app's start load no reader.

To add a format, write its reader (lines -> Incoming meetings) and/or writer (meetings ->
text) in a module of tracker/io/, and add one Format below; tests/io/test_formats.py checks
that every format's sniff, extensions and round trip hold together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.io.events import Tally
    from tracker.store.bulk import Incoming

# (lines of the file, country code -> name, the tally of rows read and skipped) -> meetings
Reader = Callable[[Iterable[str], dict[str, str], "Tally"], Iterable["Incoming"]]
# (meetings, the stream, country code -> name[, people=... for a format that carries them]) -> how many were written
Writer = Callable[..., int]


@dataclass(frozen=True)
class Format:
    name: str  # what --format takes and the import's summary says
    extensions: tuple[str, ...] = ()  # lower case, with the dot; the last resort of guessing
    sniff: Callable[[str], bool] | None = None  # the file's first line -> is it this format
    read: Reader | None = None
    write: Writer | None = None
    # An event dataset: its rows are tallied (read, folded, skipped and why), and events are
    # folded across the whole file, so a second process cannot plan it batch by batch.
    dataset: bool = False
    json_text: bool = False  # on a terminal its control characters are shown as JSON's \u escapes
    people: bool = False  # the writer takes people= too (name, country, aliases), and its reader gives them back


# ---------------------------------------------------------------- our interchange formats


def _head(first_line: str) -> str:
    return first_line.lstrip("\ufeff").strip()


def _is_json(first_line: str) -> bool:
    """An export's first line opens the object (and names it); a lone '{...}' is a JSONL record."""
    head = _head(first_line)
    return head.startswith("[") or (head.startswith("{") and ('"meetings"' in head or '"version"' in head or not head.endswith("}")))


def _is_jsonl(first_line: str) -> bool:
    head = _head(first_line)
    return head.startswith("{") and not _is_json(first_line)


def _is_csv(first_line: str) -> bool:
    head = _head(first_line)
    return head.startswith(("uid,", "title,")) or ",title," in head


def _read_json(lines, names, tally):
    from tracker.io.interchange import read_json

    return read_json(lines)


def _read_jsonl(lines, names, tally):
    from tracker.io.interchange import read_jsonl

    return read_jsonl(lines)


def _read_csv(lines, names, tally):
    from tracker.io.interchange import read_csv

    return read_csv(lines)


def _write_json(meetings, out, names, people=()):
    from tracker.io.export import write_json

    return write_json(meetings, out, people)


def _write_jsonl(meetings, out, names):
    from tracker.io.export import write_jsonl

    return write_jsonl(meetings, out)


def _write_csv(meetings, out, names):
    from tracker.io.export import write_csv

    return write_csv(meetings, out)


def _write_ics(meetings, out, names):
    from tracker.io.ics import write_calendar

    return write_calendar(meetings, out, names)


# ---------------------------------------------------------------- event datasets


def _is_icews(first_line: str) -> bool:
    from tracker.io.icews import looks_like_icews

    return looks_like_icews(first_line)


def _is_gdelt(first_line: str) -> bool:
    from tracker.io.gdelt import looks_like_gdelt

    return looks_like_gdelt(first_line)


def _read_icews(lines, names, tally):
    from tracker.io.icews import read_icews

    return read_icews(lines, names, tally)


def _read_gdelt(lines, names, tally):
    from tracker.io.gdelt import read_gdelt

    return read_gdelt(lines, names, tally)


FORMATS: tuple[Format, ...] = (
    Format("json", (".json",), _is_json, _read_json, _write_json, json_text=True, people=True),
    Format("jsonl", (".jsonl", ".ndjson"), _is_jsonl, _read_jsonl, _write_jsonl, json_text=True),
    Format("csv", (".csv",), _is_csv, _read_csv, _write_csv),
    Format("ics", (".ics",), write=_write_ics),
    # GDELT's files end in .CSV: the content is looked at before any extension.
    Format("icews", (".tab", ".tsv"), _is_icews, _read_icews, dataset=True),
    Format("gdelt", (), _is_gdelt, _read_gdelt, dataset=True),
)

IMPORT_FORMATS = tuple(f.name for f in FORMATS if f.read)
EXPORT_FORMATS = tuple(f.name for f in FORMATS if f.write)


def format_named(name: str) -> Format:
    for f in FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)


def guess(first_line: str, path: str) -> Format | None:
    """The format a file is in, from its first line, else from its extension; None if neither tells.

    Datasets are looked at first: their headers are exact, while a row of theirs could
    pass for one of our loose JSON or CSV beginnings.
    """
    readable = [f for f in FORMATS if f.read]
    for f in sorted(readable, key=lambda f: not f.dataset):
        if f.sniff and f.sniff(first_line):
            return f
    suffix = PurePath(path).suffix.lower()
    for f in readable:
        if suffix in f.extensions:
            return f
    return None
