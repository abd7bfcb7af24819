"""A meeting as one CSV row, and back, without loss.

Lists (participants, topics, sources, links, history) are flattened readably: one item a
line inside the cell, its fields separated by " | ", e.g.
`Burak Akçapar | TUR | head_of_delegation | Deputy Foreign Minister`. A backslash escapes
`|`, `\\` and newlines inside a field, so any text survives; an empty field is no value.
"""

from __future__ import annotations

from typing import Any

PARTICIPANT_FIELDS = ("name", "country", "role", "title")
SOURCE_FIELDS = ("title", "url", "outlet", "published", "updated", "language", "quote")
LINK_FIELDS = ("uid", "kind", "track")
# The source that reported a change: its title, address and published time, flattened beside it.
HISTORY_FIELDS = ("at", "status", "start", "end", "precision", "when_text", "source_title", "source_url", "source_published")
HISTORY_SOURCE = {"source_title": "title", "source_url": "url", "source_published": "published"}
LISTS = {"participants": PARTICIPANT_FIELDS, "sources": SOURCE_FIELDS, "links": LINK_FIELDS, "history": HISTORY_FIELDS}

COLUMNS = (
    "uid", "title", "status", "level", "start", "end", "precision", "when_text", "city", "venue", "country",
    "countries", "format", "participants", "topics", "summary", "outcome", "notes", "cameo", "sources",
    "links", "history", "id", "created", "updated",
)  # fmt: skip

_ESCAPES = {"\\": "\\\\", "|": "\\|", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "|": "|", "n": "\n", "r": "\r"}


def escape(text: Any) -> str:
    if text is None:
        return ""
    return "".join(_ESCAPES.get(c, c) for c in str(text)) if any(c in str(text) for c in _ESCAPES) else str(text)


def split_fields(line: str) -> list[str | None]:
    """Fields of one flattened item: split on unescaped `|`, unescape, '' -> None."""
    fields, current, chars = [], [], iter(line)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            current.append(_UNESCAPES.get(nxt, "\\" + nxt))
        elif c == "|":
            fields.append("".join(current))
            current = []
        else:
            current.append(c)
    fields.append("".join(current))
    # The " | " separator's spaces are not part of the values.
    last = len(fields) - 1
    trimmed = [f[1:] if i and f.startswith(" ") else f for i, f in enumerate(fields)]
    trimmed = [f[:-1] if i < last and f.endswith(" ") else f for i, f in enumerate(trimmed)]
    return [f or None for f in trimmed]


def to_row(d: dict[str, Any]) -> list[str]:
    """The interchange dict of a meeting as CSV cells, in COLUMNS order."""
    cells = dict(d)
    d = dict(d, history=[{**h, **{flat: (h.get("source") or {}).get(key) for flat, key in HISTORY_SOURCE.items()}} for h in d.get("history") or []])
    for name, fields in LISTS.items():
        cells[name] = "\n".join(" | ".join(escape(item.get(f)) for f in fields) for item in d.get(name) or [])
    cells["topics"] = "\n".join(escape(t) for t in d.get("topics") or [])
    cells["countries"] = " ".join(d.get("countries") or [])
    return ["" if cells.get(c) is None else str(cells[c]) for c in COLUMNS]


def from_row(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row (by column name) as the interchange dict; empty cells are no value."""
    d: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items() if k in COLUMNS}
    for name, fields in LISTS.items():
        lines = (row.get(name) or "").split("\n")
        d[name] = [dict(zip(fields, split_fields(line.rstrip("\r")), strict=False)) for line in lines if line.strip()]
    for h in d["history"]:
        source = {key: h.pop(flat, None) for flat, key in HISTORY_SOURCE.items()}
        h["source"] = source if any(source.values()) else None
    d["topics"] = [split_fields(line.rstrip("\r"))[0] for line in (row.get("topics") or "").split("\n") if line.strip()]
    d.pop("countries", None)
    d.pop("format", None)
    return d
