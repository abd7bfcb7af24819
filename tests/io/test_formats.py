"""The format registry: import, export, guessing and the --format choices all come from FORMATS."""

from __future__ import annotations

import pytest

from tracker.io import formats
from tracker.io.formats import EXPORT_FORMATS, FORMATS, IMPORT_FORMATS, Format, format_named
from tracker.io.importing import guess_format, import_file
from tracker.store.db import StoreError
from tracker.store.queries import MeetingQuery, count


def test_the_cli_offers_exactly_the_formats_that_read_and_that_write():
    from tracker.cli import cli

    def choices(command: str) -> tuple[str, ...]:
        [option] = [p for p in cli.commands[command].params if p.name == "fmt"]
        return tuple(option.type.choices)

    assert choices("import") == IMPORT_FORMATS == ("json", "jsonl", "csv", "icews", "gdelt")
    assert choices("export") == EXPORT_FORMATS == ("json", "jsonl", "csv", "ics")


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.read and f.extensions], ids=lambda f: f.name)
def test_a_file_of_no_telling_content_is_known_by_each_extension(fmt: Format):
    for extension in fmt.extensions:
        assert guess_format("", f"some/folder/meetings{extension.upper()}") == fmt.name


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.read and f.write], ids=lambda f: f.name)
def test_each_format_read_and_written_goes_round_and_is_told_by_its_content(db, tmp_path, fmt: Format):
    from tracker.store.people import country_names
    from tracker.store.queries import iter_meetings

    path = tmp_path / "meetings.data"  # an extension no format claims: the content must tell
    with path.open("w", encoding="utf-8", newline="") as out:
        assert fmt.write(iter_meetings(db, MeetingQuery()), out, country_names(db)) == 3
    first = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    assert guess_format(first, str(path)) == fmt.name
    result = import_file(db, str(path))
    assert (result.format, result.report.added, result.report.unchanged) == (fmt.name, 0, 3)


def test_a_format_added_to_the_registry_is_guessed_and_imported(db, tmp_path, monkeypatch):
    from tracker.io.interchange import read_jsonl

    # A newcomer's format: JSONL behind a marker line, its own extension.
    def read_marked(lines, names, tally):
        next(iter(lines))
        return read_jsonl(lines)

    marked = Format("marked", (".marked",), lambda first: first.startswith("#marked"), read_marked)
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, marked))
    path = tmp_path / "new.marked"
    path.write_text('#marked\n{"uid": "m-1", "title": "Marked meeting", "start": "2023-05-01"}\n', encoding="utf-8")
    assert guess_format("#marked\n", "x.txt") == "marked" and guess_format("", str(path)) == "marked"
    result = import_file(db, str(path))
    assert (result.format, result.report.added, result.tally) == ("marked", 1, None)
    assert count(db, MeetingQuery(search="Marked")) == 1


def test_a_format_that_only_writes_is_never_guessed_nor_imported(db, tmp_path):
    assert format_named("ics").read is None
    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\r\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot tell the format"):
        import_file(db, str(path))
    with pytest.raises(StoreError, match="unknown import format 'ics'"):
        import_file(db, str(path), "ics")
