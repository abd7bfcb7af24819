"""The app follows the file: what a CLI process writes shows up, and the cursor stays on its meeting."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import DataTable

from tests.tui.conftest import make_app
from tests.tui.helpers import list_text, until
from tracker.tui.widgets.meeting_list import MeetingList

SIZE = (120, 40)


def cli(db_path, *args: str) -> None:
    """Another process writing to the same file, as a user's script does."""
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db_path), *args], check=True, capture_output=True)


def bar(app) -> str:
    return str(app.screen.query_one("#query-bar").render())


async def test_a_meeting_added_by_the_cli_appears_and_the_cursor_stays_on_the_selected_meeting(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("down")  # on the Putin–Assad meeting
        selected = pilot.app.screen.query_one(MeetingList).highlighted.id
        cli(db_path, "add", "--title", "Fidan meets Lavrov", "--when", "2024-06-10", "--participant", "Hakan Fidan|TUR|host|Foreign Minister")
        await until(pilot, lambda: "Fidan meets Lavrov" in list_text(pilot.app))
        meeting_list = pilot.app.screen.query_one(MeetingList)
        assert "4 meetings" in bar(pilot.app)
        assert meeting_list.highlighted.id == selected and meeting_list.cursor == 2  # one row lower, same meeting
        assert "Assad" in str(pilot.app.screen.query_one("#detail-body").render())


async def test_the_detail_shows_a_change_made_by_the_cli_to_the_selected_meeting(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        selected = pilot.app.screen.query_one(MeetingList).highlighted.id
        cli(db_path, "edit", str(selected), "--title", "Renamed by a script")
        await until(pilot, lambda: "Renamed by a script" in str(pilot.app.screen.query_one("#detail-body").render()))


async def test_a_view_of_another_mode_catches_up_when_shown_again(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("1")
        cli(db_path, "add", "--title", "Wang Yi in Pretoria", "--when", "2024-02-01", "--participant", "Wang Yi|CHN|visitor|Foreign Minister")
        await until(pilot, lambda: "Wang Yi in Pretoria" in list_text(pilot.app))
        await pilot.press("2")
        table = pilot.app.screen.query_one(DataTable)
        await until(pilot, lambda: any(str(table.get_row_at(i)[0]) == "Wang Yi" for i in range(table.row_count)))


async def test_ctrl_r_reloads_at_once(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        pilot.app.screen.query_one(MeetingList)  # the first page is on screen
        cli(db_path, "add", "--title", "Reloaded by hand", "--when", "2025-01-01")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Reloaded by hand" in list_text(pilot.app)
