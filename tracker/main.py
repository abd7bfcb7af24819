"""The `tracker` command: with no command given, the app at once; else the command line.

The app is what most starts are, and every one of them waited for click and every command's
module (some 50 ms of a 0.7 s first frame) only to learn that there was no command.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if (path := app_database(args)) is not None:
        from tracker.tui.launch import launch

        launch(path or None)
        return
    from tracker.cli import main as command_line

    command_line(args)


def app_database(args: list[str]) -> str | None:
    """The database the app opens when the arguments are no more than `--db FILE` ('' for the
    default one), or None when they are for the command line (a command, --help, a mistake)."""
    if not args:
        return ""
    if len(args) == 2 and args[0] == "--db" and args[1].strip() and not args[1].startswith("-"):
        return args[1]
    if len(args) == 1 and args[0].startswith("--db=") and args[0][5:].strip():
        return args[0][5:]
    return None
