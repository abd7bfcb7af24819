"""Text from the database made safe to print: shown literally, never obeyed.

Control characters are spelled out, so `\x1b[31m` shows as text instead of turning the
terminal red; the same rule serves the CLI and the TUI. In a field being edited each one
is a single visible character instead (`to_field`), so the cursor stays where the eye
expects it, and `from_field` gives back the stored text: an unedited field is saved
byte for byte as it was.
"""

from __future__ import annotations

import re
from os.path import commonprefix

# C0 and C1 controls, and the Unicode bidi overrides/isolates that could reorder a whole row.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SPACES = re.compile(r"[\r\n\t\u2028\u2029]+")


def literal(text: object) -> str:
    """Control characters shown as \\xNN escapes, never obeyed."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", str(text))


def flat(text: object) -> str:
    """Line breaks and tabs as spaces: one meeting (or person) stays on one line of a listing."""
    return SPACES.sub(" ", str(text))


def one_line(text: object) -> str:
    """Literal text on one line (line breaks and tabs become spaces)."""
    return literal(flat(text).strip())


def json_literal(dumped: str) -> str:
    """JSON text with the controls json.dumps leaves raw (DEL, C1, bidi) as \\u escapes.

    The same data for any JSON reader, and nothing a terminal would obey; outside its
    strings JSON holds no such character, so the result is valid JSON.
    """
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


# ------------------------------------------------------------------ editable fields

# C0 controls and DEL as their Unicode Control Pictures (ESC as ␛, one cell each); the
# others (C1, bidi overrides and isolates, the line and paragraph separators a text area
# would break lines at) as the replacement character. Text areas keep newlines and tabs.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_OTHERS = [*range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TO_LINE = _PICTURES | dict.fromkeys(_OTHERS, "\ufffd")
_TO_LINES = {code: shown for code, shown in _TO_LINE.items() if chr(code) not in "\n\t"}
_BACK_LINE = {ord(picture): chr(code) for code, picture in _PICTURES.items()}
_BACK_LINES = {ord(picture): chr(code) for code, picture in _PICTURES.items() if code in _TO_LINES}


def to_field(text: str, *, lines: bool = False) -> str:
    """`text` for an input (`lines`: a text area) with every control character one visible cell."""
    return text.translate(_TO_LINES if lines else _TO_LINE)


def from_field(before: str, after: str, stored: str, *, lines: bool = False) -> str:
    """The text to store once a field showing `before` (`to_field(stored)`) shows `after`.

    Called at each edit, so that the part the user left alone comes back exactly as stored
    (a real "␛" in the data stays one, an ESC stays ESC); in what was typed or pasted a
    control picture stands for its control.
    """
    if after == before:
        return stored
    back = _BACK_LINES if lines else _BACK_LINE
    if len(before) != len(stored):  # not what to_field gave: all of it counts as typed
        return after.translate(back)
    # One edit changes one stretch: what is before and after it is unchanged.
    shortest = min(len(before), len(after))
    head = _shared_head(before, after)
    tail = _shared_head(before[head:][::-1], after[head:][::-1])
    tail = min(tail, shortest - head)
    return stored[:head] + after[head : len(after) - tail].translate(back) + stored[len(stored) - tail :]


def _shared_head(a: str, b: str) -> int:
    """How many leading characters two texts share."""
    return len(commonprefix([a, b]))  # noqa: RUF071 - texts, not paths: their characters are what is compared
