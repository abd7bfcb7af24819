"""`tracker` and `python -m tracker`.

A bare `tracker` (or `tracker --db PATH`) opens the app without importing the command line's
machinery (click), which is not needed before the first frame; anything else is a command.
"""

from __future__ import annotations

import sys


def app_database(args: list[str]) -> tuple[bool, str | None]:
    """(True, the --db value or None) when the arguments ask for the app alone."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None


def main() -> None:
    wants_app, path = app_database(sys.argv[1:])
    if wants_app:
        from tracker.tui.launch import launch

        launch(path)
    else:
        from tracker.cli import main as run_command

        run_command()


if __name__ == "__main__":
    main()
