"""What one sentence says about a meeting: who, which countries, where, when, status, level.

Rules, not a model: titles of office ("Syrian President Bashar al-Assad"), known people
and their aliases from the database, country names and demonyms, capitals and venues,
date words read by parse_when, and the tense of the verbs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tracker.countries import fold
from tracker.ingest.article import Sentence
from tracker.ingest.dating import DateMention, dates_in
from tracker.ingest.gazetteer import (
    Span,
    capital_of,
    cities_in,
    countries_in,
    venues_in,
)
from tracker.ingest.phrases import (
    MAX_NAME_WORDS,
    Party,
    appositive_run,
    country_list_after,
    country_list_before,
    country_parties,
    delegations,
    name_runs,
    run_at,
)
from tracker.ingest.titles import TITLE, meeting_level, read_title
from tracker.model import Level, Person, Precision, Status

TRIGGER = re.compile(
    r"\b(?:meet|meets|meeting|meetings|met|talks|visit|visits|visited|visiting|host|hosts|hosted|hosting|summit|"
    r"consultations|negotiations|negotiate|contact|receive[sd]?|receiving|sit down|came together|conference|gather(?:ing|ed)?|"
    r"travel(?:s|led|ed|ling|ing)?\s+to|trip\s+to|tour\s+of|attend(?:s|ed|ing)?|delegations?)\b",
    re.IGNORECASE,
)
# "During the meeting, ...", "After this first meeting, ...": a sentence about a meeting already named.
ANAPHORA = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?(?:meeting|talks|summit|visit|negotiations|consultations|contact|gathering)\b"
    r"|\b(?:the|both)\s+(?:two\s+)?(?:leaders|ministers|presidents|sides|delegations|diplomats)\b",
    re.IGNORECASE,
)
STATUS_WORDS = [
    (Status.CANCELLED, r"\b(?:cancel(?:l)?ed|called off|scrapped|will not take place|will not go ahead)\b"),
    (Status.HELD, r"\b(?:met|took place|(?<!to be )(?<!will be )(?:was|were|been) held|held (?:talks|a meeting|consultations|negotiations)|talked|visited|received|hosted(?! by)|came together|concluded|ended)\b"),
    (Status.POSTPONED, r"\b(?:postponed|put off|delayed|rescheduled|pushed back)\b"),
    (Status.PROPOSED, r"\b(?:propos(?:ed|es|al)|offered to|suggested|invited|invitation|called for|ready to meet|could meet|may meet|might meet|would like to|prepare the ground|pave the way|possible|potential)\b"),
    (Status.ANNOUNCED, r"\b(?:will|to meet|to hold|to visit|to host|to be held|expected|scheduled|set to|plans? to|planned|due to|upcoming|agreed to)\b"),
]
_HOST_BEFORE = re.compile(r"\b(?:hosted|received|welcomed|invited)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_HOST_AFTER = re.compile(r"^\s*(?:,\s*)?(?:(?:will|would|is|was|to|also)\s+)*(?:host|hosts|hosted|hosting|receive|received|receives|welcomed|welcomes)\b(?!\s+by\b)", re.IGNORECASE)
_HEADS = re.compile(r"\b(?:preside[sd]?|presiding|head(?:s|ed|ing)?|lead(?:s|ing)?|led|chair(?:s|ed|ing)?)\s+(?:over\s+)?(?:the\s+)?$", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|to|at|visit(?:s|ed|ing)?)\s+(?:the\s+)?[\"'‘“]?$|\b(?:in|to|at)\s+the\s+(?:[\w-]+\s+){0,4}?(?:resort|city|town|capital|port)\s+(?:of\s+)?$",
    re.IGNORECASE,
)
_VISIT_COUNTRY = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|travel(?:s|led|ed)?|arriv(?:e|es|ed|ing))\s+(?:to\s+|in\s+)?$", re.IGNORECASE)



def date_preference(d: DateMention) -> tuple[bool, bool, int, int]:
    """Explicit before relative, a day before a month or year, a day before a week, then the first written."""
    return (d.relative, d.when.precision != Precision.DAY, (d.when.end - d.when.start).days > 6 or d.text.lower().endswith(("week", "неделе", "hafta")), d.start)


@dataclass
class Mention:
    sentence: Sentence
    trigger: bool
    anaphora: bool
    parties: list[Party] = field(default_factory=list)
    city: str | None = None
    venue: str | None = None
    place_country: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    status: Status | None = None
    level: Level | None = None

    @property
    def countries(self) -> set[str]:
        return {p.country for p in self.parties if p.country}

    @property
    def people(self) -> set[str]:
        return {fold(p.name) for p in self.parties if p.name}

    @property
    def date(self) -> DateMention | None:
        """The meeting's date in this sentence: the most exact one that is not superseded."""
        current = [d for d in self.dates if not d.earlier]
        return min(current, key=date_preference) if current else None

    @property
    def earlier_dates(self) -> list[DateMention]:
        return [d for d in self.dates if d.earlier]


