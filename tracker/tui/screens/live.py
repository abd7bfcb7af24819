"""Views that follow the file: what another process (the CLI, an import) writes shows up.

The app polls SQLite's `PRAGMA data_version` (it changes when another connection
commits) and calls data_changed() on the screens of the current mode at once; a view of
another mode catches up when it is shown again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tracker.tui.screens.view import View

if TYPE_CHECKING:  # the views with a table load it; the meetings view, first on screen, has none
    from textual.widgets import DataTable
    from textual.widgets.data_table import RowKey


class LiveView(View):
    """A view that implements reload(), keeping its cursor on the same item."""

    shown_generation = 0

    def on_screen_resume(self) -> None:
        if self.shown_generation != self.app.data_generation:
            self.data_changed()

    def data_changed(self) -> None:
        self.shown_generation = self.app.data_generation
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError


def key_of(row: RowKey) -> str:
    """The key a row was added with: every row of the views' tables is given one (its item's id or code)."""
    assert row.value is not None
    return row.value


@contextlib.contextmanager
def keeping_cursor(table: DataTable) -> Iterator[None]:
    """Rows loaded afresh in the block; the cursor back on the row of the same key, if it is still there."""
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key if table.row_count else None
    table.clear()
    yield
    if key is not None and key in table.rows:
        table.move_cursor(row=table.get_row_index(key), animate=False)
