"""Text as the store keeps it: normalized once, where a meeting's or a person's text is written.

Every path that writes (add and edit, undo and redo, imports, people changes) stores the
text normalized here, so that what is read back is what was indexed, and `tracker check`
finds tracker's own writes in step. One-line fields (a title, a place, a name, a topic)
lose leading and trailing whitespace, and any line break in them becomes a space;
multi-line fields (a summary, notes, a quote) keep their lines, every kind of line break
(CR, CRLF, U+2028, U+2029) written as LF.
"""

from __future__ import annotations

import re

from tracker.model import Meeting

_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_ODD_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")


def clean_line(text: str | None) -> str | None:
    """One-line text: line breaks as spaces, no surrounding whitespace; None stays None."""
    if text is None:
        return None
    # Plain `in` looks, not a regex: an import cleans a dozen fields of every meeting, and nearly all are clean.
    if "\n" in text or "\r" in text or (not text.isascii() and ("\u2028" in text or "\u2029" in text)):
        return _BREAKS.sub(" ", text).strip()
    return text.strip()


def clean_lines(text: str | None) -> str | None:
    """Multi-line text with LF line breaks; whitespace alone is no text (None)."""
    if text is None:
        return None
    if "\r" in text or (not text.isascii() and ("\u2028" in text or "\u2029" in text)):
        text = _ODD_BREAKS.sub("\n", text)
    return text if text.strip() else None


def clean_meeting(m: Meeting) -> Meeting:
    """The meeting as the store keeps it, in place: its text normalized, its topics without blanks or repeats.

    A title or a participant's name that is blank stays blank (""), for validation to
    refuse by name rather than drop it. Called on every meeting an import plans: the fields
    that are clean already (nearly all) cost a look each.
    """
    line, lines = clean_line, clean_lines
    m.title = line(m.title) or ""
    if m.city is not None:
        m.city = line(m.city) or None
    if m.venue is not None:
        m.venue = line(m.venue) or None
    if m.summary is not None:
        m.summary = lines(m.summary)
    if m.outcome is not None:
        m.outcome = lines(m.outcome)
    if m.notes is not None:
        m.notes = lines(m.notes)
    for p in m.participants:
        if p.name is not None:
            p.name = line(p.name)
        if p.title is not None:
            p.title = line(p.title) or None
    topics = m.topics
    if topics:
        cleaned = [t for t in map(line, topics) if t]
        m.topics = cleaned if len(set(cleaned)) == len(cleaned) else list(dict.fromkeys(cleaned))
    for s in m.sources:
        if s.title is not None:
            s.title = line(s.title) or None
        if s.quote is not None:
            s.quote = lines(s.quote)
    return m