class SentenceReader:
    """Reads sentences of one article; remembers new people so that a later "Lavrov" is the
    "Sergey Lavrov" named with his title earlier."""

    def __init__(self, known: dict[str, Person], as_of: dt.date):
        self.known = known  # folded name or alias -> person in the database
        self.local: dict[str, Party] = {}  # folded name or surname -> a person new to us
        self.as_of = as_of

    # ------------------------------------------------------------ the whole sentence

    def read(self, sentence: Sentence) -> Mention:
        text = sentence.text
        countries = countries_in(text)
        places = sorted(cities_in(text) + venues_in(text), key=lambda s: (s.start, -s.end))
        mention = Mention(sentence, trigger=bool(TRIGGER.search(text)), anaphora=bool(ANAPHORA.search(text)))
        mention.status = self._status(text)
        # "will meet on Friday" is the next Friday, "met on Friday" the last one.
        mention.dates = dates_in(text, self.as_of, future=None if mention.status is None else mention.status != Status.HELD)
        mention.parties = self._parties(text, countries, places)
        self._roles(text, mention.parties, countries)
        mention.city, mention.venue, mention.place_country = self._place(text, countries, places)
        mention.level = meeting_level(mention.parties)
        return mention

    def _status(self, text: str) -> Status | None:
        found = {status for status, rx in STATUS_WORDS if re.search(rx, text, re.IGNORECASE)}
        if Status.CANCELLED in found:
            return Status.CANCELLED
        if Status.POSTPONED in found:
            # "postponed from March, it was held on 3-4 April" ended held; "postponed to April" is still ahead.
            return Status.HELD if Status.HELD in found and re.search(r"\b(?:met|took place|was held|were held)\b", text) else Status.POSTPONED
        for status in (Status.PROPOSED, Status.ANNOUNCED, Status.HELD):
            if status in found:
                return status
        return None

    # ------------------------------------------------------------ who

    def _parties(self, text: str, countries: list[Span], places: list[Span]) -> list[Party]:
        parties: list[Party] = []
        used: list[tuple[int, int]] = []
        place_ends = {s.start: s.end for s in places}  # a run that is a place entirely is no name
        for match in TITLE.finditer(text):
            title = read_title(match.group())
            before = country_list_before(text, match.start(), countries)
            after_of = country_list_after(text, match.end(), countries)
            run = run_at(text, match.end()) or appositive_run(text, before[0].start if before else match.start(), countries)
            name = None
            if run and place_ends.get(run[0], -1) < run[1] and not any(s.start == run[0] for s in countries):
                name, run_end = self._person(run[2]), run[1]
            span_start = before[0].start if before else match.start()
            if title.speaker:
                used.append((span_start, run[1] if run else match.end()))
                continue
            if name is not None:
                span_start = min(span_start, run[0])
                party = Party(name.name, None, title.text, title.level, name.person_id, span_start, max(run_end, match.end()))
                party.unqualified = not before and not after_of
                party.country = (before[0].code if len(before) == 1 else None) or name.country or title.country or (after_of[0].code if len(after_of) == 1 else None)
                previous = parties[-1] if parties else None
                if party.unqualified and party.country is None and previous and previous.country and re.fullmatch(r"\s+and\s+", text[previous.end : span_start]):
                    party.country = previous.country  # "Russian President Putin and Foreign Minister Lavrov"
                self._remember(party)
                parties.append(party)
                used.append((span_start, run_end))
                continue
            listed = after_of or before
            if title.plural and text[match.end() : match.end() + 1] in "'’":
                continue  # "the BRICS foreign ministers' meeting": a kind of meeting, not its parties
            if title.plural and listed:
                end = after_of[-1].end if after_of else match.end()
                parties += [Party(None, s.code, title.text, title.level, start=span_start, end=end) for s in listed]
                used.append((span_start, end))
            elif not title.plural and re.search(r"\b(?:the|his|her|its|their)\s+$", text[max(0, span_start - 6) : span_start], re.IGNORECASE):
                country = before[-1].code if before else title.country
                if country is None and parties and re.search(r"\band\s+(?:the|his|her|its|their)\s+$", text[max(0, span_start - 12) : span_start]):
                    country = parties[-1].country  # "Syrian Defense Minister Abbas and the head of intelligence"
                if country:
                    parties.append(Party(None, country, title.text[:1].upper() + title.text[1:], title.level, start=span_start, end=match.end()))
                    used.append((span_start, match.end()))
        parties += self._untitled_people(text, used, countries)
        parties += delegations(text, countries, parties)
        parties += country_parties(text, countries, places, parties)
        return sorted(parties, key=lambda p: p.start)

    def _person(self, words: list[str]) -> Party:
        """The longest known name in a run after a title, else the run itself as a new person."""
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                found = self._lookup(" ".join(words[i : i + size]))
                if found and (size > 1 or len(words) == 1 or i == len(words) - 1):
                    return found
        # "Bashar Assad" then "Bashar al-Assad": one new person, by the surname.
        surname = self.local.get(_surname_key(words[-1]))
        if surname and len(words) > 1:
            return Party(surname.name, surname.country, title=surname.title, level=surname.level, person_id=surname.person_id)
        return Party(" ".join(words), None)

    def _lookup(self, name: str) -> Party | None:
        key = fold(name)
        if key in self.known:
            p = self.known[key]
            return Party(p.name, p.country, person_id=p.id)
        if key in self.local:
            p = self.local[key]
            return Party(p.name, p.country, title=p.title, level=p.level, person_id=p.person_id)
        return None

    def _remember(self, party: Party) -> None:
        """Later sentences may name this person by surname alone ("Fidan and Lavrov met")."""
        if party.name:
            template = Party(party.name, party.country, party.title, party.level, party.person_id)
            self.local[fold(party.name)] = template
            self.local.setdefault(fold(party.name.split()[-1]), template)
            self.local.setdefault(_surname_key(party.name.split()[-1]), template)

    def _untitled_people(self, text: str, used: list[tuple[int, int]], countries: list[Span]) -> list[Party]:
        """Known people named without a title: "Putin and Assad will meet tomorrow"."""
        found = []
        for start, end, words in name_runs(text):
            if any(a <= start < b for a, b in used):
                continue
            i = 0
            while i < len(words):
                for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                    party = self._lookup(" ".join(words[i : i + size]))
                    if party:
                        self._remember(party)
                        offset = text.find(words[i], start)
                        party.start, party.end = offset, offset + len(" ".join(words[i : i + size]))
                        found.append(party)
                        i += size
                        break
                else:
                    i += 1
        return found

    # ------------------------------------------------------------ roles

    def _roles(self, text: str, parties: list[Party], countries: list[Span]) -> None:
        for party in parties:
            if _HOST_BEFORE.search(text[max(0, party.start - 30) : party.start]) or _HOST_AFTER.match(text[party.end : party.end + 30]):
                party.host = True
        for span in countries:
            if re.match(r"\s+delegation", text[span.end :]) and _HEADS.search(text[max(0, span.start - 30) : span.start]):
                heads = [p for p in parties if p.name and p.country == span.code] or [p for p in parties if p.name and p.start < span.start]
                if heads:
                    heads[-1].head = True
                    heads[-1].country = heads[-1].country or span.code
            led = re.match(r"\s+delegation\s+(?:was|is|will be|would be)\s+(?:led|headed|chaired)\s+by\s+", text[span.end :])
            if led:
                after = [p for p in parties if p.name and p.start >= span.end + led.end() - 1]
                if after and after[0].country in (None, span.code):
                    after[0].head, after[0].country = True, span.code

    # ------------------------------------------------------------ where

    def _place(self, text: str, countries: list[Span], places: list[Span]) -> tuple[str | None, str | None, str | None]:
        for span in places:
            before = text[max(0, span.start - 60) : span.start]
            after = text[span.end : span.end + 30]
            if span.venue and re.search(r"\b(?:at|in)\s+the\s+$", before, re.IGNORECASE):
                return span.city, span.venue, span.code
            if not span.venue and (_LOCATIVE.search(before) or re.match(r"\s+(?:talks|meeting|summit|visit|consultations|negotiations)\b", after)):
                return span.city, None, span.code
        for span in countries:
            before = text[max(0, span.start - 30) : span.start]
            if re.search(r"\bin\s+the\s+$", before) and re.match(r"\s+capital\b", text[span.end :]):
                return capital_of(span.code), None, span.code
            if _VISIT_COUNTRY.search(before):
                return None, None, span.code
        return None, None, None


def _surname_key(word: str) -> str:
    return "surname:" + fold(re.sub(r"^(?:al|el|ad|as|ash|an)-", "", word, flags=re.IGNORECASE))
