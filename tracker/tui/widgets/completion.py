"""Inputs that complete from what the database knows: people (by any alias), countries, topics.

Textual shows a suggestion only as the rest of what was typed, so a match by an alias
("Shoygu" for Sergei Shoigu) is offered in a hint line instead, and `→` at the end of
the input takes it, as it takes an inline suggestion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.suggester import Suggester

from tracker.countries import fold
from tracker.model import Country
from tracker.store.completion import PersonMatch, people_matching
from tracker.text import to_field
from tracker.tui.widgets.stored_text import StoredInput

if TYPE_CHECKING:
    from tracker.store.db import Database


class PersonSuggester(Suggester):
    def __init__(self, db: Database, besides: int | None = None):
        super().__init__(use_cache=False)
        self.db, self.besides = db, besides

    async def get_suggestion(self, value: str) -> str | None:
        # One more looked at when one is never offered: the form's three stay as they were.
        for match in people_matching(self.db, value, 3 + (self.besides is not None)):
            if match.id == self.besides:
                continue
            shown = to_field(match.name)  # what the input shows: a suggestion is drawn as it is
            if fold(shown).startswith(fold(value)):
                return shown
        return None


class CountrySuggester(Suggester):
    """Country and organization names, those with the most meetings first."""

    def __init__(self, countries: list[Country]):
        super().__init__(use_cache=True, case_sensitive=True)
        self.names = [(fold(name), name) for name in (to_field(c.name) for c in countries)]
        self.codes = {c.code for c in countries}

    async def get_suggestion(self, value: str) -> str | None:
        if value in self.codes:  # "RUS" is complete as typed: no "RUSsia"
            return None
        folded = fold(value)
        return next((name for key, name in self.names if key.startswith(folded)), None)


class TopicsSuggester(Suggester):
    """Completes the last of comma-separated topics, keeping the others as typed."""

    def __init__(self, topics: list[str]):
        super().__init__(use_cache=True, case_sensitive=True)
        self.topics = [(fold(topic), topic) for topic in map(to_field, topics)]

    async def get_suggestion(self, value: str) -> str | None:
        _head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        for key, topic in self.topics:
            if key.startswith(fold(typed)) and len(topic) > len(typed):
                return value[: len(value) - len(typed)] + topic
        return None


class PersonInput(StoredInput):
    """A participant's name; `→` at the end takes the known person it matches, Tab takes it and moves on.

    `besides` is a person never offered (the one kept, when picking whom to merge into them).
    """

    def __init__(self, db: Database, value: str, *, besides: int | None = None, **kwargs):
        super().__init__(value, suggester=PersonSuggester(db, besides), **kwargs)
        self.db, self.besides = db, besides

    def best_match(self) -> PersonMatch | None:
        matches = [m for m in people_matching(self.db, self.stored, 2) if m.id != self.besides]
        return matches[0] if matches else None

    def take_match(self) -> bool:
        """The known person's name for what was typed ("Fidan" → Hakan Fidan), as the hint offers it."""
        match = self.best_match() if self.stored.strip() and self.cursor_at_end else None
        if match is None or match.name == self.stored:
            return False
        self.stored = match.name
        self.cursor_position = len(self.value)
        return True

    def action_cursor_right(self, select: bool = False) -> None:
        if select or not self.take_match():
            super().action_cursor_right(select)

    async def take_suggestion(self) -> None:
        self.take_match()


def person_hint(match: PersonMatch | None, typed: str, has_country: bool = False) -> str:
    """What the name field understood: a known person, one it may become, or a new one."""
    typed = typed.strip()
    if not typed:
        return ""
    if match is None:
        return f"new person {typed!r}: added when saved" + ("" if has_country else " (give a country)")
    who = f"{match.name} ({match.country})" if match.country else match.name
    if match.exact and fold(match.name) == fold(typed):
        return f"known: {who}"
    if match.exact:
        return f"{typed} is {who} · → or Tab takes that spelling"
    return f"→ {who}  (Tab or → takes it; keep typing for a new person)"


def country_hint(db: Database, text: str, names: dict[str, str]) -> tuple[str, bool]:
    """What a country field understood ('Turkey' → 'Türkiye (TUR)'), and whether it is a problem."""
    from tracker.store.errors import StoreError
    from tracker.store.people import country_code

    if not text.strip():
        return "", False
    try:
        code = country_code(db, text)
    except StoreError:
        return "✗ unknown country; e.g. Türkiye, TUR, UN", True
    return f"{names.get(code, code)} ({code})", False
