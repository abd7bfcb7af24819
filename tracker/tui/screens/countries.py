"""The countries view: each country with its meetings, who it met most, and its latest meetings."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from tracker.model import Country
from tracker.store.people import list_countries
from tracker.store.queries import MeetingQuery, page, partners
from tracker.tui import STYLES
from tracker.tui.screens.live import LiveView, keeping_cursor, key_of
from tracker.tui.screens.view import View
from tracker.tui.text import one_line


class CountriesScreen(LiveView, View):
    CSS_PATH = STYLES / "views.tcss"
    VIEW = "countries"
    BINDINGS = [Binding("enter", "open", "Its meetings", id="countries.open")]

    def compose(self):
        yield Static("Loading countries…", id="countries-bar", markup=False)
        with Horizontal(id="countries-body"):
            yield DataTable(cursor_type="row", zebra_stripes=True, id="countries-table")
            with VerticalScroll(id="country-detail"):
                yield Static(id="country-body", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Code", key="code", width=6)
        table.add_column("Country", key="name", width=24)
        table.add_column("Meetings", key="meetings", width=9)
        table.focus()
        self.reload()

    def reload(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True)

    def _load(self) -> None:
        with self.app.reader() as db:
            countries = list_countries(db, with_meetings_only=True)
        self.app.call_from_thread(self._loaded, countries)

    def _loaded(self, countries: list[Country]) -> None:
        table = self.query_one(DataTable)
        with keeping_cursor(table):
            for c in countries:
                table.add_row(Text(one_line(c.code)), Text(one_line(c.name)), Text(f"{c.meeting_count:,}", justify="right"), key=c.code)
        self.query_one("#countries-bar", Static).update(f"{len(countries):,} countries and organizations with meetings · enter: its meetings")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self.show_country(event.row_key.value)

    def show_country(self, code: str) -> None:
        db, names = self.app.db, self.app.country_names
        parts: list = [Content.styled(one_line(f"{names.get(code, code)} ({code})") + "\n", "bold"), Content.styled("\nMet most\n", "bold $accent")]
        met = partners(db, code)
        parts += [Content.assemble((f"{n:>6,}  ", "$text-muted"), one_line(f"{name} ({other})"), "\n") for other, name, n in met] or ["no other country yet\n"]
        parts.append(Content.styled("\nLatest meetings\n", "bold $accent"))
        for row in page(db, MeetingQuery(countries=(code,)), limit=12):
            parts.append(Content.assemble((f"{row.when.label():<16}", "$text-muted"), one_line(row.title), "\n"))
        self.query_one("#country-body", Static).update(Content.assemble(*parts))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = key_of(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)
            self.app.show_meetings(MeetingQuery(countries=(key,)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.show_meetings(MeetingQuery(countries=(key_of(event.row_key),)))
