"""The command palette (ctrl+p): switch views, jump to a meeting or a person, act.

Database text goes in as Content, never as markup (the palette would parse a plain str).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tracker.store.people import list_people
from tracker.store.queries import MeetingQuery, page
from tracker.tui.text import one_line
from tracker.tui.views import VIEWS

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from tracker.tui.app import TrackerApp

FOUND = 8


def highlighted(text: str, query: str, matcher: Matcher) -> Content:
    """Literal text with the matched letters marked (the fuzzy matcher's own highlight parses markup)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(query, text)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


def ingest_article(app: TrackerApp) -> None:
    """The palette's way in from any view: the meetings view reviews the article."""
    from tracker.tui.screens.meetings import MeetingsScreen

    app.action_view("meetings")
    if isinstance(app.screen, MeetingsScreen):
        app.screen.action_ingest()
    else:  # a form or question is open over the meetings view
        app.notify("Close the open form first, then ingest the article.", severity="warning", markup=False)


def the_app(provider: Provider) -> TrackerApp:
    # Textual types a provider's app as any App (App[object], which the tracker's App[None]
    # is not, so even a typed override does not pass); the palette is only ever the tracker's.
    return cast("TrackerApp", provider.app)


class TrackerCommands(Provider):
    def _actions(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = the_app(self)
        for v in VIEWS:
            yield v.palette, partial(app.action_view, v.mode), f"switch view (key {v.key})"
        yield "Filters…", app.action_filters, "country, person, status, level, dates (key f)"
        yield "Ingest article…", partial(ingest_article, app), "meetings from an article file, to review (key i in Meetings)"
        yield "Clear search and filters", app.clear_query, "show every meeting"
        yield "Help: keys of this screen", app.action_help, "key ?"

    async def discover(self) -> Hits:
        for name, callback, help_text in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._actions():
            if score := matcher.match(name):
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
        if len(query.strip()) < 2:
            return
        app = the_app(self)
        db = app.db
        for row in page(db, MeetingQuery(search=query), limit=FOUND):
            title = one_line(row.title)
            text = f"Meeting: {title} ({row.when.label()})"
            yield Hit(0.9, highlighted(text, query, matcher), partial(app.show_meetings, MeetingQuery(), row.id), text=text)
        for person in list_people(db, search=query, limit=FOUND):
            text = f"Person: {one_line(person.name)} ({person.meeting_count} meetings)"
            yield Hit(0.8, highlighted(text, query, matcher), partial(app.show_meetings, MeetingQuery(person_id=person.id)), text=text)
