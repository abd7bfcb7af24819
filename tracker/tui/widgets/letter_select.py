"""A Select that a typed letter sets without opening it: `h` is held (or host), `p` again cycles
proposed, postponed. Opening a dropdown to pick one of five words costs four keys; a letter, one."""

from __future__ import annotations

from textual import events
from textual.widgets import Select


class LetterSelect(Select):
    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable() and not character.isspace()

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or character is None or not self.check_consume_key(event.key, character):
            return
        event.stop()
        event.prevent_default()
        letter = character.casefold()
        starting = [i for i, (prompt, value) in enumerate(self._options) if value is not self.NULL and str(prompt).casefold().startswith(letter)]
        if not starting:
            self.app.bell()
            return
        current = next((i for i, (_, value) in enumerate(self._options) if value == self.value), -1)
        # The first option with that letter; typing it again goes on to the next one, and round.
        following = [i for i in starting if i > current] if current in starting else []
        self.value = self._options[(following or starting)[0]][1]
