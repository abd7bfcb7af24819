"""Stored control characters never reach the terminal: every view shows them, none obeys them.

The title of the issue that found it, `Evil ESC]0;PWNED BEL ESC[2J ESC[31mRED`, cleared the
screen, turned it red and retitled the terminal when the edit form opened. What is checked
here is the frame as Textual sends it to the terminal (the text of every segment the
compositor renders), for each widget that shows data; in fields each control is one
visible cell (ESC as ␛), elsewhere it is spelled out (\\x1b).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.cells import cell_len
from textual import events
from textual.widgets import Input, TextArea

from tests.tui.conftest import make_app
from tests.tui.helpers import palette_offers, until
from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Source, Status, When
from tracker.store.db import open_db
from tracker.store.meetings import get_meeting
from tracker.store.queries import MeetingQuery
from tracker.tui.screens.duplicate import DuplicateWarning
from tracker.tui.screens.meeting_form import MeetingForm

SIZE = (120, 40)
# What must never be sent to a terminal as text: C0 but newline, DEL, C1, bidi overrides.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
DAY = dt.date(2023, 3, 19)


def frame(app) -> str:
    """The current frame as the terminal receives it: the text of every rendered segment."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_nothing_obeyed(app) -> str:
    shown = frame(app)
    found = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(shown)})
    assert not found, f"{type(app.screen).__name__} sends raw control characters to the terminal: {found}"
    return shown


@pytest.fixture
def controls(hostile_strings) -> dict[str, str]:
    """The fixture's strings with control characters or line breaks, by what they hold."""
    pick = lambda word: next(s for s in hostile_strings if word in s)  # noqa: E731
    return {
        "evil": pick("PWNED"),
        "c0": pick("C0: "),
        "c1": pick("C1 controls"),
        "bidi": pick("\u202e"),
        "lines": pick("line one"),
        "separators": pick("\u2028"),
        "pictures": pick("control pictures typed"),
        "ansi": pick("\x1b[31mred"),
    }


@pytest.fixture
def evil_path(db_path, controls):
    """The seed, and a meeting whose every text field holds control characters."""
    db = open_db(db_path)
    c = controls
    notes = "\n".join(c.values()) + "\r\nwindows line\x0bvertical tab"
    add_meeting(
        db,
        Meeting(
            title=c["evil"],
            when=When(DAY, DAY, Precision.DAY, f"19 March 2023 {c['ansi']}"),
            status=Status.HELD,
            city=c["c1"],
            venue=c["bidi"],
            participants=[Participant(f"Envoy {c['ansi']}", "TUR", Role.HOST, c["c0"]), Participant(None, "SYR", Role.VISITOR, c["pictures"])],
            topics=[c["bidi"].strip()],
            summary=c["separators"],
            outcome=c["lines"],
            notes=notes,
            sources=[Source(title=c["evil"], url="https://example.com/a", quote=c["lines"])],
        ),
    )
    db.close()
    return db_path


def evil_id(path) -> int:
    """The hostile meeting: the last one added."""
    db = open_db(path)
    try:
        return max(row[0] for row in db.execute("SELECT id FROM meetings"))
    finally:
        db.close()


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_form(pilot) -> MeetingForm:
    await settle(pilot)
    await pilot.press("e")  # the newest meeting is under the cursor: the hostile one
    await settle(pilot)
    assert isinstance(pilot.app.screen, MeetingForm)
    return pilot.app.screen


def stored_fields(m: Meeting) -> tuple:
    s = m.sources[0]
    return (m.title, m.when.text, m.city, m.venue, m.topics, m.summary, m.outcome, m.notes,
            [(p.name, p.country, p.role, p.title) for p in m.participants], (s.title, s.url, s.quote))  # fmt: skip


# ---------------------------------------------------------------- the edit form


async def test_the_edit_form_shows_each_control_character_as_one_visible_cell(evil_path, controls):
    async with make_app(evil_path).run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        shown = assert_nothing_obeyed(pilot.app)
        title = form.query_one("#title", Input)
        assert title.value == "Evil ␛]0;PWNED␇ ␛[2J␛[31mRED"
        assert "Evil ␛]0;PWNED␇ ␛[2J␛[31mRED" in shown
        # One cell a character: the cursor at the end is right after the last letter.
        assert cell_len(title.value) == len(title.value) == len(controls["evil"])
        assert "Edit meeting #" in shown and "Evil \\x1b]0;PWNED\\x07" in shown  # the heading spells it out
        assert form.query_one("#city", Input).value == "C1 controls: �31m � ␡"
        assert "␛[31mred" in shown  # the participant's name and the When field
        stored_notes = get_meeting(pilot.app.db, evil_id(evil_path)).notes
        assert form.query_one("#notes", TextArea).text.count("\n") == stored_notes.count("\n")  # no other line break


async def test_saving_the_form_unchanged_keeps_every_stored_byte(evil_path):
    db = open_db(evil_path)
    before = get_meeting(db, evil_id(evil_path))
    async with make_app(evil_path).run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert not form.is_changed()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MeetingForm)
    assert stored_fields(get_meeting(db, evil_id(evil_path))) == stored_fields(before)


