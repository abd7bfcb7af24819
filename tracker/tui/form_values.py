"""What the meeting form holds, as plain values: from a Meeting, and back to one, checked.

Kept apart from the widgets so that the rules (what is required, what a typed country
means, which date the relative words count from) read in one place and are tested
without a screen. Values are strings, as typed, so a draft is plain JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tracker.model import Level, Meeting, Participant, Precision, Role, Source, Status, When
from tracker.store.errors import StoreError
from tracker.store.meetings import check_meeting, check_source
from tracker.store.people import country_code

if TYPE_CHECKING:
    from tracker.store.db import Database

TEXT_FIELDS = ("title", "when", "city", "venue", "country", "topics", "summary", "outcome", "notes")
SOURCE_FIELDS = ("source_url", "source_title", "source_published", "quote")
# Form order: the first problem in it gets the cursor. The source comes right after who took
# part: logging from an article, it is the one other thing always at hand.
FIELD_ORDER = ("title", "when", "city", "venue", "country", "status", "level", "participants", *SOURCE_FIELDS,
               "topics", "summary", "outcome", "notes")  # fmt: skip
PARTICIPANT_FIELDS = ("name", "country", "role", "title")
Values = dict[str, Any]


def empty_participant() -> dict[str, str]:
    return {"name": "", "country": "", "role": str(Role.MEMBER), "title": ""}


def empty_values() -> Values:
    values: Values = dict.fromkeys(TEXT_FIELDS + SOURCE_FIELDS, "")
    values |= {"status": str(Status.ANNOUNCED), "level": "", "participants": [empty_participant()]}
    return values


def published_day(published: str | None) -> str:
    """The day part of a stored published time, as the form shows it."""
    return (published or "")[:10]


def values_of(m: Meeting, source: Source | None = None) -> Values:
    """The form's values for a meeting, the source fields holding `source` (none: empty, for a new one)."""
    return {
        "title": m.title,
        "when": m.when.text,
        "city": m.city or "",
        "venue": m.venue or "",
        "country": m.country or "",
        "status": str(m.status),
        "level": str(m.level) if m.level else "",
        "participants": [{"name": p.name or "", "country": p.country or "", "role": str(p.role), "title": p.title or ""} for p in m.participants]
        or [empty_participant()],
        "topics": ", ".join(m.topics),
        "summary": m.summary or "",
        "outcome": m.outcome or "",
        "notes": m.notes or "",
    } | source_values(source)


def source_values(source: Source | None) -> Values:
    """The source fields' values for one source (none: empty)."""
    source = source or Source()
    return {
        "source_url": source.url or "",
        "source_title": source.title or "",
        "source_published": published_day(source.published),
        "quote": source.quote or "",
    }


def reference_date(published: str, today: dt.date) -> tuple[dt.date, str]:
    """The date relative words count from: the source's published day when it reads as one, else today."""
    from tracker.dates import DateError, parse_day

    if published.strip():
        try:
            return parse_day(published, today), "the source's date"
        except DateError:
            pass
    return today, "today"


def is_blank_participant(p: dict[str, str]) -> bool:
    return not any((p.get(k) or "").strip() for k in ("name", "country", "title"))


def resolve_country(db: Database, text: str) -> str | None:
    """The code for what was typed in a country field (None when empty); raises StoreError."""
    return country_code(db, text) if text.strip() else None


class FormProblems(Exception):
    """Every problem found, by field ("participants.2.country" for a row): one message each."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def _text(value: str) -> str | None:
    return value.strip() or None


@dataclass
class FormSources:
    """Every source of the meeting in the form, and which one the source fields edit: `editing`
    indexes `sources`, or is len(sources) for a new one (an edit opens on a new one: a change of
    status or date comes with its own report, which the history keeps beside it)."""

    sources: list[Source] = field(default_factory=list)
    editing: int = 0

    @property
    def edited(self) -> Source | None:
        return self.sources[self.editing] if self.editing < len(self.sources) else None

    def with_fields(self, source: Source | None) -> list[Source]:
        """Every source, the fields' one in its place: added if new, dropped if emptied."""
        others = self.sources[: self.editing] + self.sources[self.editing + 1 :]
        return [*others[: self.editing], source, *others[self.editing :]] if source else others


