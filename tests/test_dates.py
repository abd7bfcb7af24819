"""Reading dates as people type them or copy them from articles (tracker.dates)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.dates import DateError, parse_day, parse_when
from tracker.model import Precision, When

D = dt.date
DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR
ARTICLE = D(2023, 3, 15)  # the dateline of the seed article, a Wednesday

CASES = [
    # single days, many spellings
    ("15 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("March 15, 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("15 Mar 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("Mar. 15 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("the 15th of March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("2023-03-15", D(2000, 1, 1), D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("15.03.2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("05/03/2023", ARTICLE, D(2023, 3, 5), D(2023, 3, 5), DAY),
    ("Wednesday, 15 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("  15 March 2023  ", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    # ranges
    ("15-16 March", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15–16 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15—16 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("March 15–16, 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15 to 16 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15 until 16 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15 through 16 March 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("between 15 and 16 March", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("30 March - 2 April 2023", ARTICLE, D(2023, 3, 30), D(2023, 4, 2), DAY),
    ("28 December 2022 to 2 January 2023", ARTICLE, D(2022, 12, 28), D(2023, 1, 2), DAY),
    ("28 December - 2 January 2023", ARTICLE, D(2022, 12, 28), D(2023, 1, 2), DAY),
    ("28 December - 2 January", ARTICLE, D(2022, 12, 28), D(2023, 1, 2), DAY),
    ("2023-03-15/2023-03-16", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("15-16.03.2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    # months and years
    ("March 2023", ARTICLE, D(2023, 3, 1), D(2023, 3, 31), MONTH),
    ("2023-02", ARTICLE, D(2023, 2, 1), D(2023, 2, 28), MONTH),
    ("December", ARTICLE, D(2022, 12, 1), D(2022, 12, 31), MONTH),
    ("March–April 2023", ARTICLE, D(2023, 3, 1), D(2023, 4, 30), MONTH),
    ("November–February 2023", ARTICLE, D(2022, 11, 1), D(2023, 2, 28), MONTH),
    ("2023", ARTICLE, D(2023, 1, 1), D(2023, 12, 31), YEAR),
    ("2022-2023", ARTICLE, D(2022, 1, 1), D(2023, 12, 31), YEAR),
    # Turkish and Russian
    ("16 Mart 2023", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("3-4 Nisan 2023", ARTICLE, D(2023, 4, 3), D(2023, 4, 4), DAY),
    ("Mart 2023", ARTICLE, D(2023, 3, 1), D(2023, 3, 31), MONTH),
    ("Ağustos 2023", ARTICLE, D(2023, 8, 1), D(2023, 8, 31), MONTH),
    ("AGUSTOS 2023", ARTICLE, D(2023, 8, 1), D(2023, 8, 31), MONTH),
    ("15 Şubat 2023", ARTICLE, D(2023, 2, 15), D(2023, 2, 15), DAY),
    ("15 марта 2023", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("15-16 марта 2023 года", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("с 15 по 16 марта", ARTICLE, D(2023, 3, 15), D(2023, 3, 16), DAY),
    ("март 2023", ARTICLE, D(2023, 3, 1), D(2023, 3, 31), MONTH),
    ("15 марта 2023 г.", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    # no year: the occurrence nearest the reference date
    ("16 March", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("2 January", ARTICLE, D(2023, 1, 2), D(2023, 1, 2), DAY),
    ("March 10", ARTICLE, D(2023, 3, 10), D(2023, 3, 10), DAY),
    ("10 November", ARTICLE, D(2022, 11, 10), D(2022, 11, 10), DAY),
    ("2 January", D(2023, 12, 20), D(2024, 1, 2), D(2024, 1, 2), DAY),
    ("29 February", ARTICLE, D(2024, 2, 29), D(2024, 2, 29), DAY),
    # relative words
    ("today", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("tomorrow", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("Yesterday", ARTICLE, D(2023, 3, 14), D(2023, 3, 14), DAY),
    ("bugün", ARTICLE, D(2023, 3, 15), D(2023, 3, 15), DAY),
    ("yarın", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("завтра", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("next Thursday", ARTICLE, D(2023, 3, 16), D(2023, 3, 16), DAY),
    ("next Wednesday", ARTICLE, D(2023, 3, 22), D(2023, 3, 22), DAY),
    ("last Friday", ARTICLE, D(2023, 3, 10), D(2023, 3, 10), DAY),
    ("Monday", ARTICLE, D(2023, 3, 13), D(2023, 3, 13), DAY),
    ("in 3 days", ARTICLE, D(2023, 3, 18), D(2023, 3, 18), DAY),
    ("3 gün önce", ARTICLE, D(2023, 3, 12), D(2023, 3, 12), DAY),
    ("через 3 дня", ARTICLE, D(2023, 3, 18), D(2023, 3, 18), DAY),
    ("next month", ARTICLE, D(2023, 4, 1), D(2023, 4, 30), MONTH),
    ("next month", D(2022, 12, 5), D(2023, 1, 1), D(2023, 1, 31), MONTH),
    ("в следующем месяце", ARTICLE, D(2023, 4, 1), D(2023, 4, 30), MONTH),
    ("last year", ARTICLE, D(2022, 1, 1), D(2022, 12, 31), YEAR),
]


@pytest.mark.parametrize(("text", "as_of", "start", "end", "precision"), CASES)
def test_reads_days_ranges_months_and_years_in_three_languages(text, as_of, start, end, precision):
    when = parse_when(text, as_of)
    assert (when.start, when.end, when.precision) == (start, end, precision)
    assert when.text == text.strip()


def test_tomorrow_is_relative_to_the_article_date():
    assert parse_when("tomorrow", D(2023, 3, 15)).start == D(2023, 3, 16)
    assert parse_when("tomorrow", D(2022, 12, 31)).start == D(2023, 1, 1)


def test_a_date_without_a_year_is_the_nearest_occurrence():
    assert parse_when("December", ARTICLE).start == D(2022, 12, 1)
    assert parse_when("December", D(2023, 9, 1)).start == D(2023, 12, 1)


def test_dateparser_year_bug_is_avoided_for_day_ranges():
    # dateparser alone reads "15-16 March" as 16 March 2016.
    assert parse_when("15-16 March", ARTICLE).start.year == 2023


def test_as_of_defaults_to_today():
    assert parse_when("today").start == dt.date.today()


REJECTED = [
    ("", "no date given"),
    ("   ", "no date given"),
    ("foo", 'cannot read "foo" as a date'),
    ("asdf 12", 'cannot read "asdf 12"'),
    ("the meeting", 'cannot read "the meeting"'),
    ("12", 'cannot read "12"'),
    ("15-16", 'cannot read "15-16"'),
    ("15 March - April 2023", "cannot read"),
    ("15-16 March 2023 foo", "cannot read"),
    ("31 February 2023", '"31 February 2023" is not a real date'),
    ("2023-13-01", '"2023-13-01" is not a real date'),
    ("45 March", "is not a real date"),
    ("16-15 March 2023", "end (15 March 2023) is before start (16 March 2023)"),
    ("2023-2022", "end (2022) is before start (2023)"),
    ("1700", "year 1700 is out of range; years 1800 to 2200 are accepted"),
    ("15 March 2300", "year 2300 is out of range"),
    ("x" * 101, "date text is longer than 100 characters"),
    ("Thursday, 15 March 2023", "15 March 2023 is a Wednesday, not a Thursday"),
    ("next week", 'type its days (e.g. "20–26 Mar 2023")'),
    ("на следующей неделе", "a week is not a day, month or year"),
]


@pytest.mark.parametrize(("text", "message"), REJECTED)
def test_rejects_what_is_not_a_date_with_a_one_line_message(text, message):
    with pytest.raises(DateError) as caught:
        parse_when(text, ARTICLE)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["foo", "", "asdf 12", "15\nfoo"])
def test_unreadable_text_is_told_what_is_accepted(text):
    with pytest.raises(DateError) as caught:
        parse_when(text, ARTICLE)
    assert str(caught.value).endswith('try "15 March 2023", "15-16 March", "March 2023", "2023" or "tomorrow"')
    assert "\n" not in str(caught.value)


def test_length_is_checked_before_parsing():
    # a long text that would otherwise be a valid date is still refused
    with pytest.raises(DateError, match="longer than 100"):
        parse_when("15 March 2023" + " " * 90 + "x", ARTICLE)


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


def test_parse_day_gives_a_single_day():
    assert parse_day("2023-03-15") == D(2023, 3, 15)
    assert parse_day("tomorrow", ARTICLE) == D(2023, 3, 16)


@pytest.mark.parametrize("text", ["15-16 March 2023", "March 2023", "2023"])
def test_parse_day_refuses_ranges_months_and_years(text):
    with pytest.raises(DateError, match="is not a single day"):
        parse_day(text, ARTICLE)


def test_importing_dates_does_not_import_dateparser():
    code = "import sys, tracker.dates; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_when_or_a_date_error(text):
    try:
        when = parse_when(text, ARTICLE)
    except DateError as error:
        assert "\n" not in str(error)
    else:
        assert when.start <= when.end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 -–/.,toMarchNisanмартаDecember", max_size=40))
def test_date_like_text_gives_a_when_or_a_date_error(text):
    try:
        when = parse_when(text, ARTICLE)
    except DateError:
        return
    assert when.start <= when.end


@pytest.mark.parametrize(
    ("when", "label"),
    [
        (When(D(2023, 3, 15), D(2023, 3, 15), DAY, ""), "15 Mar 2023"),
        (When(D(2023, 3, 15), D(2023, 3, 16), DAY, ""), "15–16 Mar 2023"),
        (When(D(2023, 3, 30), D(2023, 4, 2), DAY, ""), "30 Mar–2 Apr 2023"),
        (When(D(2022, 12, 28), D(2023, 1, 2), DAY, ""), "28 Dec 2022–2 Jan 2023"),
        (When(D(2023, 3, 1), D(2023, 3, 31), MONTH, ""), "Mar 2023"),
        (When(D(2023, 1, 1), D(2023, 12, 31), YEAR, ""), "2023"),
    ],
)
def test_label_is_short_and_by_precision(when, label):
    assert when.label() == label


def test_parsed_labels_read_back_as_typed():
    assert parse_when("15-16 March", ARTICLE).label() == "15–16 Mar 2023"
    assert parse_when("March 2023", ARTICLE).describe() == "Mar 2023 (month)"


def test_a_reference_date_out_of_range_is_a_date_error_not_an_overflow():
    with pytest.raises(DateError, match="reference date 9999-12-31 is out of range"):
        parse_when("tomorrow", dt.date.max)
