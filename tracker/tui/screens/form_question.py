"""A yes/no question the meeting form asks: discard changes? restore a draft?

`y` answers yes, `n` or `escape` no.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui import STYLES
from tracker.tui.text import literal


class FormQuestion(ModalScreen[bool]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="form_question.yes"),
        Binding("n,escape", "answer(False)", "No", id="form_question.no"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "yes", no: str = "no"):
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(literal(self.question)), id="question")
            if self.detail:
                yield Static(Content(literal(self.detail)), id="detail")
            yield Static(Content.from_markup("[b]y[/b] $yes   [b]n[/b] $no", yes=literal(self.yes), no=literal(self.no)), id="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConflictQuestion(ModalScreen[str | None]):
    """A field the user changed that someone else changed too, meanwhile: which value stays.

    `y` keeps the user's, `t` the one stored now (theirs), `escape` goes back to the form, nothing saved.
    """

    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer('mine')", "Keep yours", id="conflict.mine"),
        Binding("t", "answer('theirs')", "Keep theirs", id="conflict.theirs"),
        Binding("escape", "answer(None)", "Back to the form", id="conflict.back"),
    ]

    def __init__(self, field: str, by: str, mine: str, theirs: str):
        super().__init__()
        self.field, self.by, self.mine, self.theirs = field, by, mine, theirs

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(literal(f"{self.field.capitalize()} was changed meanwhile by {self.by}, and by you.")), id="question")
            yield Static(Content(literal(f"Yours:  {self.mine}\nTheirs: {self.theirs}")), id="detail")
            yield Static(Content.from_markup("[b]y[/b] keep yours   [b]t[/b] keep theirs   [b]esc[/b] back to the form, nothing saved"), id="keys")

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
