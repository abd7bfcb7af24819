"""Filters: country, person, topic (track), status, level, and a date range typed in words ("March 2023", "last year").

Dates are read by tracker.dates, imported here on first use: dateparser stays off the
path to the first frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, Static
from textual.widgets.select import NoSelection

from tracker.model import Level, Status
from tracker.store.errors import StoreError
from tracker.store.people import country_code
from tracker.store.queries import MeetingQuery
from tracker.tui import STYLES
from tracker.tui.screens.fields import FIELD_KEYS, FieldKeys
from tracker.tui.text import one_line
from tracker.tui.widgets.stored_text import StoredInput

if TYPE_CHECKING:
    from tracker.store.db import Database

ANY = "any"


class FilterScreen(FieldKeys, ModalScreen[MeetingQuery | None]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        *FIELD_KEYS,
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filters.apply"),
        Binding("ctrl+r", "clear", "Clear all", id="filters.clear"),
    ]

    def __init__(self, db: Database, query: MeetingQuery, *, today: dt.date):
        super().__init__()
        self.db, self.current, self.today = db, query, today

    def compose(self):
        q = self.current
        with Vertical(id="filter-box"):
            yield Static(Content.styled("Filters (enter applies, esc cancels)", "bold"))
            with Grid(id="filter-grid"):
                yield Label("Countries")
                yield StoredInput(", ".join(q.countries), placeholder="TUR, Türkiye, UN… (several, by commas: all take part)", id="country")
                yield Label("Person")
                yield StoredInput(q.person or "", placeholder="a name or alias: Shoigu, Akcapar…", id="person")
                yield Label("Topic")
                yield StoredInput(q.topic or "", placeholder="a topic or track: normalization, Syria crisis…", id="topic")
                yield Label("Status")
                yield Select([(s.value, s.value) for s in Status], value=q.status or Select.NULL, prompt=ANY, id="status")
                yield Label("Level")
                yield Select([(lv.value.replace("_", " "), lv.value) for lv in Level], value=q.level or Select.NULL, prompt=ANY, id="level")
                yield Label("From")
                yield StoredInput(q.start.isoformat() if q.start else "", placeholder="March 2023, 2022, 15 Jan 2023, last year…", id="start")
                yield Label("To")
                yield StoredInput(q.end.isoformat() if q.end else "", placeholder="the end of the range, in the same words", id="end")
            yield Static("", id="filter-error", markup=False)
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#country", StoredInput).focus()

    def on_input_submitted(self) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions: dict[str | None, Callable[[], None]] = {"apply": self.action_apply, "clear": self.action_clear, "cancel": self.action_cancel}
        actions[event.button.id]()

    def _fail(self, field: str, message: str) -> None:
        self.query_one("#filter-error", Static).update(Content.styled(one_line(message), "$error"))
        self.query_one(f"#{field}").focus()

    def _day(self, field: str, *, last: bool) -> dt.date | Literal[False] | None:
        """The day the field says, None when empty, False when it cannot be read (the screen says why)."""
        text = self.query_one(f"#{field}", StoredInput).stored.strip()
        if not text:
            return None
        from tracker.dates import DateError, parse_when

        try:
            when = parse_when(text, self.today)
        except DateError as e:
            self._fail(field, str(e))
            return False
        return when.end if last else when.start

    def action_apply(self) -> None:
        country_text = self.query_one("#country", StoredInput).stored
        try:
            # "Türkiye, Syria": the meetings where both take part.
            countries = tuple(dict.fromkeys(country_code(self.db, c.strip()) for c in country_text.split(",") if c.strip()))
        except StoreError as e:
            self._fail("country", str(e))
            return
        start = self._day("start", last=False)
        end = self._day("end", last=True)
        if start is False or end is False:
            return
        if start and end and end < start:
            self._fail("end", "the end of the range is before its start")
            return
        # The options' values are the enums' values (compose).
        status: str | NoSelection = self.query_one("#status", Select).value
        level: str | NoSelection = self.query_one("#level", Select).value
        self.dismiss(
            replace(
                self.current,
                countries=countries,
                person=self.query_one("#person", StoredInput).stored.strip() or None,
                person_id=None,
                topic=self.query_one("#topic", StoredInput).stored.strip() or None,
                status=None if isinstance(status, NoSelection) else Status(status),
                level=None if isinstance(level, NoSelection) else Level(level),
                start=start,
                end=end,
                # A timeline row's "starting in that month" holds while its dates do.
                dated=self.current.dated if (start, end) == (self.current.start, self.current.end) else None,
            )
        )

    def action_clear(self) -> None:
        """Empty every field and stay: the user may want a new filter, and apply or cancel decides."""
        for field in self.query(StoredInput):
            field.stored = ""
        for choice in self.query(Select):
            choice.value = Select.NULL
        self.query_one("#filter-error", Static).update("")
        self.query_one("#country", StoredInput).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
