"""The meetings list: a Line API ScrollView over keyset pages, at any size of database.

virtual_size is the number of matching meetings; render_line(y) asks MeetingRows for the
visible rows only. Counting, and the anchors that make a far jump cheap, are built in a
thread with its own read connection, and land with refresh() when ready.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tracker.model import is_unconfirmed
from tracker.store.queries import MeetingOrder, MeetingQuery, MeetingRow, anchors, count
from tracker.tui.text import fit, one_line
from tracker.tui.widgets.meeting_rows import ANCHOR_EVERY, PAGE, MeetingRows

if TYPE_CHECKING:
    from tracker.store.db import Database

LEVELS = {"summit": "summit", "ministerial": "minister", "deputy_ministerial": "deputy", "senior_officials": "senior", "working": "working"}


@dataclass(frozen=True)
class Column:
    heading: str
    width: int  # 0 for the title, which takes what is left
    # The narrowest list that shows it: a short terminal gives its room to the title and the status.
    shown_from: int = 0
    # How its order reads, natural and reversed (the store's MeetingOrder.column is the heading, lower case).
    ways: tuple[str, str] = ("A–Z", "Z–A")

    @property
    def key(self) -> str:
        return self.heading.lower()


COLUMNS = (
    Column("When", 14, ways=("newest first", "oldest first")),
    Column("Title", 0),
    Column("Place", 12, shown_from=110),
    Column("Countries", 11),
    Column("Level", 8, shown_from=110, ways=("summit first", "working level first")),
    Column("Status", 11, ways=("proposed first", "cancelled first")),
)
COUNTRIES_WIDTH = 11
TITLE_AT_LEAST = 20


def countries_cell(codes: tuple[str, ...], width: int = COUNTRIES_WIDTH) -> str:
    """As many codes as fit, then how many more: 'IRN RUS +2' rather than 'IRN RUS SY…'."""
    text = " ".join(codes)
    for shown in range(len(codes) - 1, 0, -1):
        if len(text) <= width:
            break
        text = f"{' '.join(codes[:shown])} +{len(codes) - shown}"
    return text


def row_cells(row: MeetingRow, today: dt.date) -> list[str]:
    """Every column's text, in COLUMNS order."""
    status = f"⚠ {row.status}" if is_unconfirmed(row.status, row.when, today) else str(row.status)
    return [row.when.label(), one_line(row.title), one_line(row.city or "—"), countries_cell(row.countries), LEVELS.get(row.level or "", "—"), status]


def layout(width: int) -> list[tuple[int, int]]:
    """(column index, width) of the columns a list `width` cells wide shows; the title takes the rest."""
    shown = [(i, c) for i, c in enumerate(COLUMNS) if width >= c.shown_from]
    fixed = sum(c.width for _, c in shown) + len(shown) - 1
    return [(i, c.width or max(TITLE_AT_LEAST, width - fixed)) for i, c in shown]


def line(cells: list[str], columns: list[tuple[int, int]]) -> str:
    return " ".join(fit(cells[i], width) for i, width in columns)


