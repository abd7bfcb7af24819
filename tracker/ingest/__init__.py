"""Article text -> candidate meetings, for the user to accept, edit or reject.

    candidates = candidates_from_text(db, text)          # or candidates_from_file(db, path)
    for c in candidates:
        c.meeting, c.evidence, c.matches, c.changes        # matches: id of a stored meeting it updates
        tracker.actions.meetings.accept_candidate(db, c, origin)   # an edit of the match, or an add

Rule-based and offline: no network, no model. Reads the dateline as the article's date,
and every relative date ("tomorrow") against it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.ingest.article import (
    Article,
    IngestError,
    Sentence,
    parse_article,
    read_article,
)
from tracker.ingest.candidates import Candidate, build_meeting, earlier_dates
from tracker.ingest.extract import Leader, Mention, SentenceReader, clauses
from tracker.ingest.gazetteer import best_city, countries_in, leaders_named
from tracker.ingest.grouping import fill_home_country, group_mentions
from tracker.ingest.phrases import name_ngrams
from tracker.ingest.updates import find_match, propose_update
from tracker.store.matching import people_named

if TYPE_CHECKING:
    from tracker.store.db import Database

__all__ = ["Article", "Candidate", "IngestError", "candidates_from_article", "candidates_from_file", "candidates_from_text"]

NO_DATELINE = (
    "no dateline found (a line such as '2023-03-15 14:32 | ...' after the title, or an HTML "
    "<time datetime> or article:published_time); give the article's date with --as-of"
)


def candidates_from_text(db: Database, text: str, as_of: dt.date | None = None) -> list[Candidate]:
    """Candidate meetings in an article's text (plain or HTML); `as_of` overrides its dateline.

    Raises IngestError when there is no date to read relative words against.
    """
    if not text or not text.strip():
        raise IngestError("the article is empty")
    return candidates_from_article(db, parse_article(text), as_of)


def candidates_from_file(db: Database, path: str | Path, as_of: dt.date | None = None) -> list[Candidate]:
    return candidates_from_article(db, read_article(path), as_of)


def _dateline_city(article: Article, context: frozenset[str]) -> tuple[str, str] | None:
    """The city of "SEOUL, Aug 18 (AFP):" as (city, country)."""
    if not article.dateline:
        return None
    city = best_city(fold(article.dateline), context)
    return (city.name, city.code) if city else None


def _home_hint(body: str, dateline: tuple[str, str] | None) -> str | None:
    """Whose officials a title without a country names (after the national news agency that
    filed the report): a Turkish report's are Turkish, a Russian one's Russian; else those of
    the country the report was filed in."""
    if len(re.findall("[а-яё]", body, re.IGNORECASE)) > len(body) // 4:
        return "RUS"
    if len(re.findall("[ğışİ]", body)) > len(body) // 200:
        return "TUR"
    if dateline and not re.search(r"\((?:Reuters|AP|AFP|Bloomberg)\)|\b(?:Reuters|AFP)\b", body[:400]):
        return dateline[1]  # an international agency's reporter abroad is nobody's official
    # "Seoul's foreign ministry said": the outlet's government speaks through its capital.
    speaks = re.search(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s (?:foreign )?(?:ministry|government|presidency|office)\b", body)
    city = best_city(fold(speaks.group(1))) if speaks else None
    return city.code if city else None


def _read_clause(reader: SentenceReader, sentence: Sentence, text: str) -> Mention:
    """A clause read as a sentence of its own; its evidence is the whole sentence."""
    if text == sentence.text:
        return reader.read(sentence)
    mention = reader.read(Sentence(text, sentence.index, sentence.quote, sentence.headline))
    mention.sentence = sentence
    return mention


def candidates_from_article(db: Database, article: Article, as_of: dt.date | None = None) -> list[Candidate]:
    if as_of is None:
        if article.published is None:
            raise IngestError(NO_DATELINE)
        as_of = article.published.date()
    elif article.published is None:
        article.published = dt.datetime.combine(as_of, dt.time())
    grams = set().union(*(name_ngrams(s.text) for s in article.sentences)) if article.sentences else set()
    body = " ".join(s.text for s in article.sentences)
    context = frozenset(span.code for s in article.sentences for span in countries_in(s.text))
    cyrillic = len(re.findall("[а-яА-ЯёЁ]", body)) > len(body) // 4
    # The database's people first; the leaders' table gives the country of those it does not know.
    known = {key: Leader(None, name, country) for key, (name, country) in leaders_named(grams).items()} | people_named(db, grams)
    reader = SentenceReader(known, as_of, context, cyrillic)
    # The headline last: its "Fidan and Lavrov" are the people the body names in full.
    body_first = [s for s in article.sentences if not s.headline] + [s for s in article.sentences if s.headline]
    read = {s.index: [_read_clause(reader, s, text) for text in clauses(s.text)] for s in body_first}
    mentions = [m for s in article.sentences for m in read[s.index]]
    dateline = _dateline_city(article, context)
    fill_home_country(mentions, article.agency or _home_hint(body, dateline))
    groups = group_mentions(mentions, as_of)
    candidates = []
    for number, group in enumerate(groups):
        meeting = build_meeting(group, article, as_of, dateline, groups[:number])
        # build_meeting quotes a sentence in every source it makes: no quote is None here.
        candidate = Candidate(meeting=meeting, evidence=[s.quote for s in meeting.sources if s.quote is not None])
        stored = find_match(db, candidate, earlier_dates(group, meeting.status))
        if stored is not None:
            candidate.matches = stored.id
            candidate.updated, candidate.changes = propose_update(stored, candidate)
        candidates.append(candidate)
    return candidates
