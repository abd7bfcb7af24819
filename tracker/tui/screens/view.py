"""What the views (tui/views.py: Meetings, People, Countries, Timeline) share: their one-letter keys.

`q`, the views' number keys and `f` are bound here, not on the app: in a form or a dialog, whatever has
focus (a field, a status list, a button), a letter is typed or ignored, never a command
that quits or switches the view.

A view's letters are priority bindings: the app acts on each as it reads it, before it
sends on the keys typed behind it, so a burst ("3eu", a title pasted right after `n`) is
acted on in the order typed, each key on the screen the previous one opened. While a text
field (the search box) has focus, every key that types a character is typed in it, `/`
included: the field takes those keys out of the bindings (widgets/stored_text.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from tracker.actions.undo import AsksFirst, TakenBack, can_redo, redo, undo
from tracker.store.errors import StoreError
from tracker.store.queries import MeetingQuery
from tracker.tui.text import one_line
from tracker.tui.views import VIEWS
from tracker.tui.writing import write_in_background

if TYPE_CHECKING:  # the app loads the views, not the other way round (tests/test_import_circles.py)
    from textual import getters

    from tracker.store.db import Database
    from tracker.tui.app import TrackerApp

VIEW_KEYS = Binding.Group("Views")


class View(Screen):
    if TYPE_CHECKING:  # as Textual types its own `app`: the type checker knows db, today, meeting_query...
        app = getters.app(TrackerApp)
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True, id="app.quit"),
        *(Binding(v.key, f"view('{v.mode}')", v.name, group=VIEW_KEYS, priority=True, id=f"app.view_{v.mode}") for v in VIEWS),
        Binding("f", "filters", "Filters", priority=True, id="app.filters"),
    ]

    def on_mount(self) -> None:
        # The footer is a widget for every key shown, some 40 ms of a 0.3 s start: the view's
        # first frame (its rows) goes out without it, and it docks at the bottom right after.
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        await self.mount(Footer(compact=True))
        self.refresh_bindings()  # the footer shows the keys when told of them, and it came after

    async def action_quit(self) -> None:
        await self.app.action_quit()

    async def action_view(self, name: str) -> None:
        # Awaited: the keys typed behind `3` go to the Countries view once it is there.
        await self.app.switch_mode(name)

    def action_filters(self) -> None:
        self.app.action_filters()


class QueryView(View):
    """A view of the meetings the app's search and filters select (Meetings, Timeline):
    it shows them again whenever they change, the way they changed (typed, a filter, a row opened)."""

    def on_mount(self) -> None:
        self.watch(self.app, "meeting_query", self._query_set, init=False)

    def _query_set(self, query: MeetingQuery) -> None:
        # A view out of sight (another mode's, under a form) catches up when shown again (on_screen_resume).
        if self.is_current:
            self.query_changed()

    def query_changed(self, select: int | None = None) -> None:
        """Show the app's current meeting_query; the cursor on meeting `select` if it is among them."""
        raise NotImplementedError


# What TakesBack is mixed into, for the type checker only: at run time it stays a plain mixin, the views' classes as they were.
if TYPE_CHECKING:
    _Taking = View
else:
    _Taking = object


class TakesBack(_Taking):
    """Undo and redo in a view whose changes are in the log (Meetings, People): this run of the
    app's own changes (actions.undo), never another process's. A bulk change (a merge) is
    taken back only after asking.

    Mixed into the view's Screen, which binds its keys (u, U, ctrl+y) and says in `taken_back`
    what follows a change taken back."""

    def action_undo(self) -> None:
        self._take_back(lambda db: undo(db, self.app.origin, confirmed=False), "U redoes it")

    def action_redo(self) -> None:
        self._take_back(lambda db: redo(db, self.app.origin), "u undoes it again", redoing=True)

    def _take_back(self, change: Callable[[Database], TakenBack], then: str, *, redoing: bool = False) -> None:
        """Undo or redo one change (behind an import, once it ends); say which, and the one key that reverses it."""

        def done(taken: TakenBack) -> None:
            again = f" · {then}" if redoing or can_redo(self.app.db, self.app.origin) else ""
            self.taken_back(taken.message + again)

        def failed(e: StoreError) -> None:
            if not isinstance(e, AsksFirst):
                self.app.report(e)
                return
            from tracker.tui.screens.confirm import ConfirmScreen

            change_id, question = e.change.id, one_line(str(e)[:1].upper() + str(e)[1:]) + " It touches several meetings or people."

            def answered(yes: bool | None) -> None:
                if yes:
                    self._take_back(lambda db: undo(db, self.app.origin, change_id), then)

            self.app.push_screen(ConfirmScreen(question), answered)

        what = "redone" if redoing else "undone"
        write_in_background(self, self.app.db, change, done, failed=failed, when_free=f"the change will be {what} when it ends")

    def taken_back(self, message: str) -> None:
        raise NotImplementedError
