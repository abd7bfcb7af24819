"""The meeting form, driven as a user drives it: keys in, what is shown and stored out.

The browsing app lives elsewhere; a tiny harness app pushes the form on a seeded database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from tests.tui.helpers import until
from tracker.actions.undo import undo
from tracker.model import app_origin
from tracker.seed import seed_if_new
from tracker.store.db import open_db
from tracker.store.drafts import draft_key, load_draft
from tracker.store.meetings import get_meeting
from tracker.store.queries import count
from tracker.tui.screens.duplicate import DuplicateWarning
from tracker.tui.screens.form_question import FormQuestion
from tracker.tui.screens.meeting_form import MeetingForm
from tracker.tui.widgets.participants import ParticipantRow

TODAY = dt.date(2023, 3, 15)
SIZE = (120, 40)


class FormHarness(App):
    """Pushes the form, as the app does on `n` / `e`, and records what it dismissed with."""

    origin = app_origin()  # whose changes the form's saves are, as TrackerApp's

    def __init__(self, db, meeting_id: int | None = None, today: dt.date = TODAY):
        super().__init__()
        self.db, self.meeting_id, self.today, self.results = db, meeting_id, today, []

    def on_mount(self) -> None:
        self.push_screen(MeetingForm(self.db, self.meeting_id, today=self.today), self.results.append)


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "tracker.db")
    seed_if_new(db)
    return db


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


def understood(app) -> str:
    return str(app.screen.query_one("#when-understood", Static).render())


def error_of(app, slot: str) -> str:
    return str(app.screen.query_one(f"#{slot}-error", Static).render())


async def test_n_opens_the_form_in_title_and_tab_goes_to_when(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, MeetingForm)
        assert app.focused.id == "title"
        await pilot.press("tab")
        assert app.focused.id == "when"


async def test_a_title_a_range_and_ctrl_s_store_15_16_march(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "FMs")
        await pilot.press("tab")
        await type_text(pilot, "15-16 March 2023")
        assert understood(app) == "15–16 Mar 2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [meeting_id] = app.results
    m = get_meeting(db, meeting_id)
    assert (m.title, m.when.start, m.when.end, m.when.text) == ("FMs", dt.date(2023, 3, 15), dt.date(2023, 3, 16), "15-16 March 2023")


async def test_when_says_what_it_understood_and_counts_relative_words_from_the_source_date(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#when", Input).value = "March 2023"
        await pilot.pause()
        assert understood(app) == "Mar 2023 (month)"
        form.query_one("#when", Input).value = "tomorrow"
        await pilot.pause()
        assert understood(app).startswith("tomorrow → 16 Mar 2023")
        assert "today" in understood(app)
        form.query_one("#source_published", Input).value = "2023-04-02"
        await pilot.pause()
        assert understood(app).startswith("tomorrow → 3 Apr 2023")
        assert "source" in understood(app)
        form.query_one("#when", Input).value = "16-15 March 2023"
        await pilot.pause()
        assert understood(app).startswith("✗ end (15 March 2023) is before start")


async def test_a_bad_date_keeps_the_form_with_a_message_and_saves_nothing(db):
    before = count(db)
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Lavrov")
        await pilot.press("tab")
        await type_text(pilot, "30 Feb 2023")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        assert "February 2023 has 28 days" in understood(app)
        assert app.screen.query_one("#title", Input).value == "Lavrov"
        assert app.focused.id == "when"
    assert count(db) == before
    assert app.results == []


async def test_problems_show_beside_their_fields_and_the_cursor_goes_to_the_first(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#when", Input).value = "15 March 2023"
        form.query_one("#country", Input).value = "Atlantis"
        form.query_one("#source_url", Input).value = "www.example.com"
        row = form.query_one(ParticipantRow)
        row.country_input.value = "Narnia"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused.id == "title"
        assert error_of(app, "title") == "a title is required"
        assert "unknown country" in str(form.query_one("#country-hint", Static).render())
        assert "not a web address" in error_of(app, "source_url")
        assert "unknown country" in str(row.query_one(".p-hint", Static).render())
        form.query_one("#title", Input).value = "Talks"  # fixed: the cursor goes to the next problem
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused.id == "country"
        assert form.query_one("#source_url", Input).value == "www.example.com"
    assert app.results == []


async def test_an_alias_offers_the_known_person_and_right_arrow_takes_him_with_his_country(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        row = app.screen.query_one(ParticipantRow)
        row.name_input.focus()
        await type_text(pilot, "Shoygu")
        assert "Shoygu is Sergei Shoigu (RUS)" in str(row.query_one(".p-hint", Static).render())
        await pilot.press("right")
        assert row.name_input.value == "Sergei Shoigu"
        await pilot.press("tab")
        assert row.country_input.value == "RUS"


async def test_participants_delegations_and_country_names_are_saved_as_codes(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        await type_text(pilot, "Talks")
        form.query_one("#when", Input).value = "2 May 2023"
        first = form.query_one(ParticipantRow)
        first.name_input.value = "Hakan Fidan"
        first.country_input.value = "Turkey"
        await pilot.press("ctrl+n")
        second = form.query(ParticipantRow).last()
        assert app.focused is second.name_input
        second.country_input.value = "Iran"
        second.field("title").value = "Deputy Foreign Minister"
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+r")  # an added row is removed again
        assert len(form.query(ParticipantRow)) == 2
        form.query_one("#topics", Input).value = "Syria crisis, Syria crisis"
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(db, app.results[0])
    assert [(p.name, p.country, p.title) for p in m.participants] == [("Hakan Fidan", "TUR", None), (None, "IRN", "Deputy Foreign Minister")]
    assert m.topics == ["Syria crisis"]
    assert m.format == "bilateral"


async def test_escape_on_a_changed_form_asks_before_discarding(db):
    before = count(db)
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Half")
        await pilot.press("escape")
        assert isinstance(app.screen, FormQuestion)
        await pilot.press("n")
        assert isinstance(app.screen, MeetingForm)
        assert app.screen.query_one("#title", Input).value == "Half"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingForm)
    assert app.results == [None]
    assert count(db) == before
    assert load_draft(db, draft_key(None)) is None


async def test_escape_on_an_unchanged_form_closes_it_at_once(db):
    app = FormHarness(db, 2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_a_quit_leaves_a_draft_that_the_form_offers_back(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Kept")
        await pilot.press("tab")
        await type_text(pilot, "today")
        # The draft is written after half a second of quiet: waited for, not slept through.
        await until(pilot, lambda: load_draft(db, draft_key(None)) is not None)
        assert load_draft(db, draft_key(None))[1]["title"] == "Kept"
    # The app quit with the form open (it never dismissed).
    assert app.results == []
    again = FormHarness(db)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, FormQuestion)
        await pilot.press("y")
        await pilot.pause()
        form = again.screen
        assert (form.query_one("#title", Input).value, form.query_one("#when", Input).value) == ("Kept", "today")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert get_meeting(db, again.results[0]).when.start == TODAY
    assert load_draft(db, draft_key(None)) is None


async def fill_april_meeting(app, pilot) -> None:
    """The April 2023 meeting of the same four deputy foreign ministers, from a new article."""
    form = app.screen
    form.query_one("#title", Input).value = "Deputy foreign ministers meet in Moscow"
    form.query_one("#when", Input).value = "3-4 April 2023"
    form.query_one("#status", Select).value = "held"
    editor_rows = [("", "RUS"), ("Akcapar", "TUR"), ("", "SYR"), ("", "Iran")]
    for i, (name, country) in enumerate(editor_rows):
        if i:
            await pilot.press("ctrl+n")
        row = form.query(ParticipantRow).last()
        row.name_input.value, row.country_input.value = name, country
        row.field("title").value = "Deputy Foreign Minister"
    form.query_one("#source_url", Input).value = "https://example.com/april"
    await pilot.pause()


async def test_the_april_meeting_warns_it_may_be_the_march_one_and_updating_that_keeps_march_in_history(db):
    before = count(db)
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await fill_april_meeting(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DuplicateWarning)
        assert "may be the same meeting as #2 Deputy foreign ministers" in str(app.screen.query_one("#duplicate-question", Static).render())
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm) and form.meeting_id == 2
        assert form.query_one("#when", Input).value == "3-4 April 2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [2]
    assert count(db) == before
    m = get_meeting(db, 2)
    assert (m.status, m.when.start, m.when.end) == ("held", dt.date(2023, 4, 3), dt.date(2023, 4, 4))
    assert [(h.status, h.start, h.end) for h in m.history] == [("announced", "2023-03-15", "2023-03-16")]
    assert [s.url for s in m.sources][-1] == "https://example.com/april"
    assert len(m.sources) == 4  # the three quotes of the seed article stay
    assert [link.other_id for link in m.links] == [3]


async def test_save_anyway_adds_a_second_meeting(db):
    before = count(db)
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        await fill_april_meeting(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert count(db) == before + 1
    assert get_meeting(db, app.results[0]).when.start == dt.date(2023, 4, 3)


async def test_undo_takes_back_what_the_form_added_and_what_it_edited(db):
    before = count(db)
    add = FormHarness(db)
    async with add.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Added")
        add.screen.query_one("#when", Input).value = "1 June 2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert count(db) == before + 1
    edit = FormHarness(db, 2)
    async with edit.run_test(size=SIZE) as pilot:
        edit.screen.query_one("#status", Select).value = "postponed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert get_meeting(db, 2).status == "postponed"
    assert "edit of meeting 2" in undo(db, FormHarness.origin).message
    restored = get_meeting(db, 2)
    assert (restored.status, restored.history) == ("announced", [])
    assert "addition" in undo(db, FormHarness.origin).message
    assert count(db) == before


async def test_editing_keeps_what_the_form_does_not_show(db):
    app = FormHarness(db, 2)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        assert form.query_one("#when", Input).value == "15-16 March"
        assert understood(app) == "15–16 Mar 2023"
        # its sources are listed; the source fields wait for a new one
        listed = str(form.query_one("#sources-list", Static).render())
        assert "1. " in listed and "3. " in listed and "2023-03-15" in listed and "▸ Below: a new source" in listed
        assert form.query_one("#source_published", Input).value == ""
        form.query_one("#notes", TextArea).text = "Checked."
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(db, 2)
    assert m.notes == "Checked."
    assert (m.cameo, m.uid, len(m.sources), m.sources[0].published) == ("046", "seed-2023-03-15-deputy-foreign-ministers", 3, "2023-03-15T14:32:32")
    assert m.history == []  # neither status nor date changed


async def test_text_from_the_database_is_shown_literally(db):
    from tracker.actions.meetings import add_meeting
    from tracker.model import Meeting, When

    hostile = add_meeting(db, Meeting(title="[bold]X[/] meets [red]Y", when=When(TODAY, TODAY, "day", "15 March 2023"))).meeting
    app = FormHarness(db, hostile.id)
    async with app.run_test(size=SIZE):
        heading = str(app.screen.query_one("#form-heading", Static).render())
        assert heading == f"Edit meeting #{hostile.id} · [bold]X[/] meets [red]Y"


# ---------------------------------------------------------------- snapshots (120x40, today fixed)


async def hold_still(pilot) -> None:
    """No blinking cursor and no scroll under way when the shot is taken: either is drawn
    or not depending on the moment, and a busy machine picks another moment."""
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def test_snapshot_of_the_empty_form(db, snap_compare):
    assert snap_compare(FormHarness(db), terminal_size=SIZE, run_before=hold_still)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_of_a_filled_form(db, snap_compare, size):
    async def fill(pilot):
        form = pilot.app.screen
        form.query_one("#title", Input).value = "Deputy foreign ministers meet in Moscow"
        form.query_one("#when", Input).value = "tomorrow"
        form.query_one("#source_published", Input).value = "2023-04-02"
        form.query_one("#city", Input).value = "Moscow"
        form.query_one("#country", Input).value = "Russia"
        form.query_one("#status", Select).value = "held"
        form.query_one("#level", Select).value = "deputy_ministerial"
        for i, (name, country, title) in enumerate([("Shoygu", "", "Defense Minister"), ("", "Turkey", "Deputy Foreign Minister")]):
            if i:
                await pilot.press("ctrl+n")
            row = form.query(ParticipantRow).last()
            row.name_input.value, row.country_input.value = name, country
            row.field("title").value = title
        form.query_one("#topics", Input).value = "Syria crisis"
        form.query_one("#title", Input).focus()
        await hold_still(pilot)

    assert snap_compare(FormHarness(db), terminal_size=size, run_before=fill)


def test_snapshot_of_a_form_with_errors(db, snap_compare):
    async def break_it(pilot):
        form = pilot.app.screen
        form.query_one("#when", Input).value = "32 March 2023"
        form.query_one("#country", Input).value = "Atlantis"
        form.query_one("#source_url", Input).value = "example.com/article"
        form.query_one("#source_published", Input).value = "soon"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await hold_still(pilot)

    assert snap_compare(FormHarness(db), terminal_size=SIZE, run_before=break_it)


class Keys:
    """Presses text and keys, counting the keys that are not the text itself."""

    def __init__(self, pilot):
        self.pilot, self.beyond_text = pilot, 0

    async def text(self, text: str) -> None:
        await type_text(self.pilot, text)

    async def key(self, *keys: str) -> None:
        self.beyond_text += len(keys)
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()


async def test_the_sochi_meeting_with_a_source_takes_at_most_24_keys_beyond_the_text(db):
    """'Erdoğan met Putin in Sochi, with Fidan', from a report: status, level, the place's country
    and every role follow from what was typed; known people bring their country."""
    app = FormHarness(db, today=dt.date(2026, 12, 3))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await keys.text("Erdogan and Putin meet in Sochi")
        await keys.key("tab")
        await keys.text("4 September 2023")
        await keys.key("tab")
        await keys.text("sochi")
        await keys.key("ctrl+n")  # on to the first participant, past venue, country, status, level
        await keys.text("Recep Tayyip Erdogan")
        await keys.key("tab")
        await keys.text("Tür")
        await keys.key("tab", "tab")  # Tab takes the suggestion Türkiye; the role is chosen already
        await keys.text("President")
        await keys.key("ctrl+n")
        await keys.text("Putin")
        await keys.key("tab", "tab", "tab")  # his country comes with him
        await keys.text("President")
        await keys.key("ctrl+n")
        await keys.text("Fidan")
        await keys.key("tab", "tab", "tab")
        await keys.text("Foreign Minister")
        await keys.key("tab", "tab")  # past the add button, to the source
        await keys.text("https://www.reuters.com/world/europe/erdogan-putin-sochi-2023-09-04/")
        await keys.key("ctrl+s")
        await pilot.pause()
        assert app.results, app.screen.query_one("#form-body")
    assert keys.beyond_text <= 24
    m = get_meeting(db, app.results[0])
    assert (m.when.start, m.status, m.level, m.city, m.country) == (dt.date(2023, 9, 4), "held", "summit", "sochi", "RUS")
    assert [(p.name, p.country, p.role, p.title) for p in m.participants] == [
        ("Recep Tayyip Erdogan", "TUR", "visitor", "President"),
        ("Vladimir Putin", "RUS", "host", "President"),
        ("Hakan Fidan", "TUR", "member", "Foreign Minister"),
    ]
    assert [s.url for s in m.sources] == ["https://www.reuters.com/world/europe/erdogan-putin-sochi-2023-09-04/"]


async def test_ctrl_o_keeps_the_source_typed_and_opens_another_and_both_are_saved(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#title", Input).value = "Lavrov and Fidan meet in Antalya"
        form.query_one("#when", Input).value = "2 March 2024"
        form.query_one("#source_url", Input).value = "https://example.org/tass"
        form.query_one("#source_title", Input).value = "Lavrov arrives in Antalya"
        form.query_one("#source_title", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert form.query_one("#source_url", Input).value == "" and form.focused is form.query_one("#source_url")
        assert "1. Lavrov arrives in Antalya" in str(form.query_one("#sources-list", Static).render())
        await pilot.press(*"https://example.org/aa")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [s.url for s in get_meeting(db, app.results[0]).sources] == ["https://example.org/tass", "https://example.org/aa"]


async def test_a_source_kept_with_ctrl_o_is_a_change_that_escape_asks_about(db):
    app = FormHarness(db, 1)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#source_url", Input).focus()
        await pilot.pause()
        await pilot.press(*"https://example.org/more", "ctrl+o")
        assert all(form.query_one(f"#{name}", Input).value == form.initial[name] for name in ("source_url", "source_title"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormQuestion) and app.results == []


async def test_an_edit_takes_the_report_of_a_postponement_as_a_new_source_kept_in_the_history(db):
    stored = get_meeting(db, 1).sources
    app = FormHarness(db, 1)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#status", Select).value = "postponed"
        form.query_one("#source_url", Input).value = "https://example.org/put-off"
        form.query_one("#source_title", Input).value = "Assad visit put off"
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(db, 1)
    assert m.sources[:-1] == stored and m.sources[-1].url == "https://example.org/put-off"
    assert (m.history[-1].status, m.history[-1].source.title) == ("announced", "Assad visit put off")


async def test_ctrl_o_goes_through_the_stored_sources_one_edited_in_place_one_emptied_away(db):
    stored = get_meeting(db, 2).sources
    assert len(stored) == 3
    app = FormHarness(db, 2)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        await pilot.press("ctrl+o")  # from the title: to the source fields, on the new (empty) one
        assert form.focused is form.query_one("#source_url") and form.query_one("#source_url", Input).value == ""
        await pilot.press("ctrl+o")  # from the new one round to the first stored
        assert form.query_one("#source_url", Input).value == (stored[0].url or "")
        form.query_one("#source_title", Input).value = "Corrected title"
        await pilot.press("ctrl+o")  # the second: emptied, it goes
        for name in ("source_url", "source_title", "source_published"):
            form.query_one(f"#{name}", Input).value = ""
        form.query_one("#quote", TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(db, 2)
    assert [s.title for s in m.sources] == ["Corrected title", stored[2].title]
    assert (m.sources[0].url, m.sources[0].published, m.sources[0].outlet) == (stored[0].url, stored[0].published, stored[0].outlet)


def burst(app, *parts: str) -> None:
    """Keys as a fast typist's terminal delivers them: all queued before the app reads one.
    A part in angle brackets is a key ("<tab>"), any other is text."""
    for part in parts:
        if part.startswith("<"):
            app.post_message(events.Key(part[1:-1], None))
        else:
            for char in part:
                app.post_message(events.Key(char, char))


async def test_keys_typed_faster_than_the_form_reads_them_land_where_they_were_meant(db):
    app = FormHarness(db, today=dt.date(2026, 12, 3))
    async with app.run_test(size=SIZE) as pilot:
        burst(
            app,
            "Erdogan and Putin meet in Sochi",
            "<tab>",
            "4 September 2023",
            "<tab>",
            "Sochi",
            "<ctrl+n>",
            "Erdogan",
            "<tab>",
            "Tür",
            "<tab>",
            "<tab>",
            "President",
            "<ctrl+n>",
            "Fidan",
            "<tab>",
            "<shift+tab>",
            "<tab>",
            "TUR",
        )
        await until(pilot, lambda: [row.current()["country"] for row in app.screen.query(ParticipantRow)][1:] == ["TUR"])  # the last keys typed
        form = app.screen
        assert [form.query_one(f"#{name}", Input).value for name in ("title", "when", "city")] == [
            "Erdogan and Putin meet in Sochi",
            "4 September 2023",
            "Sochi",
        ]
        assert [row.current() for row in form.query(ParticipantRow)] == [
            {"name": "Erdogan", "country": "Türkiye", "role": "visitor", "title": "President"},
            {"name": "Hakan Fidan", "country": "TUR", "role": "member", "title": ""},
        ]


async def test_a_letter_sets_a_closed_select_and_typing_it_again_cycles(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#status", Select).focus()
        await pilot.press("h")
        assert form.query_one("#status", Select).value == "held"
        await pilot.press("p")
        assert form.query_one("#status", Select).value == "proposed"
        await pilot.press("p")
        assert form.query_one("#status", Select).value == "postponed"
        await pilot.press("z")  # no option: nothing changes
        assert form.query_one("#status", Select).value == "postponed"
        row = form.query_one(ParticipantRow)
        row.field("role").focus()
        await pilot.press("h", "h")
        assert row.current()["role"] == "head_of_delegation"
        assert not form.query_one("#status", Select).expanded


async def test_tab_takes_the_grey_suggestion_before_moving_on(db):
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#country", Input).focus()
        await type_text(pilot, "Russ")
        await pilot.press("tab")
        assert form.query_one("#country", Input).value == "Russia"
        assert app.focused.id == "status"
        assert str(form.query_one("#country-hint", Static).render()) == "Russia (RUS)"
        row = form.query_one(ParticipantRow)
        row.name_input.focus()
        await type_text(pilot, "Fidan")
        await pilot.press("tab")
        assert row.name_input.value == "Hakan Fidan"
        assert row.country_input.value == "TUR"  # a known person's country comes with him


async def test_defaults_follow_what_was_typed_until_the_user_chooses(db):
    app = FormHarness(db)  # today is 15 March 2023
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        status = form.query_one("#status", Select)
        form.query_one("#when", Input).value = "10 March 2023"
        await pilot.pause()
        assert status.value == "held"
        form.query_one("#when", Input).value = "next Friday"
        await pilot.pause()
        assert status.value == "announced"
        form.query_one("#city", Input).value = "Ankara"
        await pilot.pause()
        assert form.query_one("#country", Input).value == "TUR"
        row = form.query_one(ParticipantRow)
        row.country_input.value = "TUR"
        row.field("title").value = "Foreign Minister"
        await pilot.pause()
        assert (row.current()["role"], form.query_one("#level", Select).value) == ("host", "ministerial")
        status.focus()
        await pilot.press("c")  # chosen: the date no longer decides
        row.field("role").focus()
        await pilot.press("o")
        form.query_one("#level", Select).value = "working"
        form.query_one("#when", Input).value = "10 March 2023"
        form.query_one("#city", Input).value = "Sochi"
        row.field("title").value = "President"
        await pilot.pause()
        assert (status.value, row.current()["role"], form.query_one("#level", Select).value) == ("cancelled", "observer", "working")
        assert form.query_one("#country", Input).value == "RUS"  # not chosen: follows the city
        form.query_one("#country", Input).value = "Türkiye"
        form.query_one("#city", Input).value = "Moscow"
        await pilot.pause()
        assert form.query_one("#country", Input).value == "Türkiye"


async def test_an_edited_meeting_keeps_its_stored_status_and_level_whatever_is_typed(db):
    app = FormHarness(db, 1, today=dt.date(2026, 12, 3))  # announced for 15 March 2023, now past
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#when", Input).value = "16 March 2023"
        form.query(ParticipantRow).last().field("title").value = "Foreign Minister"
        await pilot.pause()
        assert (form.query_one("#status", Select).value, form.query_one("#level", Select).value) == ("announced", "summit")


async def test_a_title_too_long_is_said_with_the_other_problems_at_once(db):
    """The form checks a meeting as the store does (store.meetings.check_meeting): a title too
    long was once found only on saving, after the form's own checks had passed."""
    app = FormHarness(db)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#title", Input).value = "x" * 501
        form.query_one("#when", Input).value = "15 March 2023"
        form.query_one("#source_url", Input).value = "www.example.com"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "title") == "the title is longer than 500 characters"
        assert error_of(app, "source_url") == "'www.example.com' is not a web address: it should start with http:// or https://"
        assert app.focused.id == "title"
    assert app.results == []
