"""Reading a file of meetings into Incoming records: shared by the import (one process) and its planning process."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.io.events import Tally
from tracker.io.formats import IMPORT_FORMATS, format_named
from tracker.store.bulk import Incoming
from tracker.store.db import StoreError
from tracker.store.people import country_names

if TYPE_CHECKING:
    from tracker.store.db import Database


@contextmanager
def read_lines(path: str) -> Iterator[Iterator[str]]:
    """The lines of a file, or of stdin for '-'; a file that is not UTF-8 is refused by name."""
    if path == "-":
        stream = sys.stdin
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8-sig", newline="")
        try:
            yield iter(stream)
        except UnicodeDecodeError as e:
            raise StoreError(f"the input is not UTF-8 text ({e.reason} at byte {e.start}); nothing was imported") from None
        return
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the with below; an error opening is said apart from one reading
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    with f:
        try:
            yield iter(f)
        except UnicodeDecodeError as e:
            raise StoreError(f"{path} is not UTF-8 text ({e.reason} at byte {e.start}); nothing was imported") from None


def read_records(db: Database, fmt: str, lines: Iterable[str], all_events: bool = False) -> tuple[Iterable[Incoming], Tally | None]:
    """The meetings of `lines` in format `fmt`, and for an event dataset the tally of its rows
    (`all_events`: keep the events that show no diplomatic contact too)."""
    try:
        reader = format_named(fmt).read
    except KeyError:
        reader = None
    if reader is None:
        raise StoreError(f"unknown import format {fmt!r}: use one of {', '.join(IMPORT_FORMATS)}")
    tally = Tally(all_events=all_events)
    try:
        records = reader(lines, country_names(db), tally)
    except ValueError as e:  # a dataset file that is not what its header promised
        raise StoreError(f"{e}; nothing was imported") from None
    return records, tally if format_named(fmt).dataset else None
