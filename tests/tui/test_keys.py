"""Keys that cannot destroy work by accident: undo says what it undid and redo puts it back;
keys typed fast land where they were meant; in a form a letter is never a command."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from textual import events
from textual.keys import _character_to_key  # the terminal driver's names of keys
from textual.widgets import Input, Select

from tests.tui.conftest import make_app
from tests.tui.helpers import list_text, toasts, until
from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.store.db import open_db
from tracker.store.meetings import get_meeting
from tracker.store.queries import MeetingQuery, count
from tracker.tui.screens.duplicate import DuplicateWarning
from tracker.tui.screens.filters import FilterScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.meeting_form import MeetingForm
from tracker.tui.screens.meetings import MeetingsScreen
from tracker.tui.widgets.meeting_list import MeetingList

SIZE = (120, 40)


@pytest.fixture
def hand_entered(db_path):
    """The seed plus a meeting entered by hand (meeting 4), the work a stray key must not lose."""
    db = open_db(db_path)
    day = dt.date(2023, 3, 18)
    add_meeting(
        db,
        Meeting(
            title="Fidan and Mekdad meet in Moscow",
            when=When(day, day, Precision.DAY, "18 March 2023"),
            status=Status.HELD,
            participants=[Participant("Hakan Fidan", "TUR", Role.VISITOR), Participant("Faisal Mekdad", "SYR", Role.HOST)],
        ),
    )
    db.close()
    return db_path


def type_fast(app, text: str) -> None:
    """Every key queued at once, as a paste, a fast typist or tmux send them; each key named
    as the terminal driver names it ("/" is `slash`, "€" `euro_sign`), "\r" is enter."""
    for character in text:
        app.post_message(events.Key("enter", None) if character == "\r" else events.Key(_character_to_key(character), character))


def form_title(app) -> str:
    """The title in the open form, "" while no form is open."""
    return app.screen.query_one("#title", Input).value if isinstance(app.screen, MeetingForm) else ""


async def test_a_stray_u_says_what_it_undid_and_capital_u_puts_it_back(hand_entered):
    async with make_app(hand_entered).run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")  # the newest, meeting 4: this app's own change
        await until(pilot, lambda: "Fidan and Mekdad" not in list_text(pilot.app))
        await pilot.press("u")
        await until(pilot, lambda: "Fidan and Mekdad" in list_text(pilot.app))
        assert "Restored deleted meeting 4 (Fidan and Mekdad meet in Moscow) · U redoes it" in toasts(pilot.app)
        await pilot.press("U")
        await until(pilot, lambda: "Fidan and Mekdad" not in list_text(pilot.app))
        assert "Deleted meeting 4 again (Fidan and Mekdad meet in Moscow) · u undoes it again" in toasts(pilot.app)
        await pilot.press("u")
        await until(pilot, lambda: "Fidan and Mekdad" in list_text(pilot.app))
    m = get_meeting(open_db(hand_entered), 4)
    assert (m.status, [p.name for p in m.participants]) == ("held", ["Hakan Fidan", "Faisal Mekdad"])


async def test_a_stray_u_never_undoes_a_change_made_outside_this_app(hand_entered):
    async with make_app(hand_entered).run_test(size=SIZE) as pilot:  # meeting 4 was added before the app opened
        await pilot.press("u")
        await until(pilot, lambda: any("nothing to undo" in t for t in toasts(pilot.app)))
        assert "Fidan and Mekdad" in list_text(pilot.app)


async def test_ctrl_y_redoes_too_and_the_footer_shows_redo(hand_entered):
    async with make_app(hand_entered).run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await until(pilot, lambda: "Fidan and Mekdad" not in list_text(pilot.app))
        await pilot.press("u", "ctrl+y")
        await until(pilot, lambda: any(t.startswith("Deleted meeting 4 again") for t in toasts(pilot.app)))
        assert "Fidan and Mekdad" not in list_text(pilot.app)
        assert any(b.binding.description == "Redo" for b in pilot.app.screen.active_bindings.values())


async def test_keys_typed_right_after_n_land_in_the_title(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "nPutin and Assad meet in Moscow, quietly")
        await until(pilot, lambda: form_title(pilot.app).endswith("quietly"))  # the last key typed
        form = pilot.app.screen
        assert isinstance(form, MeetingForm)
        assert form.query_one("#title", Input).value == "Putin and Assad meet in Moscow, quietly"
        assert pilot.app.is_running
    assert count(open_db(db_path)) == 3, "the u of the title undid nothing"


async def test_keys_typed_right_after_e_land_in_the_title_of_the_meeting_edited(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "e (Moscow)")
        await until(pilot, lambda: form_title(pilot.app).endswith(")"))
        form = pilot.app.screen
        assert isinstance(form, MeetingForm) and form.meeting_id == 2
        assert form.query_one("#title", Input).value.endswith("meet in Moscow (Moscow)")


async def test_search_enter_then_e_edits_the_meeting_found_and_leaves_the_search_as_typed(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "/Shoygu\re")
        await until(pilot, lambda: isinstance(pilot.app.screen, MeetingForm))
        form = pilot.app.screen
        assert isinstance(form, MeetingForm) and form.meeting_id == 3, "e edits the December meeting found by the alias"
        assert pilot.app.meeting_query.search == "Shoygu"
        await pilot.press("escape")
        assert pilot.app.screen.query_one("#search", Input).value == "Shoygu"


async def test_n_and_e_are_letters_in_the_search_box(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "/Tehran")
        await until(pilot, lambda: isinstance(pilot.app.screen, MeetingForm) or pilot.app.screen.query_one("#search", Input).value.endswith("n"))
        assert isinstance(pilot.app.screen, MeetingsScreen)
        assert pilot.app.screen.query_one("#search", Input).value == "Tehran"


async def test_every_printable_character_typed_in_the_search_box_lands_there(db_path):
    typed = "".join(c for c in string.printable if c.isprintable()) + "éÖğı€日"
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "/" + typed)
        await until(pilot, lambda: pilot.app.screen.query_one("#search", Input).value.endswith("日"))  # the last key typed
        assert pilot.app.is_running and isinstance(pilot.app.screen, MeetingsScreen) and pilot.app.current_mode == "meetings"
        assert pilot.app.screen.query_one("#search", Input).value == typed


@pytest.fixture
def path_in_a_title(db_path):
    """The seed plus a meeting whose title holds a path, found only by the slash in it."""
    db = open_db(db_path)
    day = dt.date(2023, 3, 10)
    for title in ("Talks on the draft in docs/annex", "Talks on the docsannex draft"):
        add_meeting(
            db,
            Meeting(
                title=title,
                when=When(day, day, Precision.DAY, "10 March 2023"),
                status=Status.HELD,
                participants=[Participant("Hakan Fidan", "TUR", Role.HOST)],
            ),
        )
    db.close()
    return db_path


async def test_a_slash_question_mark_and_view_keys_typed_in_the_search_box_are_searched_for(path_in_a_title):
    async with make_app(path_in_a_title).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "/docs/annex")
        await until(pilot, lambda: pilot.app.meeting_query.search == "docs/annex")
        assert pilot.app.screen.query_one("#search", Input).value == "docs/annex"
        await until(pilot, lambda: "docs/annex" in list_text(pilot.app))
        assert "docsannex" not in list_text(pilot.app), "the slash was lost: docs/annex became docsannex"
        await pilot.press("ctrl+a", "ctrl+k", *"?q1f2nedusi")
        await until(pilot, lambda: pilot.app.meeting_query.search == "?q1f2nedusi")
        assert pilot.app.screen.query_one("#search", Input).value == "?q1f2nedusi"
        assert isinstance(pilot.app.screen, MeetingsScreen) and pilot.app.current_mode == "meetings" and pilot.app.is_running
        assert count(open_db(path_in_a_title)) == 5, "the u and d typed in the box undid or deleted nothing"


async def test_out_of_the_search_box_the_same_keys_act(path_in_a_title):
    async with make_app(path_in_a_title).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"docs", "enter")
        assert isinstance(pilot.app.focused, MeetingList)
        await pilot.press("slash")
        assert pilot.app.focused is pilot.app.screen.query_one("#search", Input), "/ on the list goes to the search box"
        await pilot.press("escape", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape", "2")
        await until(pilot, lambda: pilot.app.current_mode == "people")
        await pilot.press("1", "n")
        await until(pilot, lambda: isinstance(pilot.app.screen, MeetingForm))


async def test_shift_tab_from_title_reaches_a_field_and_no_letter_in_the_form_is_a_command(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form = pilot.app.screen
        await pilot.press("shift+tab")
        assert isinstance(pilot.app.focused, (Input, Select)) or pilot.app.focused.id in ("summary", "outcome", "notes", "quote")
        form.query_one("#status", Select).focus()
        await pilot.pause()
        await pilot.press("f", "2", "q")
        await pilot.pause()
        assert pilot.app.is_running and not pilot.app._exit, "q in the form quit the app"
        assert pilot.app.screen is form and pilot.app.current_mode == "meetings"


async def test_every_stop_in_the_form_takes_typing_or_is_a_field(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        stops = pilot.app.screen.focus_chain
        assert stops[0].id == "title"
        assert all(isinstance(w, (Input, Select)) or w.id in ("summary", "outcome", "notes", "quote", "add-participant") for w in stops), list(stops)


async def test_leaving_a_changed_form_asks(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        type_fast(pilot.app, "nTyped")
        await until(pilot, lambda: form_title(pilot.app) == "Typed")
        await pilot.press("escape")
        assert "Discard changes?" in str(pilot.app.screen.query_one("#question").render())
        await pilot.press("n")
        assert pilot.app.screen.query_one("#title", Input).value == "Typed"


async def test_clear_all_in_the_filters_clears_them_and_stays_open(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        pilot.app.meeting_query = MeetingQuery(countries=("TUR",), status=Status.HELD)
        await pilot.press("f")
        await pilot.press("ctrl+r")
        dialog = pilot.app.screen
        assert isinstance(dialog, FilterScreen), "ctrl+r closed the filters"
        assert dialog.query_one("#country", Input).value == "" and dialog.query_one("#status", Select).value == Select.NULL
        assert pilot.app.meeting_query.countries == ("TUR",), "nothing applied yet: escape would keep the filters"
        await pilot.press("ctrl+s")
        assert pilot.app.meeting_query.is_empty()


async def test_open_the_stored_meeting_keeps_its_status_and_takes_only_what_was_typed(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form = pilot.app.screen
        form.query_one("#title", Input).value = "Shoigu meets Akar and Abbas in Moscow"
        form.query_one("#when", Input).value = "28 December 2022"
        row = form.query("ParticipantRow").last()
        row.name_input.value, row.country_input.value = "Sergei Shoigu", "RUS"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DuplicateWarning)
        await pilot.press("o")
        await pilot.pause()
        assert form.meeting_id == 3
        assert form.query_one("#status", Select).value == "held", "the form's default announced is not what the user typed"
        assert form.query_one("#title", Input).value.startswith("Defense ministers")
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(open_db(db_path), 3)
    assert (m.status, m.history) == ("held", [])
    assert m.title.startswith("Defense ministers")
