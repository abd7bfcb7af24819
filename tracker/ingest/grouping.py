"""Sentences -> groups: the sentences of an article that speak of the same meeting.

A sentence starts or joins a group when it names a meeting and its parties ("Putin and
Assad will meet tomorrow"); "During the meeting, ..." joins the meeting just named; the
rest of a quotation joins the meeting its first sentence named; who attended joins the
meeting just named; a tour's stops are a group each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from tracker.countries import ORGANIZATIONS, fold
from tracker.ingest.dating import DateMention
from tracker.ingest.extract import Mention, Party, date_preference
from tracker.ingest.titles import meeting_level
from tracker.model import Precision, Status, When

ANAPHORA_REACH = 2  # "During the meeting" refers to a meeting named at most this many sentences before


@dataclass
class Group:
    mentions: list[Mention] = field(default_factory=list)
    attached: list[Mention] = field(default_factory=list)  # evidence only: anaphora, quotations
    inherited: DateMention | None = None  # the date of the meeting before, for "also held talks" without one

    def _memo(self, name: str, compute):
        """Grouping asks each group for these once per sentence: kept until a sentence joins."""
        key = (name, len(self.mentions), len(self.attached), id(self.inherited))
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    @property
    def all(self) -> list[Mention]:
        return self._memo("all", lambda: sorted(self.mentions + self.attached, key=lambda m: m.sentence.index))

    @property
    def countries(self) -> set[str]:
        return self._memo("countries", lambda: set().union(*(m.countries for m in self.mentions)))

    @property
    def people(self) -> set[str]:
        return self._memo("people", lambda: set().union(*(m.people for m in self.mentions)))

    @property
    def level(self):
        return self._memo("level", lambda: meeting_level([p for m in self.mentions for p in m.parties]))

    def date(self) -> DateMention | None:
        def compute():
            dated = [m.date for m in self.all if m.date]
            today = next((m.today for m in self.all if m.today), None)
            return min(dated, key=date_preference) if dated else today or self.inherited

        return self._memo("date", compute)

    @property
    def last_index(self) -> int:
        return max(m.sentence.index for m in self.all)


def _named_parties(g: Group) -> list[Party]:
    seen, out = set(), []
    for m in g.mentions:
        for p in m.parties:
            key = p.person_id or (fold(p.name) if p.name else p.country)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def is_strong(m: Mention) -> bool:
    """Enough to stand for a meeting of its own: two countries (a visitor and the place
    visited count), or people whose country is not known."""
    if not m.trigger:
        return False
    from tracker.ingest.extract import ARRIVAL, MEETING_WITH

    text = m.sentence.text
    if ARRIVAL.search(text) and len(m.people) <= 1 and not MEETING_WITH.search(text):
        return False  # "Путин прибыл в Казахстан во вторник": the visit's arrival, not a meeting
    # Two sides at least: officials of one country meeting at home are not diplomacy (and are
    # what is left when the other side's name was not recognised).
    sides = m.countries | ({m.place_country} if m.place_country else set())
    unknown_side = any(p.name and p.country is None for p in m.parties)
    # "Leaders of ASEAN opened a virtual summit on Tuesday": an organization's own meeting.
    org_meeting = (
        bool(_org_meetings([m]))
        and bool(m.date or m.city)
        and bool(re.search(r"\b(?:summit|meeting|session|conference|forum)\b|(?<!\w)(?:zirve|toplant|саммит|заседани)", text, re.IGNORECASE))
    )
    return len(sides) >= 2 or org_meeting or (unknown_side and (len(m.people) >= 2 or bool(m.city)))


def overlap(a: When, b: When) -> bool:
    return a.start <= b.end and b.start <= a.end


def _dates_agree(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or overlap(a.when, b.when):
        return True
    # "tomorrow" in the lead against "March 15" in the statement: one meeting, a discrepancy.
    # Two weekdays that differ ("on Friday" and "on Thursday") are two days, two meetings.
    gap = min(abs((a.when.start - b.when.end).days), abs((b.when.start - a.when.end).days))
    return (a.relative != b.relative) and gap <= 1


def _org_meetings(mentions) -> set[str]:
    """Organizations taking part as such ("the SAARC summit"), not as the office of a person named."""
    return {p.country for m in mentions for p in m.parties if not p.name and p.country in ORGANIZATIONS}


def _sides(mentions) -> set[str]:
    """The countries of the people named: who meets whom, without the organizations around them."""
    return {p.country for m in mentions for p in m.parties if p.name and p.country and p.country not in ORGANIZATIONS}


# "He also held talks with", "later met": another meeting of the same person; "also attended
# the talks" joins the one named.
_ARRIVES = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:arrived|arrives|landed|will travel|travel(?:s|led|ed) to|is visiting|visited|will visit|will pay)\b", re.IGNORECASE
)
# As the subject, first: "The ministers also took part ...", "Министры также ...".
_PEOPLE_ANAPHORA = re.compile(
    r"^(?:(?:On|In|В|Во)\s+\S+,?\s+)?(?:the|both)\s+(?:two\s+|three\s+)?(?:ministers|leaders|presidents|diplomats)\b|^(?:(?:В|Во)\s+\S+\s+)?(?:министры|лидеры)|^(?:İki (?:lider|bakan))",
    re.IGNORECASE,
)
_THE_MEETING = re.compile(r"^(?:The|This|That) (?:meeting|talks|summit|visit|session|negotiations)\b")
_SAME_DAY = re.compile(
    r"\b(?:later|earlier) (?:in the|that|the same) day\b|\bthe same day\b|\blater that day\b|(?<!\w)(?:в тот же день|aynı gün)", re.IGNORECASE
)
_BILATERAL = re.compile(r"\bbilateral\b|\bikili\b|двусторонн", re.IGNORECASE)
_ALSO = re.compile(
    r"(?:\b(?:also|later|separately|then|afterwards|ayrıca|daha sonra|также|затем)\b|\bile (?:de|da)\b).{0,60}?(?:\b(?:met|meet|meets|meeting with|held\b.{0,30}\btalks|hold talks|talks with|summit with|received)\b|(?<!\w)(?:görüş\w*|kabul\w*|bir araya\w*|встреч\w*|встрет\w*|переговоры с|принял\w*))",
    re.IGNORECASE,
)


def _apart(m: Mention, g: Group, as_of: dt.date | None) -> bool:
    """What says a sentence is about another meeting than the group, whoever takes part:
    another city ("then travel to Warsaw"), or held before the article while the group is
    still ahead of it (and the other way round)."""
    cities = {x.city for x in g.mentions if x.city}
    if m.city and cities and m.city not in cities:
        return True
    places = {x.place_country for x in g.mentions if x.place_country}
    if m.place_country and places and m.place_country not in places:
        return True  # "then on to Vietnam": another country, another meeting
    group_date = g.date()
    if as_of is None or m.date is None or group_date is None:
        return False
    ahead = group_date.when.start > as_of
    if m.status == Status.HELD and ahead and m.date.when.start <= as_of:
        return True
    return m.status in (Status.ANNOUNCED, Status.PROPOSED) and m.date.when.start > as_of and group_date.when.end < as_of


def _score(m: Mention, g: Group, as_of: dt.date | None = None) -> float | None:
    """How well a sentence fits a group; None when it cannot be the same meeting."""
    if m.level and g.level and m.level != g.level:
        return None
    if _apart(m, g, as_of):
        return None
    if not _dates_agree(m.date, g.date()):
        return None
    shared_people = m.people & g.people
    shared = m.countries & g.countries
    smaller = min(len(m.countries), len(g.countries))
    if not shared_people and not (shared and (len(shared) >= 2 or len(shared) == smaller)):
        return None
    mine, theirs = _sides([m]), _sides(g.mentions)
    if len(mine) == 2 and len(theirs) >= 2 and not mine <= theirs:
        return None  # the same minister with another counterpart: another meeting
    if len(mine) == 2 and len(theirs) > 2 and _BILATERAL.search(m.sentence.text):
        return None  # "also held their first bilateral talks": beside the trilateral summit
    orgs_m, orgs_g = _org_meetings([m]), _org_meetings(g.mentions)
    if orgs_m - orgs_g and len(theirs) >= 2 and not orgs_g:
        return None  # the BRICS meeting tomorrow is not the bilateral talks of today
    if _ALSO.search(m.sentence.text) and (mine - theirs or (m.people - g.people and m.date is not None)) and len(theirs) >= 2:
        return None  # "He also held talks with ...", "Blinken also met Wang Yi on Monday morning"
    return 10 * len(shared_people) + len(shared) - 0.01 * (m.sentence.index - g.last_index)


def _joins_last(m: Mention, last: Group | None, as_of: dt.date | None = None) -> bool:
    """A sentence that names its meeting as "the talks" and adds people to it."""
    if not (last and m.trigger and m.anaphora and m.parties) or m.sentence.index - last.last_index > ANAPHORA_REACH:
        return False
    if _apart(m, last, as_of):
        return False
    if _THE_MEETING.match(m.sentence.text):
        # "The meeting was to have been mediated by Michel, Macron and Scholz": whoever it names.
        return _dates_agree(m.date, last.date())
    orgs_m, orgs_g = _org_meetings([m]), _org_meetings(last.mentions)
    if orgs_m - orgs_g and not orgs_g and len(_sides(last.mentions)) >= 2:
        return False  # "The G20 foreign ministers' meeting was hosted by ...": the meeting around it
    mine, theirs = _sides([m]), _sides(last.mentions)
    if (len(mine) == 2 and len(theirs) >= 2 and not mine <= theirs) or (_ALSO.search(m.sentence.text) and mine - theirs and len(theirs) >= 2):
        return False  # "Obama is also expected to meet Erdogan on the sidelines of the summit"
    last_date = last.date()
    if _ALSO.search(m.sentence.text) and m.people - last.people and len(theirs) >= 2 and m.date and last_date and not overlap(m.date.when, last_date.when):
        return False
    if len(mine) >= 2 and theirs and not m.countries & last.countries and not _THE_MEETING.match(m.sentence.text):
        return False  # nobody of the last meeting, which names people: another one (unless "The meeting was to ...")
    # "The talks were attended by the foreign ministers": joined, whatever their rank.
    joined = bool(_ATTENDED.search(m.sentence.text))
    return _dates_agree(m.date, last.date()) and (joined or not (m.level and last.level and m.level != last.level))


_ATTENDED = re.compile(r"\b(?:attended by|joined by|accompanied by|also attended|also present|took part|were present|was present)\b", re.IGNORECASE)
# Who else was at the meeting just named: "Those present included ...", "Namibia was represented by
# its Vice President", "chaired by ...", "Görüşmeye Fidan da katıldı".
_ATTENDS = re.compile(
    r"\b(?:attend(?:ed|s|ing)?|in attendance|present|took part|taking part|participated|among (?:those|the leaders)|represented by|(?:co-)?chaired by|hosted by|"
    r"joined (?:by|in person|by video|virtually|online)|accompanied by|(?:led|headed) by|will attend)\b|(?<!\w)(?:katıldı\w*|katılım\w*|принял\w* участие|приняли участие|участвовал\w*)",
    re.IGNORECASE,
)


# "The 21st round of talks on Syria began in Astana on Wednesday", "The second Central Asia-China
# summit ... has been postponed until June 16-17": a meeting named before anyone in it.
_NAMED_MEETING = re.compile(
    r"^(?:The|An?)\s+(?:\d+\w*\s+|[A-Z][\w'’.-]*\s+|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|new|annual|emergency|extraordinary|ordinary|"
    r"international|informal|high-level|ministerial|joint|trilateral|regional|special|leaders'?|foreign ministers'?)\s+){0,8}"
    r"(?:summit|round|talks|meeting|conference|forum|dialogue|session|consultations|negotiations)\b",
)


def _names_meeting(m: Mention) -> bool:
    """A sentence whose subject is a meeting, with its day and its city: the group of a meeting
    whose parties the next sentences name (it is no candidate if none do)."""
    return m.trigger and not m.parties and m.date is not None and m.city is not None and bool(_NAMED_MEETING.match(m.sentence.text))


def _attends_last(m: Mention, last: Group | None, as_of: dt.date | None, between: bool = False) -> bool:
    """A sentence that says who else attended the meeting just named, with no day of its own;
    `between`: another meeting was named since (its attendance is not the last group's)."""
    if (
        between
        or not (last and m.parties and any(p.name for p in m.parties) and _ATTENDS.search(m.sentence.text))
        or m.sentence.index - last.last_index > _LIST_REACH
    ):
        return False
    if _ALSO.search(m.sentence.text) or _apart(m, last, as_of):
        return False  # "Putin also met Erdogan, who attended as a dialogue partner": another meeting
    if _org_meetings([m]) - _org_meetings(last.mentions) and len(_sides(last.mentions)) >= 2:
        return False  # "The G20 foreign ministers' meeting was hosted by ...": the meeting around it
    return m.date is None or _dates_agree(m.date, last.date())


def fill_home_country(mentions: list[Mention], hint: str | None = None) -> None:
    """Titles without a country ("Foreign Minister Hakan Fidan") are the outlet's own
    officials: give unknown ones the country most such titles have in the article, else
    the `hint` (the country of the article's language or of its dateline)."""
    counts = Counter(p.country for m in mentions for p in m.parties if p.unqualified and p.country)
    if not counts and not hint:
        return
    # Where the report says whose it is (its language, its dateline), that wins over a count:
    # "Modi and President Vladimir Putin" in a report from New Delhi does not make Modi Russian.
    home = hint or counts.most_common(1)[0][0]
    filled = set()
    for m in mentions:
        # "travel to Cambodia for talks with Prime Minister Hun Manet": the host's official.
        if m.place_country and m.place_country != home:
            for p in m.parties:
                if (
                    p.unqualified
                    and p.country is None
                    and 0 <= m.place_at < p.start
                    and re.search(r"\b(?:with|meet|meets|met|by)\s+$", m.sentence.text[max(0, p.start - 12) : p.start])
                ):
                    p.country = m.place_country
    for m in mentions:
        # "Prime Minister Narendra Modi arrived in Washington": a visitor, not one of the
        # officials of the country the report was filed from.
        if any(p.unqualified and p.country is None for p in m.parties):
            for p in m.parties:
                visiting = not counts and m.place_country == home and _ARRIVES.match(m.sentence.text[p.end : p.end + 40])
                if p.unqualified and p.country is None and not visiting:
                    p.country = home
                    filled.add(fold(p.name) if p.name else None)
            m.level = meeting_level(m.parties)
    # The same person named later without the title ("In Abu Dhabi Modi will ...").
    for m in mentions:
        for p in m.parties:
            if p.country is None and p.name and fold(p.name) in filled:
                p.country = home
        m.level = meeting_level(m.parties)


_PRONOUN = re.compile(
    r"^(?:(?:In|At)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,?\s+(?:he|she)\b)|^(?:He|She|The (?:minister|president|prime minister|chancellor|secretary|king|queen|emir|sultan|prince|crown prince|premier|leader|envoy|chairman)|Он|Она)\b|^(?:\S+\s+){1,3}(?:он|она)\b"
)
_LIST_REACH = 10  # a list of participants follows the sentence that introduced it closely


def _is_list_line(m: Mention) -> bool:
    """A line of a list of participants: a name with a title, no verb, no full stop."""
    text = m.sentence.text
    return (
        bool(m.parties) and not m.trigger and not re.search(r"[.!?][\"”’']?$", text) and all(p.name or p.country for p in m.parties) and len(text.split()) <= 20
    )


def group_mentions(mentions: list[Mention], as_of: dt.date | None = None) -> list[Group]:
    groups: list[Group] = []
    by_quote: dict[int, Group] = {}
    last: Group | None = None
    headlines = [m for m in mentions if m.sentence.headline]
    left: list[Mention] = []
    for m in [m for m in mentions if not m.sentence.headline]:
        if last and m.trigger and _PRONOUN.match(m.sentence.text):
            # "He also held talks with ...": he is who the last meeting's first sentence named first.
            subject = next((p for p in last.mentions[0].parties if p.name), None)
            if subject and fold(subject.name) not in m.people:
                m.parties.insert(0, Party(subject.name, subject.country, subject.title, subject.level, subject.person_id))
        last_date = last.date() if last is not None else None
        other_day = m.date is not None and last_date is not None and not overlap(m.date.when, last_date.when)
        if (
            last
            and m.trigger
            and _PEOPLE_ANAPHORA.search(m.sentence.text)
            and m.parties
            and ((_ALSO.search(m.sentence.text) and _sides([m]) - _sides(last.mentions)) or other_day)
        ):
            # "The ministers also took part in a meeting with Iran's foreign minister", "On Thursday
            # the leaders will attend the SCO summit": the same people, another meeting.
            have = m.people
            m.parties = [
                Party(p.name, p.country, p.title, p.level, p.person_id) for p in _named_parties(last) if p.name and fold(p.name) not in have
            ] + m.parties
        if last is not None and _attends_last(m, last, as_of, bool(left and last and left[-1].date and left[-1].sentence.index > last.last_index)):
            last.mentions.append(m)
            continue
        if last and _is_list_line(m) and m.sentence.index - last.last_index <= _LIST_REACH:
            last.mentions.append(m)  # "H.E. Adama Barrow, President of the Republic of The Gambia"
            continue
        scored = [(s, g) for g in groups if (s := _score(m, g, as_of)) is not None] if m.trigger and m.parties else []
        if not scored and last is not None and _joins_last(m, last, as_of):
            scored = [(0.0, last)]  # "Khaji and Pedersen also attended the talks"
        if scored or is_strong(m) or _names_meeting(m):
            # A sentence with one party ("Akcapar will head the delegation") only joins a meeting.
            group = max(scored, key=lambda x: x[0])[1] if scored else None
            if group is None:
                group = Group()
                groups.append(group)
                if last and m.date is None and (_ALSO.search(m.sentence.text) or _SAME_DAY.search(m.sentence.text)):
                    group.inherited = last.date()  # "He also held talks with ...", "later in the day": the same day
            group.mentions.append(m)
        elif (
            m.trigger
            and m.anaphora
            and not m.parties
            and last
            and m.sentence.index - last.last_index <= ANAPHORA_REACH
            and not _apart(m, last, as_of)
            and (_dates_agree(m.date, last_date) or (m.date and m.date.until and last_date and m.date.when.end >= last_date.when.start))
        ):
            group = last
            group.attached.append(m)  # "The two-day summit ends on Sunday" too: it closes the range
        elif m.trigger and m.anaphora and not m.parties and last and m.date and m.sentence.index - last.last_index <= ANAPHORA_REACH:
            # "The two negotiators last met in Brussels on 21 March": the same sides, another day.
            m.parties = [Party(p.name, p.country, p.title, p.level, p.person_id) for p in _named_parties(last)]
            group = Group([m])
            groups.append(group)
        elif m.sentence.quote is not None and m.sentence.quote in by_quote:
            by_quote[m.sentence.quote].attached.append(m)
            continue
        else:
            if m.trigger and m.parties:
                left.append(m)  # "Modi will pay a visit to the UAE on February 13 and 14": one side, for now
            continue
        last = group
        if m.sentence.quote is not None:
            by_quote.setdefault(m.sentence.quote, group)
    for m in left:
        # A sentence with one side joins the meeting named after it with the same people.
        scored = [(s, g) for g in groups if (s := _score(m, g, as_of)) is not None and m.people & g.people]
        if scored:
            max(scored, key=lambda x: x[0])[1].mentions.append(m)
    for h in headlines:
        _place_headline(h, groups)
    groups = [g for g in groups if (g.countries or g.people) and not _vague_year(g)]
    _date_tour_stops(mentions, groups)
    return _merge_undated(groups)


def _vague_year(g: Group) -> bool:
    """A meeting hoped for "this year", "next year": no day to log, no candidate spanning a year."""
    d = g.date()
    return d is not None and d.relative and d.when.precision == Precision.YEAR and all(m.status != Status.HELD for m in g.all)


_TOUR = re.compile(r"\b(?:travel(?:s|led|ed)?|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|trip|head(?:s|ed)?)\s+(?:to\s+|of\s+)?(?=[A-Z])")


def _tour_stops(m: Mention) -> set[str]:
    """The countries of a tour's list: "will travel to Saudi Arabia, Egypt, Qatar and Israel", "to Paris and Brussels"."""
    from tracker.ingest.gazetteer import cities_in, countries_in

    verb = _TOUR.search(m.sentence.text)
    if not verb:
        return _turkish_tour_stops(m.sentence.text)
    rest = m.sentence.text[verb.end() :]
    spans = sorted(countries_in(rest) + cities_in(rest), key=lambda sp: sp.start)
    stops: list[str] = []
    edge = 0
    for span in spans:
        if stops and not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", rest[edge : span.start]):
            break
        if not stops and span.start > 12:
            break
        stops.append(span.code)
        edge = span.end
    return set(stops) if len(stops) >= 2 else set()


def _turkish_tour_stops(text: str) -> set[str]:
    """ "Suudi Arabistan, Katar ve Birleşik Arap Emirlikleri'ni ziyaret edecek": the list before the verb."""
    from tracker.ingest.gazetteer import cities_in, countries_in

    verb = re.search(r"(?:['’][a-zçğıöşü]+)?\s+(?:resmi\s+)?ziyaret", text)
    if not verb:
        return set()
    spans = sorted(countries_in(text[: verb.start()]) + cities_in(text[: verb.start()]), key=lambda sp: sp.start)
    stops: list[str] = []
    edge = verb.start()
    for span in reversed(spans):
        gap = text[span.end : edge]
        if (not stops and re.fullmatch(r"(?:['’][a-zçğıöşü]+)?", gap)) or (stops and re.fullmatch(r"(?:['’][a-zçğıöşü]+)?(?:,\s*|\s+ve\s+)", gap)):
            stops.append(span.code)
            edge = span.start
        else:
            break
    return set(stops) if len(stops) >= 2 else set()


def _date_tour_stops(mentions: list[Mention], groups: list[Group]) -> None:
    """A tour's days ("from February 4 to 8") are those of each stop the article gives no day of."""
    for m in mentions:
        if m.date is None or not m.people or m.sentence.headline:
            continue
        stops = _tour_stops(m)
        for g in groups:
            places = {x.place_country for x in g.mentions if x.place_country}
            if g.date() is None and g.people & m.people and places and places <= stops:
                g.inherited = m.date


def _place_headline(h: Mention, groups: list[Group]) -> None:
    """The headline is about the meeting of the body it shares most with; it adds what that
    meeting lacks (its date: "Modi to visit Moscow on July 8-9"), else it is only evidence.
    A headline about nothing in the body is a meeting of its own when it names two sides."""

    def overlap(g: Group) -> tuple[int, int, int]:
        cities = {m.city for m in g.mentions if m.city}
        return (len(h.people & g.people), len(h.countries & g.countries), int(bool(h.city and h.city in cities)))

    best = max(groups, key=overlap, default=None)
    if best is not None and any(overlap(best)) and not _apart(h, best, None):
        if (h.date and best.date() is None) or (h.people and h.people <= best.people | {""}) or not h.countries - best.countries:
            best.mentions.insert(0, h)
        else:
            best.attached.insert(0, h)  # "Quad foreign ministers meet in Tokyo": the body names who
        return
    if h.trigger and h.parties and is_strong(h) and h.date is not None:
        groups.insert(0, Group([h]))  # a headline without a day of its own is no meeting to guess one for


def _merge_undated(groups: list[Group]) -> list[Group]:
    """A group without a date whose people and countries another group has is that meeting
    said again ("Borrell saw the two leaders separately"): its sentences become evidence."""
    out = []
    for g in groups:
        if g.date() is None:
            cities = {m.city for m in g.mentions if m.city}
            home = next(
                (
                    o
                    for o in groups
                    if o is not g
                    and o.date() is not None
                    and g.countries <= o.countries
                    and g.people <= o.people
                    and (g.people or g.countries)
                    and not (cities and {m.city for m in o.mentions if m.city} and not cities & {m.city for m in o.mentions if m.city})
                ),
                None,
            )
            if home is not None:
                home.attached.extend(g.all)
                continue
        out.append(g)
    return out
