"""The meetings view as a user drives it: list, detail, search, filters, delete, undo, forms."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import make_app
from tests.tui.helpers import list_text, toasts, until
from tracker.tui.widgets.meeting_detail import MeetingDetail
from tracker.tui.widgets.meeting_list import MeetingList

SIZE = (120, 40)


def detail_text(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


async def test_the_seeded_meetings_are_on_the_first_screen_newest_first(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        text = list_text(pilot.app)
        assert text.index("15–16 Mar 2023") < text.index("15 Mar 2023") < text.index("28 Dec 2022")
        assert "3 meetings" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_a_past_meeting_still_announced_is_flagged_unconfirmed(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        lines = list_text(pilot.app).splitlines()
        assert "⚠ announced" in lines[0] and "held" in lines[2] and "⚠" not in lines[2]
        assert "unconfirmed" in detail_text(pilot.app)


async def test_the_detail_shows_participants_unnamed_delegations_sources_and_links(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        text = detail_text(pilot.app)
        assert "Burak Akçapar (Türkiye) — head of delegation, Deputy Foreign Minister" in text
        assert "unnamed delegation (Iran)" in text
        assert "Sources (1)" in text and "“" in text
        assert "follows #" in text and "Türkiye–Syria normalization" in text


async def test_down_moves_to_the_next_meeting_and_its_detail(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")
        assert "Hulusi Akar" in detail_text(pilot.app)
        await pilot.press("up")
        assert "Assad" in detail_text(pilot.app)


async def test_slash_then_shoygu_narrows_to_the_december_meeting(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Shoygu")
        await until(pilot, lambda: "Mar 2023" not in list_text(pilot.app))  # the list follows the box after SEARCH_DELAY
        text = list_text(pilot.app)
        assert "28 Dec 2022" in text and "Mar 2023" not in text
        assert "search: “Shoygu”" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_search_is_diacritics_blind_and_finds_aliases(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"akcapar", "enter")
        assert "15–16 Mar 2023" in list_text(pilot.app)
        assert pilot.app.focused is pilot.app.screen.query_one(MeetingList)


async def test_search_with_a_lone_quote_or_fts_syntax_finds_nothing_and_does_not_fail(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", '"', "enter")
        assert list_text(pilot.app) == ""
        assert "No meeting matches." in detail_text(pilot.app)


async def test_escape_leaves_the_search_box_then_clears_the_search(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Putin")
        await until(pilot, lambda: "Dec 2022" not in list_text(pilot.app))
        await pilot.press("escape")
        assert isinstance(pilot.app.focused, MeetingList)
        assert "Dec 2022" not in list_text(pilot.app)
        await pilot.press("escape")
        assert "28 Dec 2022" in list_text(pilot.app)
        assert pilot.app.screen.query_one("#search", Input).value == ""


async def test_enter_opens_the_detail_and_escape_comes_back(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(pilot.app.focused, MeetingDetail)
        await pilot.press("escape")
        assert isinstance(pilot.app.focused, MeetingList)


async def test_delete_asks_first_and_n_or_escape_keeps_the_meeting(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert "Delete meeting" in str(pilot.app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.press("d", "escape")
        assert "15–16 Mar 2023" in list_text(pilot.app)


async def test_delete_with_y_then_undo_brings_it_back(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        assert "15–16 Mar 2023" not in list_text(pilot.app)
        assert "2 meetings" in str(pilot.app.screen.query_one("#query-bar").render())
        await pilot.press("u")
        await pilot.pause()
        assert "15–16 Mar 2023" in list_text(pilot.app)
        assert any("restored deleted meeting" in str(n.message).lower() for n in pilot.app._notifications)


async def test_filters_by_country_and_a_date_range_in_words(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("f")
        pilot.app.screen.query_one("#country", Input).value = "Türkiye"
        pilot.app.screen.query_one("#end", Input).value = "December 2022"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = list_text(pilot.app)
        assert "28 Dec 2022" in text and "Mar 2023" not in text
        bar = str(pilot.app.screen.query_one("#query-bar").render())
        assert "country: Türkiye" in bar and "to: 2022-12-31" in bar


async def test_filters_by_several_countries_list_the_meetings_where_all_take_part(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("f")
        pilot.app.screen.query_one("#country", Input).value = "Türkiye, IRN"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = list_text(pilot.app)
        assert "15–16 Mar 2023" in text and "28 Dec 2022" not in text and "15 Mar 2023" not in text
        assert "countries: Türkiye and Iran" in str(pilot.app.screen.query_one("#query-bar").render())
        await pilot.press("f")
        assert pilot.app.screen.query_one("#country", Input).value == "TUR, IRN"


async def test_filters_by_a_track_narrow_the_list_and_the_timeline(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("f")
        pilot.app.screen.query_one("#topic", Input).value = "normalization"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = list_text(pilot.app)
        assert "28 Dec 2022" in text and "15–16 Mar 2023" in text and "15 Mar 2023 " not in text
        assert "topic: normalization" in str(pilot.app.screen.query_one("#query-bar").render())
        assert pilot.app.meeting_query.topic == "normalization", "the timeline narrows by the same query"


async def test_a_filter_that_cannot_be_read_says_what_is_accepted_and_keeps_the_form(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("f")
        pilot.app.screen.query_one("#country", Input).value = "Atlantis"
        await pilot.press("ctrl+s")
        assert "ISO 3166" in str(pilot.app.screen.query_one("#filter-error").render())
        await pilot.press("escape")
        assert "3 meetings" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_n_opens_a_new_form_and_the_saved_meeting_is_selected(db_path):
    from tracker.tui.screens.meeting_form import MeetingForm

    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingForm) and pilot.app.screen.query_one("#title", Input).value == ""
        await pilot.press(*"Kim", "space", *"meets", "space", *"Pompeo", "tab", *"1", "space", *"June", "space", *"2018")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(pilot.app.screen, MeetingForm) and "4 meetings" in str(pilot.app.screen.query_one("#query-bar").render()))
        selected = pilot.app.screen.query_one(MeetingList).highlighted
        assert selected.title == "Kim meets Pompeo", "the oldest meeting, saved last, is the one selected"
        assert "4 meetings" in str(pilot.app.screen.query_one("#query-bar").render())


async def test_e_opens_the_form_on_the_selected_meeting(db_path):
    from tracker.tui.screens.meeting_form import MeetingForm

    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("down")
        selected = pilot.app.screen.query_one(MeetingList).highlighted
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingForm)
        assert pilot.app.screen.query_one("#title", Input).value == selected.title


async def test_pasting_a_name_over_the_list_searches_for_it(db_path):
    from textual import events

    async with make_app(db_path).run_test(size=SIZE) as pilot:
        pilot.app.screen.meeting_list.post_message(events.Paste("Shoygu\n"))
        await until(pilot, lambda: pilot.app.meeting_query.search == "Shoygu" and "Mar 2023" not in list_text(pilot.app))
        assert pilot.app.screen.query_one("#search", Input).value == "Shoygu"
        assert pilot.app.meeting_query.search == "Shoygu"
        assert "28 Dec 2022" in list_text(pilot.app) and "Mar 2023" not in list_text(pilot.app)


async def test_keys_typed_right_after_slash_however_fast_land_in_the_search(db_path):
    from textual import events

    async with make_app(db_path).run_test(size=SIZE) as pilot:
        for character in "/Shoygu":  # all queued at once, as a fast typist or tmux sends them
            pilot.app.post_message(events.Key("slash" if character == "/" else character, character))
        await until(pilot, lambda: "Mar 2023" not in list_text(pilot.app))  # the list follows the box after SEARCH_DELAY
        assert pilot.app.screen.query_one("#search", Input).value == "Shoygu"
        assert "28 Dec 2022" in list_text(pilot.app) and "Mar 2023" not in list_text(pilot.app)
        assert "3 meetings" not in str(pilot.app.screen.query_one("#query-bar").render()), "the u of Shoygu undid nothing"


LONG_TITLE = "Deputy foreign ministers of Russia, Türkiye, Syria and Iran meet in Moscow"


def shown_of_title(line: str) -> int:
    """How many characters of LONG_TITLE the list line shows before it is cut with '…'."""
    start = line.index(LONG_TITLE[:10])
    shown = line[start:].split("…")[0].split("  ")[0]
    assert LONG_TITLE.startswith(shown)
    return len(shown)


@pytest.mark.parametrize(("size", "title_at_least"), [((80, 24), 30), ((120, 40), 45), ((200, 50), 45)], ids=["80x24", "120x40", "200x50"])
async def test_the_title_has_room_and_status_and_detail_stay_in_sight_at_every_width(db_path, size, title_at_least):
    async with make_app(db_path).run_test(size=size) as pilot:
        await pilot.pause()
        first = list_text(pilot.app).splitlines()[0]
        assert shown_of_title(first) >= title_at_least
        assert first.rstrip().endswith("⚠ announced")
        detail = pilot.app.screen.query_one(MeetingDetail)
        assert detail.region.width >= 36 and detail.region.height >= 5
        assert pilot.app.screen.region.contains_region(detail.region)


def listed_ids(app) -> list[int]:
    rows = app.screen.query_one(MeetingList).rows
    return [rows.row(i).id for i in range(rows.total)]


async def test_s_sorts_by_the_next_column_and_S_reverses_keeping_the_cursor_on_its_meeting(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        app = pilot.app
        assert listed_ids(app) == [2, 1, 3]  # newest first
        await pilot.press("down")  # meeting 1, "Putin and Assad meet in Moscow"
        await pilot.press("s")
        titles = [app.screen.query_one(MeetingList).rows.row(i).title for i in range(3)]
        assert titles == sorted(titles, key=str.casefold) and listed_ids(app) == [3, 2, 1]
        assert app.screen.query_one(MeetingList).highlighted.id == 1
        assert "Title ▼" in str(app.screen.query_one("#list-header").render())
        assert "by title, A–Z" in str(app.screen.query_one("#query-bar").render())
        await pilot.press("S")
        assert listed_ids(app) == [1, 2, 3] and app.screen.query_one(MeetingList).highlighted.id == 1
        assert "Title ▲" in str(app.screen.query_one("#list-header").render())
        for _ in range(5):  # place, countries, level, status, and round to when
            await pilot.press("s")
        assert listed_ids(app) == [2, 1, 3] and "▼" in str(app.screen.query_one("#list-header").render())


async def test_a_click_on_a_heading_sorts_by_it_and_again_the_other_way(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        app = pilot.app
        heading = str(app.screen.query_one("#list-header").render())
        await pilot.click("#list-header", offset=(heading.index("Level") + 1, 0))
        assert [app.screen.query_one(MeetingList).rows.row(i).level for i in range(3)] == ["summit", "ministerial", "deputy_ministerial"]
        await pilot.click("#list-header", offset=(heading.index("Level") + 1, 0))
        assert [app.screen.query_one(MeetingList).rows.row(i).level for i in range(3)] == ["deputy_ministerial", "ministerial", "summit"]


async def test_a_sort_over_more_meetings_than_it_lists_says_so_and_stays_newest_first(db_path, monkeypatch):
    monkeypatch.setattr("tracker.store.queries.SORTABLE", 2)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert listed_ids(pilot.app) == [2, 1, 3]
        assert any("takes up to 2 meetings" in t for t in toasts(pilot.app))
        assert "When ▼" in str(pilot.app.screen.query_one("#list-header").render())


async def test_the_meeting_is_under_the_list_at_120_columns_and_beside_it_from_160_and_follows_a_resize(db_path):
    """The screen starts in the layout its width calls for (set before the first frame) and
    changes it when the terminal is resized."""
    from tracker.tui.screens.meetings import DETAIL_BESIDE_FROM

    for width, beside in ((120, False), (DETAIL_BESIDE_FROM, True)):
        async with make_app(db_path).run_test(size=(width, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            assert screen.has_class("-detail-beside") is beside and screen.has_class("-detail-below") is not beside
            detail, listed = screen.query_one(MeetingDetail).region, screen.query_one("#meeting-list").region
            assert (detail.x > listed.x) is beside and (detail.y > listed.y) is not beside
            await pilot.resize_terminal(width + 80 if not beside else 100, 40)
            await pilot.pause()
            assert screen.has_class("-detail-beside") is not beside and screen.has_class("-detail-below") is beside
