"""What a user sees on the screen, as text; and the one way a test waits for it."""

from __future__ import annotations

import time
from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds; fail if it does not within `seconds`.

    Tests wait for what they wait for, never a fixed pause: a pause long enough on a quiet
    machine is too short under the whole suite's load, and too long everywhere else.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            assert condition(), f"still not so after {seconds} s"
        await pilot.pause(0.05)


def screen_text(app) -> str:
    """Every visible line of the current screen, as plain text."""
    from tracker.tui.widgets.meeting_list import MeetingList

    lines = []
    for widget in app.screen.query("*"):
        if isinstance(widget, MeetingList):
            lines += [widget.render_line(y).text for y in range(widget.size.height)]
        elif hasattr(widget, "render") and widget.display:
            try:
                rendered = widget.render()
            except Exception:  # noqa: BLE001 - a widget that cannot render outside its layout shows nothing
                continue
            lines.append(str(getattr(rendered, "plain", rendered)))
    return "\n".join(lines)


def list_text(app) -> str:
    from tracker.tui.widgets.meeting_list import MeetingList

    widget = app.screen.query_one(MeetingList)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height)).rstrip()


def toasts(app) -> list[str]:
    """The notifications shown so far, as text."""
    return [str(n.message) for n in app._notifications]


def palette_offers(app, text: str) -> bool:
    """The command palette is open and one of the commands it lists reads `text` (its search runs in the background)."""
    from textual.command import CommandList, CommandPalette

    if not isinstance(app.screen, CommandPalette):
        return False
    found = app.screen.query_one(CommandList)
    return any(text in str(found.get_option_at_index(i).prompt) for i in range(found.option_count))
