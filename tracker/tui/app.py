"""The tracker's terminal app: meetings (default), people, countries, timeline.

The database is opened (and seeded when new) before the terminal switches to the app,
so a StoreError reaches the CLI as one clear line, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sqlite3
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.reactive import var

from tracker.model import Origin, app_origin
from tracker.seed import seed_if_new
from tracker.store.consistency import open_refolded
from tracker.store.db import data_version, open_db
from tracker.store.errors import StoreError
from tracker.store.locks import not_waiting
from tracker.store.people import country_names
from tracker.store.queries import MeetingQuery
from tracker.store.settings import get_setting, set_settings
from tracker.tui import STYLES
from tracker.tui.text import literal
from tracker.tui.views import VIEWS

if TYPE_CHECKING:
    from tracker.store.db import Database

# How often the app looks for commits of other processes: a cheap PRAGMA, once a second.
POLL_OTHER_WRITERS = 1.0
# Kept in the file's settings table when the app quits, and taken back when it opens.
THEME, VIEW = "app.theme", "app.view"


# The other views (tui/views.py) and the palette load when first asked for: their imports
# (DataTable, Sparkline, the palette's providers) are not on the path to the first frame.
def tracker_commands():
    from tracker.tui.commands import TrackerCommands

    return TrackerCommands


class TrackerApp(App[None]):
    # The meetings view's styles come with the app's: a screen that brings styles of its own
    # makes Textual parse every style again, one more time on the way to the first frame.
    CSS_PATH = [STYLES / "app.tcss", STYLES / "meetings.tcss"]
    TITLE = "Diplomatic meetings"
    MODES = {v.mode: v.make_screen for v in VIEWS}
    DEFAULT_MODE = VIEWS[0].mode
    COMMANDS = App.COMMANDS | {tracker_commands}
    # The one-letter keys (q, 1-4, f) belong to the views (screens/view.py): elsewhere a letter is typed.
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        # In a form `?` is a character typed; F1 opens the help from anywhere.
        Binding("f1", "help", "Help", show=False, id="app.help_anywhere"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="app.reload"),
    ]

    # What every view reads, set once here; the views type `self.app` as this class (screens/view.py).
    path: Path
    today: dt.date  # the day the statuses and relative dates are reckoned from
    db: Database
    saved: Mapping[str, str | None]  # the theme and the view as the file keeps them
    country_names: dict[str, str]  # code -> name, of the countries known to the file
    # Why the app stopped on an error, in one line; launch() prints it and exits non-zero.
    failure: str | None
    # Counts the changes seen from other processes; each view knows which one it shows (screens/live.py).
    data_generation: int
    # This run of the app: its changes are the ones its `u` takes back (actions.undo).
    origin: Origin
    # The search and filters every view narrows by. The views that show meetings watch it
    # (screens/view.py: QueryView): set it, and the current view shows the meetings it selects.
    meeting_query: var[MeetingQuery] = var(MeetingQuery)

    def __init__(self, path: str | Path, *, today: dt.date | None = None):
        self.path = Path(path)
        self.today = today or dt.date.today()
        self.db = open_refolded(self.path)  # StoreError: the CLI prints it and exits
        seed_if_new(self.db)
        self.saved = {THEME: get_setting(self.db, THEME), VIEW: get_setting(self.db, VIEW)}
        if (view := self.saved[VIEW]) is not None and view in self.MODES:
            # Read by App.__init__: the first frame is that view's. Textual declares DEFAULT_MODE a
            # ClassVar, but it is the file's view here, so it is set on this instance before it is read.
            self.DEFAULT_MODE = view  # type: ignore[misc]
        super().__init__()
        self.country_names = country_names(self.db)
        self.origin = app_origin()
        self.failure = None
        self.data_generation = 0
        self._data_version = data_version(self.db)

    def on_mount(self) -> None:
        if (theme := self.saved[THEME]) is not None and theme in self.available_themes:
            self.theme = theme

    async def action_quit(self) -> None:
        self.remember_settings()
        self.exit()

    def remember_settings(self) -> None:
        """The theme and the view, for the next start; written only when they changed, and a
        file that cannot be written to (read-only, busy) just keeps the old ones."""
        now = {THEME: self.theme, VIEW: self.current_mode}
        if now != self.saved and self.failure is None:
            with contextlib.suppress(StoreError), not_waiting(self.db):  # behind an import: not worth a wait at quit
                set_settings(self.db, now)
                self.saved = now

    def on_ready(self) -> None:
        """The first frame is on screen: collect garbage again (launch() paused it for the start).

        Freezing first moves the objects of the start (Textual's classes, styles, the first
        page) out of the collector's sight, so later collections are short: no pause while scrolling.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        self.set_interval(POLL_OTHER_WRITERS, self._notice_other_writers)

    def _notice_other_writers(self) -> None:
        version = data_version(self.db)
        if version != self._data_version:
            self._data_version = version
            self.data_changed()

    def data_changed(self) -> None:
        """The file changed under us: every view shows it again, its cursor on the same item."""
        from tracker.tui.screens.live import LiveView

        self.country_names = country_names(self.db)
        self.data_generation += 1
        for screen in self.screen_stack:  # the current view and, under a dialog, its view
            if isinstance(screen, LiveView):
                screen.data_changed()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Database]:
        """A connection of its own for a background thread, closed after (sqlite3 connections are not shared mid-query)."""
        db = open_db(self.path)
        try:
            yield db
        finally:
            db.close()

    # ------------------------------------------------------------ the shared query

    def clear_query(self) -> None:
        self.meeting_query = MeetingQuery()

    def show_meetings(self, query: MeetingQuery, meeting_id: int | None = None) -> None:
        """Open the meetings view on `query` (a person's or a country's meetings), optionally at one meeting."""
        from tracker.tui.screens.meetings import MeetingsScreen

        # Set without telling the views: the view left behind need not count what it will not
        # show, and the meetings view is told below, with the meeting to put the cursor on.
        self.set_reactive(TrackerApp.meeting_query, query)
        self.switch_mode("meetings")
        if isinstance(self.screen, MeetingsScreen):  # else a form is open over it: it catches up when shown
            self.screen.query_changed(select=meeting_id)

    # ------------------------------------------------------------ actions

    def action_view(self, name: str) -> None:
        if self.current_mode != name:
            self.switch_mode(name)

    def action_reload(self) -> None:
        self.data_changed()
        self.notify("Reloaded from the file", timeout=2)

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_filters(self) -> None:
        from tracker.tui.screens.filters import FilterScreen

        def apply(query: MeetingQuery | None) -> None:
            if query is not None:
                self.meeting_query = query

        if not isinstance(self.screen, FilterScreen):
            self.push_screen(FilterScreen(self.db, self.meeting_query, today=self.today), apply)

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification passes here (a screen's notify calls the app's): messages quote
        stored titles and names, whose control characters are shown, not obeyed."""
        super().notify(literal(message), title=literal(title), **options)

    def report(self, error: StoreError) -> None:
        self.notify(str(error), severity="error", markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """An error nothing handled stops the app with one line for the user, never a traceback.

        A database that fails under the app (damaged by a crash, a disk or a careless copy)
        stops it at once: going on could write over what is still readable. Under Pilot
        (headless) other errors keep Textual's handling, so a test sees the exception.
        """
        cause = getattr(error, "error", error)  # a worker's WorkerFailed wraps the error
        if isinstance(cause, sqlite3.DatabaseError):
            self.failure = database_failure(self.path, cause)
        elif self.is_headless or os.environ.get("TRACKER_DEBUG"):
            super()._handle_exception(error)
            return
        else:
            self.failure = f"unexpected {type(cause).__name__}: {cause} (details in {crash_log(cause)})"
        self.exit(return_code=1)


def database_failure(path: Path, error: sqlite3.DatabaseError) -> str:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return (
            f"the database {path} is damaged ({error}); the app stopped and wrote nothing more. "
            f"Keep a copy of the file: `sqlite3 {path.name} .recover` can save what is readable"
        )
    return f"the database {path} stopped working ({error}); the app stopped; what was saved before is in the file"


def crash_log(error: Exception) -> Path:
    """The traceback, for a bug report, in the user's log folder (not on the user's screen)."""
    import platformdirs

    path = Path(platformdirs.user_log_dir("tracker", appauthor=False)) / "crash.log"
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            log.writelines(traceback.format_exception(error))
    return path
