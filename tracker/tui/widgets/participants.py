"""The participants editor: a row per participant, completed from known people and countries.

An unnamed delegation is a row with a country and a title only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from tracker.actions.defaults import default_roles
from tracker.model import Role
from tracker.store.errors import StoreError
from tracker.tui.form_values import empty_participant, is_blank_participant, resolve_country
from tracker.tui.text import literal, one_line
from tracker.tui.widgets.completion import CountrySuggester, PersonInput, country_hint, person_hint
from tracker.tui.widgets.letter_select import LetterSelect
from tracker.tui.widgets.stored_text import StoredInput

if TYPE_CHECKING:
    from tracker.store.db import Database

ROLE_OPTIONS = [(role.value.replace("_", " "), role.value) for role in Role]


class ParticipantRow(Vertical):
    """Name, country, role and title at the time; a hint line says what was understood.

    A row that starts blank takes its role from the place and the order of the rows until a
    role is chosen in it (`role_default` is the one the form gave, None once the user chose).
    """

    BINDINGS = [Binding("ctrl+r", "remove", "Remove participant", id="form.remove_participant")]

    def __init__(self, db: Database, values: dict[str, str], countries: CountrySuggester, names: dict[str, str]):
        super().__init__()
        self.db = db
        self.values = values
        self.countries = countries
        self.names = names
        self.role_default: str | None = str(Role.MEMBER) if is_blank_participant(values) else None

    def compose(self) -> ComposeResult:
        v = self.values
        with Horizontal():
            yield PersonInput(self.db, v["name"], placeholder="name (none for a delegation)", classes="p-name", compact=True)
            yield StoredInput(v["country"], placeholder="country", suggester=self.countries, classes="p-country", compact=True)
            yield LetterSelect(ROLE_OPTIONS, value=v["role"] or Role.MEMBER.value, allow_blank=False, classes="p-role", compact=True)
            yield StoredInput(v["title"], placeholder="title at the time", classes="p-title", compact=True)
        yield Static(classes="p-hint", markup=False)
        yield Static(classes="p-error", markup=False)

    def on_mount(self) -> None:
        self.show_hint()

    def is_whole(self) -> bool:
        """Mounted with its four fields: a row being added or removed has no values to read yet."""
        fields = self.query(".p-name, .p-country, .p-role, .p-title")
        return len(fields) == 4 and all(field.is_mounted for field in fields)

    @property
    def name_input(self) -> PersonInput:
        return self.query_one(".p-name", PersonInput)

    @property
    def country_input(self) -> StoredInput:
        return self.query_one(".p-country", StoredInput)

    def current(self) -> dict[str, str]:
        role = self.query_one(".p-role", Select).value
        return {
            "name": self.name_input.stored,
            "country": self.country_input.stored,
            "role": str(role) if role is not Select.NULL else Role.MEMBER.value,
            "title": self.query_one(".p-title", StoredInput).stored,
        }

    def country_code(self) -> str | None:
        try:
            return resolve_country(self.db, self.country_input.stored)
        except StoreError:
            return None

    def offer_role(self, role: str) -> None:
        """Set the role the place and order give, unless the user chose one in this row."""
        select = self.query_one(".p-role", Select)
        if self.role_default is None or select.value != self.role_default:
            self.role_default = None
            return
        self.role_default = role
        select.value = role

    def field(self, name: str) -> Widget:
        """The row's field `name` (name, country, role, title), for the focus."""
        return self.query_one(f".p-{name}")

    def show_hint(self) -> None:
        name, country = self.name_input.stored, self.country_input.stored
        parts, problem = [], False
        if name.strip():
            parts.append(person_hint(self.name_input.best_match(), name, bool(country.strip())))
        if country.strip():
            text, problem = country_hint(self.db, country, self.names)
            parts.append(text)
        hint = self.query_one(".p-hint", Static)
        hint.update(Content(one_line("   ·   ".join(parts))))
        hint.set_class(problem, "-problem")
        hint.set_class(bool(parts), "-shown")

    def shows_unknown_country(self) -> bool:
        return self.query_one(".p-hint", Static).has_class("-problem")

    def show_error(self, message: str) -> None:
        error = self.query_one(".p-error", Static)
        error.update(Content(literal(message)))
        error.set_class(bool(message), "-shown")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.show_error("")
        self.show_hint()

    @on(Input.Blurred, ".p-name")
    def _take_known_country(self) -> None:
        """A known person's country fills an empty country field when the name is left."""
        match = self.name_input.best_match() if self.name_input.stored.strip() else None
        if match and match.exact and match.country and not self.country_input.stored.strip():
            self.country_input.stored = match.country
            # The cursor may already be in the country field (tab): select what was filled
            # in, so that typing the country anyway replaces it instead of making "TURTUR".
            self.country_input.select_all()

    async def action_remove(self) -> None:
        await self.query_ancestor(ParticipantsEditor).remove_row(self)


