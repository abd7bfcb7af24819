"""Reading a file of meetings into Incoming records: shared by the import (one process) and its planning process."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.io import IMPORT_FORMATS
from tracker.io.events import Tally
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
        f = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    with f:
        try:
            yield iter(f)
        except UnicodeDecodeError as e:
            raise StoreError(f"{path} is not UTF-8 text ({e.reason} at byte {e.start}); nothing was imported") from None


def read_records(db: Database, fmt: str, lines: Iterable[str]) -> tuple[Iterable[Incoming], Tally | None]:
    from tracker.io import interchange

    if fmt in ("icews", "gdelt"):
        from tracker.io.gdelt import read_gdelt
        from tracker.io.icews import read_icews

        reader = read_icews if fmt == "icews" else read_gdelt
        tally = Tally()
        try:
            return reader(lines, country_names(db), tally), tally
        except ValueError as e:
            raise StoreError(f"{e}; nothing was imported") from None
    readers = {"json": interchange.read_json, "jsonl": interchange.read_jsonl, "csv": interchange.read_csv}
    if fmt not in readers:
        raise StoreError(f"unknown import format {fmt!r}: use one of {', '.join(IMPORT_FORMATS)}")
    return readers[fmt](lines), None
