"""A one-field question of the People view: an alias, the person to merge in, a country.

Enter makes the change through the core (behind an import, when it ends: tui/writing.py,
the dialog says so meanwhile); when the core refuses (an unknown country, a name
that fits several people), the dialog stays with what was typed and says why. Its answer is
what was done, in words, for the view to show; escape leaves with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from tracker.store.errors import StoreError
from tracker.tui import STYLES
from tracker.tui.screens.fields import FIELD_KEYS, FieldKeys
from tracker.tui.text import one_line
from tracker.tui.writing import PendingWrite, write_in_background

if TYPE_CHECKING:
    from textual import getters

    from tracker.store.db import Database
    from tracker.tui.app import TrackerApp


class PersonChangeScreen(FieldKeys, ModalScreen[str | None]):
    if TYPE_CHECKING:  # as the views type theirs (screens/view.py): the app's db and report
        app = getters.app(TrackerApp)
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        *FIELD_KEYS,
        Binding("escape", "cancel", "Cancel", id="person_change.cancel"),
    ]

    def __init__(
        self,
        question: str,
        field: Input,
        change: Callable[[Database, str], str],
        hint: Callable[[str], str] = lambda text: "",
    ):
        """`change(db, text)` makes the change and says what it did, or raises StoreError; `hint(text)` says what the text is understood as."""
        super().__init__()
        self.question, self.field, self.change, self.hint = question, field, change, hint
        self.saving: PendingWrite | None = None

    def compose(self):
        with Vertical(id="person-change-box"):
            yield Static(Content.styled(one_line(self.question), "bold"), id="person-change-question")
            yield self.field
            yield Static("", id="person-change-hint", markup=False)
            yield Static("", id="person-change-error", markup=False)
            yield Static(Content.from_markup("[b]enter[/b] saves · [b]tab[/b] takes the suggestion · [b]esc[/b] cancels"), id="person-change-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.field.focus()

    @property
    def typed(self) -> str:
        return getattr(self.field, "stored", self.field.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#person-change-hint", Static).update(Content.styled(one_line(self.hint(self.typed)), "$text-muted"))
        self.query_one("#person-change-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.saving is not None and not self.saving.finished:
            return  # the first enter's change is waiting already
        typed = self.typed
        self.saving = write_in_background(self, self.app.db, lambda db: self.change(db, typed), self._done, failed=self._refused)

    def _done(self, said: str) -> None:
        if self.is_attached:
            self.dismiss(said)

    def _refused(self, error: StoreError) -> None:
        if not self.is_attached:
            self.app.report(error)
            return
        self.query_one("#person-change-error", Static).update(Content.styled("✗ " + one_line(error), "$error"))
        self.field.focus()

    def action_cancel(self) -> None:
        if self.saving is not None:
            self.saving.cancel()  # still waiting for the lock: nothing is changed
        self.dismiss(None)
