"""What one sentence says about a meeting: who, which countries, where, when, status, level.

Rules, not a model: titles of office ("Syrian President Bashar al-Assad"), known people
and their aliases from the database, country names and demonyms, capitals and venues,
date words read by parse_when, and the tense of the verbs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.countries import fold
from tracker.ingest.article import Sentence
from tracker.ingest.dating import DateMention, dates_in
from tracker.ingest.gazetteer import (
    Span,
    capital_of,
    cities_in,
    countries_in,
    venues_in,
    words,
)
from tracker.ingest.lexicon import ARTICLES, POSTPONED, POSTPONED_TR_RU
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
from tracker.model import Level, Person, Precision, Status, When

TRIGGER = re.compile(
    r"\b(?:meet|meets|meeting|meetings|met|talks|visit|visits|visited|visiting|host|hosts|hosted|hosting|summit|"
    r"consultations|negotiations|negotiate|contact|receive[sd]?|receiving|sit down|came together|conference|gather(?:ing|ed)?|"
    r"travel(?:s|led|ed|ling|ing)?\s+to|trip\s+to|tour\s+of|attend(?:s|ed|ing|ance)?|delegations?|session|arrived\s+in|join|"
    r"took part|take part|participated|present|among the leaders|chairmanship|chair|mediat\w*)\b"
    r"|(?<!\w)(?:kabul e\w*|ağırla\w*|принял\w*)"
    # Turkish and Russian: görüştü, bir araya geldi, ziyaret, toplantı, zirve; встреча, переговоры, визит, саммит
    r"|(?<!\w)(?:görüş\w*|bir araya\w*|ziyaret\w*|toplant\w*|zirve\w*|встре\w*|переговор\w*|визит\w*|саммит\w*|прибыл\w*|консультаци\w*)",
    re.IGNORECASE,
)
# "Yoon has met Kishida 12 times since March 2023": a count of meetings, not one of them.
COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+times\b|\b\d+(?:st|nd|rd|th)\s+(?:meeting|summit)\s+(?:since|in)\b", re.IGNORECASE
)
# "During the meeting, ...", "After this first meeting, ...": a sentence about a meeting already named.
ANAPHORA = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?(?:meeting|talks|summit|visit|negotiations|consultations|contact|gathering|session|bloc|forum)\b"
    r"|\b(?:the|both|his|her|their)\s+(?:two\s+|three\s+)?(?:top\s+|chief\s+|foreign\s+)?(?:leaders|ministers|presidents|sides|delegations|diplomats|negotiators|envoys|men|countries|counterparts|neighbou?rs|parties)\b"
    r"|(?<!\w)(?:iki lider|iki bakan|стороны|лидеры|министры)",
    re.IGNORECASE,
)
STATUS_WORDS = [
    (Status.CANCELLED, r"\b(?:cancel(?:l)?ed|called off|scrapped|will not take place|will not go ahead)\b|(?<!\w)(?:iptal edil\w*|отмен[её]н\w*)"),
    (
        Status.HELD,
        r"\b(?:met|took place|(?<!to be )(?<!will be )(?:was|were|been) held|held (?:an? |their |the )?(?:[\w-]+ ){0,3}(?:talks|meetings?|consultations|negotiations|summit|session)|talked|visited|received|hosted(?! by)|came together|concluded|ended|"
        r"(?:is|are) (?:holding|meeting|hosting|visiting|attending|taking part)|(?:is|are) (?:being )?held|paid an? (?:\w+ )?visit|arrived in|"
        r"(?:opened|began|started|kicked off) (?:the|their|its|a) (?:[\w-]+ ){0,2}(?:meeting|summit|talks|session|visit|conference)|"
        r"was (?:welcomed|received|given a (?:[\w-]+ )?welcome|accorded a (?:[\w-]+ )?welcome)|"
        r"(?:agreed|signed|discussed|pledged|vowed|reviewed) (?:[\w-]+ ){0,12}?(?:during|at|in) (?:their |the |a )?(?:[\w-]+ )?(?:talks|meeting|summit))\b"
        r"|\bspoke (?:with|for|briefly|on the sidelines)\b"
        # "The 21st round began in Astana on Wednesday", "After their meeting, the leaders ...",
        # "remarks ... following talks with": the meeting has taken place.
        r"|\b(?:began|opened|got under ?way|convened|gathered|assembled)\b|\b(?:after|following) (?:their|his|her|its) (?:[\w-]+ )?(?:talks|meeting|summit|negotiations)\b(?!.*\b(?:will|to be)\b)|\bfollowing talks with\b"
        r"|(?<!\w)(?:görüştü\w*|bir araya gel(?:di|mişti|mişlerdi)\w*|ziyaret etti\w*|kabul et(?:ti|ildi)\w*|kabul edildi\w*|ağırladı\w*|gerçekleştirdi\w*|"
        r"проводят|проводит|проходят|проходит|принял\w* участие|завершил\w*|"
        r"встречал\w*|встретил\w*|провел[аи]?|провёл|прошл[иао]|прош[её]л|состоял[аи]сь|прибыл\w*)",
    ),
    (Status.POSTPONED, rf"\b(?:{POSTPONED})\b|(?<!\w)(?:{POSTPONED_TR_RU})"),
    (
        Status.PROPOSED,
        r"\b(?:propos(?:ed|es|al)|offered to|suggested|(?<!at the )invited|(?<!at the )invitation(?! of)|called for|ready to meet|could meet|may meet|might meet|would like to|prepare the ground|pave the way|possible|potential)\b",
    ),
    (
        Status.ANNOUNCED,
        r"\b(?:will|to meet|to hold|to visit|to host|to be held|expected|scheduled|set (?:to|for)|plans? to|planned|due (?:to|in|at)|upcoming|agreed to|is to|are to)\b"
        r"|(?<!\w)(?:\w+(?:ecek|acak)(?:tır|tir)?|geliyor|planlan\w*|встретится|встретятся|проведет|проведут|пройдет|пройдут|состоится|планируется|примет участие)(?!\w)",
    ),
]
_HOST_BEFORE = re.compile(r"\b(?:hosted|received|welcomed|invited)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_HOST_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:(?:will|would|is|was|to|also)\s+)*(?:host|hosts|hosted|hosting|receive|received|receives|welcomed|welcomes)\b(?!\s+by\b)", re.IGNORECASE
)
_HEADS = re.compile(r"\b(?:preside[sd]?|presiding|head(?:s|ed|ing)?|lead(?:s|ing)?|led|chair(?:s|ed|ing)?)\s+(?:over\s+)?(?:the\s+)?$", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|to|at|visit(?:s|ed|ing)?|reach(?:ed)?|arriv(?:e|ed|es) in)\s+(?:the\s+)?[\"'‘“]?$|\b(?:in|to|at|outside|near)\s+the\s+(?:[\w-]+\s+){0,4}?(?:resort|city|town|capital|port)\s+(?:of\s+)?$"
    r"|(?<!\w)(?:в|во|на)\s+(?:\w+\s+)?$",  # Russian: "в Москве", "в швейцарской Лозанне"
    re.IGNORECASE,
)
# Turkish: the place's case ending says it is where ("Moskova'da") or where to ("Nahçıvan'a").
_TURKISH_LOCATIVE = re.compile(r"['’](?:da|de|ta|te|a|e|ya|ye|yı|yi|yu|yü|ı|i|u|ü|daki|deki)$", re.IGNORECASE)
# The outlets' own capitals speak for their government: "Seoul's foreign ministry said".
_CAPITAL_SPEAKS = re.compile(r"^['’]s\s+(?:foreign\s+)?(?:ministry|government|office|presidency)", re.IGNORECASE)
# An organization is a party where its meeting is named: "the SAARC summit", "SADC leaders",
# "foreign ministers of ASEAN", "the Authority of Heads of State ... of ECOWAS".
_ORG_MEETING_AFTER = re.compile(
    r"^\)?\s*(?:\(\w+\)\s*)?(?:'s\s+)?(?:\d+\w*\s+)?(?:(?:ordinary|extraordinary|annual|foreign|defen[cs]e|ministerial)\s+)*(?:summit|meeting|session|leaders|heads|ministers|council|forum|gathering|conference|zirve\w*|toplant\w*|dışişleri|саммит\w*|встреч\w*)\b",
    re.IGNORECASE,
)
_ORG_MEETING_BEFORE = re.compile(
    r"\b(?:leaders|heads of state(?: and government)?|ministers|members|summit|session|meeting|authority|council)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?$|саммит\w*\s+$",
    re.IGNORECASE,
)
_BUILDING = re.compile(r"^\s+(?:House|Palace|Hall|Hotel|Centre|Center|Tower|Mansion|Residence|Bhavan|Street|Buildings?|Square|Airport)\b")
# Meetings said to be going on as the article is written.
_GOING_ON = re.compile(
    r"\b(?:is|are) (?:holding|meeting|hosting|attending|taking part)\b|\b(?:is|are) (?:being )?held\b|(?<!\w)(?:проводят|проводит|проходят|проходит)(?!\w)",
    re.IGNORECASE,
)
_SIDELINES = re.compile(
    r"\b(?:sidelines|margins?|fringes?|marjında|полях|рамках|invitation|ahead of|before|after)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,8}$", re.IGNORECASE
)
_VISIT_COUNTRY = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|travel(?:s|led|ed)?|arriv(?:e|es|ed|ing))\s+(?:to\s+|in\s+)?$|(?<!\w)(?:в|во)\s+$", re.IGNORECASE)
# "He is not expected to meet Xi": no meeting.
_NEGATED = re.compile(
    r"\b(?:not|never|no plans to)\s+(?:(?:be\s+)?expected\s+to\s+|plan(?:ning)?\s+to\s+|going\s+to\s+)?(?:meet|hold talks with)\b|\bwon't\s+meet\b|(?<!\w)(?:не\s+встрет\w*|görüşmeyecek|görüşmesi beklenmiyor)",
    re.IGNORECASE,
)
# One side withdrawing calls off a meeting of two.
_PULLED_OUT = re.compile(r"\b(?:pull(?:s|ed)? out of|withdr(?:ew|aws|awn) from|will not attend|would not attend|boycott(?:s|ed)?)\b", re.IGNORECASE)


def date_preference(d: DateMention) -> tuple[bool, bool, int, int]:
    """Explicit before relative, a day before a month or year, a day before a week, then the first written."""
    return (
        d.relative,
        d.when.precision != Precision.DAY,
        (d.when.end - d.when.start).days > 6 or d.text.lower().endswith(("week", "неделе", "hafta")),
        d.start,
    )


# A sentence whose only meeting word is an arrival: part of a visit, not a meeting of its own.
ARRIVAL = re.compile(r"\b(?:arrived|arrives|arriving|landed)\b|(?<!\w)прибыл\w*", re.IGNORECASE)
# Words of meeting someone, beside an arrival: "arrived ... for talks with" is more than a visit.
MEETING_WITH = re.compile(
    r"\b(?:met|meet|meets|talks|held|hold|holds|summit|consultations|negotiations|received|hosted|welcomed)\b|(?<!\w)(?:встрет\w*|переговор\w*|görüş\w*)",
    re.IGNORECASE,
)


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
    today: DateMention | None = None  # a meeting going on as the article is written
    place_at: int = -1  # where in the sentence the place is named

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


# "In Cairo he will hold talks with President Sisi, and in Doha with the Emir": two meetings, the
# second clause without its verb.
_GAPPED = re.compile(
    r"^(?P<c1>(?:In|At)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)(?P<mid>,?\s+.{3,80}?\bwith\s+)(?P<o1>.+?),?\s+and\s+(?:in|at)\s+(?P<c2>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+with\s+(?P<o2>.+)$"
)


# "Guterres will meet Putin in Moscow on Tuesday and Zelensky in Kyiv on Thursday": one verb, two meetings.
_TWO_OBJECTS = re.compile(
    r"^(?P<subject>.+?\b(?:will meet|met|meets|is to meet|is due to meet|will hold talks with|held talks with)\s+)"
    r"(?P<o1>[^,;]+?\s(?:in|at)\s+[A-Z][^,;]*?\son\s+\w+)\s+and\s+(?P<o2>[^,;]+?\s(?:in|at)\s+[A-Z][^,;]*?\son\s+\w+)(?P<tail>.*)$"
)


def clauses(text: str) -> list[str]:
    """The sentence, or its clauses when the second one leaves out the verb of the first."""
    two = _TWO_OBJECTS.match(text)
    if two:
        return [f"{two['subject']}{two['o1']}{two['tail']}", f"{two['subject']}{two['o2']}{two['tail']}"]
    gapped = _GAPPED.match(text)
    if not gapped:
        return [text]
    first = f"{gapped['c1']}{gapped['mid']}{gapped['o1']}."
    return [first, f"In {gapped['c2']}{gapped['mid']}{gapped['o2']}"]


class Leader(NamedTuple):
    """A person of the leaders' table the database does not hold: known by name, without an id."""

    id: None
    name: str
    country: str | None


