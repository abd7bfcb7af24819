"""Groups -> candidate meetings: each group of sentences becomes a Meeting with the sentences
that support it, for the user to accept, edit or reject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.countries import ORGANIZATIONS, fold
from tracker.ingest.article import Article
from tracker.ingest.dating import DateMention
from tracker.ingest.extract import Party, date_preference
from tracker.ingest.grouping import Group, overlap
from tracker.ingest.naming import meeting_title
from tracker.model import Meeting, Participant, Precision, Role, Source, Status, When

# Which status a group ends with when its sentences differ: the latest news wins.
STATUS_ORDER = [Status.PROPOSED, Status.ANNOUNCED, Status.POSTPONED, Status.CANCELLED, Status.HELD]
NO_DATE = "The article gives no date for this meeting: set it before accepting."
_NUMBERS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "iki": "2", "üç": "3", "dört": "4", "beş": "5"}
# The length of the meeting itself, not of a visit around it ("a two-day visit" is not its talks).
_DURATION = re.compile(
    r"\b(two|three|four|five|six|seven|[2-7])[- ]day\s+(?:[\w-]+\s+){0,2}?(?:summit|talks|meeting|session|conference|forum|consultations|negotiations)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A meeting proposed from an article, the sentences behind it, and the stored meeting
    it would update (with what would change), if any."""

    meeting: Meeting
    evidence: list[str]
    matches: int | None = None
    changes: list[str] = field(default_factory=list)
    updated: Meeting | None = None  # the matched meeting as it would be after accepting

    @property
    def undated(self) -> bool:
        """The article says when the meeting is nowhere: its date is the user's to give."""
        return NO_DATE in (self.meeting.notes or "")

    @property
    def nothing_to_do(self) -> bool:
        return self.matches is not None and not self.changes

    def to_dict(self) -> dict:
        """The interchange shape, plus the evidence sentences, the match and its changes."""
        return self.meeting.to_dict() | {"evidence": list(self.evidence), "matches": self.matches, "changes": list(self.changes)}


def build_meeting(group: Group, article: Article, as_of: dt.date, dateline: tuple[str, str] | None = None, before: Sequence[Group] = ()) -> Meeting:
    """`dateline`: (city, country) where the report was filed, the meeting's city when the
    article names no other and the meeting is in that country or nowhere said. `before`:
    the meetings the article named first; one of the same visit (the same people, days
    apart at most) gives its city first."""
    mentions = group.all
    status = max((m.status for m in mentions if m.status), key=STATUS_ORDER.index, default=Status.ANNOUNCED)
    when, notes = _when(group, status, as_of, is_release(article))
    if status == Status.HELD and when.text and when.start > as_of:
        status = Status.ANNOUNCED  # "arrived in Moscow, where on 17 December he will hold talks": not yet held
    city = next((m.city for m in group.mentions if m.city), None)
    venue = next((m.venue for m in group.mentions if m.venue), None)
    place_country = next((m.place_country for m in group.mentions if m.city), None) or next((m.place_country for m in group.mentions if m.place_country), None)
    if city is None:
        visit = next((g for g in reversed(before) if g.people & group.people and _same_visit(g, group)), None)
        known = next(((m.city, m.place_country) for m in visit.mentions if m.city), None) if visit else None
        if known and place_country in (None, known[1]):
            city, place_country = known
            notes.append(f"The city is that of the same visit's meeting before ({city}).")
    if city is None and dateline and place_country in (None, dateline[1]):
        city, place_country = dateline
        notes.append(f"The city is where the report was filed ({city}).")
    if city is None:
        notes.append("The article does not name the city." if place_country is None else "The article names the country but not the city.")
    participants = _participants(group, place_country)
    published = article.published.isoformat() if article.published else None
    sources = [
        Source(
            title=article.title,
            url=article.url,
            published=published,
            updated=article.updated.isoformat() if article.updated else None,
            quote=m.sentence.text,
            text=article.text,
        )
        for m in mentions
    ]
    meeting = Meeting(
        title="",
        when=when,
        status=status,
        level=group.level,
        city=city,
        venue=venue,
        country=place_country,
        participants=participants,
        notes=" ".join(notes) or None,
        sources=sources,
    )
    meeting.title = meeting_title(meeting)
    return meeting


# A ministry's record of its own talks: "Talks with Foreign Minister of ...", "Wang Yi Holds Talks with",
# "remarks ... following talks", a communiqué, a joint statement; or its minister speaking ("We held talks").
_RELEASE_TITLE = re.compile(
    r"\b(?:holds? talks with|talks with|meets? with|remarks|statement|communiqu[eé]|press release|readout|transcript)\b|\bMinisters?['’]? Meeting\b|^Meeting (?:with|between)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:We|I) (?:have )?(?:held|had|met)\b")


def is_release(article: Article) -> bool:
    """The article is a government's record of talks, dated by its release when it gives no day."""
    return bool((article.title and _RELEASE_TITLE.search(article.title)) or _FIRST_PERSON.search(article.text[:1500]))


