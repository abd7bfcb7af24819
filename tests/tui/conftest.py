"""A seeded database, a hostile one, and the app on it with a fixed today (snapshots must not age)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.seed import seed_if_new
from tracker.store.db import open_db

TODAY = dt.date(2023, 3, 20)
MARKUP = "[bold red]X[/bold red]"
ANSI = "\x1b[31mred\x1b[0m"
ARABIC = "بشار الأسد"
HEBREW = "ירושלים"
LONG_NAME = "Abdul" + "a" * 490 + " Khan"  # the longest name the store accepts (500)
LONG_TEXT = "Very long notes " * 625  # 10,000 characters


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "tracker.db"
    db = open_db(path)
    seed_if_new(db)
    db.close()
    return path


@pytest.fixture
def hostile_path(db_path):
    db = open_db(db_path)
    day = dt.date(2023, 3, 18)
    add_meeting(
        db,
        Meeting(
            title=f"{MARKUP} meets {ANSI}",
            when=When(day, day, Precision.DAY, "18 March 2023"),
            status=Status.HELD,
            city=f"{HEBREW} {MARKUP}",
            participants=[
                Participant(MARKUP, "TUR", Role.HOST, ANSI),
                Participant(ARABIC, "SYR", Role.VISITOR, "رئيس"),
                Participant(LONG_NAME, "IRN", Role.MEMBER, None),
            ],
            topics=[MARKUP],
            notes=LONG_TEXT,
        ),
    )
    db.close()
    return db_path


def make_app(path):
    from tracker.tui.app import TrackerApp

    return TrackerApp(path, today=TODAY)
