"""The duplicate warning: the meeting being saved may already be stored.

Answers: `o` open that one (the form switches to editing it as stored, with what was typed
in When, Status and the source, so a postponement is recorded as its history), `s` save anyway,
`escape` back to the form. Dismisses with "open", "save" or None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.model import Meeting
from tracker.tui import STYLES
from tracker.tui.text import one_line


def meeting_line(m: Meeting) -> str:
    countries = ", ".join(m.countries)
    return one_line(f"#{m.id} {m.title} ({m.when.describe()}, {m.status}{', ' + countries if countries else ''})")


class DuplicateWarning(ModalScreen[str | None]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        Binding("o", "answer('open')", "Open that one", id="duplicate.open"),
        Binding("s", "answer('save')", "Save anyway", id="duplicate.save"),
        Binding("escape", "answer(None)", "Back to the form", id="duplicate.back"),
    ]

    def __init__(self, candidates: list[Meeting]):
        super().__init__()
        self.candidates = candidates

    def compose(self) -> ComposeResult:
        first, others = self.candidates[0], self.candidates[1:]
        with Vertical():
            yield Static(Content(f"This may be the same meeting as {meeting_line(first)}"), id="duplicate-question")
            for m in others:
                yield Static(Content(f"or as {meeting_line(m)}"), classes="duplicate-other")
            yield Static(
                Content.from_markup(
                    "[b]o[/b] open #$id to update it (what you typed comes along)   [b]s[/b] save as a new meeting   [b]esc[/b] back",
                    id=str(first.id),
                ),
                id="duplicate-keys",
            )

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
