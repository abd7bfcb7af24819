"""Text from the database made safe to print: shown literally, never obeyed.

Control characters are spelled out, so `\x1b[31m` shows as text instead of turning the
terminal red; the same rule serves the CLI and the TUI.
"""

from __future__ import annotations

import re

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
