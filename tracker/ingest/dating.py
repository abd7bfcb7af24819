"""Where the dates are in a sentence, read by tracker.dates.parse_when against the article's date.

The words are found with the tables parse_when reads (tracker.dates: months, weekdays,
"tomorrow", "next", "week" in English, Turkish and Russian), so every date the form
accepts is also found in an article: "25 Eylül'de", "24 мая", "на этой неделе". Reading
them is parse_when's job, so the CLI, the form and the ingester agree on what a date means.

A date belongs to the verb beside it: "met on Friday" is the last Friday, "will meet on
Friday" the next one, and "said on Thursday", "was on Wednesday postponed" are when the
news came, not when anyone meets. A week is its days, Monday to Sunday.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

from tracker.dates import (
    DAY_WORDS,
    MODIFIERS,
    MONTHS,
    UNITS,
    WEEKDAYS,
    DateError,
    parse_when,
)
from tracker.dates import _fold as fold_date
from tracker.ingest.lexicon import MOVED, POSTPONED_TR_RU
from tracker.model import Precision, When


def _alternation(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# Abbreviations of weekdays ("sat", "sun", "wed") are words in running text: full names only.
_WEEKDAY_WORDS = [w for w in WEEKDAYS if len(w) >= 4 and w not in ("tues", "thur", "thurs")]
_MONTH = _alternation(MONTHS) + r"\.?(?![\w])"
_WD = _alternation(_WEEKDAY_WORDS) + r"(?![\w])"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d])"
_YEAR = r"\d{4}(?![\d])"
_SUFFIX = r"(?:['’][a-zçğıöşü]{1,5})?"  # Turkish: "25 Eylül'de", "2023'te"
_TO = r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\bthrough\b|\bila\b|\bпо\b|\bи\b|\bдо\b)\s*"
_YEAR_TAIL = rf"(?:,?\s+{_YEAR}(?:\s+(?:года|г\.|yılı|yılında))?)?"
_DATE_MD = rf"(?:{_MONTH}\s+{_DAY}{_YEAR_TAIL})"
_DATE_DM = rf"(?:{_DAY}\s+{_MONTH}{_YEAR_TAIL})"
_ONE = rf"(?:(?:{_WD},?\s+)?(?:{_DATE_DM}|{_DATE_MD}))"
_MOD = _alternation(MODIFIERS)
_UNIT = _alternation(UNITS)

_EXPRESSIONS = [
    # "from Monday until Wednesday, June 21": the first day counted back from the explicit last one
    ("weekday_to_date", rf"(?:from\s+)?{_WD}\s+(?:until|to|through|till)\s+{_ONE}"),
    ("explicit", rf"{_ONE},?{_TO}{_ONE}{_SUFFIX}"),
    ("explicit", rf"(?:between\s+|с\s+)?{_DAY}{_TO}{_DAY}\s+{_MONTH}{_YEAR_TAIL}{_SUFFIX}"),
    ("explicit", rf"{_MONTH}\s+{_DAY}{_TO}(?:{_MONTH}\s+)?{_DAY}{_YEAR_TAIL}"),
    ("explicit", rf"{_ONE}(?![\d:]){_SUFFIX}"),
    ("explicit", r"\d{4}-\d{2}-\d{2}"),
    ("explicit", rf"{_MONTH}\s+{_YEAR}{_SUFFIX}"),
    ("month", rf"(?:(?<=\bin )|(?<=\bof )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\bв )){_MONTH}(?!\s*\d)|{_MONTH}(?=\s+ay[ıi]n?da\b)"),
    ("relative", r"(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)"),
    ("relative", _alternation(w for w in DAY_WORDS if " " not in w) + r"(?![\w])|tonight"),
    ("week", r"(?:later|earlier)\s+this\s+week"),
    ("month_relative", r"(?:later|earlier)\s+this\s+month"),
    ("modified", rf"(?:на\s+|в\s+)?{_MOD}\s+(?:{_WD}|{_UNIT})(?![\w])"),
    ("weekdays", rf"{_WD}\s+(?:and|to|until|through|и|ve)\s+{_WD}"),
    ("weekday", _WD),
]
DATE_WORDS = re.compile("|".join(f"(?P<{kind}{i}>(?<![\\w]){rx})" for i, (kind, rx) in enumerate(_EXPRESSIONS)))

# The dates of a plan that changed: "originally scheduled for 15-16 March", "postponed from ...".
_EARLIER = re.compile(
    r"(?:originally|initially|previously|first|earlier)\s+(?:\w+\s+){0,2}(?:for|on)?\s*$|(?:" + MOVED + r")\s+from\s+$"
    r"|(?:instead|rather)\s+(?:of|than)\s+$",
    re.IGNORECASE,
)
# "scheduled for 15-16 March" is the date the plan had only where the plan changed.
_PLANNED = re.compile(r"(?:planned|scheduled|set|due)\s+(?:\w+\s+)?for\s+$", re.IGNORECASE)
_CHANGED = re.compile(rf"\b(?:{MOVED})\b|(?<!\w)(?:{POSTPONED_TR_RU})", re.IGNORECASE)
# Dates that are not when a meeting is: "since 2011", "before March".
_NOT_MEETING = re.compile(
    r"\b(?:since|before|by|after)\s+(?:the\s+)?$|\bsince\b[^.;]{0,80}\b(?:began|started|broke out|erupted|took office|came to power)\s+(?:in|on)\s+$|(?<!\w)(?:после|с тех пор как)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# "postponed until October 2-4", "pushed back to Monday", "ertelendi": the new date, and every other
# date of the sentence is one the meeting had before.
_MOVED_TO = re.compile(
    rf"\b(?:{MOVED})\s+(?:\w+\s+){{0,3}}?(?:until|till|to|for)\s+(?:the\s+)?$|(?<!\w)(?:перенесен\w*|отложен\w*)\s+на\s+$",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:until|till|through|до|(?:ends|end|ended|concludes|closes|wraps up)\s+(?:on\s+)?)\s*$", re.IGNORECASE)
# When the news came: "said on Thursday", "denied on Thursday", "told a news conference on Friday".
_REPORTING = re.compile(
    r"\b(?:said|says|announced|announces|told|denied|denies|confirmed|reported|stated|added|noted|insisted|tweeted|wrote|"
    r"declared|quoted|revealed|disclosed|statement|briefing|conference|took office|taking office|assumed office|sworn in|elected|appointed|назначен\w*|назначени\w*|açıkladı|bildirdi|duyurdu|"
    r"сообщил[аио]?|заявил[аио]?|объявил[аио]?|рассказал[аио]?)\b",
    re.IGNORECASE,
)
# A meeting word between the reporting verb and the date gives the date back to the meeting:
# "said the two would meet on Friday".
_MEETING_WORD = re.compile(
    r"\b(?:meet|meets|meeting|met|hold|holds|held|visit|visits|visited|talks|summit|host|hosts|hosted|travel|arrive|take place|"
    r"will|would|to|be|was|were|görüş\w*|ziyaret\w*|toplant\w*|встре\w*|переговор\w*|визит\w*|прой\w*|состо\w*)\b",
    re.IGNORECASE,
)
# "was on Wednesday postponed", "on Friday officially postponed": the day of the decision.
_DECIDED_AFTER = re.compile(
    r"^\s*,?\s*(?:\w+ly\s+)?(?:postponed|cancell?ed|called off|put off|scrapped|announced|said|denied|confirmed|ertelendi|açıkladı|отложен\w*|отмен\w*)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|was to|were to|to be|due|scheduled|expected|set to|plans?|planned|upcoming|going to|would|to meet|to visit|to hold|to travel|"
    r"\w+(?:ecek|acak)(?:tır|tir)?|будет|будут|состоится|пройдет|пройдут|проведет|проведут|встретится|встретятся|планируется|намерен\w*)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:met|held|took place|visited|hosted|received|began|arrived|opened|talked|came|ended|concluded|discussed|had|was|were|"
    r"\w*(?:görüştü|geldi|etti|yaptı|gerçekleştirdi|katıldı|bulundu|düzenlendi|yapıldı|mıştı|mişti|muştu|müştü)|провел[аи]?|прошл[иао]|прош[её]л|встречал\w*|встретил\w*|состоял\w*|прибыл\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    when: When
    text: str  # as written in the sentence
    start: int
    relative: bool  # counted from the article's date: less sure than an explicit date
    earlier: bool  # a date the meeting had before it moved
    until: bool = False  # "until Thursday": the last day only


# Words without which a sentence has no date: a cheap look before the long expression.
_DATE_KEYS = frozenset([*MONTHS, *WEEKDAYS, *(w for k in DAY_WORDS for w in k.split()), *MODIFIERS, *UNITS, "tonight", "later", "earlier"])
_TOKENS = re.compile(r"[^\W\d_]+")


def dates_in(sentence: str, as_of: dt.date, *, future: bool | None = None) -> list[DateMention]:
    """The dates a sentence gives for a meeting, read against the article's date.

    `future` is the sentence's tense, for a bare weekday that no verb beside it decides;
    None takes the nearest such day.
    """
    folded = fold_date(sentence)
    if len(folded) != len(sentence):  # offsets must stay those of the sentence
        folded = sentence.lower()
    if not re.search(r"\d", folded) and _DATE_KEYS.isdisjoint(_TOKENS.findall(folded)):
        return []
    found = []
    moved_to = None
    for match in DATE_WORDS.finditer(folded):
        assert match.lastgroup is not None  # every alternative of DATE_WORDS is a named group
        kind = match.lastgroup.rstrip("0123456789")
        text = sentence[match.start() : match.end()]
        if text.endswith(".") and len(text.split()[-1]) > 4:
            text = text[:-1]  # the sentence's full stop after "9-10 November"
        lead = re.match(r"(?:between|the|с)\s+", text, re.IGNORECASE)
        text = text[lead.end() :] if lead else text  # the date as the form shows it: "15-16 March"
        before = folded[max(0, match.start() - 60) : match.start()]
        after = folded[match.end() : match.end() + 40]
        if _NOT_MEETING.search(before) or _reported(before) or _DECIDED_AFTER.match(after):
            continue
        direction = _tense(folded, match.start(), match.end())
        if direction is None:
            direction = future
        try:
            when = _read(kind, match.group(), text, as_of, direction)
        except DateError:
            continue
        earlier = bool(_EARLIER.search(before)) or bool(_PLANNED.search(before) and _CHANGED.search(sentence))
        moved = bool(_MOVED_TO.search(before))
        found.append(DateMention(when, text, match.start(), kind not in ("explicit", "weekday_to_date"), earlier, bool(_UNTIL.search(before)) and not moved))
        if moved:
            moved_to = found[-1]
    if moved_to is not None:
        found = [d if d is moved_to or d.earlier else DateMention(d.when, d.text, d.start, d.relative, True, d.until) for d in found]
    return _join_until(found)


def _reported(before: str) -> bool:
    """The date follows a reporting verb with no meeting word in between."""
    clause = re.split(r"[;,]\s", before)[-1]
    reports = list(_REPORTING.finditer(clause))
    last = reports[-1] if reports else None
    return last is not None and not _MEETING_WORD.search(clause[last.end() :])


def _tense(folded: str, start: int, end: int) -> bool | None:
    """True for a future verb nearest the date in its clause, False for a past one."""
    head = re.split(r"[;,.]\s|\band\b|\bwhile\b|\bwhen\b|\bafter\b", folded[max(0, start - 80) : start])[-1]
    tail = re.split(r"[;,.]\s", re.sub(r"^[\s,]+", "", folded[end : end + 60]))[0]
    best = None
    for rx, value in ((_FUTURE, True), (_PAST, False)):
        for m in rx.finditer(head):
            distance = len(head) - m.end()
            if best is None or distance < best[0]:
                best = (distance, value)
    if best is not None:
        return best[1]
    for rx, value in ((_FUTURE, True), (_PAST, False)):
        later = rx.search(tail)
        if later and (best is None or later.start() < best[0]):
            best = (later.start(), value)
    return best[1] if best else None


def _join_until(found: list[DateMention]) -> list[DateMention]:
    """ "began on Wednesday and will continue until Thursday, February 29": one range."""
    out: list[DateMention] = []
    for d in found:
        starts = [s for s in out if not s.until and s.when.start <= d.when.start and s.when.precision == Precision.DAY]
        if d.until and starts:
            first = starts[-1]
            out.remove(first)
            out.append(
                DateMention(
                    When(first.when.start, d.when.end, Precision.DAY, f"{first.text} to {d.text}"),
                    first.text,
                    first.start,
                    first.relative and d.relative,
                    first.earlier,
                )
            )
        else:
            out.append(d)
    return out


_WEEKDAY_RX = re.compile(_WD)


def _strip(text: str) -> str:
    """What parse_when reads: no weekday beside a date, no Turkish suffix, no 'between'."""
    text = re.sub(r"['’][^\W\d_]{1,5}$", "", text.strip())
    text = re.sub(r"^(?:the|between|from|с)\s+", "", text)
    text = re.sub(r"\s+(?:года|г\.|yılı|yılında)$", "", text)
    if re.search(r"\d", text):
        text = _WEEKDAY_RX.sub(" ", text)
    return re.sub(r"\s*,\s*(?=(?:and|to|until|-|–|и|ve)\b|-|–)", " ", " ".join(text.split())).strip(" ,")


def _read(kind: str, folded: str, text: str, as_of: dt.date, future: bool | None) -> When:
    if kind == "weekday":
        return _weekday(folded, as_of, future, text)
    if kind == "weekdays":
        first, second = _WEEKDAY_RX.findall(folded)[:2]
        a, b = _weekday(first, as_of, future, text), _weekday(second, as_of, future, text)
        if b.start < a.start:
            b = When(b.start + dt.timedelta(days=7), b.end + dt.timedelta(days=7), Precision.DAY, text)
        return When(a.start, b.end, Precision.DAY, text)
    if kind == "weekday_to_date":
        weekday = _WEEKDAY_RX.search(folded)
        assert weekday is not None  # the expression of this kind holds a weekday
        until = parse_when(_strip(re.split(r"\b(?:until|to|through|till)\b", folded, maxsplit=1)[1]), as_of)
        back = (until.start.isoweekday() - WEEKDAYS[weekday.group()]) % 7
        return When(until.start - dt.timedelta(days=back), until.end, Precision.DAY, text)
    if kind == "week" or (kind == "modified" and UNITS.get(folded.split()[-1]) == "week"):
        return _week(folded, as_of, text)
    if kind == "month_relative":
        start, end = dt.date(as_of.year, as_of.month, 1), dt.date(as_of.year, as_of.month, monthrange(as_of.year, as_of.month)[1])
        return When(start, end, Precision.MONTH, text)
    if kind == "modified":
        folded = re.sub(r"^(?:на|в)\s+", "", folded)
    when = parse_when(_strip(folded) if kind in ("explicit", "month") else folded, as_of)
    if kind in ("explicit", "month") and future is not None and not re.search(r"\d{4}", folded):
        # A date without a year is the nearest one on the side of the verb: "last met in September"
        # written in March is last September.
        # Only when the nearest one is well on the wrong side: "on 15-16 March" is still this March.
        years = -1 if not future and (when.start - as_of).days > 60 else 1 if future and (as_of - when.end).days > 60 else 0
        if years:
            with contextlib.suppress(ValueError):  # 29 February
                when = When(when.start.replace(year=when.start.year + years), when.end.replace(year=when.end.year + years), when.precision, text)
    return When(when.start, when.end, when.precision, text)


def _weekday(word: str, as_of: dt.date, future: bool | None, text: str) -> When:
    """The day of that name nearest the article's date, ahead for a plan, behind for news;
    the article's own day either way."""
    ahead = (WEEKDAYS[word.strip()] - 1 - as_of.weekday()) % 7
    if future is None:
        days = ahead if ahead <= 3 else ahead - 7
    elif future:
        days = ahead
    else:
        days = ahead - 7 if ahead else 0
    day = as_of + dt.timedelta(days=days)
    return When(day, day, Precision.DAY, text)


def _week(folded: str, as_of: dt.date, text: str) -> When:
    """Monday to Sunday of the week meant: a week is seven days, not the month around it."""
    words = folded.split()
    step = next((MODIFIERS[w] for w in words if w in MODIFIERS), 0)
    if words[0] in ("later", "earlier"):
        step = 0
    monday = as_of - dt.timedelta(days=as_of.weekday()) + dt.timedelta(weeks=step)
    return When(monday, monday + dt.timedelta(days=6), Precision.DAY, text)