class ParticipantsEditor(Vertical):
    """The rows; ctrl+n (on the form) goes to the empty one or adds one, as the button does;
    ctrl+r removes the one with the cursor."""

    class Changed(Message):
        """A row was removed (typing in a row bubbles up as Input.Changed)."""

    def __init__(self, db: Database, rows: list[dict[str, str]], countries: CountrySuggester, names: dict[str, str], id: str | None = None):
        super().__init__(id=id)
        self.db = db
        self._initial = rows
        self.countries = countries
        self.names = names

    def compose(self) -> ComposeResult:
        for values in self._initial:
            yield ParticipantRow(self.db, values, self.countries, self.names)
        yield Button("+ add participant (ctrl+n)", id="add-participant", compact=True)

    @property
    def rows(self) -> list[ParticipantRow]:
        # A row being mounted or removed lacks fields for a moment; the form may ask meanwhile.
        return [row for row in self.query_children(ParticipantRow) if row.is_whole()]

    def values(self) -> list[dict[str, str]]:
        return [row.current() for row in self.rows]

    def offer_roles(self, place: str | None) -> None:
        rows = self.rows
        for row, role in zip(rows, default_roles(place, [row.country_code() for row in rows]), strict=False):
            row.offer_role(role)

    async def set_rows(self, rows: list[dict[str, str]]) -> None:
        await self.query_children(ParticipantRow).remove()
        await self.mount_all([ParticipantRow(self.db, v, self.countries, self.names) for v in rows], before="#add-participant")

    async def add_row(self, values: dict[str, str] | None = None) -> ParticipantRow:
        row = ParticipantRow(self.db, values or empty_participant(), self.countries, self.names)
        await self.mount(row, before="#add-participant")
        self._enter(row)
        return row

    async def next_row(self) -> None:
        """The first empty row after the one being typed in, or a new one.

        The row with the focus never counts as empty: a fast typist's last keys may not have
        reached it yet, and ctrl+n from a row means the next one.
        """
        focused = self.screen.focused
        typing_in = focused.ancestors if focused else []
        blank = next((row for row in self.rows if row not in typing_in and is_blank_participant(row.current())), None)
        if blank is None:
            await self.add_row()
        else:
            self._enter(blank)

    def _enter(self, row: ParticipantRow) -> None:
        # At once, not with focus() (which waits its turn behind the keys already typed): the
        # keys after ctrl+n belong to this row.
        self.screen.set_focus(row.name_input, scroll_visible=False)
        row.scroll_visible(animate=False)  # an animation still running would be a moving target for the next key

    async def remove_row(self, row: ParticipantRow) -> None:
        rows = self.rows
        index = rows.index(row)
        await row.remove()
        rest = [r for r in rows if r is not row]
        if rest:
            rest[min(index, len(rest) - 1)].name_input.focus()
        else:
            self.query_one("#add-participant", Button).focus()
        self.post_message(self.Changed())

    @on(Button.Pressed, "#add-participant")
    async def _add(self) -> None:
        await self.add_row()
