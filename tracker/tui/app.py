"""The tracker's terminal app: meetings (default), people, countries, timeline.

The database is opened (and seeded when new) before the terminal switches to the app,
so a StoreError reaches the CLI as one clear line, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tracker.seed import seed_if_new
from tracker.store.db import StoreError, open_db
from tracker.store.people import country_names
from tracker.store.queries import MeetingQuery
from tracker.tui.text import literal
from tracker.tui.screens.meetings import MeetingsScreen

VIEW_KEYS = Binding.Group("Views")
VIEWS = {"meetings": "Meetings", "people": "People", "countries": "Countries", "timeline": "Timeline"}


# The other views and the palette load when first asked for: their imports (DataTable,
# Sparkline, the palette's providers) are not on the path to the first frame.
def people_screen() -> Screen:
    from tracker.tui.screens.people import PeopleScreen

    return PeopleScreen()


def countries_screen() -> Screen:
    from tracker.tui.screens.countries import CountriesScreen

    return CountriesScreen()


def timeline_screen() -> Screen:
    from tracker.tui.screens.timeline import TimelineScreen

    return TimelineScreen()


def tracker_commands():
    from tracker.tui.commands import TrackerCommands

    return TrackerCommands


class TrackerApp(App[None]):
    TITLE = "Diplomatic meetings"
    CSS_PATH = "app.tcss"
    MODES = {"meetings": MeetingsScreen, "people": people_screen, "countries": countries_screen, "timeline": timeline_screen}
    DEFAULT_MODE = "meetings"
    COMMANDS = App.COMMANDS | {tracker_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        # In a form `?` is a character typed; F1 opens the help from anywhere.
        Binding("f1", "help", "Help", show=False, id="app.help_anywhere"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
        Binding("1", "view('meetings')", "Meetings", group=VIEW_KEYS, id="app.view_meetings"),
        Binding("2", "view('people')", "People", group=VIEW_KEYS, id="app.view_people"),
        Binding("3", "view('countries')", "Countries", group=VIEW_KEYS, id="app.view_countries"),
        Binding("4", "view('timeline')", "Timeline", group=VIEW_KEYS, id="app.view_timeline"),
        Binding("f", "filters", "Filters", id="app.filters"),
    ]

    def __init__(self, path: str | Path, *, today: dt.date | None = None):
        super().__init__()
        self.path = Path(path)
        self.today = today or dt.date.today()
        self.db = open_db(self.path)  # StoreError: the CLI prints it and exits
        seed_if_new(self.db)
        self.country_names = country_names(self.db)
        self.meeting_query = MeetingQuery()

    def on_ready(self) -> None:
        """The first frame is on screen: collect garbage again (launch() paused it for the start).

        Freezing first moves the objects of the start (Textual's classes, styles, the first
        page) out of the collector's sight, so later collections are short: no pause while scrolling.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    @contextlib.contextmanager
    def reader(self) -> Iterator[sqlite_utils.Database]:
        """A connection of its own for a background thread, closed after (sqlite3 connections are not shared mid-query)."""
        db = open_db(self.path)
        try:
            yield db
        finally:
            db.close()

    # ------------------------------------------------------------ the shared query

    def set_query(self, query: MeetingQuery) -> None:
        """The search and filters every view narrows by; the current view redraws."""
        self.meeting_query = query
        if hasattr(self.screen, "query_changed"):
            self.screen.query_changed()

    def show_meetings(self, query: MeetingQuery, meeting_id: int | None = None) -> None:
        """Open the meetings view on `query` (a person's or a country's meetings), optionally at one meeting."""
        self.meeting_query = query
        self.switch_mode("meetings")
        self.screen.query_changed(select=meeting_id)

    # ------------------------------------------------------------ actions

    def action_view(self, name: str) -> None:
        if self.current_mode != name:
            self.switch_mode(name)

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_filters(self) -> None:
        from tracker.tui.screens.filters import FilterScreen

        def apply(query: MeetingQuery | None) -> None:
            if query is not None:
                self.set_query(query)

        if not isinstance(self.screen, FilterScreen):
            self.push_screen(FilterScreen(self.db, self.meeting_query, today=self.today), apply)

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification passes here (a screen's notify calls the app's): messages quote
        stored titles and names, whose control characters are shown, not obeyed."""
        super().notify(literal(message), title=literal(title), **options)

    def report(self, error: StoreError) -> None:
        self.notify(str(error), severity="error", markup=False)
