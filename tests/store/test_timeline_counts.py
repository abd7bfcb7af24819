"""The timeline's counts: per month of the start; a meeting without a month of its own, per year apart."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.actions.meetings import add_meeting
from tracker.model import Meeting, Participant, Precision, Role, Status, When
from tracker.store.queries import DATED_TO_MONTH, DATED_TO_YEAR, MeetingQuery, TimelineCounts, count, meetings_per_month, month_range, page


def add(db, title: str, start: str, end: str, precision: Precision, country: str = "RUS") -> None:
    when = When(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, title)
    add_meeting(db, Meeting(title=title, when=when, status=Status.HELD, participants=[Participant(None, country, Role.HOST)]))


@pytest.fixture
def vague(db):
    add(db, "Gas hub talks", "2024-01-01", "2024-12-31", Precision.YEAR, "TUR")
    add(db, "Spring consultations", "2023-03-01", "2023-05-31", Precision.MONTH, "IRN")  # across months: no month of its own
    add(db, "Talks in April", "2023-04-01", "2023-04-30", Precision.MONTH)
    add(db, "New year talks", "2023-12-30", "2024-01-02", Precision.DAY)  # dated to the day: counted where it starts
    return db


def test_a_meeting_dated_only_by_year_is_counted_apart_not_in_january(vague):
    counts = meetings_per_month(vague)
    assert counts == TimelineCounts(
        months=[("2022-12", 1), ("2023-03", 2), ("2023-04", 1), ("2023-12", 1)],
        years=[("2023", 1), ("2024", 1)],
    )
    assert ("2024-01", 1) not in counts.months


def test_the_counts_follow_the_search_and_filters(vague):
    assert meetings_per_month(vague, MeetingQuery(countries=("TUR",))) == TimelineCounts([("2022-12", 1), ("2023-03", 1)], [("2024", 1)])
    assert meetings_per_month(vague, MeetingQuery(search="nothing-like-this")) == TimelineCounts([], [])


def test_a_month_row_lists_the_meetings_it_counts_and_a_year_row_those_without_a_month(vague):
    """What enter on a row shows is what the row counted: the same query, its dates made a month."""
    start, end = month_range("2023-03")
    march = MeetingQuery(start=start, end=end, dated=DATED_TO_MONTH)
    assert (start, end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    # By overlap, a date filter also takes the meeting of "March to May" (and would take any of "2023").
    assert count(vague, MeetingQuery(start=start, end=end)) == 3
    assert count(vague, march) == dict(meetings_per_month(vague).months)["2023-03"] == 2
    start, end = month_range("2023-12")
    assert [r.title for r in page(vague, MeetingQuery(start=start, end=end, dated=DATED_TO_MONTH))] == ["New year talks"]
    start, end = month_range("2023")
    assert [r.title for r in page(vague, MeetingQuery(start=start, end=end, dated=DATED_TO_YEAR))] == ["Spring consultations"]
    assert count(vague, MeetingQuery(search="talks", start=start, end=end, dated=DATED_TO_YEAR)) == 0  # the search still applies


def test_month_range_knows_february_and_december():
    assert month_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_range("2023-12") == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert month_range("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
