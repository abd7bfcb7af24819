"""The meeting form: add or edit a meeting from the keyboard, losing nothing typed.

`MeetingForm(db, meeting_id)` dismisses with the saved meeting's id, or None when the
user leaves without saving. `meeting=` fills it with unsaved values to start from (a
candidate read from an article): a new meeting, or with `meeting_id` an update of it. It
saves through the user actions the CLI calls (actions.meetings: add_meeting, edit_meeting),
so the duplicate question, the merge with what another process changed meanwhile (a field
both changed is asked about), the history of a status or date and undo are theirs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static

from tracker.actions.defaults import default_level, default_status, place_country
from tracker.actions.meetings import NEW, MeetingEdit, NewMeeting, PossibleDuplicate, Saved, add_meeting, carry_onto, edit_meeting
from tracker.actions.merge import ConflictError, Side
from tracker.actions.participants import resolve_people
from tracker.model import Level, Meeting, Origin, Status
from tracker.store.completion import topic_names
from tracker.store.db import write
from tracker.store.drafts import discard_draft, draft_key, load_draft, save_draft
from tracker.store.errors import Busy, NotFound, StoreError
from tracker.store.locks import not_waiting
from tracker.store.meetings import ValidationError, get_meeting
from tracker.store.people import list_countries
from tracker.tui import STYLES
from tracker.tui.form_values import (
    FIELD_ORDER,
    SOURCE_FIELDS,
    FormProblems,
    FormSources,
    Values,
    build_meeting,
    empty_values,
    fields_source,
    is_blank_participant,
    published_day,
    reference_date,
    resolve_country,
    source_values,
    values_of,
)
from tracker.tui.screens.duplicate import DuplicateWarning
from tracker.tui.screens.fields import FIELD_KEYS, FieldKeys
from tracker.tui.screens.form_question import ConflictQuestion, FormQuestion
from tracker.tui.text import literal, one_line
from tracker.tui.widgets.completion import CountrySuggester, TopicsSuggester, country_hint
from tracker.tui.widgets.letter_select import LetterSelect
from tracker.tui.widgets.participants import ParticipantsEditor
from tracker.tui.widgets.stored_text import StoredInput
from tracker.tui.widgets.stored_text_area import StoredTextArea
from tracker.tui.widgets.when_input import WhenInput
from tracker.tui.writing import PendingWrite, write_in_background

if TYPE_CHECKING:
    from textual import getters

    from tracker.store.db import Database
    from tracker.tui.app import TrackerApp

DRAFT_DELAY = 0.5  # seconds of quiet before what was typed is written down as a draft
INPUTS = ("title", "city", "venue", "country", "topics", "source_url", "source_title", "source_published")
TEXT_AREAS = ("summary", "outcome", "notes", "quote")
# Where a field's problem is shown when it shares a line with others.
ERROR_SLOT = {"city": "country", "venue": "country", "source_title": "source_published"}


def comparable(values: Values) -> Values:
    """Values without blank participant rows: adding an empty row changes nothing."""
    return values | {"participants": [p for p in values["participants"] if not is_blank_participant(p)]}


def problems_by_field(e: ValidationError) -> dict[str, str]:
    """The store's problems keyed as the form shows them ("participants.2.name" for a row)."""
    return {f"participants.{p.index}.{p.part or 'name'}" if p.field == "participants" and p.index is not None else p.field: p.message for p in e.problems}


class FormBody(VerticalScroll, can_focus=False):
    """The fields, scrolled to the one with focus. Not a stop of its own in the tab order: shift+tab
    from Title reached it, a place where no field takes the letters typed."""


def field_row(label: str, *widgets: Widget, slot: str) -> Vertical:
    error = Static(id=f"{slot}-error", classes="field-error", markup=False)
    return Vertical(Horizontal(Label(label, classes="field-label"), *widgets, classes="field-line"), error, classes="field")


