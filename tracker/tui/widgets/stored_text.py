"""Inputs over stored text: control characters shown, never sent to the terminal.

Textual draws a field's text as it is, so an ESC in a stored title would reach the
terminal as an escape sequence when the form opens (or when one is pasted). Here each
control character is one visible cell (tracker.text.to_field: ESC as ␛), and `stored`
follows every edit (tracker.text.from_field): an unedited field is saved byte for byte.
The text areas of the form are the same over several lines (stored_text_area.py: TextArea
is not loaded before the form is).
"""

from __future__ import annotations

from textual.widgets import Input

from tracker.text import from_field, to_field

# The keys whose character Textual does not name (it finds "?" from `question_mark`, but not
# "/" from `slash`): without them a binding of the screen on `/` takes the slash typed here.
UNNAMED_CHARACTERS = {"slash": "/", "backslash": "\\", "plus": "+", "minus": "-", "at": "@", "underscore": "_"}


class StoredInput(Input):
    """An Input whose `stored` is the text to store; `value` is what it shows.

    In a form, Tab takes the grey suggestion before it moves on (screens/fields.py): "Russ"
    then Tab is Russia, not an unknown "Russ" (→ takes it too, and stays).
    """

    def __init__(self, stored: str = "", **kwargs):
        self._stored = ""
        super().__init__(stored, **kwargs)
        self._stored = stored

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Every key that types a character is typed here, whatever the screen binds it to
        (a view's `/`, `q`, `1`-`4`, `n`, `?`...): Textual leaves out of the bindings the keys this says yes to."""
        return super().check_consume_key(key, character or UNNAMED_CHARACTERS.get(key))

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