class SentenceReader:
    """Reads sentences of one article; remembers new people so that a later "Lavrov" is the
    "Sergey Lavrov" named with his title earlier."""

    def __init__(self, known: Mapping[str, Person | Leader], as_of: dt.date, context: frozenset[str] = frozenset(), cyrillic: bool = False):
        self.known = known  # folded name or alias -> person in the database
        self.local: dict[str, Party] = {}  # folded name or surname -> a person new to us
        # First words of names whose country is not known yet: "Yoon" of "President Yoon Suk Yeol"
        # may be his family name; asked only when no surname matches.
        self.given: dict[str, Party] = {}
        self.as_of = as_of
        self.context = context  # countries the article names: they decide between cities of one name
        self.cyrillic = cyrillic

    # ------------------------------------------------------------ the whole sentence

    def read(self, sentence: Sentence) -> Mention:
        text = sentence.text
        ws = words(text)
        venues = venues_in(text, ws)
        # A venue is no city ("the White House" is not Casablanca, whose Arabic name means it),
        # and "Hyderabad House" is a building in New Delhi, not Hyderabad.
        cities = [c for c in cities_in(text, self.context, ws) if not any(v.start <= c.start < v.end for v in venues) and not _BUILDING.match(text[c.end :])]
        # "Mexico" inside "Mexico City" is the city's name, not a party.
        countries = [c for c in countries_in(text, ws) if not any(p.start <= c.start and c.end <= p.end and p.end - p.start > c.end - c.start for p in cities)]
        places = sorted(cities + venues, key=lambda s: (s.start, -s.end))
        negated = _NEGATED.search(text) and not re.search(r"\b(?:met|held|will meet|to meet)\b.*\bbut\b", text)
        mention = Mention(sentence, trigger=bool(TRIGGER.search(text)) and not COUNTED.search(text) and not negated, anaphora=bool(ANAPHORA.search(text)))
        mention.status = self._status(text)
        # "will meet on Friday" is the next Friday, "met on Friday" the last one.
        mention.dates = dates_in(text, self.as_of, future=None if mention.status is None else mention.status != Status.HELD)
        if not mention.dates and _GOING_ON.search(text):
            # "are holding talks", "проводят встречу": the article's own day, unless another
            # sentence says the meeting's days.
            mention.today = DateMention(When(self.as_of, self.as_of, Precision.DAY, "today"), "", 0, relative=True, earlier=False)
        mention.parties = self._parties(text, countries, places)
        self._roles(text, mention.parties, countries)
        mention.city, mention.venue, mention.place_country = self._place(text, countries, places)
        mention.place_at = self._place_at
        mention.level = meeting_level(mention.parties)
        return mention

    def _status(self, text: str) -> Status | None:
        first = {status: m.start() for status, rx in STATUS_WORDS if (m := re.search(rx, text, re.IGNORECASE))}
        found = set(first)
        if Status.CANCELLED in found:
            return Status.CANCELLED
        if _PULLED_OUT.search(text) and Status.POSTPONED not in found and Status.HELD not in found:
            return Status.CANCELLED  # "Aliyev will not attend talks with Pashinyan planned for Thursday"
        if Status.POSTPONED in found:
            # "postponed from March, it was held on 3-4 April" ended held; "postponed to April" is still ahead.
            return Status.HELD if Status.HELD in found and re.search(r"\b(?:met|took place|was held|were held)\b", text) else Status.POSTPONED
        # The verb that comes first is the sentence's own: "held talks ... and accepted an invitation
        # to visit Washington" was held; "will visit ..., the ministry announced" is announced.
        ahead = [(first[s], s) for s in (Status.PROPOSED, Status.ANNOUNCED, Status.HELD) if s in found]
        return min(ahead, key=lambda x: x[0])[1] if ahead else None

    # ------------------------------------------------------------ who

    def _parties(self, text: str, countries: list[Span], places: list[Span]) -> list[Party]:
        parties: list[Party] = []
        used: list[tuple[int, int]] = []
        place_ends = {s.start: s.end for s in places}  # a run that is a place entirely is no name
        for match in TITLE.finditer(text):
            title = read_title(match.group())
            before = country_list_before(text, match.start(), countries)
            # "the head of Sudan's Sovereign Council": the country inside the title
            before = before or [sp for sp in countries if match.start() <= sp.start and sp.end <= match.end()][:1]
            after_of = country_list_after(text, match.end(), countries)
            run = run_at(text, match.end()) or appositive_run(text, before[0].start if before else match.start(), countries)
            name = None
            if (run is None or any(sp.start == run[0] for sp in countries)) and after_of:
                # "the Emir of Qatar, Sheikh Tamim ...", "Министр иностранных дел России Сергей Лавров"
                run = run_at(text, after_of[-1].end) or run
            if run:
                # A place is no part of a name: "Orban Ankara'ya geliyor".
                # Only a place with a Turkish case ending: "Lloyd Austin" is no Austin, Texas.
                inside = [sp.start for sp in places + countries if run[0] < sp.start < run[1] and _TURKISH_LOCATIVE.search(sp.text)]
                if inside:
                    keep = [w for w in run[2] if text.find(w, run[0]) < inside[0]]
                    run = (run[0], run[0] + len(" ".join(keep)), keep) if keep else None
            if title.plural and run and (after_of or before):
                listed_people = self._name_list(text, run, countries)
                if len(listed_people) == len(after_of or before) >= 2:
                    for span, (start, end, ws_) in zip(after_of or before, listed_people, strict=False):
                        person = self._person(ws_)
                        party = Party(person.name, span.code, title.text, title.level, person.person_id, start, end)
                        self._remember(party)
                        parties.append(party)
                        used.append((start, end))
                    continue
            if run and place_ends.get(run[0], -1) < run[1] and not any(s.start == run[0] for s in countries):
                name, run_end = self._person(run[2], case=_russian_case(match.group())), run[1]
                of = re.match(r"\s+of\s+(?:the\s+)?", text[run_end:])
                if of and not after_of:
                    # "President Alassane Ouattara of Côte d'Ivoire"
                    after_of = [sp for sp in countries if sp.start == run_end + of.end()][:1]
            span_start = before[0].start if before else match.start()
            if title.speaker:
                used.append((span_start, run[1] if run else match.end()))
                continue
            if name is not None and run is not None:  # a name is only read from a run
                span_start = min(span_start, run[0])
                party = Party(name.name, None, title.text, title.level, name.person_id, span_start, max(run_end, match.end()))
                # A title without a country, except one only one country has (Secretary of State).
                party.unqualified = not before and not after_of and not title.country
                party.country = (
                    (before[0].code if len(before) == 1 else None) or name.country or title.country or (after_of[0].code if len(after_of) == 1 else None)
                )
                previous = parties[-1] if parties else None
                if (
                    party.unqualified
                    and party.country is None
                    and previous
                    and previous.country
                    and re.fullmatch(r"\s+and\s+", text[previous.end : span_start])
                ):
                    party.country = previous.country  # "Russian President Putin and Foreign Minister Lavrov"
                self._remember(party)
                parties.append(party)
                used.append((span_start, run_end))
                continue
            listed = after_of or before
            if title.plural and text[match.end() : match.end() + 1] in "'’":
                continue  # "the BRICS foreign ministers' meeting": a kind of meeting, not its parties
            if title.plural and listed and _SIDELINES.search(text[max(0, span_start - 80) : span_start]):
                continue  # "on the sidelines of a gathering of foreign ministers of the Group of 20"
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
        parties += self._organizations(text, countries, parties)
        self._counterparts(parties)
        return sorted(parties, key=lambda p: p.start)

    def _organizations(self, text: str, countries: list[Span], parties: list[Party]) -> list[Party]:
        """Organizations whose meeting the sentence names: 'the SAARC summit', 'SADC leaders'."""
        found = []
        have = {p.country for p in parties}
        for span in countries:
            if not span.organization or span.code in have:
                continue
            before = text[max(0, span.start - 80) : span.start]
            if _SIDELINES.search(before):
                continue  # "on the sidelines of the UN General Assembly": where, not who
            if _ORG_MEETING_AFTER.match(text[span.end : span.end + 60]) or _ORG_MEETING_BEFORE.search(before):
                found.append(Party(None, span.code, start=span.start, end=span.end))
                have.add(span.code)
        return found

    def _counterparts(self, parties: list[Party]) -> None:
        """'his Venezuelan counterpart Nicolás Maduro' holds the office of the one he meets."""
        titled = next((p for p in parties if p.title and p.title != "counterpart"), None)
        for p in parties:
            if p.title == "counterpart":
                p.title, p.level = (titled.title, titled.level) if titled else (None, None)

    def _name_list(self, text: str, run: tuple[int, int, list[str]], countries: list[Span]) -> list[tuple[int, int, list[str]]]:
        """'Ararat Mirzoyan and Jeyhun Bayramov', 'Сергей Лавров, Джейхун Байрамов и Арарат Мирзоян'."""
        out = [run]
        pos = run[1]
        while len(out) < 12:
            glue = re.match(r"\s*,\s*(?:and\s+|и\s+|ve\s+)?|\s+(?:and|и|ve)\s+", text[pos:])
            if not glue:
                break
            start = pos + glue.end()
            following = name_runs(text[start : start + 100])
            if not following or following[0][0] != 0 or any(sp.start == start for sp in countries):
                break
            _, end, ws_ = following[0]
            out.append((start, start + end, ws_[:MAX_NAME_WORDS]))
            pos = start + end
        return out

    def _person(self, words: list[str], case: str | None = None) -> Party:
        """The longest known name in a run after a title, else the run itself as a new person;
        `case` is the Russian case of that title ("председателем": instrumental)."""
        if self.cyrillic or any(re.match("[А-ЯЁ]", w) for w in words):
            words = nominative(words, case)
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                found = self._lookup(" ".join(words[i : i + size]))
                if found and (size > 1 or len(words) == 1 or i == len(words) - 1):
                    if size == 1 < len(words) and found.person_id is None and fold(found.name) != fold(" ".join(words)):
                        # "Antony J. Blinken": the name as written, the country the leaders' table knows
                        return Party(" ".join(words), found.country)
                    return found
        # "Bashar Assad" then "Bashar al-Assad": one new person, by the surname.
        surname = self.local.get(_surname_key(words[-1]))
        if surname and len(words) > 1:
            return Party(surname.name, surname.country, title=surname.title, level=surname.level, person_id=surname.person_id)
        return Party(" ".join(words), None)

    def _lookup(self, name: str) -> Party | None:
        key = fold(name)
        if " " not in key:
            # A family name alone is first the person the article named in full ("Antony J. Blinken",
            # "Abdel Fattah al-Sisi"), before the leaders' table's spelling of him.
            p = self.local.get(key) or self.local.get(_surname_key(name))
            if p is not None and not (key in self.known and self.known[key].id is not None):
                return Party(p.name, p.country, title=p.title, level=p.level, person_id=p.person_id)
        if key in self.known:
            person = self.known[key]
            return Party(person.name, person.country, person_id=person.id)
        p = self.local.get(key) or (self.given.get(key) if " " not in key else None)
        if p is not None:
            return Party(p.name, p.country, title=p.title, level=p.level, person_id=p.person_id)
        return None

    def _remember(self, party: Party) -> None:
        """Later sentences may name this person by surname alone ("Fidan and Lavrov met"); where
        the family name comes first ("Xi Jinping", "Yoon Suk Yeol"), by the first word."""
        if party.name:
            template = Party(party.name, party.country, party.title, party.level, party.person_id)
            self.local[fold(party.name)] = template
            parts = party.name.split()
            surnames = [parts[-1]]
            if len(parts) > 1 and party.country in SURNAME_FIRST:
                surnames.insert(0, parts[0])
            elif len(parts) > 1 and party.country == "JPN":
                surnames.append(parts[0])  # "Kishida Fumio" at home, "Fumio Kishida" abroad
            if len(parts) >= 4:
                # "Luiz Inácio Lula da Silva" is Lula too.
                surnames += [w for w in parts[1:-1] if w[:1].isupper() and len(w) > 3]
            for surname in surnames:
                self.local.setdefault(fold(surname), template)
                self.local.setdefault(_surname_key(surname), template)
            if len(parts) > 1:
                self.given.setdefault(fold(parts[0]), template)

    def _untitled_people(self, text: str, used: list[tuple[int, int]], countries: list[Span]) -> list[Party]:
        """Known people named without a title: "Putin and Assad will meet tomorrow"."""
        found = []
        for start, end, run in name_runs(text):
            if any(a <= start < b for a, b in used):
                continue
            if _ERA_BEFORE.search(text[max(0, start - 12) : start]) or _ERA_AFTER.match(text[end : end + 20]):
                continue  # "for the first time under Trump", "the Biden administration"
            i = 0
            while i < len(run):
                for size in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                    party = self._lookup(" ".join(run[i : i + size]))
                    if party:
                        self._remember(party)
                        offset = text.find(run[i], start)
                        party.start, party.end = offset, offset + len(" ".join(run[i : i + size]))
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
        found = self._find_place(text, countries, places)
        self._place_at = found[3] if found else -1
        return found[:3] if found else (None, None, None)

    def _find_place(self, text: str, countries: list[Span], places: list[Span]) -> tuple | None:
        for span in places:
            before = text[max(0, span.start - 60) : span.start]
            after = text[span.end : span.end + 30]
            if span.venue and (
                re.search(r"\b(?:at|in)\s+(?:the\s+)?$|(?<!\w)(?:в|во)\s+$", before, re.IGNORECASE)
                or _TURKISH_LOCATIVE.search(text[span.start : span.end + 6].split()[-1] if text[span.start : span.end + 6].split() else "")
            ):
                return span.city, span.venue, span.code, span.start
            # "... following talks with ..., Moscow, October 17, 2024": a transcript's place and day.
            dated_place = re.search(r"\w,\s+$", before) and re.match(r",\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]+)", after)
            if not span.venue and (
                _LOCATIVE.search(before)
                or _TURKISH_LOCATIVE.search(span.text)
                or dated_place
                or re.match(r"\s+(?:talks|meeting|summit|visit|consultations|negotiations)\b|,\s+where\b", after)
            ):
                return span.city, None, span.code, span.start
        for span in countries:
            before = text[max(0, span.start - 30) : span.start]
            if re.search(r"\b(?:in|to|at|for|visit\w*)\s+the\s+$", before) and re.match(r"\s+capital\b", text[span.end :]):
                return capital_of(span.code), None, span.code, span.start
            if re.match(r"(?:['’][a-zçğıöşü]+)?\s+(?:\w+\s+)?ziyaret", text[span.end : span.end + 30]):
                return None, None, span.code, span.start  # "Katar'ı ziyaret edecek"
            if _VISIT_COUNTRY.search(before) or re.search(
                r"\b(?:met|meet|meets|held|hold|holds|talks|summit|meeting|gathered)\s+(?:\w+\s+){0,2}?in\s+$", before, re.IGNORECASE
            ):
                return None, None, span.code, span.start
        return None


