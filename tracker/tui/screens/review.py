"""Review the meetings an article proposes: accept, edit in the form, or reject each.

A candidate that is a stored meeting is offered as an update of it (new status, new date:
the old ones stay in its history); one the database already holds needs nothing. Every
accept is an ordinary add or update in the change log, made as the review's own (model.Origin):
`u` here takes back this review's accepts, newest first, and no one else's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from tracker.actions.meetings import Saved, accept_candidate
from tracker.actions.undo import TakenBack, undo
from tracker.ingest import Candidate
from tracker.ingest.updates import propose_update
from tracker.model import Origin
from tracker.store.errors import NotFound, StoreError
from tracker.store.meetings import get_meeting
from tracker.store.people import country_names
from tracker.tui import STYLES
from tracker.tui.screens.ingest_candidate import Decision, describe_candidate, list_label
from tracker.tui.text import one_line
from tracker.tui.writing import write_in_background

if TYPE_CHECKING:
    from textual import getters

    from tracker.store.db import Database
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.meeting_form import MeetingForm


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class ReviewScreen(Screen[int | None]):
    if TYPE_CHECKING:  # as the views type theirs (screens/view.py): the app's origin
        app = getters.app(TrackerApp)
    CSS_PATH = STYLES / "review.tcss"
    VIEW_TITLE = "the article review"
    AUTO_FOCUS = "#candidates"
    BINDINGS = [
        Binding("a", "accept", "Accept", id="review.accept"),
        Binding("e", "edit", "Edit, then accept", id="review.edit"),
        Binding("r", "reject", "Reject", id="review.reject"),
        Binding("u", "undo", "Undo accept", id="review.undo"),
        Binding("escape", "close", "Close", id="review.close"),
    ]

    def __init__(
        self,
        db: Database,
        candidates: list[Candidate],
        *,
        source: str,
        today: dt.date,
        on_stored: Callable[[int], None] | None = None,
    ):
        super().__init__()
        self.db = db
        self.candidates = candidates
        self.source = source
        self.today = today
        self.on_stored = on_stored  # the meetings view underneath follows each change
        self.decisions: list[Decision | None] = [None] * len(candidates)
        self.accepted: list[tuple[int, int | None]] = []  # (candidate, its change) of each accept, latest last: what `u` takes back
        self.accepting: set[int] = set()  # accepts waiting for the write lock (an import holds it)
        self.country_names = country_names(db)

    def compose(self):
        yield Static(id="review-heading")
        with Horizontal(id="review-body"):
            yield OptionList(*[list_label(c, None) for c in self.candidates], id="candidates")
            with VerticalScroll(id="candidate-detail"):
                yield Static(id="candidate-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.next_undecided(0)
        self.show_heading()

    # ------------------------------------------------------------ what is shown

    @property
    def index(self) -> int:
        return self.query_one(OptionList).highlighted or 0

    def undecided(self) -> list[int]:
        return [i for i, c in enumerate(self.candidates) if self.decisions[i] is None and not c.nothing_to_do]

    def next_undecided(self, after: int) -> int:
        """The first undecided candidate from `after` on (wrapping round), else `after` itself."""
        order = list(range(after, len(self.candidates))) + list(range(after))
        return next((i for i in order if i in self.undecided()), after)

    def show_heading(self) -> None:
        left = len(self.undecided())
        todo = f"{plural(left, 'candidate')} to decide" if left else "nothing left to decide: esc returns to the meetings"
        self.query_one("#review-heading", Static).update(
            Content.assemble(("Review ", "bold"), (one_line(self.source), "bold"), f" · {plural(len(self.candidates), 'candidate meeting')} · {todo}")
        )

    def show(self, index: int) -> None:
        c = self.candidates[index]
        body = describe_candidate(c, self.decisions[index], index + 1, len(self.candidates), self.country_names)
        self.query_one("#candidate-body", Static).update(body)
        self.query_one("#candidate-detail", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    def decided(self, index: int, decision: Decision | None) -> None:
        """Record a decision (None: undecided again), redraw, and move on to the next candidate to decide."""
        self.decisions[index] = decision
        options = self.query_one(OptionList)
        options.replace_option_prompt_at_index(index, list_label(self.candidates[index], decision))
        self.show_heading()
        target = self.next_undecided(index) if decision is not None else index
        if options.highlighted == target:
            self.show(target)
        else:
            options.highlighted = target

    def restate(self, meeting_id: int) -> None:
        """Undecided candidates that update this meeting: their changes against it as stored now."""
        try:
            stored = get_meeting(self.db, meeting_id)
        except NotFound:
            return
        for i, c in enumerate(self.candidates):
            if c.matches == meeting_id and self.decisions[i] is None:
                c.updated, c.changes = propose_update(stored, c)
                self.query_one(OptionList).replace_option_prompt_at_index(i, list_label(c, None))

    @property
    def origin(self) -> Origin:
        """The review's changes are this run of the app's: its `u` in the views takes them back too."""
        return Origin("review", self.app.origin.session)

    def stored(self, index: int, meeting_id: int, kind: str, change_id: int | None) -> None:
        self.accepted.append((index, change_id))
        self.decisions[index] = Decision(kind, meeting_id)  # before restate: its changes are what was done
        self.restate(meeting_id)
        self.decided(index, self.decisions[index])
        if self.on_stored:
            self.on_stored(meeting_id)

    def accepted_meeting(self, index: int) -> int:
        """The meeting an accepted candidate was stored as."""
        decision = self.decisions[index]
        assert decision is not None and decision.meeting_id is not None  # stored() decided it, with the meeting
        return decision.meeting_id

    # ------------------------------------------------------------ actions

    def _decidable(self) -> int | None:
        """The highlighted candidate, when it still needs a decision that stores something."""
        index = self.index
        c, decision = self.candidates[index], self.decisions[index]
        if c.nothing_to_do:
            self.notify(f"Already recorded as meeting #{c.matches}: nothing to do.", markup=False)
        elif decision is not None and decision.kind != "rejected":
            self.notify(f"Already {decision.kind} as meeting #{decision.meeting_id}; u undoes it.", markup=False)
        else:
            return index
        return None

    def action_accept(self) -> None:
        if (index := self._decidable()) is None:
            return
        if index in self.accepting:
            return  # its accept is waiting for the lock already
        c = self.candidates[index]
        self.accepting.add(index)

        def stored(saved: Saved) -> None:
            self.accepting.discard(index)
            assert saved.meeting.id is not None  # a meeting the core stored
            self.stored(index, saved.meeting.id, "updated" if c.matches is not None else "added", saved.change_id)

        def refused(e: StoreError) -> None:
            self.accepting.discard(index)
            self.notify(f"Not stored: {e}. e opens it in the form to fix.", severity="error", markup=False)

        write_in_background(
            self, self.db, lambda db: accept_candidate(db, c, self.origin), stored, failed=refused, when_free="the meeting will be stored when it ends"
        )

    def action_edit(self) -> None:
        if (index := self._decidable()) is None:
            return
        from tracker.tui.screens.meeting_form import MeetingForm

        c = self.candidates[index]
        form = MeetingForm(self.db, c.matches, today=self.today, meeting=c.updated if c.matches is not None else c.meeting, origin=self.origin)
        self.app.push_screen(form, partial(self._edited, index, form))

    def _edited(self, index: int, form: MeetingForm, meeting_id: int | None) -> None:
        if meeting_id is None:
            return  # left without saving: still to decide
        # The form may have saved onto another stored meeting (its duplicate warning's "open").
        self.stored(index, meeting_id, "updated" if form.base is not None else "added", form.change_id)

    def action_reject(self) -> None:
        if (index := self._decidable()) is not None:
            self.decided(index, Decision("rejected"))

    def action_undo(self) -> None:
        if not self.accepted:
            self.notify("Nothing accepted in this review to undo (u in the meetings view undoes older changes).", markup=False)
            return
        index, change_id = self.accepted[-1]

        def undone(taken: TakenBack) -> None:
            if self.accepted and self.accepted[-1] == (index, change_id):
                self.accepted.pop()
            meeting_id = self.accepted_meeting(index)
            self.decided(index, None)
            self.restate(meeting_id)
            self.show(index)
            self.notify(taken.message[:1].upper() + taken.message[1:], markup=False)
            if self.on_stored:
                self.on_stored(meeting_id)

        def refused(e: StoreError) -> None:
            self.notify(str(e), severity="error", markup=False)

        write_in_background(
            self, self.db, lambda db: undo(db, self.origin, change_id), undone, failed=refused, when_free="the accept will be undone when it ends"
        )

    def summary(self) -> str:
        kinds = [d.kind for d in self.decisions if d is not None]
        said = f"{kinds.count('added')} added, {kinds.count('updated')} updated, {kinds.count('rejected')} rejected"
        recorded = sum(1 for c in self.candidates if c.nothing_to_do)
        if recorded:
            said += f", {recorded} already recorded"
        if left := len(self.undecided()):
            said += f", {left} left undecided"
        return said

    def action_close(self) -> None:
        left = len(self.undecided())
        if not left:
            self.finish()
            return
        from tracker.tui.screens.confirm import ConfirmScreen

        question = f"{plural(left, 'candidate')} still undecided: close the review and leave {'it' if left == 1 else 'them'} out of the database?"
        self.app.push_screen(ConfirmScreen(question), lambda yes: self.finish() if yes else None)

    def finish(self) -> None:
        self.notify(self.summary(), title="Article reviewed", markup=False)
        last = self.accepted_meeting(self.accepted[-1][0]) if self.accepted else None
        self.dismiss(last)
