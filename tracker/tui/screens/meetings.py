"""The meetings view: search, the current filters, the list, and the selected meeting in full."""

from __future__ import annotations

import asyncio

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from tracker.actions.meetings import delete_meeting
from tracker.store import queries
from tracker.store.errors import StoreError
from tracker.store.meetings import get_meeting, linked_from
from tracker.store.queries import MeetingOrder, MeetingQuery
from tracker.tui.query_label import describe_query
from tracker.tui.screens.live import LiveView
from tracker.tui.screens.view import QueryView, TakesBack
from tracker.tui.text import one_line
from tracker.tui.widgets.meeting_detail import MeetingDetail, describe
from tracker.tui.widgets.meeting_list import COLUMNS, MeetingList, column_at, describe_order, header
from tracker.tui.widgets.stored_text import StoredInput
from tracker.tui.writing import write_in_background

SEARCH_DELAY = 0.12  # seconds of quiet typing before the list follows the search box
# From this width the selected meeting is shown beside the list; below it, under the list,
# so that the list keeps the whole width for the title (45 cells and more at 120 columns).
DETAIL_BESIDE_FROM = 160


class ListHeader(Widget):
    """The column names, aligned with the rows below; a click on one sorts by it."""

    order: MeetingOrder = MeetingOrder()

    def render(self) -> Content:
        return Content(header(self.size.width - 1, self.order))

    def on_click(self, event: events.Click) -> None:
        if (column := column_at(event.x, self.size.width - 1)) is not None and isinstance(self.screen, MeetingsScreen):  # the view it heads
            self.screen.sort_by(column.key)


