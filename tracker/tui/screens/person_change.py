"""A one-field question of the People view: an alias, the person to merge in, a country.

Enter makes the change through the core; when the core refuses (an unknown country, a name
that fits several people), the dialog stays with what was typed and says why. Its answer is
what was done, in words, for the view to show; escape leaves with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from tracker.store.db import StoreError
from tracker.tui import STYLES
from tracker.tui.screens.fields import FIELD_KEYS, FieldKeys
from tracker.tui.text import one_line


class PersonChangeScreen(FieldKeys, ModalScreen[str | None]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        *FIELD_KEYS,
        Binding("escape", "cancel", "Cancel", id="person_change.cancel"),
    ]

    def __init__(
        self,
        question: str,
        field: Input,
        change: Callable[[str], str],
        hint: Callable[[str], str] = lambda text: "",
    ):
        """`change(text)` makes the change and says what it did, or raises StoreError; `hint(text)` says what the text is understood as."""
        super().__init__()
        self.question, self.field, self.change, self.hint = question, field, change, hint

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
        try:
            done = self.change(self.typed)
        except StoreError as e:
            self.query_one("#person-change-error", Static).update(Content.styled("✗ " + one_line(e), "$error"))
            self.field.focus()
            return
        self.dismiss(done)

    def action_cancel(self) -> None:
        self.dismiss(None)
