"""Tab and shift+Tab in the screens that are forms, taken in the order they were typed.

A binding that is not a priority one runs only after the focused widget has been handed the
keys typed after it: a fast typist's "Sochi", Tab, "4 September" put the date in the title.
Priority bindings run as each key arrives, so focus has moved before the next key is handed on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

# What FieldKeys is mixed into, for the type checker only: at run time it stays a plain mixin, the forms' classes as they were.
if TYPE_CHECKING:
    from textual.screen import Screen

    _Form = Screen
else:
    _Form = object

FIELD_KEYS = [
    Binding("tab", "next_field", show=False, priority=True),
    Binding("shift+tab", "previous_field", show=False, priority=True),
]


class FieldKeys(_Form):
    """Mixed into a form's Screen, whose BINDINGS include FIELD_KEYS. A field with a
    `take_suggestion` (StoredInput) takes it as Tab leaves: "Russ" then Tab is Russia."""

    def action_next_field(self) -> None:
        field = self.focused
        take_suggestion = getattr(field, "take_suggestion", None)
        if field is not None and take_suggestion is not None:
            # Queued behind the keys the field has yet to take ("Tür" then Tab is Türkiye even
            # when Tab is read before the "r"), and before its Blur, which acts on what it holds.
            field.call_later(take_suggestion)
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()
