from __future__ import annotations

import json
from pathlib import Path

import pytest



def _checkout_root() -> Path:
    """The main checkout: this one, or for a git worktree the checkout it was added to (.git is a file naming it)."""
    root = Path(__file__).resolve().parents[2]
    git = root / ".git"
    if git.is_file():  # "gitdir: <main>/.git/worktrees/<name>"
        root = Path(git.read_text().split(":", 1)[1].strip()).parents[2]
    return root


# shared/ sits beside the checkout's root (CI puts a read-only copy beside the clone).
DATA = _checkout_root().parent / "shared" / "data"


@pytest.fixture
def run(tracker):
    """The CLI as a user runs it, every argument given (--db too); (exit code, stdout, stderr)."""
    return lambda *args: tracker(*args, db=None)


def meetings_of(text: str) -> list[dict]:
    """The meetings of an export, without what differs between databases: ids, and the
    times of the seed meetings (each database seeds its own, at its own time)."""
    found = json.loads(text)["meetings"]
    for m in found:
        m.pop("id")
        if m["uid"].startswith("seed-"):
            m.pop("created")
            m.pop("updated")
        for link in m["links"]:
            link.pop("id")
    return sorted(found, key=lambda m: m["uid"])
