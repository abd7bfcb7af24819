"""What a search matches, written once for SQLite's full-text index and once for one meeting.

The search text of a meeting (store.meetings.search_parts) is folded before it is stored,
and so is what the user types: 'akcapar' finds 'Akçapar'. Each word typed must be a word
of the meeting's text, or from PREFIX_FROM letters on, the start of one.
"""

from __future__ import annotations

import re

from tracker.countries import fold

MAX_SEARCH_WORDS = 16
# FTS5 answers a prefix by merging the lists of every word that starts with it, all of
# them, before the first row: "a"* costs half a second at 1M meetings. One- and two-letter
# words are therefore matched whole; from three letters on a word is a prefix.
PREFIX_FROM = 3
WORD = re.compile(r"\w+")


def search_words(text: str) -> list[str]:
    """The words of a search, folded; quotes, operators and punctuation dropped."""
    return WORD.findall(fold(text))[:MAX_SEARCH_WORDS]


def fts_query(text: str) -> str | None:
    """An FTS5 query that can never be a syntax error: each word quoted, as a prefix from PREFIX_FROM letters.

    Quotes, operators (AND, NEAR, *, ^) and punctuation in what the user typed are dropped,
    so a lone `"` finds nothing rather than failing.
    """
    words = search_words(text)
    return " ".join(f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words) or None


def matches_search(body: str | None, text: str) -> bool:
    """Whether one meeting's (folded) search text matches a search, as fts_query would.

    Registered on every connection as the SQL function matches_search(body, text): a few
    meetings (those of a rare country) are checked faster this way than by walking every
    match of a common word.
    """
    words = search_words(text)
    if not words or body is None:
        return False
    tokens = set(WORD.findall(body))
    return all(w in tokens if len(w) < PREFIX_FROM else any(t.startswith(w) for t in tokens) for w in words)
