"""What the views (tui/views.py: Meetings, People, Countries, Timeline) share: their one-letter keys.

`q`, the views' number keys and `f` are bound here, not on the app: in a form or a dialog, whatever has
focus (a field, a status list, a button), a letter is typed or ignored, never a command
that quits or switches the view.

A view's letters are priority bindings: the app acts on each as it reads it, before it
sends on the keys typed behind it, so a burst ("3eu", a title pasted right after `n`) is
acted on in the order typed, each key on the screen the previous one opened. While a text
field (the search box) has focus, they are letters typed in it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input

from tracker.store.changes import can_redo, redo, undo
from tracker.tui.views import VIEWS
from tracker.tui.writing import write_in_background

VIEW_KEYS = Binding.Group("Views")


class View(Screen):
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True, id="app.quit"),
        *(Binding(v.key, f"view('{v.mode}')", v.name, group=VIEW_KEYS, priority=True, id=f"app.view_{v.mode}") for v in VIEWS),
        Binding("f", "filters", "Filters", priority=True, id="app.filters"),
    ]
    # The actions bound to one letter: typed instead while a text field has focus.
    LETTER_ACTIONS = frozenset({"quit", "view", "filters"})

    def on_mount(self) -> None:
        # The footer is a widget for every key shown, some 40 ms of a 0.3 s start: the view's
        # first frame (its rows) goes out without it, and it docks at the bottom right after.
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        await self.mount(Footer(compact=True))
        self.refresh_bindings()  # the footer shows the keys when told of them, and it came after

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.LETTER_ACTIONS and isinstance(self.focused, Input))

    async def action_quit(self) -> None:
        await self.app.action_quit()

    async def action_view(self, name: str) -> None:
        # Awaited: the keys typed behind `3` go to the Countries view once it is there.
        await self.app.switch_mode(name)

    def action_filters(self) -> None:
        self.app.action_filters()


class TakesBack:
    """Undo and redo in a view whose changes are in the log (Meetings, People: the log is one).

    Mixed into the view's Screen, which binds its keys (u, U, ctrl+y) and says in `taken_back`
    what follows a change taken back."""

    def action_undo(self) -> None:
        self._take_back(undo, "U redoes it")

    def action_redo(self) -> None:
        self._take_back(redo, "u undoes it again")

    def _take_back(self, change, then: str) -> None:
        """Undo or redo one change (behind an import, once it ends); say which, and the one key that reverses it."""

        def done(message: str) -> None:
            again = f" · {then}" if change is redo or can_redo(self.app.db) else ""
            self.taken_back(message + again)

        what = "undone" if change is undo else "redone"
        write_in_background(self, self.app.db, change, done, when_free=f"the change will be {what} when it ends")

    def taken_back(self, message: str) -> None:
        raise NotImplementedError
