"""The People view: an alias, a merge, a country, from the keyboard; undone with u."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app
from tests.tui.helpers import toasts
from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.store.db import open_db
from tracker.store.people import find_person, list_people
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.person_change import PersonChangeScreen

SIZE = (120, 40)


@pytest.fixture
def lavrovs_path(db_path):
    db = open_db(db_path)
    for title, day, name in (("Lavrov meets Fidan", "2023-04-05", "Sergey Lavrov"), ("Lavrov in Moscow", "2023-05-01", "Sergei Lavrov")):
        d = dt.date.fromisoformat(day)
        add_meeting(db, Meeting(title=title, when=When(d, d, Precision.DAY, day), status=Status.HELD, participants=[Participant(name, "RUS", Role.HOST)]))
    db.close()
    return db_path


def names(table: DataTable) -> list[str]:
    return [str(getattr(table.get_row_at(i)[0], "plain", "")) for i in range(table.row_count)]


async def open_people(pilot, select: str):
    await pilot.press("2")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    table = pilot.app.screen.query_one(DataTable)
    while names(table)[table.cursor_row] != select:
        await pilot.press("down")
    return table


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def test_m_merges_the_person_picked_with_completion_and_u_undoes_it(lavrovs_path):
    async with make_app(lavrovs_path).run_test(size=SIZE) as pilot:
        table = await open_people(pilot, "Sergei Lavrov")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PersonChangeScreen)
        await pilot.press(*"Lavr")  # the kept Sergei is not offered: the other Lavrov is
        await pilot.pause()
        assert "→ Sergey Lavrov (RUS)" in text_of(pilot, "#person-change-hint")
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PersonChangeScreen)
        assert any(t.startswith("Merged Sergey Lavrov") and "u undoes it" in t for t in toasts(pilot.app))
        assert "Sergey Lavrov" not in names(table)
        assert names(table)[table.cursor_row] == "Sergei Lavrov"  # the cursor stays on the kept person
        assert str(table.get_row_at(table.cursor_row)[2]).strip() == "2"
        await pilot.press("u")  # a merge touches several people's meetings: asked first
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen) and "Sergey Lavrov" in text_of(pilot, "#confirm-question")
        await pilot.press("y")
        await settle(pilot)
        assert any(t.startswith("Undid the merge of Sergey Lavrov") for t in toasts(pilot.app))
        assert "Sergey Lavrov" in names(table)
        await pilot.press("U")
        await settle(pilot)
        assert "Sergey Lavrov" not in names(table)
        # The old spelling finds the kept person's meetings in the Meetings view.
        await pilot.press("1", "slash", *"Sergey Lavrov", "enter")
        await settle(pilot)
        assert "2 meetings" in text_of(pilot, "#query-bar")


async def test_a_name_nobody_has_keeps_what_was_typed_and_says_why(lavrovs_path):
    async with make_app(lavrovs_path).run_test(size=SIZE) as pilot:
        await open_people(pilot, "Sergei Lavrov")
        await pilot.press("m", *"Blinken", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PersonChangeScreen)
        assert pilot.app.screen.query_one("#person-change-field").value == "Blinken"
        assert "nobody is called 'Blinken'" in text_of(pilot, "#person-change-error")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PersonChangeScreen)
        assert len(list_people(pilot.app.db, search="Lavrov")) == 2


async def test_a_adds_an_alias_that_search_finds(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_people(pilot, "Hakan Fidan")
        await pilot.press("a", *"Hakan Fidanov", "enter")
        await settle(pilot)
        assert "Hakan Fidan is also known as 'Hakan Fidanov' now · u undoes it" in toasts(pilot.app)
        assert find_person(pilot.app.db, "Fidanov").name == "Hakan Fidan"
        # An alias that is someone else's name: refused, the dialog keeps it.
        await pilot.press("a", *"Hulusi Akar", "enter")
        await pilot.pause()
        assert "merge the two instead" in text_of(pilot, "#person-change-error")
        assert pilot.app.screen.query_one("#person-change-field").value == "Hulusi Akar"


async def test_c_corrects_the_country_with_completion_and_refuses_an_unknown_one(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        table = await open_people(pilot, "Hulusi Akar")
        await pilot.press("c", *"Narnia", "enter")
        await pilot.pause()
        assert "unknown country 'Narnia'" in text_of(pilot, "#person-change-error")
        field = pilot.app.screen.query_one("#person-change-field")
        field.value = ""
        await pilot.press(*"Syri")
        await pilot.pause()
        assert "Syria (SYR)" not in text_of(pilot, "#person-change-hint")  # "Syri" alone is no country yet
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "Syria" and "Syria (SYR)" in text_of(pilot, "#person-change-hint")
        await pilot.press("enter")
        await settle(pilot)
        assert find_person(pilot.app.db, "Hulusi Akar").country == "SYR"
        assert str(table.get_row_at(table.cursor_row)[1]) == "Syria"


async def test_the_keys_of_people_are_in_the_help_and_the_footer(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_people(pilot, "Hakan Fidan")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        keys = str(pilot.app.screen.query_one("#help-keys").render())
        for line in ("a", "Alias"), ("m", "Merge"), ("c", "Country"), ("u", "Undo"), ("U", "Redo"):
            assert any(row.split()[:2] == list(line) for row in keys.splitlines()), line
