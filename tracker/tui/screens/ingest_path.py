"""Completion of a file path as it is typed: `~/art` suggests `~/articles/`, `→` takes it."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

from tracker.text import to_field

MAX_ENTRIES = 2000  # a folder of a million files must not stall typing: look at this many names only


def expand(text: str) -> Path:
    """The path a user typed: `~` is their home folder, surrounding quotes (a pasted path) go."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(os.path.expanduser(text))


def complete(typed: str) -> str | None:
    """`typed` with the rest of the only (or the common part of several) matching names."""
    if not typed or typed.endswith(("/.", "/..")):
        return None
    folder_text, _, prefix = typed.rpartition("/")
    folder = Path(os.path.expanduser(folder_text + "/" if folder_text or typed.startswith("/") else "."))
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_ENTRIES:
                    break
                if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith(".")):
                    names.append(entry.name + ("/" if entry.is_dir() else ""))
    except OSError:
        return None
    if not names:
        return None
    # Names in one folder, completed letter by letter: `art` with articles/ and artists/ is `arti`, and the only
    # match keeps its folder's `/` (os.path.commonpath compares whole path parts: it drops that `/`, and of several names keeps none).
    rest = os.path.commonprefix(names)[len(prefix) :]  # noqa: RUF071 - letters, not path parts, on purpose
    return typed + rest if rest else None


class PathSuggester(Suggester):
    def __init__(self) -> None:
        # No cache: the folder may change while the screen is open (an article saved meanwhile).
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        found = complete(value)
        return to_field(found) if found else None  # a file's name may hold any character but / and NUL
