"""Text from the database fitted to cells; literal and one_line come from tracker.text.

Markup is never parsed here: rows are segments and panes are Content.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from tracker.text import literal, one_line

__all__ = ["fit", "literal", "one_line"]


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis (wide characters counted as two)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
