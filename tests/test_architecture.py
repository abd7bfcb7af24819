"""The core knows no screen: nothing outside tracker/tui imports textual or rich."""

import subprocess
import sys

CORE = ["tracker.model", "tracker.dates", "tracker.countries", "tracker.store.db", "tracker.store.meetings",
        "tracker.store.people", "tracker.store.queries", "tracker.seed", "tracker.cli"]


def imported_by(modules):
    code = f"import sys; import {', '.join(modules)}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_core_and_the_cli_import_neither_textual_nor_rich():
    loaded = imported_by(CORE)
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_dateparser_is_not_imported_until_a_date_is_parsed():
    assert "dateparser" not in imported_by(CORE)
