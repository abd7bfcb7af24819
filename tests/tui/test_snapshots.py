"""How each view looks at 80x24, 120x40 and 200x50 (SVG snapshots; `--snapshot-update` after a deliberate change).

Today is fixed (conftest.TODAY) and nothing shown depends on when the test runs.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import make_app

SIZE = (120, 40)
# The widths people use: a laptop's split pane, a usual window, a wide screen.
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")


async def settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@SIZES
def test_meetings_view(snap_compare, db_path, size):
    assert snap_compare(make_app(db_path), terminal_size=size, run_before=settle)


def test_meetings_view_searching_shoygu(snap_compare, db_path):
    async def search(pilot):
        await pilot.press("slash", *"Shoygu", "enter")
        await settle(pilot)

    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=search)


@SIZES
def test_people_view(snap_compare, db_path, size):
    assert snap_compare(make_app(db_path), terminal_size=size, press=["2"], run_before=settle)


@SIZES
def test_countries_view(snap_compare, db_path, size):
    assert snap_compare(make_app(db_path), terminal_size=size, press=["3"], run_before=settle)


@SIZES
def test_timeline_view(snap_compare, db_path, size):
    async def timeline(pilot):
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(make_app(db_path), terminal_size=size, run_before=timeline)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_with_meetings_known_only_by_year(snap_compare, db_path, size):
    """A "(year)" line under its January for "2024" and for "March to May 2023"; the cursor on March 2023."""
    import datetime as dt

    from tracker.actions.meetings import add_meeting
    from tracker.model import Meeting, Participant, Precision, Role, Status, When
    from tracker.store.db import open_db

    db = open_db(db_path)
    for title, start, end, precision in (
        ("Gas hub talks", "2024-01-01", "2024-12-31", Precision.YEAR),
        ("Spring consultations", "2023-03-01", "2023-05-31", Precision.MONTH),
    ):
        when = When(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, title)
        add_meeting(db, Meeting(title=title, when=when, status=Status.ANNOUNCED, participants=[Participant(None, "TUR", Role.HOST)]))
    db.close()

    async def timeline(pilot):
        await pilot.press("4")
        await settle(pilot)
        await pilot.press(*["down"] * 11)  # from the newest row, 2024 Jan
        await settle(pilot)

    assert snap_compare(make_app(db_path), terminal_size=size, run_before=timeline)


def test_help_screen(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=SIZE, press=["question_mark"], run_before=settle)


def test_filters_screen(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=SIZE, press=["f"], run_before=settle)


def test_delete_confirmation(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=SIZE, press=["d"], run_before=settle)


def test_hostile_text_in_the_meetings_view(snap_compare, hostile_path):
    assert snap_compare(make_app(hostile_path), terminal_size=SIZE, run_before=settle)


def test_hostile_text_in_the_people_view(snap_compare, hostile_path):
    assert snap_compare(make_app(hostile_path), terminal_size=SIZE, press=["2"], run_before=settle)
