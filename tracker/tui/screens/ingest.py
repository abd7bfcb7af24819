"""Ingest an article: ask for its file (and its date when it has no dateline), read its candidates.

The screen stays open with a message when the file cannot be read or holds no meeting,
so nothing typed is lost; it closes with the candidates for the review screen.
The article is read in a thread with a connection of its own: the first read imports
dateparser (~0.2 s), and the screen must keep answering meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from tracker.ingest import Candidate, IngestError, candidates_from_file
from tracker.store.errors import StoreError
from tracker.tui import STYLES
from tracker.tui.screens.fields import FIELD_KEYS, FieldKeys
from tracker.tui.screens.ingest_path import PathSuggester, expand
from tracker.tui.text import one_line
from tracker.tui.widgets.stored_text import StoredInput

if TYPE_CHECKING:
    from tracker.store.db import Database

NO_DATELINE_HINT = "no dateline found in {name}: type the article's date in As of (e.g. 2023-04-04), so that “tomorrow” counts from it"


@dataclass
class ArticleRead:
    """An article read: where it came from and the meetings it proposes."""

    path: Path
    candidates: list[Candidate]


class IngestScreen(FieldKeys, ModalScreen[ArticleRead | None]):
    CSS_PATH = STYLES / "review.tcss"
    AUTO_FOCUS = "#article-path"
    BINDINGS = [
        *FIELD_KEYS,
        Binding("escape", "cancel", "Cancel", id="ingest.cancel"),
        Binding("ctrl+s", "read", "Read article", id="ingest.read"),
    ]

    def __init__(self, reader: Callable[[], AbstractContextManager[Database]], *, today: dt.date, path: str = ""):
        super().__init__()
        self.reader = reader  # a connection for the reading thread
        self.today = today
        self.path = path
        self.reading = False

    def compose(self):
        with Vertical(id="ingest-box"):
            yield Static(Content.styled("Meetings from an article", "bold"))
            yield Static(Content("A plain-text or HTML file; each meeting it reports is offered for review."), classes="ingest-muted")
            with Grid(id="ingest-grid"):
                yield Label("File")
                yield StoredInput(
                    self.path, placeholder="~/articles/moscow-talks.txt", id="article-path", suggester=PathSuggester(), max_length=4096, select_on_focus=False
                )
                yield Label("As of")
                yield StoredInput(placeholder="only when it has no dateline: 2023-04-04, 4 April 2023", id="as-of", max_length=100)
            yield Static("", id="ingest-message", markup=False)
            yield Static(Content.from_markup("[b]enter[/b] read   [b]→[/b] complete the path   [b]esc[/b] cancel"), classes="ingest-muted")
        yield Footer(compact=True)

    def say(self, message: str, *, problem: bool = True) -> None:
        shown = self.query_one("#ingest-message", Static)
        shown.update(Content(message))
        shown.set_class(problem, "-problem")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        if self.reading:
            return
        typed = self.query_one("#article-path", StoredInput).stored
        if not typed.strip():
            self.say("Give the path of an article: a plain-text or HTML file.")
            self.query_one("#article-path", Input).focus()
            return
        as_of_text = self.query_one("#as-of", StoredInput).stored.strip()
        as_of = None
        if as_of_text:
            from tracker.dates import DateError, parse_day

            try:
                as_of = parse_day(as_of_text, self.today)
            except DateError as e:
                self.say(f"As of: {one_line(e)}")
                self.query_one("#as-of", Input).focus()
                return
        path = expand(typed)
        self.reading = True
        self.say(f"Reading {one_line(path.name)}…", problem=False)
        self.read_article(path, as_of)

    @work(thread=True, exit_on_error=False)
    def read_article(self, path: Path, as_of: dt.date | None) -> None:
        try:
            with self.reader() as db:
                candidates = candidates_from_file(db, path, as_of)
        except IngestError as e:
            message = str(e)
            if message.startswith("no dateline") and as_of is None:
                message = NO_DATELINE_HINT.format(name=path.name)
            self.app.call_from_thread(self.failed, message, message.startswith("no dateline"))
            return
        except (StoreError, OSError, ValueError) as e:  # the database, or a file that changed or vanished while read
            self.app.call_from_thread(self.failed, f"cannot read {path}: {e}")
            return
        self.app.call_from_thread(self.done, path, candidates)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # a fault of ours: said in one line, the screen still usable
            self.failed(f"could not read the article: {event.worker.error}")

    def failed(self, message: str, ask_date: bool = False) -> None:
        self.reading = False
        self.say(one_line(message[:1].upper() + message[1:]))
        self.query_one("#as-of" if ask_date else "#article-path", Input).focus()

    def done(self, path: Path, candidates: list[Candidate]) -> None:
        self.reading = False
        if not candidates:
            self.say(f"No meeting found in {one_line(path.name)}: nothing to review.")
            return
        self.dismiss(ArticleRead(path, candidates))

    def action_cancel(self) -> None:
        self.dismiss(None)