def _when(group: Group, status: Status, as_of: dt.date, release: bool = False) -> tuple[When, list[str]]:
    """The meeting's date: from the sentences of its final status, explicit before relative;
    a disagreement between sentences is kept as a note, not silently dropped."""
    final = [m.date for m in group.all if m.date and m.status == status]
    dated = final or [m.date for m in group.all if m.date] or [d for d in (group.date(),) if d]
    if not dated and status in (Status.POSTPONED, Status.CANCELLED):
        # "was to be held on 15-16 March, has been postponed": the date it had is the one known.
        dated = [d for m in group.all for d in m.earlier_dates]
    if not dated and status == Status.HELD and release:
        # A ministry's "Talks with ..." or communiqué is released the day of the talks it records.
        return When(as_of, as_of, Precision.DAY, ""), [f"The release gives no day: dated by its release ({as_of:%-d %b %Y})."]
    if not dated:
        # No guess: the year of publication, as wide as the field allows, with no date text,
        # and a note that says so (Candidate.undated).
        year = When(dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31), Precision.YEAR, "")
        return year, [NO_DATE]
    chosen = min(dated, key=lambda d: date_preference(d)[:3])
    if chosen.until:
        # "The talks, which ended on Saturday": from the day they began, whatever its sentence's tense.
        starts = [
            d for m in group.all for d in m.dates if not d.until and not d.earlier and d.when.precision == Precision.DAY and d.when.start < chosen.when.start
        ]
        if starts:
            first = max(starts, key=lambda d: d.when.start)
            chosen = DateMention(
                When(first.when.start, chosen.when.end, Precision.DAY, f"{first.text} to {chosen.text}"), first.text, first.start, first.relative, False
            )
    ends = [d for m in group.all for d in m.dates if d.until and d.when.end > chosen.when.end and chosen.when.precision == Precision.DAY and not d.earlier]
    if ends and not chosen.until:
        # "opened on Saturday ... ends on Sunday"
        end = min(ends, key=lambda d: d.when.end)
        chosen = DateMention(
            When(chosen.when.start, end.when.end, Precision.DAY, f"{chosen.text} to {end.text}"), chosen.text, chosen.start, chosen.relative, False
        )
    notes = []
    for other in dated:
        if not overlap(other.when, chosen.when):
            notes.append(
                f'Date discrepancy in the source: "{chosen.text}" ({chosen.when.label()}) and "{other.text}" '
                f"({other.when.label()}, counted from the article's date {as_of:%-d %b %Y}); kept {chosen.when.label()}"
                f"{', the explicit date' if other.relative and not chosen.relative else ''}."
            )
            break
    duration = next((int(_NUMBERS.get(n.lower(), n)) for m in group.all for n in _DURATION.findall(m.sentence.text)), None)
    if duration and chosen.when.precision == Precision.DAY and chosen.when.start == chosen.when.end and 1 < duration <= 7:
        # "opened a three-day summit on Tuesday": Tuesday to Thursday
        start = chosen.when.start
        return When(start, start + dt.timedelta(days=duration - 1), Precision.DAY, f"{chosen.text} ({duration} days)"), notes
    return chosen.when, notes


def _same_visit(a: Group, b: Group) -> bool:
    da, db = a.date(), b.date()
    if da is None or db is None:
        return da is None and db is None
    return abs((db.when.start - da.when.end).days) <= 3 or overlap(da.when, db.when)


def earlier_dates(group: Group, status: Status) -> list[When]:
    """Dates the meeting had before it moved: "originally 15-16 March", or the dates of
    sentences with an earlier status ("was to be held 15-16 March")."""
    found = [d.when for m in group.all for d in m.earlier_dates]
    found += [m.date.when for m in group.all if m.date and m.status and m.status != status]
    return found


def _participants(group: Group, place_country: str | None) -> list[Participant]:
    merged: dict[object, Party] = {}
    for m in group.all:
        for p in m.parties:
            key = p.person_id or (fold(p.name) if p.name else (p.country, p.title))
            if key in merged:
                old = merged[key]
                old.title, old.level = old.title or p.title, old.level or p.level
                old.host, old.head = old.host or p.host, old.head or p.head
                old.country = old.country or p.country
            else:
                merged[key] = Party(p.name, p.country, p.title, p.level, p.person_id, host=p.host, head=p.head)
    parties = list(merged.values())
    # "Fidan" in the headline is the "Hakan Fidan" of the body.
    full = [(p.name, p) for p in parties if p.name and len(p.name.split()) > 1]
    for p in [p for p in parties if p.name and len(p.name.split()) == 1]:
        whole = next((q for name, q in full if fold(p.name) in {fold(w) for w in name.split()} and p.country in (None, q.country)), None)
        if whole:
            whole.title, whole.level = whole.title or p.title, whole.level or p.level
            whole.host, whole.head = whole.host or p.host, whole.head or p.head
            parties.remove(p)
    parties = [p for p in parties if _keep(p, parties)]
    sides = {p.country for p in parties if p.country}
    if place_country and sides and place_country not in sides and len(sides) == 1 and not sides <= set(ORGANIZATIONS):
        # "Blinken visited Ankara": he met Türkiye's government, even if the article names nobody.
        parties.append(Party(None, place_country, host=True))
    hosts = {p.country for p in parties if p.host and p.country} or ({place_country} & {p.country for p in parties} - {None})
    countries = list(dict.fromkeys(p.country for p in parties))
    out = []
    for country in countries:
        members = [p for p in parties if p.country == country]
        lead = next((p for p in members if p.host), None) if country in hosts else None
        lead = lead or next((p for p in members if p.head), None)
        for p in members:
            if country in hosts:
                role = Role.HOST if p is (lead or members[0]) else Role.MEMBER
            elif p is lead or (len(members) > 1 and p is next((q for q in members if q.name), members[0])):
                role = Role.HEAD_OF_DELEGATION
            elif hosts and p.name and len(members) == 1 and len(countries) == 2:
                role = Role.VISITOR
            else:
                role = Role.MEMBER
            out.append(Participant(name=p.name, country=p.country, role=role, title=p.title, person_id=p.person_id))
    return out


def _keep(p: Party, parties: list[Party]) -> bool:
    """An unnamed delegate stays unless someone named (or titled) of its country stands for it."""
    if p.name:
        return True
    others = [q for q in parties if q is not p and q.country == p.country]
    if p.title is None:
        return not others
    return all(q.title != p.title for q in others if q.name)