def build_meeting(db: Database, values: Values, *, base: Meeting | None, sources: FormSources, today: dt.date) -> Meeting:
    """The meeting the values describe, over `base` when editing; raises FormProblems.

    What was not changed stays exactly as stored: an unchanged When is not read again
    (its relative words would count from another day), nor an unchanged published time.
    """
    from tracker.dates import DateError, parse_when

    problems: dict[str, str] = {}
    title = values["title"].strip()
    try:
        typed_source = fields_source(values, sources.edited, today)
    except FormProblems as e:
        problems |= e.problems
        typed_source = None
    published = values["source_published"].strip()
    when_text = values["when"].strip()
    when: When | None = None
    if base and when_text == base.when.text:
        when = base.when
    elif not when_text:
        problems["when"] = 'when is required: try "15-16 March 2023", "March 2023" or "tomorrow"'
    else:
        try:
            when = parse_when(when_text, reference_date(published, today)[0])
        except DateError as e:
            problems["when"] = str(e)
    try:
        country = resolve_country(db, values["country"])
    except StoreError as e:
        problems["country"], country = str(e), None
    participants, rows = [], []
    for i, row in enumerate(values["participants"]):
        if is_blank_participant(row):
            continue
        name, title_at = _text(row["name"]), _text(row["title"])
        try:
            code = resolve_country(db, row["country"])
        except StoreError as e:
            # Said by its row; the text stands in for the code, so the rest of the row is still checked.
            problems[f"participants.{i}.country"], code = str(e), row["country"].strip()
        participants.append(Participant(name=name, country=code, role=Role(row["role"] or Role.MEMBER), title=title_at))
        rows.append(i)
    fields = {
        "title": title,
        "when": when or When(today, today, Precision.DAY, when_text),  # unread: said above; the rest is still checked
        "status": Status(values["status"]),
        "level": Level(values["level"]) if values["level"] else None,
        "city": _text(values["city"]),
        "venue": _text(values["venue"]),
        "country": country,
        "participants": participants,
        "topics": list(dict.fromkeys(t.strip() for t in values["topics"].split(",") if t.strip())),
        "summary": _text(values["summary"]),
        "outcome": _text(values["outcome"]),
        "notes": _text(values["notes"]),
        "sources": sources.with_fields(typed_source),
    }
    # Every code here was read from the database, or stands for text already said to be unknown.
    known = {code for code in [country, *(p.country for p in participants)] if code}
    for problem in check_meeting(replace(base, **fields) if base else Meeting(**fields), known):
        if problem.field == "participants" and problem.index is not None:  # a participant's problem names its row
            problems.setdefault(f"participants.{rows[problem.index]}.{problem.part}", problem.message)
        elif problem.field != "when" or when is not None:
            problems.setdefault(problem.field, problem.message)
    if problems:
        raise FormProblems(problems)
    # Editing keeps what the form does not show: id, uid, CAMEO code, links, history, created.
    return replace(base, **fields) if base else Meeting(**fields)


def fields_source(values: Values, edited: Source | None, today: dt.date) -> Source | None:
    """The source the fields describe (None when they are empty), over the stored one they edit:
    its outlet, language and text stay, and an unchanged published day keeps its stored time."""
    from tracker.dates import DateError, parse_day

    if not any(values[k].strip() for k in SOURCE_FIELDS):
        return None
    problems = {}
    url = values["source_url"].strip()
    published = values["source_published"].strip()
    stored = None
    if edited and published == published_day(edited.published):
        stored = edited.published
    elif published:
        try:
            stored = parse_day(published, today).isoformat()
        except DateError as e:
            problems["source_published"] = f"published: {e}"
    source = replace(edited or Source(), title=_text(values["source_title"]), url=url or None, published=stored, quote=_text(values["quote"]))
    problems |= {p.field: p.message for p in check_source(source)}
    if problems:
        raise FormProblems(problems)
    return source
