"""The When field: an input that says, as you type, what date it understood, or why it cannot."""

from __future__ import annotations

import datetime as dt
import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from tracker.model import When
from tracker.tui.text import one_line
from tracker.tui.widgets.stored_text import StoredInput

EXAMPLES = "15-16 March 2023, March 2023, tomorrow"
_YEAR = re.compile(r"\d{4}")


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def understood(text: str, as_of: dt.date, reference: str, kept: When | None = None) -> tuple[str, bool, When | None]:
    """What the field shows beside the typed text, whether it is a problem, and the When read.

    `kept` is the stored When of an edited meeting: its unchanged text is not read again.
    """
    from tracker.dates import DateError, parse_when

    text = text.strip()
    if not text:
        return f"e.g. {EXAMPLES}", False, None
    if kept is not None and text == kept.text:
        return kept.describe(), False, kept
    try:
        when = parse_when(text, as_of)
    except DateError as e:
        return str(e), True, None
    if _YEAR.search(text):
        return when.describe(), False, when
    # Without a year the date depends on the reference day: say which one was used.
    return f"{text} → {when.describe()}  (counted from {day_label(as_of)}, {reference})", False, when


class WhenInput(Horizontal):
    """Input#when and what it understood (`when`, None while it reads as no date); `set_reference`
    moves the day relative words count from."""

    def __init__(self, value: str, *, as_of: dt.date, reference: str, kept: When | None = None, id: str | None = None):
        super().__init__(id=id)
        self._value = value
        self.as_of = as_of
        self.reference = reference
        self.kept = kept
        self.when: When | None = None

    def compose(self) -> ComposeResult:
        yield StoredInput(self._value, placeholder=EXAMPLES, id="when", compact=True)
        yield Static(id="when-understood", markup=False)

    def on_mount(self) -> None:
        self.show_understood()

    @property
    def input(self) -> StoredInput:
        return self.query_one("#when", StoredInput)

    def set_reference(self, as_of: dt.date, reference: str) -> None:
        if (as_of, reference) != (self.as_of, self.reference):
            self.as_of, self.reference = as_of, reference
            self.show_understood()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "when":
            self.show_understood()

    def show_understood(self) -> None:
        value = self.input.stored
        message, problem, self.when = understood(value, self.as_of, self.reference, self.kept)
        label = self.query_one("#when-understood", Static)
        label.update(Content(("✗ " if problem else "") + one_line(message)))
        label.set_class(problem, "-problem")
        label.set_class(not value.strip(), "-idle")
