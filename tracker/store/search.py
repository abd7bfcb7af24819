"""What a search matches, written once for SQLite's full-text index and once for one meeting.

The search text of a meeting (store.meetings.search_parts) is folded before it is stored,
and so is what the user types: 'akcapar' finds 'Akçapar'. Each word typed must be the start
of a word of the meeting's text.

FTS5 answers a prefix query ("min"*) by merging the lists of every word that starts with it
before the first row: 50 ms for a common word at 1M meetings, half a second for "a"*. An OR
of the same words is merged lazily, as the rows are asked for: well under a millisecond.
So a prefix becomes the words it starts, taken from the known terms (the search_terms
table); only when there are more than MAX_EXPANSION of them does it stay a prefix query,
or for a word shorter than PREFIX_FROM letters, a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.countries import fold

MAX_SEARCH_WORDS = 16
MAX_EXPANSION = 1000  # an OR of 1,000 words costs ~10 ms at 1M meetings
PREFIX_FROM = 3
WORD = re.compile(r"\w+")


class _FoldTable(dict[int, str]):
    """fold() of one character at a time, for str.translate: filled as characters turn up."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold(chr(code))
        return folded


_FOLDED = _FoldTable((code, chr(code).lower()) for code in range(128))


def fold_fast(text: str) -> str:
    """fold(), fast: on ASCII it is lower(); otherwise a character at a time through a table.

    fold works character by character (NFKD decomposes each character on its own, and the
    combining marks it drops are the only ones it would reorder), so folding the characters
    and joining them gives what folding the whole gives; a test compares the two.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED)


def search_words(text: str) -> list[str]:
    """The words of a search, folded; quotes, operators and punctuation dropped."""
    return WORD.findall(fold(text))[:MAX_SEARCH_WORDS]


def terms_of(body: str) -> set[str]:
    """The words of a meeting's (folded) search text, for the search_terms table."""
    return set(WORD.findall(body))


def fts_query(text: str, words_starting: Callable[[str], list[str] | None] = lambda word: None) -> str | None:
    """An FTS5 query that can never be a syntax error; None when there is nothing to search.

    Each word becomes the known words it starts (`words_starting`: None when too many), OR-ed.
    Quotes, operators (AND, NEAR, *, ^) and punctuation in what the user typed are dropped,
    so a lone `"` finds nothing rather than failing.
    """
    groups = []
    for word in search_words(text):
        starting = words_starting(word)
        if starting:
            groups.append("(" + " OR ".join(f'"{w}"' for w in starting) + ")")
        elif starting is None and len(word) >= PREFIX_FROM:
            groups.append(f'"{word}"*')
        else:  # too short to merge as a prefix, or no known word starts so: the word itself
            groups.append(f'"{word}"')
    return " AND ".join(groups) or None


def matches_search(body: str | None, text: str) -> bool:
    """Whether one meeting's (folded) search text matches a search, as fts_query would.

    Registered on every connection as the SQL function matches_search(body, text): a few
    meetings (those of a rare country) are checked faster this way than by walking every
    match of a common word.
    """
    words = search_words(text)
    if not words or body is None:
        return False
    # A text written outside tracker (schema.py, migration 2) is not folded until tracker refolds it.
    tokens = terms_of(body.lower() if body.isascii() else fold(body))
    return all(any(t.startswith(w) for t in tokens) for w in words)
