"""The timeline: meetings per month as a chart, narrowed by the current search and filters.

A meeting known only by its year ("2024"), or only as a span of months, has no month of
its own: it is counted on a line of its year, "2024 (year)", under that year's January,
rather than in January, where it would invent a peak. Enter on a row opens the Meetings
view on the meetings counted there, the search and filters kept.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tracker.store.queries import DATED_TO_MONTH, DATED_TO_YEAR, MeetingQuery, TimelineCounts, meetings_per_month, month_range
from tracker.tui import STYLES
from tracker.tui.query_label import describe_query
from tracker.tui.screens.live import LiveView
from tracker.tui.screens.view import QueryView

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
LABEL = len("2024 (year)  ")  # the row's month or year, before its bar
BESIDE_BAR = LABEL + len(" 12,345") + 3  # and the count after it; an option's padding and the scrollbar


def every_month(counts: TimelineCounts) -> list[tuple[str, int]]:
    """Rows oldest first: every month from the first to the last (gaps are part of the story),
    each year's line of meetings without a month right before its January.

    A year with such meetings reaches back to its January at least, so that its line stands
    among its months rather than alone.
    """
    years = dict(counts.years)
    firsts = [key for key, _ in counts.months[:1]] + [f"{year}-01" for year in years]
    lasts = [key for key, _ in counts.months[-1:]] + [f"{year}-01" for year in years]
    if not firsts:
        return []
    found = dict(counts.months)
    year, month = map(int, min(firsts).split("-"))
    last = max(lasts)
    rows = []
    while True:
        key = f"{year:04d}-{month:02d}"
        if month == 1 and str(year) in years:
            rows.append((str(year), years[str(year)]))
        rows.append((key, found.get(key, 0)))
        if key >= last:
            return rows
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def label(key: str) -> str:
    """'2023 Mar', or '2024 (year)' for the meetings of 2024 without a month of their own."""
    if len(key) == 4:
        return f"{key} (year)"
    year, month = key.split("-")
    return f"{year} {MONTHS[int(month) - 1]}"


def bars(rows: list[tuple[str, int]], width: int) -> list[Option]:
    """One option per row, newest first, each within `width` cells: `2023 Mar     ████  12`."""
    bar_width = max(width - BESIDE_BAR, 10)
    peak = max((n for _, n in rows), default=0) or 1
    options = []
    for key, n in reversed(rows):
        cells = round(bar_width * n / peak)
        year_line = len(key) == 4
        bar = ("▒" if year_line else "█") * cells if cells or not n else "▏"
        options.append(
            Option(
                Content.assemble((label(key).ljust(LABEL), "$text-muted"), (bar, "$text-muted" if year_line else "$accent"), f" {n:,}" if n else ""),
                id=key,
            )
        )
    return options


def summary(counts: TimelineCounts) -> Content:
    """'3 meetings, 2022-12 to 2023-03 · 2 only by year: (year) lines · enter opens a row'."""
    parts: list = []
    if counts.months:
        dated = sum(n for _, n in counts.months)
        parts.append((f"{dated:,} meetings, {counts.months[0][0]} to {counts.months[-1][0]}", "bold"))
    if counts.years:
        yearly = sum(n for _, n in counts.years)
        parts += [" · " if parts else "", (f"{yearly:,} only by year: (year) lines", "bold")]
    parts.append((" · enter opens a row", "$text-muted"))
    return Content.assemble(*parts)


class TimelineScreen(LiveView, QueryView):
    CSS_PATH = STYLES / "views.tcss"
    VIEW = "timeline"
    BINDINGS = [
        Binding("enter", "open", "Those meetings", id="timeline.open"),
        Binding("slash", "search", "Search", key_display="/", id="timeline.search"),
        Binding("escape", "clear", "Clear filters", id="timeline.clear"),  # the row opened first, then all
    ]

    # The query a row was opened from and the one it opened: escape back on the timeline
    # returns to the first (the search kept), rather than clearing everything.
    _opened_from: tuple[MeetingQuery | None, MeetingQuery | None] = (None, None)

    def compose(self):
        yield Static(id="timeline-bar", markup=False)
        yield Sparkline([], id="timeline-spark")
        yield Static(id="timeline-body", markup=False)
        yield OptionList(id="timeline-chart")

    @property
    def chart(self) -> OptionList:
        return self.query_one("#timeline-chart", OptionList)

    def on_mount(self) -> None:
        self.chart.focus()
        self.query_changed()

    def on_screen_resume(self) -> None:
        self.query_changed()

    def reload(self) -> None:
        self.query_changed()

    def on_resize(self) -> None:
        self.query_changed()  # the bars are drawn to the width

    def query_changed(self, select: int | None = None) -> None:
        query = self.app.meeting_query
        label = describe_query(self.app.db, query, self.app.country_names)
        self.query_one("#timeline-bar", Static).update(
            Content.assemble(("Meetings per month  ", "bold"), label or ("all meetings · f filters · / search", "$text-muted"))
        )
        self.query_one("#timeline-body", Static).update(Content.styled("Counting…", "$text-muted"))
        self.query_one(Sparkline).display = False
        self.run_worker(lambda: self._count(query), thread=True, exclusive=True, group="timeline")

    def _count(self, query: MeetingQuery) -> None:
        with self.app.reader() as db:
            counts = meetings_per_month(db, query)
        self.app.call_from_thread(self._counted, query, counts)

    def _counted(self, query: MeetingQuery, counts: TimelineCounts) -> None:
        if query != self.app.meeting_query:
            return
        rows = every_month(counts)
        spark = self.query_one(Sparkline)
        spark.data = [n for key, n in rows if len(key) == 7]
        spark.display = len(spark.data) > 1
        chart = self.chart
        highlighted = chart.highlighted_option.id if chart.highlighted_option else None
        chart.clear_options()
        chart.add_options(bars(rows, chart.content_size.width))
        if chart.option_count:
            # The same row as before the change, or the newest: enter always has a row to open.
            try:
                chart.highlighted = chart.get_option_index(highlighted) if highlighted is not None else 0
            except OptionDoesNotExist:  # that row is out of the chart now
                chart.highlighted = 0
        self.query_one("#timeline-body", Static).update(summary(counts) if rows else Content("No meeting matches."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open(event.option.id)

    def action_open(self) -> None:
        if (option := self.chart.highlighted_option) is not None:
            self.open(option.id)

    def open(self, key: str | None) -> None:
        """The Meetings view on the meetings of a row: those starting in that month (or, for
        a year's line, that year without a month), with the current search and filters."""
        if key is None:
            return
        start, end = month_range(key)
        dated = DATED_TO_MONTH if len(key) == 7 else DATED_TO_YEAR
        opened = replace(self.app.meeting_query, start=start, end=end, dated=dated)
        self._opened_from = (self.app.meeting_query, opened)
        self.app.show_meetings(opened)

    def action_search(self) -> None:
        from tracker.tui.screens.meetings import MeetingsScreen

        self.app.switch_mode("meetings")
        if isinstance(self.app.screen, MeetingsScreen):  # else a form is open over it, and keeps the focus
            self.app.screen.action_search()

    def action_clear(self) -> None:
        """Back to the whole chart of the search and filters a row was opened from; else no filters at all."""
        before, opened = self._opened_from
        self._opened_from = (None, None)
        if before is not None and self.app.meeting_query == opened:
            self.app.meeting_query = before
        elif not self.app.meeting_query.is_empty():
            self.app.meeting_query = MeetingQuery()