async def test_leaving_the_unchanged_form_does_not_ask_to_discard(evil_path):
    async with make_app(evil_path).run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "MeetingsScreen"


async def test_an_edit_keeps_the_control_characters_around_it_and_a_paste_is_shown_not_obeyed(evil_path, controls):
    db = open_db(evil_path)
    notes = get_meeting(db, evil_id(evil_path)).notes
    async with make_app(evil_path).run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("end", "space", "o", "k")
        city = form.query_one("#city", Input)
        city.focus()
        await pilot.pause()
        await pilot.press("end")
        city.post_message(events.Paste(" \x1b[5mblink"))
        form.query_one("#notes", TextArea).focus()
        await pilot.pause()
        await pilot.press("down", "end", "!")
        await pilot.pause()
        assert "␛[5mblink" in assert_nothing_obeyed(pilot.app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = get_meeting(db, evil_id(evil_path))
    assert saved.title == controls["evil"] + " ok"
    assert saved.city == controls["c1"] + " \x1b[5mblink"  # what was pasted is stored as pasted
    first, rest = notes.split("\n", 1)
    second, rest = rest.split("\n", 1)
    assert saved.notes == f"{first}\n{second}!\n{rest}"  # after the second line's DEL, every other byte kept


# ---------------------------------------------------------------- every other view


async def meetings_view(pilot):
    await settle(pilot)
    return ["Evil \\x1b]0;PWNED"]


async def people_view(pilot):
    await pilot.press("2")
    await settle(pilot)
    return ["Envoy \\x1b[31mred"]


async def countries_view(pilot):
    await pilot.press("3")
    await settle(pilot)
    return []


async def timeline_with_a_hostile_person_filter(pilot):
    await settle(pilot)
    pilot.app.meeting_query = MeetingQuery(person="Envoy \x1b[31mred")
    await pilot.press("4")
    await settle(pilot)
    return ["person: Envoy \\x1b[31mred"]


async def search_box_holding_an_escape(pilot):
    await settle(pilot)
    pilot.app.meeting_query = MeetingQuery(search="Evil \x1b[2J")
    await settle(pilot)
    return ["Evil ␛[2J"]


async def filters_with_a_hostile_person(pilot):
    await settle(pilot)
    pilot.app.meeting_query = MeetingQuery(person="Envoy \x1b[31mred")
    await pilot.press("f")
    await settle(pilot)
    return ["Envoy ␛[31mred"]


async def palette_finding_the_meeting(pilot):
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Evil")
    await until(pilot, lambda: palette_offers(pilot.app, "Meeting: Evil"))
    await settle(pilot)
    return ["Meeting: Evil \\x1b]0;PWNED"]


async def help_screen(pilot):
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)
    return ["Keys of the Meetings view"]


async def delete_question(pilot):
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)
    return ["Delete meeting", "Evil \\x1b]0;PWNED"]


async def notification_of_an_undo(pilot):
    await settle(pilot)
    await pilot.press("d", "y")
    await settle(pilot)
    await pilot.press("u")
    await settle(pilot)
    return ["Restored deleted meeting", "Evil \\x1b]0;PWNED"]


async def duplicate_warning(pilot):
    await settle(pilot)
    await pilot.app.push_screen(DuplicateWarning([get_meeting(pilot.app.db, evil_id(pilot.app.path))]))
    await settle(pilot)
    return ["This may be the same meeting as", "Evil \\x1b]0;PWNED"]


async def review_of_a_hostile_article(pilot):
    folder = pilot.app.path.parent
    article = folder / "moscow \x1b]0;owned\x07.txt"
    article.write_text(
        "MOSCOW, March 15 (Reuters) - Turkish Deputy Foreign Minister Burak Akçapar \x1b[2J met "
        "Russian Deputy Foreign Minister Mikhail Bogdanov \x9b31m in Moscow on Wednesday \u202eevil, "
        "the ministry said.\n",
        encoding="utf-8",
    )
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    pilot.app.screen.query_one("#article-path", Input).value = str(article)
    await pilot.press("enter")
    await settle(pilot)
    return ["moscow \\x1b]0;owned\\x07.txt"]


VIEWS = [
    meetings_view, people_view, countries_view, timeline_with_a_hostile_person_filter, search_box_holding_an_escape,
    filters_with_a_hostile_person, palette_finding_the_meeting, help_screen, delete_question, notification_of_an_undo,
    duplicate_warning, review_of_a_hostile_article,
]  # fmt: skip


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.__name__)
async def test_no_stored_control_character_reaches_the_terminal(evil_path, view):
    async with make_app(evil_path).run_test(size=SIZE, notifications=True) as pilot:
        expected = await view(pilot)
        shown = assert_nothing_obeyed(pilot.app)
        for text in expected:
            assert text in shown, f"{text!r} is not on the screen of {type(pilot.app.screen).__name__}"
