"""What a user sees on the screen, as text."""

from __future__ import annotations


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
            except Exception:
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