class MeetingsScreen(TakesBack, LiveView, QueryView):
    VIEW = "meetings"
    HORIZONTAL_BREAKPOINTS = [(0, "-detail-below"), (DETAIL_BESIDE_FROM, "-detail-beside")]
    AUTO_FOCUS = "#meeting-list"
    BINDINGS = [
        # Priority, as every letter of a view (see View): a fast "/Shoygu" lands whole in the
        # box, a title typed right behind `n` lands in the form, not on the list where its
        # letters are commands. In the box, `/` and every letter are typed (see View).
        Binding("slash", "search", "Search", key_display="/", priority=True, id="meetings.search"),
        Binding("enter", "open", "Open", id="meetings.open"),
        # In the box, enter leaves it at once: an `e` typed right behind it edits the meeting found.
        Binding("enter", "searched", "Back to the list", show=False, priority=True, id="meetings.searched"),
        Binding("escape", "back", "Back", show=False, priority=True, id="meetings.back"),  # the footer's room goes to Redo
        Binding("n", "new", "New", priority=True, id="meetings.new"),
        Binding("e", "edit", "Edit", priority=True, id="meetings.edit"),
        Binding("d", "delete", "Delete", priority=True, id="meetings.delete"),
        Binding("u", "undo", "Undo", priority=True, id="meetings.undo"),
        Binding("U", "redo", "Redo", priority=True, id="meetings.redo"),
        Binding("ctrl+y", "redo", "Redo", show=False, priority=True, id="meetings.redo_ctrl"),
        Binding("i", "ingest", "Article", tooltip="Read an article: candidate meetings to review", priority=True, id="meetings.ingest"),
        Binding("s", "sort", "Sort", tooltip="Sort by the next column: when, title, place, countries, level, status", priority=True, id="meetings.sort"),
        Binding("S", "reverse_sort", "Reverse", show=False, priority=True, id="meetings.reverse_sort"),
    ]

    def __init__(self):
        super().__init__()
        self._search_timer: Timer | None = None
        self._shown_query: MeetingQuery | None = None
        self._article_folder = ""  # the next article is likely beside the last one
        self.order = MeetingOrder()
        # Laid out for the terminal's width from the start: a class set only by the first
        # resize (HORIZONTAL_BREAKPOINTS) would style every widget twice before the first frame.
        self.add_class(next(name for width, name in reversed(self.HORIZONTAL_BREAKPOINTS) if self.app.size.width >= width))

    def compose(self):
        yield StoredInput(placeholder="/ to search titles, places, people and aliases, topics", id="search", max_length=200)
        yield Static(id="query-bar", markup=False)
        with Horizontal(id="meetings-body"):
            with Vertical(id="list-column"):
                yield ListHeader(id="list-header")
                yield MeetingList(self.app.db, self.app.reader, today=self.app.today, id="meeting-list")
            yield MeetingDetail(id="detail")

    @property
    def meeting_list(self) -> MeetingList:
        return self.query_one(MeetingList)

    def on_mount(self) -> None:
        self.meeting_list.focus()
        self.query_changed()

    def on_screen_resume(self) -> None:
        if self._shown_query != self.app.meeting_query:
            self.query_changed()

    # ------------------------------------------------------------ the query

    def query_changed(self, select: int | None = None) -> None:
        """Show the app's current search and filters; put the cursor on `select` if it matches."""
        query = self.app.meeting_query
        search = self.query_one("#search", StoredInput)
        if search.stored != query.search:
            with search.prevent(Input.Changed):
                search.stored = query.search
        self._shown_query = query
        if not self._show(query, select=select):
            self.notify(f"Meeting {select} does not match the current search or filters", markup=False)

    def _show(self, query: MeetingQuery, *, position: int = 0, select: int | None = None) -> bool:
        found = self.meeting_list.show(query, self.order, position=position, select=select)
        if self.meeting_list.order != self.order:
            self.notify(
                f"Sorting {describe_order(self.order)} takes up to {queries.SORTABLE:,} meetings: narrow the list with / or f. Newest first meanwhile",
                markup=False,
            )
            self.order = self.meeting_list.order
        header = self.query_one(ListHeader)
        header.order = self.order
        header.refresh()
        self._show_bar()
        return found

    def sort_by(self, column: str) -> None:
        """Sort by `column`, the way it reads naturally; asked again, the other way."""
        reverse = column == self.order.column and not self.order.reversed
        self._sorted(MeetingOrder(column, reverse))

    def action_sort(self) -> None:
        keys = [c.key for c in COLUMNS]
        self._sorted(MeetingOrder(keys[(keys.index(self.order.column) + 1) % len(keys)]))

    def action_reverse_sort(self) -> None:
        self._sorted(MeetingOrder(self.order.column, not self.order.reversed))

    def _sorted(self, order: MeetingOrder) -> None:
        """The same meetings in another order, the cursor on the same meeting."""
        self.order = order
        row = self.meeting_list.highlighted
        self._show(self.app.meeting_query, select=row.id if row else None)

    def _show_bar(self) -> None:
        total = self.meeting_list.total
        counted = "counting…" if total is None else f"{total:,} meeting{'s' if total != 1 else ''}"
        label: Content | str | None = describe_query(self.app.db, self.app.meeting_query, self.app.country_names)
        if not self.order.is_default():
            label = f"{label} · {describe_order(self.order)}" if label else f"all meetings {describe_order(self.order)}"
        bar = self.query_one("#query-bar", Static)
        bar.update(Content.assemble((counted, "bold"), "  ", label or ("all meetings, newest first · / search · f filters · s sort", "$text-muted")))

    def on_meeting_list_counted(self, event: MeetingList.Counted) -> None:
        self._show_bar()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        assert isinstance(event.input, StoredInput)  # #search is one
        typed = event.input.stored
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._searched(typed))

    def _searched(self, typed: str) -> None:
        self.app.meeting_query = self.app.meeting_query.with_search(typed)

    def on_paste(self, event: events.Paste) -> None:
        """A paste over the list (a name copied from an article) is a search for it.

        The search box handles (and stops) its own pastes; this sees the list's and the pane's.
        """
        text = event.text.strip().splitlines()[0].removeprefix("/").strip() if event.text.strip() else ""
        if text:
            search = self.query_one("#search", StoredInput)
            search.stored = text
            search.cursor_position = len(text)
            self.set_focus(search)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "searched":
            return self.focused is self.query_one("#search", StoredInput)
        return super().check_action(action, parameters)

    async def action_searched(self) -> None:
        """Enter in the search box: the list shows what was typed, and has the focus before the next key is read."""
        search = self.query_one("#search", StoredInput)
        # The keys typed before enter may still wait in the box's queue: let it take them first.
        taken = asyncio.Event()
        search.call_later(taken.set)
        await taken.wait()
        if self._search_timer is not None:
            self._search_timer.stop()
        value = search.stored
        self._searched(value)
        self.set_focus(self.meeting_list)

    # ------------------------------------------------------------ the detail pane

    def on_meeting_list_highlighted(self, event: MeetingList.Highlighted) -> None:
        self.show_detail(event.row.id if event.row else None)

    def show_detail(self, meeting_id: int | None) -> None:
        detail = self.query_one(MeetingDetail)
        if meeting_id is None:
            detail.show(Content("No meeting matches." if self.meeting_list.total == 0 else ""))
            return
        try:
            m = get_meeting(self.app.db, meeting_id)
        except StoreError:
            return
        detail.show(describe(m, today=self.app.today, country_names=self.app.country_names, linked_from=linked_from(self.app.db, meeting_id)))

    # ------------------------------------------------------------ actions

    def action_search(self) -> None:
        # Synchronous, unlike focus(): keys typed right after `/` (a paste) must land in the box.
        self.set_focus(self.query_one("#search", StoredInput))

    def action_open(self) -> None:
        if self.meeting_list.highlighted is not None:
            self.query_one(MeetingDetail).focus()

    def action_back(self) -> None:
        """Leave the search box or the detail pane; else clear the search; else clear the filters."""
        search = self.query_one("#search", StoredInput)
        query = self.app.meeting_query
        if self.focused is search or isinstance(self.focused, MeetingDetail):
            self.set_focus(self.meeting_list)
        elif query.search:
            self.app.meeting_query = query.with_search("")
        elif not query.is_empty():
            self.app.meeting_query = MeetingQuery()
            self.notify("Filters cleared", markup=False)

    def _selected_id(self) -> int | None:
        row = self.meeting_list.highlighted
        if row is None:
            self.notify("No meeting selected", severity="warning", markup=False)
        return row.id if row else None

    async def _open_form(self, meeting_id: int | None) -> None:
        from tracker.tui.screens.meeting_form import MeetingForm

        def saved(new_id: int | None) -> None:
            if new_id is not None:
                self.query_changed(select=new_id)

        # Awaited: the app reads no further key until the form is up with the cursor in
        # Title, so the keys typed right after `n` or `e` land there, in order.
        await self.app.push_screen(MeetingForm(self.app.db, meeting_id), saved)

    async def action_new(self) -> None:
        await self._open_form(None)

    async def action_edit(self) -> None:
        if (meeting_id := self._selected_id()) is not None:
            await self._open_form(meeting_id)

    def action_ingest(self) -> None:
        """Ask for an article, then review the meetings it proposes; the list follows each accept."""
        from tracker.tui.screens.ingest import ArticleRead, IngestScreen
        from tracker.tui.screens.review import ReviewScreen

        def reviewed(last_stored: int | None) -> None:
            if last_stored is not None:
                self.query_changed(select=last_stored)
            else:
                self.reload()

        def read(article: ArticleRead | None) -> None:
            if article is not None:
                self._article_folder = f"{article.path.parent}/"
                review = ReviewScreen(self.app.db, article.candidates, source=article.path.name, today=self.app.today, on_stored=lambda _id: self.reload())
                self.app.push_screen(review, reviewed)

        self.app.push_screen(IngestScreen(self.app.reader, today=self.app.today, path=self._article_folder), read)

    def action_delete(self) -> None:
        row = self.meeting_list.highlighted
        if row is None:
            self._selected_id()
            return
        from tracker.tui.screens.confirm import ConfirmScreen

        def deleted(_meeting) -> None:
            self.notify(f"Deleted meeting {row.id} ({one_line(row.title)}) · u undoes it", markup=False)
            self.reload()

        def answered(yes: bool | None) -> None:
            if yes:
                write_in_background(
                    self,
                    self.app.db,
                    lambda db: delete_meeting(db, row.id, self.app.origin),
                    deleted,
                    when_free=f"meeting {row.id} will be deleted when it ends",
                )

        self.app.push_screen(ConfirmScreen(f"Delete meeting {row.id}, “{one_line(row.title)}” ({row.when.label()})?"), answered)

    def taken_back(self, message: str) -> None:
        self.notify(message[:1].upper() + message[1:], markup=False, timeout=8)
        self.reload()

    def reload(self) -> None:
        """After a change: the same query, the cursor on the same meeting (or where it was, if gone)."""
        row = self.meeting_list.highlighted
        self._show(self.app.meeting_query, position=self.meeting_list.cursor, select=row.id if row else None)