# A leader's name standing for a period or a government, not for someone at the meeting.
_ERA_BEFORE = re.compile(r"\b(?:under|since|before|after)\s+$", re.IGNORECASE)
_ERA_AFTER = re.compile(r"^(?:['’]s)?\s+(?:administration|government|era|regime|presidency|years|cabinet)\b", re.IGNORECASE)

# Where the family name is written first, in English reports too.
SURNAME_FIRST = {"CHN", "KOR", "PRK", "VNM", "TWN", "HKG", "MAC", "MNG", "KHM", "SGP"}


def _surname_key(word: str) -> str:
    key = fold(re.sub(rf"^(?:{ARTICLES})-", "", word, flags=re.IGNORECASE))
    if re.search("[а-яё]", key) and len(key) > 4:
        key = re.sub(r"(?:ым|ом|ой|ем|у|а|е|ю|я)$", "", key)  # "Лаврова", "Лавровым" are Лавров
    return "surname:" + key


def _russian_case(title: str) -> str | None:
    """The case a Russian title is in, which the name after it shares: "с председателем" -> instr."""
    word = title.split()[0].lower()
    if re.search(r"(?:ом|ем|ём)$", word):
        return "instrumental"
    if re.search(r"[^аеиоуыэюя](?:а|я)$", word):
        return "genitive"
    return None


