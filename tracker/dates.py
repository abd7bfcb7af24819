"""Read the dates people type or copy from articles into a `When`.

Common forms (days, ranges, months, years in English, Turkish and Russian, and
relative words such as "tomorrow") are read here with a tokenizer and month-name
tables: that is fast (tens of microseconds) and predictable. dateparser is only
asked about relative phrases we do not know ("in 3 days", "3 gün önce"), and is
imported on that first use so that importing this module stays cheap (the TUI's
first frame must not pay dateparser's ~80 ms import).

Why not dateparser for everything: it reads "15-16 March" as 16 March *2016*,
does not know ranges at all, and with auto-detected languages reads Turkish
"16 Mart 2023" as July with a Pacific time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass
from typing import NamedTuple

from tracker.model import Precision, When

MAX_LENGTH = 100
YEARS = (1800, 2200)
ACCEPTED = 'try "15 March 2023", "15-16 March", "March 2023", "2023" or "tomorrow"'
MONTH_NAMES = ("January February March April May June July August September October November December").split()
DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


class DateError(ValueError):
    """A date the user typed that we cannot read; the message is one line for the user."""


def _table(*rows: str) -> dict[str, int]:
    """Row i (from 1) lists the spellings of value i."""
    return {word: i for i, row in enumerate(rows, 1) for word in row.split()}


# Keys are folded (see _fold): lower case, Turkish letters without diacritics, ё as е.
# Russian months come in the nominative (март), genitive (15 марта) and prepositional (в марте).
MONTHS = _table(
    "january jan ocak oca январь января январе янв",
    "february feb subat sub февраль февраля феврале фев февр",
    "march mar mart март марта марте",
    "april apr nisan nis апрель апреля апреле апр",
    "may mayis май мая мае",
    "june jun haziran haz июнь июня июне июн",
    "july jul temmuz tem июль июля июле июл",
    "august aug agustos agu август августа августе авг",
    "september sep sept eylul eyl сентябрь сентября сентябре сен сент",
    "october oct ekim eki октябрь октября октябре окт",
    "november nov kasim kas ноябрь ноября ноябре ноя нояб",
    "december dec aralik ara декабрь декабря декабре дек",
)
# Weekdays from 1 (Monday); Russian also in the accusative ("в среду").
WEEKDAYS = _table(
    "monday mon pazartesi понедельник",
    "tuesday tue tues sali вторник",
    "wednesday wed carsamba среда среду",
    "thursday thu thur thurs persembe четверг",
    "friday fri cuma пятница пятницу",
    "saturday sat cumartesi суббота субботу",
    "sunday sun pazar воскресенье",
)
# Words that carry no date: "on the 15th of March", "15 марта 2023 года", "с 15 по 16 марта".
FILLER = set("on the of in from between yili yilinda в во с года год г гг между".split())
RANGE_WORDS = set("to until till through thru and ila по до и".split())
DAY_WORDS = {
    "today": 0, "bugun": 0, "сегодня": 0,
    "tomorrow": 1, "yarin": 1, "завтра": 1,
    "yesterday": -1, "dun": -1, "вчера": -1, "накануне": -1,
    "day after tomorrow": 2, "obur gun": 2, "послезавтра": 2,
    "day before yesterday": -2, "evvelsi gun": -2, "позавчера": -2,
}  # fmt: skip
MODIFIERS = {
    **dict.fromkeys("last past gecen прошлый прошлую прошлое прошлом прошлой".split(), -1),
    **dict.fromkeys("this bu этот эту это этом этой".split(), 0),
    **dict.fromkeys("next coming gelecek onumuzdeki следующий следующую следующее следующем следующей".split(), 1),
}
UNITS = {
    **dict.fromkeys("week hafta неделе неделю неделя".split(), "week"),
    **dict.fromkeys("month ay месяц месяце".split(), "month"),
    **dict.fromkeys("year yil sene году год".split(), "year"),
}
# "İ".lower() is "i" plus a combining dot (U+0307), which is dropped.
_FOLD = str.maketrans("ışğüöçâîûё", "isguocaiuе", "\u0307")

# Whole numeric dates are single tokens so that their hyphens are not read as ranges.
_TOKEN = re.compile(
    r"(?P<iso>(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2}))(?![0-9])"
    r"|(?P<dmy>(?P<dd>[0-9]{1,2})[./](?P<dm>[0-9]{1,2})[./](?P<dy>[0-9]{4}))(?![0-9])"  # day first: 15/03/2023
    r"|(?P<ym>(?P<yy>[0-9]{4})-(?P<ymm>[0-9]{1,2}))(?![0-9])"  # 2023-03
    r"|(?P<num>[0-9]+)(?![0-9])(?:st|nd|rd|th)?(?![^\W\d_])"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<sep>[-‐‒–—―/]|\.\.)"
    r"|(?P<space>[\s,]+)"
)


def _fold(text: str) -> str:
    return text.lower().translate(_FOLD)


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'  # keeps the message on one line


def _cannot(text: str) -> DateError:
    return DateError(f"cannot read {_quote(text)} as a date; {ACCEPTED}")


def parse_when(text: str, as_of: dt.date | None = None) -> When:
    """Read a day, a range of days, a month (or range of months) or a year.

    A date without a year is the occurrence nearest to `as_of` (default today),
    as are bare weekdays; relative words count from `as_of`. "next week" is refused
    (there is no week precision) and so is a weekday that does not match its date.
    Raises DateError.
    """
    raw = text.strip()
    if len(raw) > MAX_LENGTH:
        raise DateError(f"date text is longer than {MAX_LENGTH} characters")
    if not raw:
        raise DateError(f"no date given; {ACCEPTED}")
    as_of = as_of or dt.date.today()
    if not YEARS[0] <= as_of.year <= YEARS[1]:
        raise DateError(f"reference date {as_of} is out of range; years {YEARS[0]} to {YEARS[1]} are accepted")
    folded = _fold(raw)
    found = _relative(folded, as_of)
    if found is None:
        tokens = _tokenize(folded)
        found = _absolute(tokens, raw, as_of) if tokens is not None else _dateparser(raw, as_of)
    if found is None:
        raise _cannot(raw)
    start, end, precision = found
    for year in {start.year, end.year}:
        if not YEARS[0] <= year <= YEARS[1]:
            raise DateError(f"year {year} is out of range; years {YEARS[0]} to {YEARS[1]} are accepted")
    return When(start, end, precision, raw)


def parse_day(text: str, as_of: dt.date | None = None) -> dt.date:
    """A single day, e.g. for `--as-of 2023-03-15`. Raises DateError for anything wider."""
    when = parse_when(text, as_of)
    if when.precision != Precision.DAY or when.start != when.end:
        raise DateError(f'{_quote(text.strip())} is not a single day; try "15 March 2023" or "2023-03-15"')
    return when.start


Found = tuple[dt.date, dt.date, Precision]


def _relative(folded: str, as_of: dt.date) -> Found | None:
    words = folded.replace(",", " ").split()
    if words and words[0] in ("on", "в", "во", "на"):
        words = words[1:]
    phrase = " ".join(words)
    if phrase in DAY_WORDS:
        day = as_of + dt.timedelta(days=DAY_WORDS[phrase])
        return day, day, Precision.DAY
    if len(words) == 1 and words[0] in WEEKDAYS:
        # A bare weekday is the nearest one, like a date without a year.
        ahead = (WEEKDAYS[words[0]] - 1 - as_of.weekday()) % 7
        day = as_of + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
        return day, day, Precision.DAY
    if len(words) != 2 or words[0] not in MODIFIERS:
        return None
    step, what = MODIFIERS[words[0]], words[1]
    if what in WEEKDAYS:
        # As dateparser reads "next Thursday": the first one after as_of, the last one before it.
        ahead = (WEEKDAYS[what] - 1 - as_of.weekday()) % 7
        days = {1: ahead or 7, 0: ahead, -1: ahead - 7 if ahead else -7}[step]
        day = as_of + dt.timedelta(days=days)
        return day, day, Precision.DAY
    unit = UNITS.get(what)
    if unit == "year":
        return *_span(_Side(None, None, as_of.year + step), ""), Precision.YEAR
    if unit == "month":
        index = as_of.year * 12 + as_of.month - 1 + step
        return *_span(_Side(None, index % 12 + 1, index // 12), ""), Precision.MONTH
    if unit == "week":
        # Precision has no week, and a Monday..Sunday range would claim seven days of meeting.
        monday = as_of - dt.timedelta(days=as_of.weekday()) + dt.timedelta(weeks=step)
        sunday = monday + dt.timedelta(days=6)
        span = When(monday, sunday, Precision.DAY, "").label()
        raise DateError(f'a week is not a day, month or year; type its days (e.g. "{span}") or its month')
    return None


@dataclass(slots=True)
class _Side:
    """One side of a range as read so far; a part not typed is None until the other side lends it."""

    day: int | None
    month: int | None
    year: int | None
    year_inherited: bool = False  # the year came from the other side: "28 December - 2 January 2023"


class _Token(NamedTuple):
    kind: str  # "date" (a whole numeric date, or a year and month), "num", "month", "weekday" or "sep"
    number: int = 0  # of "num"; the month of "month" (1-12); the weekday of "weekday" (1 is Monday)
    digits: int = 0  # how many digits "num" was typed with: a day has up to 2, a year 4
    date: tuple[int | None, int, int] | None = None  # "date": its day (None for 2023-03), month and year


def _tokenize(folded: str) -> list[_Token] | None:
    """The tokens of a date, spaces and filler words left out; None when something is not in our vocabulary."""
    tokens: list[_Token] = []
    pos = 0
    while pos < len(folded):
        match = _TOKEN.match(folded, pos)
        if not match or match.lastgroup is None:
            return None
        pos = match.end()
        kind, value = match.lastgroup, match.group(match.lastgroup)
        if kind == "iso":
            tokens.append(_Token("date", date=(int(match["id"]), int(match["im"]), int(match["iy"]))))
        elif kind == "dmy":
            tokens.append(_Token("date", date=(int(match["dd"]), int(match["dm"]), int(match["dy"]))))
        elif kind == "ym":
            tokens.append(_Token("date", date=(None, int(match["ymm"]), int(match["yy"]))))
        elif kind == "num":
            tokens.append(_Token("num", number=int(value), digits=len(value)))
        elif kind == "sep" or value in RANGE_WORDS:
            tokens.append(_Token("sep"))
        elif kind == "word" and value in MONTHS:
            tokens.append(_Token("month", number=MONTHS[value]))
        elif kind == "word" and value in WEEKDAYS:
            tokens.append(_Token("weekday", number=WEEKDAYS[value]))
        elif kind == "word" and value not in FILLER:
            return None
    return tokens


# A side of a range as a signature of D (day number), Y (4-digit year), M (month name),
# and where each of day, month, year sits in it.
_SIDES = {"DMY": (0, 1, 2), "DM": (0, 1, None), "MDY": (1, 0, 2), "MD": (1, 0, None), "DY": (0, None, 1),
          "MY": (None, 0, 1), "M": (None, 0, None), "Y": (None, None, 0), "D": (0, None, None)}  # fmt: skip


def _side(tokens: list[_Token]) -> _Side | None:
    """One side of a range, parts missing as None; None when its tokens do not spell a date."""
    if len(tokens) == 1 and tokens[0].date is not None:
        return _Side(*tokens[0].date)
    sig, values = "", []
    for token in tokens:
        if token.kind == "month":
            sig += "M"
        elif token.kind == "num" and token.digits <= 2:
            sig += "D"
        elif token.kind == "num" and token.digits == 4:
            sig += "Y"
        else:
            return None
        values.append(token.number)
    if sig not in _SIDES:
        return None
    day, month, year = (None if i is None else values[i] for i in _SIDES[sig])
    return _Side(day, month, year)


def _absolute(tokens: list[_Token], raw: str, as_of: dt.date) -> Found | None:
    weekdays = [t.number for t in tokens if t.kind == "weekday"]
    tokens = [t for t in tokens if t.kind != "weekday"]
    cuts = [i for i, t in enumerate(tokens) if t.kind == "sep"]
    if len(cuts) > 1 or len(weekdays) > 1:
        return None
    if not cuts:
        left = right = _side(tokens)
    else:
        left, right = _side(tokens[: cuts[0]]), _side(tokens[cuts[0] + 1 :])
    if left is None or right is None:
        return None
    if left is not right:
        _fill_range(left, right, raw, as_of)
    elif left.year is None and left.month is not None:
        left.year = _nearest_year(left.day, left.month, raw, as_of)
    if (left.day is not None and left.month is None) or (left.day is None) != (right.day is None):
        return None  # a day with no month ("15-16"), or a day joined to a month
    if (left.month is None) != (right.month is None):
        return None  # a month joined to a year
    start, end = _span(left, raw)[0], _span(right, raw)[1]
    if end < start and left is not right and left.month != right.month:
        # A range over New Year: "28 December - 2 January" ends in the next year.
        if right.year_inherited and right.year is not None:
            right.year += 1
        elif left.year_inherited and left.year is not None:
            left.year -= 1
        start, end = _span(left, raw)[0], _span(right, raw)[1]
    if end < start:
        raise DateError(f"end ({_describe(right)}) is before start ({_describe(left)})")
    if weekdays and start == end and left.day is not None and start.isoweekday() != weekdays[0]:
        raise DateError(f"{_describe(left)} is a {DAY_NAMES[start.weekday()]}, not a {DAY_NAMES[weekdays[0] - 1]}")
    if weekdays and not (start == end and left.day is not None):
        return None
    precision = Precision.DAY if left.day is not None else Precision.MONTH if left.month is not None else Precision.YEAR
    return start, end, precision


def _fill_range(left: _Side, right: _Side, raw: str, as_of: dt.date) -> None:
    """Each side takes what it lacks from the other: "15-16 March", "March 15–16, 2023"."""
    for side, other in ((left, right), (right, left)):
        if side.day is not None and side.month is None:
            side.month = other.month
    if left.year is None and right.year is not None:
        left.year, left.year_inherited = right.year, True
    elif right.year is None and left.year is not None:
        right.year, right.year_inherited = left.year, True
    elif left.year is None and left.month is not None:
        left.year = _nearest_year(left.day, left.month, raw, as_of)
        right.year, right.year_inherited = left.year, True


def _nearest_year(day: int | None, month: int, raw: str, as_of: dt.date) -> int:
    """The year that puts this day or month nearest to as_of (leap days may look further)."""
    best = None
    for year in range(as_of.year - 4, as_of.year + 5):
        if not YEARS[0] <= year <= YEARS[1] or (day or 0) > monthrange(year, month)[1]:
            continue
        first, last = _span(_Side(day, month, year), raw)
        distance = max((first - as_of).days, (as_of - last).days, 0)
        if best is None or distance < best[0]:
            best = (distance, year)
    if best is None:
        raise DateError(f"{_quote(raw)} is not a real date")
    return best[1]


def _span(side: _Side, raw: str) -> tuple[dt.date, dt.date]:
    day, month, year = side.day, side.month, side.year
    if year is None:  # not reached: _absolute turns away a side left without a year first
        raise _cannot(raw)
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateError(f"year {year} is out of range; years {YEARS[0]} to {YEARS[1]} are accepted")
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= month <= 12:
        raise DateError(f"{_quote(raw)} is not a real date: there is no month {month}")
    if day is None:
        return _month_span(year, month)
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"{_quote(raw)} is not a real date: {MONTH_NAMES[month - 1]} {year} has {days} days")
    return dt.date(year, month, day), dt.date(year, month, day)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def _describe(side: _Side) -> str:
    day, month, year = side.day, side.month, side.year
    parts = [str(day) if day else "", MONTH_NAMES[month - 1] if month else "", str(year)]
    return " ".join(p for p in parts if p)


def _dateparser(raw: str, as_of: dt.date) -> Found | None:
    """Relative phrases we have no table for: "in 3 days", "3 gün önce", "через 3 дня"."""
    import dateparser  # lazily: its import costs ~80 ms

    # One language at a time and only the relative-time parser: auto-detected
    # languages read Turkish "16 Mart 2023" as July in a Pacific time zone, and
    # the absolute parser reads "15-16 March" as the year 2016.
    cyrillic = re.search("[а-яё]", raw, re.IGNORECASE)
    base = dt.datetime.combine(as_of, dt.time())
    settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["relative-time"]}
    for language in ("ru",) if cyrillic else ("en", "tr"):
        try:
            found = dateparser.parse(raw, languages=[language], settings=settings)
        except Exception:  # noqa: BLE001 - its failures on odd input ("in 99999999 days") mean "not a date"
            found = None
        if found is not None:
            day = found.date()
            return day, day, Precision.DAY
    return None
