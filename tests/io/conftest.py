from __future__ import annotations

import json

import pytest


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
