"""The people view: each person, their country, how many meetings; enter shows their meetings.

`a` gives the selected person an alias, `m` merges another person into them, `c` corrects
their country; each is one change of the log, which `u` undoes and `U` redoes here as in
the Meetings view.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker.actions.people import add_person_alias, change_person_country, merge_people
from tracker.model import Person
from tracker.store.completion import people_matching
from tracker.store.errors import StoreError
from tracker.store.people import find_person, get_person, list_countries
from tracker.store.queries import MeetingQuery, PersonRow, people_by_meetings, people_count
from tracker.tui import STYLES
from tracker.tui.screens.live import LiveView, keeping_cursor, key_of
from tracker.tui.screens.view import TakesBack, View
from tracker.tui.text import one_line

SHOWN = 2000  # a dataset of a million meetings has tens of thousands of people: the busiest first


class PeopleScreen(TakesBack, LiveView, View):
    CSS_PATH = STYLES / "views.tcss"
    VIEW = "people"
    BINDINGS = [
        Binding("enter", "open", "Their meetings", id="people.open"),
        # Priority, as every letter of a view (see View): acted on in the order typed.
        Binding("a", "alias", "Alias", priority=True, id="people.alias"),
        Binding("m", "merge", "Merge", priority=True, id="people.merge"),
        Binding("c", "country", "Country", priority=True, id="people.country"),
        Binding("u", "undo", "Undo", priority=True, id="people.undo"),
        Binding("U", "redo", "Redo", show=False, priority=True, id="people.redo"),  # the footer's room at 80 columns
        Binding("ctrl+y", "redo", "Redo", show=False, priority=True, id="people.redo_ctrl"),
    ]

    def compose(self):
        yield Static("Loading people…", id="people-bar", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="people-table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # 36 + 22 + 9 and a cell's padding each side: the count still shows at 80 columns.
        table.add_column("Name", key="name", width=36)
        table.add_column("Country", key="country", width=22)
        table.add_column("Meetings", key="meetings", width=9)
        table.focus()
        self.reload()

    def reload(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True)

    def _load(self) -> None:
        with self.app.reader() as db:
            rows, total = people_by_meetings(db, limit=SHOWN), people_count(db)
        self.app.call_from_thread(self._loaded, rows, total)

    def _loaded(self, rows: list[PersonRow], total: int) -> None:
        table = self.query_one(DataTable)
        names = self.app.country_names
        with keeping_cursor(table):
            for r in rows:
                country = names.get(r.country or "", r.country or "—")
                table.add_row(Text(one_line(r.name)), Text(one_line(country)), Text(f"{r.meetings:,}", justify="right"), key=str(r.id))
        shown = f"the {len(rows):,} with most meetings of " if total > len(rows) else ""
        self.query_one("#people-bar", Static).update(f"{shown}{total:,} people · enter: their meetings · a alias · m merge · c country")

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = key_of(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)
            self.app.show_meetings(MeetingQuery(person_id=int(key)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.show_meetings(MeetingQuery(person_id=int(key_of(event.row_key))))

    # ------------------------------------------------------------ changing people

    def _selected(self) -> Person | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify("No person selected", markup=False)
            return None
        key = key_of(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)
        try:
            return get_person(self.app.db, int(key))
        except StoreError as e:  # gone since the list was drawn (another process merged them)
            self.app.report(e)
            return None

    def _ask(self, question: str, field, change, hint=lambda text: "") -> None:
        from tracker.tui.screens.person_change import PersonChangeScreen

        def done(message: str | None) -> None:
            if message:
                self._changed(message + " · u undoes it")

        self.app.push_screen(PersonChangeScreen(question, field, change, hint), done)

    def _changed(self, message: str) -> None:
        self.notify(message[:1].upper() + message[1:], markup=False, timeout=8)
        self.app.data_changed()  # names and counts change in every view, not only here

    def action_alias(self) -> None:
        if (person := self._selected()) is None:
            return
        from tracker.tui.widgets.stored_text import StoredInput

        self._ask(
            f"Another spelling of {person.name}",
            StoredInput(placeholder="as a source writes it: Sergey Viktorovich Lavrov, Lavrov S.", id="person-change-field", max_length=500),
            lambda db, text: add_person_alias(db, person.id, text, self.app.origin),
            lambda text: f"{person.name} will also be found as {text.strip()!r}" if text.strip() else "",
        )

    def action_merge(self) -> None:
        if (person := self._selected()) is None:
            return
        from tracker.tui.widgets.completion import PersonInput

        db = self.app.db

        def merge(writer, text: str) -> str:
            return merge_people(writer, person.id, find_person(writer, text, besides=person.id).id, self.app.origin)

        def hint(text: str) -> str:
            if not text.strip():
                return ""
            found = [m for m in people_matching(db, text, 3) if m.id != person.id]
            if not found:
                return "nobody else is known by that name"
            first = found[0]
            more = " · others match too: type more, or an id" if len(found) > 1 and not first.exact else ""
            return f"→ {first.name}{' (' + first.country + ')' if first.country else ''}, id {first.id}{more}"

        self._ask(
            f"Merge another person into {person.name}, who is kept: the other's meetings move here, their names become aliases",
            PersonInput(db, "", besides=person.id, placeholder="the other person: a name, an alias or an id", id="person-change-field"),
            merge,
            hint,
        )

    def action_country(self) -> None:
        if (person := self._selected()) is None:
            return
        from tracker.tui.widgets.completion import CountrySuggester, country_hint
        from tracker.tui.widgets.stored_text import StoredInput

        db, names = self.app.db, self.app.country_names
        now = f"{names.get(person.country, person.country)} ({person.country})" if person.country else "unknown"

        def change(writer, text: str) -> str:
            if not text.strip():
                raise StoreError("type a country (Türkiye, TUR, UN), or - for unknown")
            return change_person_country(writer, person.id, None if text.strip() == "-" else text, self.app.origin)

        self._ask(
            f"Country of {person.name} (now {now}); their meetings keep the country they were listed under",
            StoredInput(placeholder="Türkiye, TUR, UN… or - for unknown", suggester=CountrySuggester(list_countries(db)), id="person-change-field"),
            change,
            lambda text: "unknown" if text.strip() == "-" else country_hint(db, text, names)[0],
        )

    def taken_back(self, message: str) -> None:
        self._changed(message)
