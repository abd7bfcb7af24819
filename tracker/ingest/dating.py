"""Where the dates are in a sentence, read by tracker.dates.parse_when against the article's date.

This module only finds the words ("Between 15-16 March", "December 28, 2022", "tomorrow",
"next week"); reading them is parse_when's job, so the CLI, the form and the ingester
agree on what a date means.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

from tracker.dates import DateError, parse_when
from tracker.model import Precision, When

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"\d{4}"
_TO = r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_EXPRESSIONS = [
    ("explicit", rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?{_TO}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("explicit", rf"(?:[Bb]etween\s+)?{_DAY}{_TO}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("explicit", rf"{_MONTH}\s+{_DAY}{_TO}(?:{_MONTH}\s+)?{_DAY}(?:,?\s+{_YEAR})?"),
    ("explicit", rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("explicit", rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d:])"),
    ("explicit", r"\d{4}-\d{2}-\d{2}"),
    ("explicit", rf"{_MONTH}\s+{_YEAR}"),
    ("month", rf"(?:(?<=\bin )|(?<=\bof )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-))(?:{_MONTH})(?!\s*\d)"),
    ("relative", r"(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)"),
    ("relative", r"[Tt]oday|[Tt]omorrow|[Yy]esterday|[Tt]onight"),
    ("relative", rf"(?:next|last|this|coming)\s+(?:{_WEEKDAY}|month|year)"),
    ("week", r"(?:next|last|this|coming)\s+week|later\s+this\s+week|earlier\s+this\s+week"),
    ("month_relative", r"(?:later|earlier)\s+this\s+month"),
    ("weekday", rf"(?<=\bon )(?:{_WEEKDAY})"),
]
DATE_WORDS = re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(_EXPRESSIONS)))
# The dates of a plan that changed: "originally scheduled for 15-16 March", "postponed from ...".
_EARLIER = re.compile(
    r"(?:originally|initially|previously|first|earlier)\s+(?:\w+\s+){0,2}(?:for|on)?\s*$|(?:postponed|moved|rescheduled|delayed)\s+from\s+$"
    r"|(?:instead|rather)\s+(?:of|than)\s+$|(?:planned|scheduled|set|due)\s+(?:\w+\s+)?for\s+$",
    re.IGNORECASE,
)
# Dates that are not when a meeting is: "since 2011", "announced on Monday", "postponed last month".
_NOT_MEETING = re.compile(
    r"\b(?:since|until|before|by)\s+(?:the\s+)?$"
    r"|\b(?:announced|said|reported|told|stated|confirmed|declared|postponed|delayed|cancell?ed|called off)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    when: When
    text: str  # as written in the sentence
    start: int
    relative: bool  # counted from the article's date: less sure than an explicit date
    earlier: bool  # a date the meeting had before it moved


def dates_in(sentence: str, as_of: dt.date, *, future: bool | None = None) -> list[DateMention]:
    """The dates a sentence gives, read against the article's date.

    `future` says which way a bare weekday points ("will meet on Friday" is the next
    Friday, "met on Friday" the last one); None takes the nearest.
    """
    found = []
    for match in DATE_WORDS.finditer(sentence):
        kind = match.lastgroup.rstrip("0123456789")
        text = match.group()
        before = sentence[max(0, match.start() - 40) : match.start()]
        if _NOT_MEETING.search(before):
            continue  # "since 2011", "until March": not when a meeting is
        try:
            when = _read(kind, text, as_of, future)
        except DateError:
            continue
        found.append(DateMention(when, text, match.start(), kind != "explicit", bool(_EARLIER.search(before))))
    return found


def _read(kind: str, text: str, as_of: dt.date, future: bool | None) -> When:
    if kind == "weekday" and future is not None:
        return _weekday(text, as_of, future)
    if kind == "week":
        return _week(text, as_of)
    if kind == "month_relative":
        start, end = dt.date(as_of.year, as_of.month, 1), dt.date(as_of.year, as_of.month, monthrange(as_of.year, as_of.month)[1])
        return When(start, end, Precision.MONTH, text)
    return parse_when(re.sub(r"^(?:the|[Bb]etween)\s+", "", text), as_of)


def _weekday(text: str, as_of: dt.date, future: bool) -> When:
    when = parse_when(f"{'next' if future else 'last'} {text}", as_of)
    # "will meet on Wednesday" written on a Wednesday is that day.
    if as_of.strftime("%A").lower() == text.lower():
        when = parse_when("today", as_of)
    return When(when.start, when.end, when.precision, text)


def _week(text: str, as_of: dt.date) -> When:
    """A week is no precision of ours: say the month (or months) it falls in."""
    step = 1 if re.match(r"(?:next|coming)", text) else -1 if text.startswith("last") else 0
    monday = as_of - dt.timedelta(days=as_of.weekday()) + dt.timedelta(weeks=step)
    sunday = monday + dt.timedelta(days=6)
    start = dt.date(monday.year, monday.month, 1)
    end = dt.date(sunday.year, sunday.month, monthrange(sunday.year, sunday.month)[1])
    return When(start, end, Precision.MONTH, text)
