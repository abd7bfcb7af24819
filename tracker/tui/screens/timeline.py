"""The timeline: meetings per month as a chart, narrowed by the current search and filters."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Sparkline, Static

from tracker.store.queries import MeetingQuery, meetings_per_month
from tracker.tui.query_label import describe_query
from tracker.tui.screens.live import LiveView
from tracker.tui.screens.view import View

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
BESIDE_BAR = len("2023 Mar  ") + len(" 12,345")  # the month before a bar, its count after


def every_month(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The months from the first to the last, empty ones included: gaps are part of the story."""
    if not counts:
        return []
    found = dict(counts)
    year, month = map(int, counts[0][0].split("-"))
    last = counts[-1][0]
    months = []
    while True:
        key = f"{year:04d}-{month:02d}"
        months.append((key, found.get(key, 0)))
        if key >= last:
            return months
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def bars(months: list[tuple[str, int]], width: int) -> Content:
    """One line per month, newest first, each within `width` cells: `2023 Mar  ████  12`."""
    bar_width = max(width - BESIDE_BAR, 10)
    peak = max((n for _, n in months), default=0) or 1
    lines = []
    for key, n in reversed(months):
        year, month = key.split("-")
        cells = round(bar_width * n / peak)
        bar = "█" * cells if cells or not n else "▏"
        lines.append(Content.assemble((f"{year} {MONTHS[int(month) - 1]}  ", "$text-muted"), (bar, "$accent"), f" {n:,}\n" if n else "\n"))
    return Content.assemble(*lines)


class TimelineScreen(LiveView, View):
    VIEW = "timeline"
    VIEW_TITLE = "the Timeline"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="timeline.search"),
        Binding("escape", "clear", "Clear filters", id="timeline.clear"),
    ]

    def compose(self):
        yield Static(id="timeline-bar", markup=False)
        yield Sparkline([], id="timeline-spark")
        with VerticalScroll(id="timeline-chart"):
            yield Static(id="timeline-body", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
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
        self.query_one("#timeline-bar", Static).update(Content.assemble(("Meetings per month  ", "bold"), label or ("all meetings · f filters · / search", "$text-muted")))
        self.query_one("#timeline-body", Static).update(Content.styled("Counting…", "$text-muted"))
        self.query_one(Sparkline).display = False
        self.run_worker(lambda: self._count(query), thread=True, exclusive=True, group="timeline")

    def _count(self, query: MeetingQuery) -> None:
        with self.app.reader() as db:
            months = every_month(meetings_per_month(db, query))
        self.app.call_from_thread(self._counted, query, months)

    def _counted(self, query: MeetingQuery, months: list[tuple[str, int]]) -> None:
        if query != self.app.meeting_query:
            return
        spark = self.query_one(Sparkline)
        spark.data = [n for _, n in months]
        spark.display = len(months) > 1
        body = bars(months, self.query_one("#timeline-chart").content_size.width) if months else Content("No meeting matches.")
        if months:
            total = sum(n for _, n in months)
            body = Content.assemble((f"{total:,} meetings, {months[0][0]} to {months[-1][0]}\n\n", "bold"), body)
        self.query_one("#timeline-body", Static).update(body)

    def action_search(self) -> None:
        self.app.switch_mode("meetings")
        self.app.screen.action_search()

    def action_clear(self) -> None:
        if not self.app.meeting_query.is_empty():
            self.app.set_query(MeetingQuery())