class MeetingForm(FieldKeys, Screen[int | None]):
    if TYPE_CHECKING:  # as the views type theirs (screens/view.py): the app's origin and report
        app = getters.app(TrackerApp)
    CSS_PATH = STYLES / "form.tcss"
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "close", "Close", id="form.close"),
        # Priority, as Tab is (screens/fields.py): the keys typed after it go to that row.
        Binding("ctrl+n", "next_participant", "Next participant", priority=True, id="form.next_participant"),
        Binding("ctrl+o", "next_source", "Next source", priority=True, id="form.next_source"),
    ]
    AUTO_FOCUS = "#title"

    def __init__(
        self,
        db: Database,
        meeting_id: int | None = None,
        *,
        today: dt.date | None = None,
        meeting: Meeting | None = None,
        origin: Origin | None = None,
    ):
        super().__init__()
        self.db = db
        self._origin = origin  # whose change a save is: the app's (by default) or a review's
        self.change_id: int | None = None  # the saved change, once saved
        self.keep: dict[str, Side] = {}  # conflicts with another process's changes, as the user settled them
        self.today = today or dt.date.today()
        self.meeting_id = meeting_id
        self.missing: str | None = None
        try:
            self.base: Meeting | None = get_meeting(db, meeting_id) if meeting_id is not None else None
        except NotFound as e:  # deleted meanwhile (by the CLI, say): say so instead of failing
            self.missing, self.base, self.meeting_id = str(e), None, None
        # Saving starts from the prefilled meeting when there is one: it keeps its parsed When,
        # its sources and what the form does not show (CAMEO code, notes of discrepancies).
        self.prefill = meeting
        self.start = self.prefill or self.base
        # An article's meeting shows its source; a stored one opens on a new source, for the
        # report of what changed (its stored sources are listed, ctrl+o goes through them).
        if self.prefill:
            self.sources = FormSources(list(self.prefill.sources), 0)
        else:
            self.sources = FormSources(list(self.base.sources), len(self.base.sources)) if self.base else FormSources()
        self.initial = values_of(self.base) if self.base else empty_values()
        self.shown = values_of(self.start, self.sources.edited) if self.start else self.initial
        self.draft_key = draft_key(self.meeting_id)
        self.typed = self.shown
        self.resolved = False  # saved or discarded: no more drafts
        self.draft_written = False
        self.draft_timer: Timer | None = None
        # A save waiting for the write lock (an import holds it), and the meeting it will store:
        # a ctrl+s meanwhile replaces that meeting, the form stays open and alive until it lands.
        self.saving: PendingWrite | None = None
        self.to_save: tuple[Meeting, bool] | None = None  # the meeting a waiting save will store, and whether it asks about duplicates
        # What the form filled in, by field, while the user has not chosen otherwise: a new
        # meeting typed by hand only (a stored or read meeting's values were chosen already).
        typed_by_hand = self.base is None and self.prefill is None
        self.defaults: dict[str, str] = {name: self.initial[name] for name in ("status", "level", "country")} if typed_by_hand else {}
        countries = list_countries(db)
        self.country_names = {c.code: c.name for c in countries}
        self.country_suggester = CountrySuggester(countries)
        self.topics = topic_names(db)

    # ------------------------------------------------------------ layout

    def heading(self) -> str:
        heading = f"Edit meeting #{self.base.id} · {self.base.title}" if self.base else "New meeting"
        return f"{heading} · from an article" if self.prefill else heading

    def compose(self) -> ComposeResult:
        v = self.shown
        as_of, reference = reference_date(v["source_published"], self.today)
        yield Static(Content(one_line(self.heading())), id="form-heading")
        with FormBody(id="form-body"):
            # The cursor after the stored title, nothing selected: keys typed right after `e` add to it.
            title = StoredInput(v["title"], placeholder="who met whom, where", id="title", select_on_focus=False, compact=True)
            yield field_row("Title", title, slot="title")
            kept = self.start.when if self.start else None
            yield field_row("When", WhenInput(v["when"], as_of=as_of, reference=reference, kept=kept, id="when-field"), slot="when")
            yield field_row(
                "Place",
                StoredInput(v["city"], placeholder="city", id="city", compact=True),
                StoredInput(v["venue"], placeholder="venue", id="venue", compact=True),
                StoredInput(v["country"], placeholder="country", id="country", suggester=self.country_suggester, compact=True),
                Static(id="country-hint", markup=False),
                slot="country",
            )
            yield field_row(
                "Status",
                LetterSelect([(s.value, s.value) for s in Status], value=v["status"], allow_blank=False, id="status", compact=True),
                Label("Level", id="level-label"),
                LetterSelect([(lv.value.replace("_", " "), lv.value) for lv in Level], value=v["level"] or Select.NULL, prompt="—", id="level", compact=True),
                slot="status",
            )
            yield Label("Participants   name · country · role · title at the time   (ctrl+n: next empty row, ctrl+r removes one)", id="participants-label")
            yield ParticipantsEditor(self.db, v["participants"], self.country_suggester, self.country_names, id="participants")
            yield Static(id="sources-list", markup=False)
            yield field_row("Source URL", StoredInput(v["source_url"], placeholder="https://…", id="source_url", compact=True), slot="source_url")
            yield field_row(
                "Source",
                StoredInput(v["source_title"], placeholder="title of the article", id="source_title", compact=True),
                Label("Published", id="published-label"),
                StoredInput(v["source_published"], placeholder="e.g. 2023-03-15", id="source_published", compact=True),
                slot="source_published",
            )
            yield field_row("Quote", StoredTextArea(v["quote"], id="quote", compact=True, soft_wrap=True), slot="quote")
            topics = StoredInput(
                v["topics"],
                placeholder="comma-separated: Syria crisis, Türkiye–Syria normalization",
                id="topics",
                suggester=TopicsSuggester(self.topics),
                compact=True,
            )
            yield field_row("Topics", topics, slot="topics")
            for name, label in (("summary", "Summary"), ("outcome", "Outcome"), ("notes", "Notes")):
                yield field_row(label, StoredTextArea(v[name], id=name, compact=True, soft_wrap=True), slot=name)
        yield Footer()

    def on_mount(self) -> None:
        if self.missing:
            self.notify(self.missing, severity="error", markup=False)
            self.resolved = True
            self.dismiss(None)
            return
        self.show_country_hint()
        self.show_sources()
        # The date reader's first parse (~180 ms) and the gazetteer's tables would stall the
        # first keystroke they are needed for: read them while the user types the title.
        self.run_worker(self._warm_readers, thread=True, exit_on_error=False)
        self.offer_draft()

    @staticmethod
    def _warm_readers() -> None:
        from tracker.dates import DateError, parse_when

        if "dateparser" not in sys.modules:
            with contextlib.suppress(DateError):
                parse_when("in 3 days", dt.date(2023, 3, 15))
        place_country("Moscow")

    # ------------------------------------------------------------ values

    def current_values(self) -> Values:
        values: Values = {name: self.query_one(f"#{name}", StoredInput).stored for name in (*INPUTS, "when")}
        values |= {name: self.query_one(f"#{name}", StoredTextArea).stored for name in TEXT_AREAS}
        values["status"] = str(self.query_one("#status", Select).value)
        level = self.query_one("#level", Select).value
        values["level"] = "" if level is Select.NULL else str(level)
        values["participants"] = self.query_one(ParticipantsEditor).values()
        return values

    async def load_values(self, values: Values) -> None:
        for name in (*INPUTS, "when"):
            self.query_one(f"#{name}", StoredInput).stored = values.get(name, "")
        for name in TEXT_AREAS:
            self.query_one(f"#{name}", StoredTextArea).stored = values.get(name, "")
        self.query_one("#status", Select).value = values.get("status") or Status.ANNOUNCED.value
        self.query_one("#level", Select).value = values.get("level") or Select.NULL
        await self.query_one(ParticipantsEditor).set_rows(values.get("participants") or empty_values()["participants"])
        self.typed = self.current_values()
        self.follow_published()

    def is_changed(self) -> bool:
        # Sources kept with ctrl+o are not in the values: compared with what the form opened on.
        opened_on = self.start.sources if self.start else []
        return comparable(self.current_values()) != comparable(self.initial) or self.sources.sources != opened_on

    # ------------------------------------------------------------ sources

    def show_sources(self) -> None:
        """The meeting's sources, one a line, and which one the source fields hold."""
        lines = []
        for i, source in enumerate(self.sources.sources):
            said = one_line(", ".join(x for x in (source.title, source.outlet, published_day(source.published), source.url) if x) or "untitled source")
            if source.quote:  # one article often backs a meeting with several quotes
                quote = one_line(source.quote)
                said += f" · “{quote[:48]}…”" if len(quote) > 48 else f" · “{quote}”"
            lines.append(f"{'▸' if i == self.sources.editing else ' '} {i + 1}. {said}")
        where = "a new source" if self.sources.edited is None else f"source {self.sources.editing + 1} (empty it to remove it)"
        lines.append(
            f"{'▸' if self.sources.edited is None and lines else ' '} Below: {where} · ctrl+o: the next source"
            if lines
            else "Sources (ctrl+o keeps this one and opens another)"
        )
        self.query_one("#sources-list", Static).update(Content("\n".join(lines)))

    async def action_next_source(self) -> None:
        """From elsewhere in the form, go to the source fields; in them, keep the source they
        hold and show the next one (after the last, a new one)."""
        if self.focused is None or self.focused.id not in SOURCE_FIELDS:
            self.set_focus(self.query_one("#source_url"))
            return
        values = self.current_values()
        self.clear_problems()
        try:
            typed = fields_source(values, self.sources.edited, self.today)
        except FormProblems as e:
            self.show_problems(e.problems)
            return
        sources = self.sources.with_fields(typed)
        following = self.sources.editing + 1 if typed else self.sources.editing
        if following > len(sources) or (typed is None and self.sources.edited is None):
            following = 0  # round from the new one to the first
        self.sources = FormSources(sources, following)
        for name, value in source_values(self.sources.edited).items():
            field = self.query_one(f"#{name}", StoredTextArea) if name in TEXT_AREAS else self.query_one(f"#{name}", StoredInput)
            field.stored = value
        self.follow_published()
        self.show_sources()
        self.set_focus(self.query_one("#source_url"))

    # ------------------------------------------------------------ live feedback and drafts

    @on(Input.Changed)
    @on(Select.Changed)
    @on(StoredTextArea.Changed)
    @on(ParticipantsEditor.Changed)
    def _changed(self, event) -> None:
        widget_id = getattr(getattr(event, "control", None), "id", None)
        if widget_id:
            self.show_problem(ERROR_SLOT.get(widget_id, widget_id), "")
        if widget_id == "source_published":
            self.follow_published()
        if widget_id == "city":
            self.offer("country", place_country(self.query_one("#city", StoredInput).stored) or "")
        if widget_id == "country":
            self.show_country_hint()
        self.offer_defaults()
        self.typed = self.current_values()
        if not self.resolved:
            if self.draft_timer:
                self.draft_timer.stop()
            self.draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def offer(self, name: str, value: str) -> None:
        """Fill a field with what follows from the others, unless the user has set it."""
        if name not in self.defaults:
            return
        if name == "country":
            field = self.query_one("#country", StoredInput)
            current = field.stored
        else:
            select = self.query_one(f"#{name}", Select)
            current = "" if select.value is Select.NULL else str(select.value)
        if current != self.defaults[name]:
            del self.defaults[name]  # the user's choice from now on
            return
        self.defaults[name] = value
        if current == value:
            return
        if name == "country":
            field.stored = value
        else:
            select.value = value or Select.NULL

    def offer_defaults(self) -> None:
        """Status from the date against today, level from the titles, roles from place and order."""
        self.offer("status", default_status(self.query_one(WhenInput).when, self.today))
        editor = self.query_one(ParticipantsEditor)
        self.offer("level", default_level([(row.country_code(), row.current()["title"]) for row in editor.rows]))
        try:
            place = resolve_country(self.db, self.query_one("#country", StoredInput).stored)
        except StoreError:
            place = None
        editor.offer_roles(place)

    def follow_published(self) -> None:
        """Relative words count from the source's published day when one is given."""
        as_of, reference = reference_date(self.query_one("#source_published", StoredInput).stored, self.today)
        self.query_one(WhenInput).set_reference(as_of, reference)

    def show_country_hint(self) -> None:
        text, problem = country_hint(self.db, self.query_one("#country", StoredInput).stored, self.country_names)
        hint = self.query_one("#country-hint", Static)
        hint.update(Content(one_line(text)))
        hint.set_class(problem, "-problem")

    def write_draft(self) -> None:
        """What was typed, kept in the database until saved or discarded (a crash loses nothing)."""
        if self.resolved:
            return
        # Not worth waiting for: behind an import the draft is written at the next pause in typing.
        with contextlib.suppress(Busy), not_waiting(self.db):
            if comparable(self.typed) != comparable(self.initial):
                save_draft(self.db, self.draft_key, self.typed)
                self.draft_written = True
            elif self.draft_written:
                discard_draft(self.db, self.draft_key)
                self.draft_written = False

    def forget_draft(self) -> None:
        """A draft that is no longer wanted; behind an import it stays, and is offered (or found equal) next time."""
        with contextlib.suppress(Busy), not_waiting(self.db):
            discard_draft(self.db, self.draft_key)

    def on_unmount(self) -> None:
        if self.draft_timer:
            self.draft_timer.stop()
        self.write_draft()  # an app quit with the form open keeps what was typed

    def offer_draft(self) -> None:
        found = load_draft(self.db, self.draft_key)
        if found is None:
            return
        saved, values = found
        if comparable(values) == comparable(self.initial):
            self.forget_draft()
            return
        what = f"edit of meeting #{self.meeting_id}" if self.meeting_id else "new meeting"
        question = FormQuestion(
            "Restore what you typed earlier?",
            f"An unsaved {what} from {saved.replace('T', ' ')} UTC was kept when the form closed without saving.",
            yes="restore it",
            no="start afresh (the draft is forgotten)",
        )
        self.app.push_screen(question, partial(self._draft_answered, values))

    async def _draft_answered(self, values: Values, restore: bool | None) -> None:
        if restore:
            await self.load_values(values)
            self.draft_written = True
            self.notify("Restored the unsaved draft.")
        else:
            self.forget_draft()
        self.query_one("#title", Input).focus()

    # ------------------------------------------------------------ problems

    def show_problem(self, slot: str, message: str) -> None:
        for error in self.query(f"#{slot}-error").results(Static):
            error.update(Content(literal(message)))
            error.set_class(bool(message), "-shown")

    def says_it_already(self, name: str) -> bool:
        """When and Country show their problem live beside the field: not twice."""
        live = {"when": "#when-understood", "country": "#country-hint"}.get(name)
        return live is not None and self.query_one(live).has_class("-problem")

    def clear_problems(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.remove_class("-shown")
        for row in self.query_one(ParticipantsEditor).rows:
            row.show_error("")

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message beside its field; the cursor goes to the first problem in form order."""
        rows = self.query_one(ParticipantsEditor).rows
        targets: list[tuple[tuple[int, int], Widget | None]] = []
        for key, message in problems.items():
            name, _, rest = key.partition(".")
            order = FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER)
            if name == "participants" and rows:
                index, _, part = rest.partition(".")
                row = rows[int(index)] if index.isdigit() and int(index) < len(rows) else rows[0]
                if not (part == "country" and row.shows_unknown_country()):  # its hint says so already
                    row.show_error(message)
                targets.append(((order, rows.index(row)), row.field(part or "name")))
            elif name in FIELD_ORDER:
                if not self.says_it_already(name):
                    self.show_problem(ERROR_SLOT.get(name, name), message)
                targets.append(((order, 0), self.query_one(f"#{name}")))
            else:  # a field the form does not show (CAMEO code, links)
                self.notify(message, severity="error", markup=False)
                targets.append(((order, 0), None))
        targets.sort(key=lambda t: t[0])
        if targets and targets[0][1] is not None:
            targets[0][1].focus()
        count = len(problems)
        self.notify(f"Not saved: {count} problem{'s' if count > 1 else ''} to fix; everything typed is kept.", severity="error")

    # ------------------------------------------------------------ actions

    async def action_next_participant(self) -> None:
        await self.query_one(ParticipantsEditor).next_row()

    def action_close(self) -> None:
        if self.is_saving():
            question = FormQuestion(
                "Leave without saving?",
                "Your meeting is waiting to be saved until the import ends; leaving now cancels the save.",
                yes="leave, not saved",
                no="keep waiting",
            )
        elif self.is_changed():
            question = FormQuestion("Discard changes?", "What you typed in this form will be lost.", yes="discard", no="keep editing")
        else:
            self.finish(None)
            return
        self.app.push_screen(question, lambda discard: self.finish(None) if discard else None)

    def is_saving(self) -> bool:
        return self.saving is not None and not self.saving.finished

    def finish(self, meeting_id: int | None) -> None:
        self.resolved = True
        if self.draft_timer:
            self.draft_timer.stop()
        if self.saving is not None and not self.saving.finished:  # still waiting for the lock: nothing is written
            self.saving.cancel()
        if meeting_id is None:
            self.forget_draft()
        self.dismiss(meeting_id)

    @property
    def origin(self) -> Origin:
        return self._origin or self.app.origin

    def action_save(self, *, check_duplicates: bool = True) -> None:
        self.clear_problems()
        try:
            m = build_meeting(self.db, self.current_values(), base=self.start, sources=self.sources, today=self.today)
        except FormProblems as e:
            self.show_problems(e.problems)
            return
        self.store(m, check_duplicates)

    def _conflict_answered(self, field: str, check_duplicates: bool, side: str | None) -> None:
        """Settled: save again (the next conflict, if any, is asked then); escape: back to the form."""
        if side is None:
            self.notify("Not saved: your values are kept in the form.", markup=False)
            return
        self.keep[field] = "mine" if side == "mine" else "theirs"
        self.action_save(check_duplicates=check_duplicates)

    async def _duplicate_answered(self, other: Meeting, answer: str | None) -> None:
        if answer == "save":
            self.action_save(check_duplicates=False)
        elif answer == "open":
            assert other.id is not None  # a duplicate candidate is a stored meeting
            await self.switch_to(other.id)

    def store(self, m: Meeting, check_duplicates: bool) -> None:
        """Save through the core in the background (tui/writing.py): behind an import the form says
        so and stays open until it lands; a possible duplicate or a conflict with another process's
        change comes back as a question (_not_saved)."""
        self.to_save = (m, check_duplicates)
        if self.is_saving():
            self.notify("Still waiting to save: the meeting as the form holds it now is what will be saved.", markup=False)
            return
        meeting_id, base, key, origin, today = self.meeting_id, self.base, self.draft_key, self.origin, self.today

        def save(db: Database) -> Saved:
            with write(db):  # the lock first: a ctrl+s while waiting changes what is saved
                assert self.to_save is not None  # set above, before any save is started
                m, check = self.to_save
                if meeting_id is None:
                    saved = add_meeting(db, NewMeeting(m, duplicate="ask" if check else NEW, today=today), origin)
                else:
                    edit = MeetingEdit(meeting_id, m, base=base, keep=dict(self.keep), ask_duplicate=check)
                    saved = edit_meeting(db, edit, origin)
                discard_draft(db, key)  # with the save, in its transaction
            return saved

        self.saving = write_in_background(self, self.db, save, self._saved, failed=self._not_saved, when_free="your meeting will be saved when it ends")

    def _saved(self, saved: Saved) -> None:
        self.change_id = saved.change_id
        if not self.is_attached:  # left meanwhile, but the save had already landed
            self.app.notify(f"Saved meeting #{saved.meeting.id}", markup=False)
            return
        while self.app.screen is not self:  # a question asked while it waited (escape's) is moot now
            self.app.pop_screen()
        self.finish(saved.meeting.id)

    def _not_saved(self, error: StoreError) -> None:
        check_duplicates = self.to_save[1] if self.to_save else True
        if not self.is_attached:
            self.app.report(error)
        elif isinstance(error, PossibleDuplicate):
            self.app.push_screen(DuplicateWarning(error.candidates), partial(self._duplicate_answered, error.candidates[0]))
        elif isinstance(error, ConflictError):
            first = error.conflicts[0]
            question = ConflictQuestion(first.field, error.by, first.mine, first.theirs)
            self.app.push_screen(question, partial(self._conflict_answered, first.field, check_duplicates))
        elif isinstance(error, ValidationError):
            self.show_problems(problems_by_field(error))
        else:
            self.notify(f"Not saved: {error}", severity="error", markup=False)

    async def switch_to(self, meeting_id: int) -> None:
        """Edit the stored meeting instead: it keeps its values, and only what was typed in this
        form comes along: a When or Status (a reschedule), the source (new evidence), and what the
        stored one lacks. A value the form opened with (a new form's `announced`) was not typed."""
        typed = self.current_values()
        given = {name for name, value in typed.items() if value != self.initial.get(name)}
        other = get_meeting(self.db, meeting_id)
        # What comes along is the core's rule (actions.meetings.carry_onto), as for `tracker add --same`.
        new = build_meeting(self.db, typed, base=self.start, sources=self.sources, today=self.today)  # built once already: the save asked
        with contextlib.suppress(ValidationError):  # an ambiguous name is said again on saving
            resolve_people(self.db, new.participants)
        carried = values_of(carry_onto(other, new, given - set(SOURCE_FIELDS)))
        self.keep = {}
        self.forget_draft()
        self.meeting_id, self.base, self.draft_key = meeting_id, other, draft_key(meeting_id)
        self.prefill, self.start = None, other
        self.initial = values_of(other)
        self.defaults = {}  # the stored meeting's values stand
        applied = [name for name in carried if carried[name] != self.initial[name]]
        # Sources typed here are new evidence for the stored meeting: added after its own.
        brought = [s for s in self.sources.sources if s not in other.sources]
        if brought or any(typed[name].strip() for name in SOURCE_FIELDS):
            carried |= {name: typed[name] for name in SOURCE_FIELDS}
            applied.append("source")
        self.sources = FormSources([*other.sources, *brought], len(other.sources) + len(brought))
        self.query_one(WhenInput).kept = other.when
        await self.load_values(carried)
        self.show_sources()
        self.query_one("#form-heading", Static).update(Content(one_line(self.heading())))
        self.query_one("#when", Input).focus()
        if applied:
            what = ", ".join(name.replace("_", " ") for name in applied)
            self.notify(
                f"Editing #{meeting_id} as stored, with what you typed: {what}. On saving, an earlier date or status goes into its history.", markup=False
            )
        else:
            self.notify(f"Editing #{meeting_id} as stored: nothing you typed differs from it.", markup=False)