class MeetingList(ScrollView, can_focus=True):
    """Every meeting that matches the query, newest first."""

    COMPONENT_CLASSES = {"meeting-list--cursor", "meeting-list--unconfirmed", "meeting-list--loading"}
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor is on another meeting (or on none: an empty list)."""

        def __init__(self, meeting_list: MeetingList, row: MeetingRow | None):
            super().__init__()
            self.meeting_list = meeting_list
            self.row = row

    class Counted(Message):
        """The list knows how many meetings match."""

        def __init__(self, total: int):
            super().__init__()
            self.total = total

    def __init__(self, db: Database, reader: Callable[[], AbstractContextManager[Database]], *, today: dt.date, id: str | None = None):
        super().__init__(id=id)
        self.db = db
        self.reader = reader  # a new connection of its own for each background thread
        self.today = today
        self.rows: MeetingRows | None = None
        self._busy: sqlite3.Connection | None = None  # the thread connection now counting, to interrupt

    # ------------------------------------------------------------ the query

    def show(self, query: MeetingQuery, order: MeetingOrder = MeetingOrder(), *, position: int = 0, select: int | None = None) -> bool:
        """Show the meetings of `query` in `order`, the cursor on meeting `select` or else at
        `position`; False when `select` does not match. Counting continues in a thread."""
        if self._busy is not None:
            self._busy.interrupt()
        self.rows = MeetingRows(self.db, query, order)
        found = self.rows.position_of(select) if select is not None else None
        position = position if found is None else found
        self._resize()
        self.cursor = min(position, max(self.rows.height - 1, 0))
        if self.rows.total is None:
            self.call_after_refresh(self._start_index, self.rows)
        else:
            self.post_message(self.Counted(self.rows.total))
        return select is None or found is not None

    def _start_index(self, rows: MeetingRows) -> None:
        if rows is self.rows:
            self.run_worker(lambda: self._index(rows), thread=True, exclusive=True, group="meeting-index")

    def _index(self, rows: MeetingRows) -> None:
        with self.reader() as db:
            self._busy = db.conn
            try:
                total = count(db, rows.query)
                marks = anchors(db, rows.query, every=ANCHOR_EVERY)
            except sqlite3.OperationalError:  # interrupted: a newer query replaced this one
                return
            finally:
                self._busy = None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._indexed, rows, total, marks)

    def _indexed(self, rows: MeetingRows, total: int, marks: list[int]) -> None:
        if rows is not self.rows:
            return
        rows.set_index(total, marks)
        self._resize()
        if self.cursor >= total:
            self.cursor = max(total - 1, 0)
        self.refresh()
        self.post_message(self.Counted(total))

    def _resize(self) -> None:
        height = self.rows.height if self.rows else 0
        self.virtual_size = Size(self.scrollable_content_region.width, height)

    @property
    def order(self) -> MeetingOrder:
        return self.rows.order if self.rows else MeetingOrder()

    @property
    def total(self) -> int | None:
        return self.rows.total if self.rows else 0

    @property
    def highlighted(self) -> MeetingRow | None:
        return self.rows.row(self.cursor) if self.rows else None

    # ------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        self._resize()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        position = scroll_y + y
        width = self.scrollable_content_region.width
        rows = self.rows
        row = rows.row(position) if rows else None
        base = self.rich_style
        if rows is None or row is None:
            return Strip.blank(width, base)
        if rows.height != self.virtual_size.height:
            self.call_later(self._resize)  # a page landed past the end known so far
        style = base
        if is_unconfirmed(row.status, row.when, self.today):
            style = base + self.get_component_rich_style("meeting-list--unconfirmed")
        if position == self.cursor:
            style = style + self.get_component_rich_style("meeting-list--cursor" if self.has_focus else "meeting-list--loading")
        text = line(row_cells(row, self.today), layout(width))
        return Strip([Segment(text, style)]).crop_extend(scroll_x, scroll_x + width, base)

    # ------------------------------------------------------------ the cursor

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _move_to(self, position: int) -> None:
        height = self.rows.height if self.rows else 0
        self.cursor = max(0, min(position, height - 1))

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        if self.rows and self.rows.total is None:
            self.notify("Still counting the meetings; the end is a moment away", markup=False)
        self._move_to((self.rows.height if self.rows else 1) - 1)

    def on_click(self, event) -> None:
        self._move_to(self.scroll_offset.y + event.y)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def header(width: int, order: MeetingOrder = MeetingOrder()) -> str:
    """The column names; the sorted one marked ▼ (its natural order) or ▲ (reversed)."""
    return line([f"{c.heading} {'▲' if order.reversed else '▼'}" if c.key == order.column else c.heading for c in COLUMNS], layout(width))


def column_at(x: int, width: int) -> Column | None:
    """The column under cell `x` of a list `width` cells wide."""
    left = 0
    for i, column_width in layout(width):
        if left <= x < left + column_width + 1:
            return COLUMNS[i]
        left += column_width + 1
    return None


def describe_order(order: MeetingOrder) -> str:
    column = next(c for c in COLUMNS if c.key == order.column)
    return f"by {column.key}, {column.ways[order.reversed]}"


__all__ = ["PAGE", "MeetingList", "column_at", "describe_order", "header"]
