"""Every key of the screen underneath, from its bindings: the same table as the footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from tracker.tui import STYLES
from tracker.tui.views import view_entry


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    seen: dict[str, tuple[str, str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id and binding.description:  # ours: Textual's own scroll and focus keys are left out
            display = binding.key_display or screen.app.get_key_display(binding)
            seen.setdefault(binding.description + display, (display, binding.description))
    rows = list(seen.values())
    if view := view_entry(getattr(screen, "VIEW", "")):
        rows += view.extra_keys
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = STYLES / "dialogs.tcss"
    BINDINGS = [
        Binding("escape,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.rows = keys_of(under)
        view = view_entry(getattr(under, "VIEW", ""))
        self.view = view.title if view else getattr(under, "VIEW_TITLE", under.__class__.__name__)

    def compose(self):
        width = max(len(k) for k, _ in self.rows) + 2
        lines = [Content.styled(f"Keys of {self.view}\n\n", "bold")]
        lines += [Content.assemble((key.ljust(width), "bold $accent"), description, "\n") for key, description in self.rows]
        with VerticalScroll(id="help-box"):
            yield Static(Content.assemble(*lines), id="help-keys")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)
