"""The people view: each person, their country, how many meetings; enter shows their meetings."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from tracker.store.queries import MeetingQuery, PersonRow, people_by_meetings, people_count
from tracker.tui.screens.live import LiveView, keeping_cursor
from tracker.tui.screens.view import View
from tracker.tui.text import one_line

SHOWN = 2000  # a dataset of a million meetings has tens of thousands of people: the busiest first


class PeopleScreen(LiveView, View):
    VIEW = "people"
    VIEW_TITLE = "the People view"
    BINDINGS = [Binding("enter", "open", "Their meetings", id="people.open")]

    def compose(self):
        yield Static("Loading people…", id="people-bar", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="people-table")
        yield Footer(compact=True)

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
        self.query_one("#people-bar", Static).update(f"{shown}{total:,} people · enter: their meetings · ctrl+p: find anyone")

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.app.show_meetings(MeetingQuery(person_id=int(key)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.show_meetings(MeetingQuery(person_id=int(event.row_key.value)))
