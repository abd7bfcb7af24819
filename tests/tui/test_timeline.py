"""The timeline: meetings without a month of their own apart, and enter on a row opens its meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import OptionList

from tests.tui.conftest import make_app
from tests.tui.helpers import list_text
from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.store.db import open_db

SIZE = (120, 40)


def add(db, title: str, start: str, end: str, precision: Precision, country: str) -> None:
    when = When(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, title)
    add_meeting(db, Meeting(title=title, when=when, status=Status.ANNOUNCED, participants=[Participant(None, country, Role.HOST)]))


@pytest.fixture
def vague_path(db_path):
    """The seed, a meeting of "2024" and one of "March to May 2023"."""
    db = open_db(db_path)
    add(db, "Gas hub talks in Istanbul", "2024-01-01", "2024-12-31", Precision.YEAR, "TUR")
    add(db, "Spring consultations in Moscow", "2023-03-01", "2023-05-31", Precision.MONTH, "IRN")
    db.close()
    return db_path


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(pilot) -> dict[str, str]:
    chart = pilot.app.screen.query_one(OptionList)
    return {chart.get_option_at_index(i).id: str(getattr(chart.get_option_at_index(i).prompt, "plain", "")) for i in range(chart.option_count)}


async def go_to(pilot, key: str) -> None:
    chart = pilot.app.screen.query_one(OptionList)
    for _ in range(chart.option_count + 1):
        if chart.highlighted_option is not None and chart.highlighted_option.id == key:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {key}")


async def test_a_meeting_of_a_year_is_on_a_line_of_its_year_not_in_january(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        shown = rows(pilot)
        assert shown["2024"].startswith("2024 (year)") and shown["2024"].endswith(" 1")
        assert shown["2024-01"].rstrip() == "2024 Jan"  # nothing invented in January
        assert shown["2023"].endswith(" 1")  # "March to May" has no month of its own
        assert shown["2023-03"].endswith(" 2")  # the two seed meetings of 15 March, not the spring one
        assert list(shown).index("2024") == list(shown).index("2024-01") + 1  # under its January
        body = str(pilot.app.screen.query_one("#timeline-body").render())
        assert "3 meetings, 2022-12 to 2023-03" in body and "2 only by year" in body


async def test_enter_on_a_month_opens_its_meetings_with_the_search_kept(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Moscow", "enter", "4")
        await settle(pilot)
        assert rows(pilot)["2023-03"].endswith(" 2") and rows(pilot)["2023"].endswith(" 1")
        await go_to(pilot, "2023-03")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.current_mode == "meetings"
        bar = str(pilot.app.screen.query_one("#query-bar").render())
        assert bar.startswith("2 meetings") and "search: “Moscow”" in bar and "month: Mar 2023" in bar
        shown = list_text(pilot.app)
        assert "Putin and Assad" in shown and "Spring consultations" not in shown


async def test_enter_on_a_year_line_opens_the_meetings_without_a_month(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, "2023")
        await pilot.press("enter")
        await settle(pilot)
        bar = str(pilot.app.screen.query_one("#query-bar").render())
        assert bar.startswith("1 meeting ") and "year: 2023, without a month" in bar
        assert "Spring consultations" in list_text(pilot.app)
        await pilot.press("4")  # back on the timeline: narrowed to what was opened
        await settle(pilot)
        assert list(rows(pilot)) == ["2023-01", "2023"]
        await pilot.press("escape")
        await settle(pilot)
        assert "2024" in rows(pilot)


async def test_escape_on_the_timeline_after_opening_a_row_goes_back_to_the_search_it_was_opened_from(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Moscow", "enter", "4")
        await settle(pilot)
        await go_to(pilot, "2023-03")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert list(rows(pilot)) == ["2023-03"]
        await pilot.press("escape")  # the row's month goes, the search stays
        await settle(pilot)
        assert pilot.app.meeting_query.search == "Moscow" and pilot.app.meeting_query.start is None
        assert "2023" in rows(pilot) and "2023-03" in rows(pilot)
        await pilot.press("escape")  # and then everything
        await settle(pilot)
        assert pilot.app.meeting_query.is_empty() and "2024" in rows(pilot)


async def test_the_cursor_stays_on_its_month_when_the_file_changes(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, "2022-12")
        pilot.app.data_changed()
        await settle(pilot)
        assert pilot.app.screen.query_one(OptionList).highlighted_option.id == "2022-12"


async def test_a_search_that_drops_the_selected_month_starts_at_the_newest_row(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, "2024")
        await pilot.press("1", "slash", *"Shoygu", "enter", "4")
        await settle(pilot)
        chart = pilot.app.screen.query_one(OptionList)
        assert list(rows(pilot)) == ["2022-12"] and chart.highlighted == 0


async def test_filters_keep_a_row_opened_until_its_dates_are_changed(vague_path):
    async with make_app(vague_path).run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, "2023-03")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f", "ctrl+s")  # applied as it is: still the month's meetings
        await settle(pilot)
        assert pilot.app.meeting_query.dated == "month"
        await pilot.press("f")
        await pilot.pause()
        pilot.app.screen.query_one("#start").stored = "2022"
        await pilot.press("ctrl+s")
        await settle(pilot)
        query = pilot.app.meeting_query
        assert query.dated is None and query.start == dt.date(2022, 1, 1)
        assert "from: 2022-01-01" in str(pilot.app.screen.query_one("#query-bar").render())
