"""A text area over stored text, as stored_text.StoredInput is an input: control characters
shown as one cell each, newlines kept; `stored` follows every edit."""

from __future__ import annotations

from functools import partial

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from tracker.text import from_field, to_field


class StoredTextArea(TextArea):
    """A TextArea whose `stored` is the text to store; `text` is what it shows (newlines kept)."""

    def __init__(self, stored: str = "", **kwargs):
        super().__init__(to_field(stored, lines=True), **kwargs)
        self._stored = stored

    @property
    def stored(self) -> str:
        return self._stored

    @stored.setter
    def stored(self, text: str) -> None:
        self.load_text(text)

    def load_text(self, text: str) -> None:
        super().load_text(to_field(text, lines=True))
        self._stored = text

    # Every change of the document is one of these: an edit (typed, pasted, cut), undo, redo.
    def edit(self, edit: Edit) -> EditResult:
        edit.text = to_field(edit.text, lines=True)
        return self._following(partial(super().edit, edit))

    def undo(self) -> None:
        self._following(super().undo)

    def redo(self) -> None:
        self._following(super().redo)

    def _following(self, change):
        before = self.text
        result = change()
        self._stored = from_field(before, self.text, self._stored, lines=True)
        return result
