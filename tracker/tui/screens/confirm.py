"""A yes/no question: `y` answers yes, `n` or `escape` no."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tracker.tui import STYLES
from tracker.tui.text import literal


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False, id="confirm.escape"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self):
        with Vertical(id="confirm-box"):
            yield Static(Content(literal(self.question)), id="confirm-question")
            yield Static(Content.from_markup("[b]y[/b] yes    [b]n[/b] / [b]esc[/b] no"), id="confirm-keys")
        yield Footer(compact=True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
