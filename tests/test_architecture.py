"""The core knows no screen: nothing outside tracker/tui imports textual or rich."""

import pkgutil
import subprocess
import sys

import tracker

# Every module of the package but the TUI's, found afresh each run so that the rule cannot rot.
CORE = sorted(m.name for m in pkgutil.walk_packages(tracker.__path__, "tracker.") if not m.name.startswith("tracker.tui"))


def imported_by(modules):
    code = f"import sys; import {', '.join(modules)}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_core_is_every_module_outside_the_tui():
    assert {"tracker.store.meetings", "tracker.io.icews", "tracker.ingest.extract", "tracker.cli.ingest", "tracker.dates"} <= set(CORE)


def test_the_core_and_the_cli_import_neither_textual_nor_rich():
    loaded = imported_by(CORE)
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_dateparser_is_not_imported_until_a_date_is_parsed():
    assert "dateparser" not in imported_by(["tracker.store.queries", "tracker.store.meetings", "tracker.cli", "tracker.tui.app"])


def test_no_sql_outside_the_store():
    import re
    from pathlib import Path

    package = Path(tracker.__file__).parent
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE FROM|CREATE TABLE|BEGIN|COMMIT|ROLLBACK)\b(?!:)")  # not BEGIN:VCALENDAR
    offenders = [
        f"{path.relative_to(package)}:{n}"
        for path in package.rglob("*.py")
        if "store" not in path.relative_to(package).parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_the_app_state_the_screens_read_is_declared_not_probed():
    """The app's attributes are declared on TrackerApp (typed); nothing asks the app, or the app its screen, whether it has one."""
    import re
    from pathlib import Path

    from tracker.tui.app import TrackerApp

    assert {"path", "today", "db", "country_names", "failure", "data_generation", "meeting_query"} <= set(TrackerApp.__annotations__)
    tui = Path(tracker.__file__).parent / "tui"
    probe = re.compile(r"\b(hasattr|getattr)\((self\.)?app\b|\b(hasattr|getattr)\(self\.(app\.)?screen\b")
    offenders = [
        f"{path.name}:{n}" for path in tui.rglob("*.py") for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if probe.search(line)
    ]
    assert offenders == []