def nominative(words: list[str], case: str | None = None) -> list[str]:
    """A Russian name as the subject of a sentence: "Джоном Керри" -> "Джон Керри", "Сергея Лаврова" ->
    "Сергей Лавров", "Касым-Жомартом Токаевым" -> "Касым-Жомарт Токаев". Only the case endings of
    men's names that say their case for sure; anything else is kept as written."""
    if len(words) < 2 or not all(re.match("[А-ЯЁ]", w) for w in words):
        return words
    first, last = words[0], words[-1]
    if case == "instrumental" and any(re.search(r"[^аеиоуыэюя]ом$", w) for w in words[1:]) and not re.search(r"[^аеиоуыэюя](?:ом|ем)$", first):
        # "председателем КНР Хань Чжэном", "президентом Египта Абдель Фаттахом ас-Сиси"
        return [first, *(w[:-2] if re.search(r"[^аеиоуыэюя]ом$", w) else w for w in words[1:])]
    if case == "genitive" and re.search(r"[^аеиоуыэюяй]а$", last) and not re.search(r"(?:ея|а)$", first):
        return [*words[:-1], last[:-1]]  # "председателя КНДР Ким Чен Ына"
    if re.search(r"[^аеиоуыэюя]ом$", first):  # instrumental: Джоном, Касым-Жомартом, Хаканом Фиданом
        first = first[:-2]
        last = re.sub(r"(ов|ев|ин|ын)ым$", r"\1", last)
        last = re.sub(r"(?<=[^аеиоуыэюя])ом$", "", last)
    elif first.endswith("ем"):  # Сергеем
        first = first[:-2] + "й"
        last = re.sub(r"(ов|ев|ин|ын)ым$", r"\1", last)
    elif first.endswith("ея"):  # genitive: Сергея Лаврова
        first = first[:-2] + "ей"
        last = re.sub(r"(ов|ев|ин|ын)а$", r"\1", last)
    elif re.search(r"[^аеиоуыэюяй]а$", first) and re.search(r"(ов|ев|ин|ын)а$", last):  # genitive: Марата Хуснуллина
        first, last = first[:-1], last[:-1]
    return [first, *words[1:-1], last]
