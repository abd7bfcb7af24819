"""The other views, help, the palette, quitting, and hostile text shown literally."""

from __future__ import annotations

import contextlib
import subprocess
import sys

from textual.widgets import DataTable, Input

from tests.tui.conftest import MARKUP, make_app
from tests.tui.helpers import list_text, palette_offers, until
from tracker.store.queries import MeetingQuery
from tracker.tui.screens.help import HelpScreen
from tracker.tui.widgets.meeting_list import MeetingList

SIZE = (120, 40)


def cells(table: DataTable) -> list[list[str]]:
    return [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_2_shows_people_with_country_and_meetings_and_enter_shows_theirs(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        rows = {r[0]: r for r in cells(table)}
        assert rows["Sergei Shoigu"][1:] == ["Russia", "1"]
        while cells(table)[table.cursor_row][0] != "Burak Akçapar":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.current_mode == "meetings"
        assert "15–16 Mar 2023" in list_text(pilot.app) and "Dec 2022" not in list_text(pilot.app)
        assert "person: Burak Akçapar" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_3_shows_countries_who_they_met_most_and_enter_shows_their_meetings(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert cells(pilot.app.screen.query_one(DataTable))[0][:2] == ["RUS", "Russia"]
        side = str(pilot.app.screen.query_one("#country-body").render())
        assert "Met most" in side and "Syria (SYR)" in side
        await pilot.press("down", "down", "enter")  # Türkiye
        await pilot.pause()
        assert "country: Türkiye" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_4_draws_meetings_per_month_narrowed_by_the_search(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(pilot.app.screen.query_one("#timeline-body").render())
        chart = pilot.app.screen.query_one("#timeline-chart")
        months = [str(chart.get_option_at_index(i).prompt.plain) for i in range(chart.option_count)]
        assert "3 meetings, 2022-12 to 2023-03" in summary and months[0].startswith("2023 Mar") and months[2].rstrip() == "2023 Jan"
        await pilot.press("1", "slash", *"Shoygu", "enter", "4")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 meetings, 2022-12 to 2022-12" in str(pilot.app.screen.query_one("#timeline-body").render())


async def test_the_views_follow_the_search_and_filters_however_they_are_set(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        pilot.app.meeting_query = MeetingQuery(search="Shoygu")  # as the palette, a filter or a row opened sets it
        await until(pilot, lambda: "Mar 2023" not in list_text(pilot.app))
        assert "28 Dec 2022" in list_text(pilot.app) and pilot.app.screen.query_one("#search", Input).value == "Shoygu"
        await pilot.press("4")
        await until(pilot, lambda: "1 meetings, 2022-12 to 2022-12" in str(pilot.app.screen.query_one("#timeline-body").render()))
        pilot.app.meeting_query = MeetingQuery()
        await until(pilot, lambda: "3 meetings, 2022-12 to 2023-03" in str(pilot.app.screen.query_one("#timeline-body").render()))
        await pilot.press("1")
        await until(pilot, lambda: "Mar 2023" in list_text(pilot.app))
        assert pilot.app.screen.query_one("#search", Input).value == ""


async def test_question_mark_lists_every_key_of_the_screen(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-keys").render())
        for key, what in [
            ("/", "Search"),
            ("f", "Filters"),
            ("n", "New"),
            ("e", "Edit"),
            ("d", "Delete"),
            ("u", "Undo"),
            ("q", "Quit"),
            ("^p", "Commands"),
            ("4", "Timeline"),
        ]:
            assert any(line.startswith(key) and what in line for line in text.splitlines()), (key, what)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_f1_shows_the_keys_of_the_form_where_question_mark_is_typed(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("question_mark")
        assert not isinstance(pilot.app.screen, HelpScreen), "? is a character in a text field"
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-keys").render())
        assert any(line.startswith("^s") and "Save" in line for line in text.splitlines()), text


async def test_q_quits(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert pilot.app._exit


async def test_q_in_the_search_box_is_a_letter(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        assert pilot.app.is_running and pilot.app.screen.query_one("#search").value == "q"


async def test_the_palette_jumps_to_a_meeting_by_a_word_of_its_title(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Putin")
        await until(pilot, lambda: palette_offers(pilot.app, "Meeting: Putin"))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert pilot.app.screen.query_one(MeetingList).highlighted.title.startswith("Putin and Assad")


async def test_hostile_text_is_shown_literally_in_list_and_detail(hostile_path):
    async with make_app(hostile_path).run_test(size=SIZE) as pilot:
        first = list_text(pilot.app).splitlines()[0]
        assert "[bold red]X[/bold" in first and "ירושלים [b" in first
        detail = str(pilot.app.screen.query_one("#detail-body").render())
        assert MARKUP in detail and "\\x1b[31mred\\x1b[0m" in detail and "\x1b" not in detail
        assert "بشار الأسد" in detail


async def test_search_finds_hostile_text_without_error(hostile_path):
    async with make_app(hostile_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        pilot.app.screen.query_one("#search").value = "[bold red]"
        await pilot.press("enter")
        rows = list_text(pilot.app).splitlines()
        assert len(rows) == 1 and "[bold red]X[/bold" in rows[0]


def test_the_first_frame_imports_only_what_it_shows():
    """What the meetings view does not show on opening loads when first used: date parsing
    (the form, the filters), the command line, sqlite-utils, TextArea (the form's notes) and
    DataTable (the people and countries views) would add some 60 ms to every start."""
    later = ["dateparser", "click", "sqlite_utils", "textual.widgets._text_area", "textual.widgets._data_table"]
    code = f"import sys, tracker.tui.app, tracker.tui.screens.meetings; print([m for m in {later!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_database_that_cannot_be_opened_is_one_line_on_stderr(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    result = subprocess.run([sys.executable, "-m", "tracker", "--db", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.startswith("Error:") and "Traceback" not in result.stderr


def test_quitting_leaves_the_whole_database_in_its_file(tmp_path):
    """After q, no -wal beside the file: tracker.db alone is everything (a copy is a backup)."""
    import os
    import pty
    import time

    path = tmp_path / "t.db"
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"} | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    process = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(path)], stdin=follower, stdout=follower, stderr=follower, env=env)
    seen, deadline = b"", time.monotonic() + 30
    try:
        while b"Putin and Assad" not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
            with contextlib.suppress(BlockingIOError):
                seen += os.read(leader, 65536)
        assert b"Putin and Assad" in seen, "the app showed the seeded meetings"
        for _ in range(40):  # the first key may come before the app listens for keys
            os.write(leader, b"q")
            try:
                process.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                with contextlib.suppress(BlockingIOError):
                    os.read(leader, 65536)
        assert process.poll() == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
        os.close(follower)
    assert path.exists() and not (tmp_path / "t.db-wal").exists()


async def test_the_theme_and_the_view_are_where_the_user_left_them_on_the_next_start(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        assert pilot.app.current_mode == "meetings"
        await pilot.press("4")
        pilot.app.theme = "nord"
        await pilot.press("q")
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (pilot.app.current_mode, pilot.app.theme) == ("timeline", "nord")
        assert pilot.app.screen.__class__.__name__ == "TimelineScreen"
        await pilot.press("1")
        await pilot.press("ctrl+q")
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        assert pilot.app.current_mode == "meetings"


async def test_every_view_of_the_table_has_its_mode_key_palette_entry_and_help(db_path):
    """tui/views.py is the one list of views: each is a mode, its key shows it from any view,
    the palette switches to it, and the help is headed by its title with its extra keys."""
    from tracker.tui.commands import TrackerCommands
    from tracker.tui.screens.view import View
    from tracker.tui.views import VIEWS

    assert [(b.key, b.action) for b in View.BINDINGS if b.action.startswith("view(")] == [(v.key, f"view('{v.mode}')") for v in VIEWS]
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        assert set(pilot.app.MODES) == {v.mode for v in VIEWS}
        palette = {name: help_text for name, _callback, help_text in TrackerCommands(pilot.app.screen)._actions()}
        for v in [*VIEWS[1:], VIEWS[0]]:  # from the first view through each, back to the first
            await pilot.press(v.key)
            await pilot.pause()
            assert pilot.app.current_mode == v.mode and v.mode == pilot.app.screen.VIEW
            assert palette[v.palette] == f"switch view (key {v.key})"
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            shown = str(pilot.app.screen.query_one("#help-keys").render())
            assert shown.startswith(f"Keys of {v.title}") and all(key in shown and what in shown for key, what in v.extra_keys)
            await pilot.press("escape")


async def test_every_view_shows_its_keys_in_the_footer_it_mounts_after_its_first_frame(db_path):
    """The footer comes after the first frame (screens/view.py); it must still show the keys
    of each view, including a view whose focus settled before its footer arrived."""
    from textual.widgets import Footer

    from tracker.tui.views import VIEWS

    async with make_app(db_path).run_test(size=SIZE) as pilot:
        for v, key in [*((v, v.key) for v in VIEWS[1:]), (VIEWS[0], VIEWS[0].key)]:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            footer = pilot.app.screen.query_one(Footer)
            labels = " ".join(str(k.description) for k in footer.query("FooterKey"))
            assert footer.region.y == SIZE[1] - 1 and "Quit" in labels and "Filters" in labels, (v.mode, labels)
