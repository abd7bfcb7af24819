"""Inputs and text areas over stored text: control characters shown, never sent to the terminal.

Textual draws a field's text as it is, so an ESC in a stored title would reach the
terminal as an escape sequence when the form opens (or when one is pasted). Here each
control character is one visible cell (tracker.text.to_field: ESC as ␛), and `stored`
follows every edit (tracker.text.from_field): an unedited field is saved byte for byte.
"""

from __future__ import annotations

from functools import partial

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from tracker.text import from_field, to_field


class StoredInput(Input):
    """An Input whose `stored` is the text to store; `value` is what it shows.

    In a form, Tab takes the grey suggestion before it moves on (screens/fields.py): "Russ"
    then Tab is Russia, not an unknown "Russ" (→ takes it too, and stays).
    """

    def __init__(self, stored: str = "", **kwargs):
        self._stored = ""
        super().__init__(stored, **kwargs)
        self._stored = stored

    def validate_value(self, value: str) -> str:
        """Every change of the value (typed, pasted, completed, set) passes here."""
        shown = to_field(value)
        self._stored = from_field(self.value, shown, self._stored)
        return shown

    @property
    def stored(self) -> str:
        return self._stored

    @stored.setter
    def stored(self, text: str) -> None:
        self.value = text
        self._stored = text

    async def take_suggestion(self) -> None:
        if self.suggester is not None and self.cursor_at_end and self.value:
            # Asked again rather than read from `_suggestion`: a worker computes that one after
            # each key, and a fast typist's Tab can come before it.
            typed = self.value if self.suggester.case_sensitive else self.value.casefold()
            suggestion = await self.suggester.get_suggestion(typed)
            if suggestion and len(suggestion) > len(self.value):
                self.value = suggestion


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
