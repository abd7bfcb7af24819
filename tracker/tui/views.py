"""The app's views, one `ViewEntry` each: the one place a view is added.

The app's modes, the views' number keys (screens/view.py), the command palette's entries
(commands.py) and the help's headings and extra keys (screens/help.py) all derive from VIEWS.

A view's screen is named by its module and class, not imported: this table loads before any
screen (and each screen imports screens/view.py, which reads it), and a view is loaded only
when first shown, so the other views' imports stay off the path to the first frame.

To add a view: write its screen in tracker/tui/screens/ (a subclass of View, with VIEW set to
its mode), add one ViewEntry below, and test it as tests/tui/test_views.py tests the others.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class ViewEntry:
    mode: str  # the app's mode, and the screen's VIEW
    name: str  # the footer's label of its key
    key: str  # the key that shows it, from any view
    palette: str  # the command palette's entry
    title: str  # the help's heading: "Keys of the Meetings view"
    screen: str  # "module:Class"
    # Keys a widget handles rather than a binding, listed so that the help is complete.
    extra_keys: tuple[tuple[str, str], ...] = ()

    def make_screen(self) -> Screen:
        module, _, name = self.screen.partition(":")
        return getattr(importlib.import_module(module), name)()


VIEWS: tuple[ViewEntry, ...] = (
    ViewEntry("meetings", "Meetings", "1", "Meetings view", "the Meetings view", "tracker.tui.screens.meetings:MeetingsScreen",
              (("enter (in search)", "Back to the list"),)),
    ViewEntry("people", "People", "2", "People view", "the People view", "tracker.tui.screens.people:PeopleScreen",
              (("↑ ↓", "Move"), ("enter", "Show the person's meetings"))),
    ViewEntry("countries", "Countries", "3", "Countries view", "the Countries view", "tracker.tui.screens.countries:CountriesScreen",
              (("↑ ↓", "Move"), ("enter", "Show the country's meetings"))),
    ViewEntry("timeline", "Timeline", "4", "Timeline", "the Timeline", "tracker.tui.screens.timeline:TimelineScreen"),
)  # fmt: skip


def view_entry(mode: str) -> ViewEntry | None:
    return next((v for v in VIEWS if v.mode == mode), None)
