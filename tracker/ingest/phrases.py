"""Phrases that name who takes part: capitalised names, the countries around a title
("Syrian President", "of Russia, Iran and Syria"), delegations, countries as actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.ingest.gazetteer import Span
from tracker.ingest.lexicon import ARTICLES, PARTICLES
from tracker.model import Level

_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
_PARTICLES = PARTICLES
_NOT_NAMES = re.compile(
    r"^(?:The|A|An|And|But|In|On|At|Of|For|With|After|Before|During|His|Her|Its|Their|This|That|It|He|She|They|We|"
    r"From|As|By|Later|Also|Meanwhile|However|Then|While|When|Under|Ahead|Earlier|Both|Last|Next|"
    r"President|Minister|Ministry|Deputy|Foreign|Defense|Defence|Secretary|Kremlin|Palace|Government|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Mr|Mrs|Ms|Dr|"
    # Honorifics before a name, not part of it: "Sheikh Tamim bin Hamad Al Thani", "H.E. Adama Barrow".
    r"Sheikh|Shaikh|Şeyh|Ayatollah|Prince|Princess|H\.E|HE|Excellency|General|Gen|Sir|Madam|Dame|Prof|Sayın|Emir|King|Crown|Premier|Chancellor|"
    r"Leader|Chairman|Envoy|Ambassador|State|Party|Supreme|Prime|High|Representative|Special|Chief|Top|FM|PM|"
    # Turkish nouns of institutions and meetings, capitalised in names of things: "Bakanları Toplantısı".
    r"(?:Toplant|Zirve|Konsey|Bakanl|Cumhuriyet|Meclis|Başkanl|Dışişler|Bakan|Cumhurbaşkan|Başbakan|Özerk)\w*|"
    # Nouns of meetings, capitalised in their names: "the Leaders Meeting", "the Strategic Dialogue".
    r"Meeting|Meetings|Summit|Conference|Forum|Session|Dialogue|Round|Talks|Retreat|Council|Assembly)$"
)
MAX_NAME_WORDS = 6
# A Turkish suffix after an apostrophe ends a name: "Erdoğan'ın davetlisi", "Lavrov'la".
# Only Turkish case endings: "Mata'afa" and "Hu'akavameiliku" are names with an apostrophe inside.
_SUFFIX = re.compile(r"['’](?:s|(?:[nys])?(?:[ıiuü]n|[ıiuüae]|[dt][ae]n?|[dt][ae]ki|l[ae]|yl[ae]|[cç][ae]|d[ıi]r|l[ıiuü]|n[ae]|nd[ae]n?))$")
_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|as well as\s+|including\s+|и\s+|ve\s+)?|\s+(?:and|и|ve)\s+|\s+as well as\s+|\s*,?\s*including\s+)$", re.IGNORECASE)


@dataclass
class Party:
    """Someone taking part as the sentence says it; a person, an unnamed delegation, or both."""

    name: str | None
    country: str | None
    title: str | None = None
    level: Level | None = None
    person_id: int | None = None
    start: int = 0  # where the phrase naming it begins in the sentence
    end: int = 0
    host: bool = False
    head: bool = False
    unqualified: bool = False  # a title with no country: "Foreign Minister Hakan Fidan"


def name_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words ("Bashar al-Assad"), as (start, end, words)."""
    return [(a, b, list(w)) for a, b, w in _name_runs(text)]


@lru_cache(maxsize=4096)
def _name_runs(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """name_runs, cached: a sentence is asked for its names several times."""
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []  # (start, end, word) of the run being read
    for match in _NAME_TOKEN.finditer(text):
        word = _SUFFIX.sub("", match.group()).rstrip(".")
        capital = word[:1].isupper() or re.match(rf"(?:{ARTICLES})-[A-ZÇŞÖÜİА-ЯЁ]", word)
        particle = word.lower() in _PARTICLES
        gap = text[current[-1][1] : match.start()] if current else ""
        # "Antony J. Blinken": an initial's full stop does not end the name.
        joined = current and (gap == " " or (gap == " " and current[-1][2].endswith(".")))
        if word in ("Jr", "Sr") and match.group().endswith("."):
            word += "."  # "Ferdinand Marcos Jr."
        elif len(word) == 1 and match.group().endswith(".") and word.isupper() and re.match(r"\s[A-ZА-Я]", text[match.end() : match.end() + 2]):
            word += "."  # an initial keeps its full stop: "Antony J. Blinken" (not "Ван И." at the end)
        if (capital and not _NOT_NAMES.match(word)) or (particle and current and joined):
            if current and not joined:
                runs.append(current)
                current = []
            current.append((match.start(), match.start() + len(word), word))
            if word.rstrip(".") != match.group().rstrip("."):  # a possessive or a suffix ends the name
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and run[-1][2].lower() in _PARTICLES:
            run = run[:-1]
        if run:
            out.append((run[0][0], run[-1][1], tuple(w for _, _, w in run)))
    return tuple(out)


def name_ngrams(text: str) -> set[str]:
    """Every run of up to MAX_NAME_WORDS capitalised words: what the people look-up is asked."""
    grams = set()
    for _, _, words in name_runs(text):
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
                grams.add(" ".join(words[i:j]))
    return grams


# ---------------------------------------------------------------- phrases around a title


def run_at(text: str, position: int) -> tuple[int, int, list[str]] | None:
    """The capitalised run that starts right after a title ("Minister Sergey Lavrov", "Minister, Sergey Lavrov,")."""
    # Honorifics between the title and the name: "the Emir of Qatar, Sheikh Tamim", "Minister Prince Faisal".
    gap = re.match(
        r"(?:,\s*|\s+)(?:(?:Sheikh|Shaikh|Şeyh|Ayatollah|Prince|Princess|H\.\s?E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|General|Gen\.|Sir|Dame|Madam)\s+)*", text[position:]
    )
    if not gap:
        return None
    for run in name_runs(text[position : position + 120]):
        if run[0] == gap.end():
            return (position + run[0], position + run[1], run[2][:MAX_NAME_WORDS])
        break
    return None


def appositive_run(text: str, position: int, countries: list[Span]) -> tuple[int, int, list[str]] | None:
    """'Alexander Lavrentiev, Russia's special envoy for Syria': the name before a title."""
    comma = re.search(r"(?<=\w),\s+(?:the\s+)?$", text[max(0, position - 12) : position])
    if not comma:
        return None
    edge = max(0, position - 12) + comma.start()
    for run in name_runs(text[max(0, edge - 80) : edge]):
        start, end = run[0] + max(0, edge - 80), run[1] + max(0, edge - 80)
        # Two words at least: "Meanwhile, the foreign ministers ..." names nobody.
        if end == edge and len(run[2]) >= 2 and not any(s.start <= start < s.end for s in countries):
            return (start, end, run[2][-MAX_NAME_WORDS:])
    return None


def country_list_before(text: str, position: int, countries: list[Span]) -> list[Span]:
    """'Syrian President', "Russia's Foreign Minister", 'Russian and Turkish foreign ministers'."""
    listed: list[Span] = []
    edge = position
    for span in reversed([s for s in countries if s.end <= position]):
        gap = text[span.end : edge]
        if (edge == position and re.fullmatch(r"(?:['’]s)?\s+(?:(?:first|new|former|acting)\s+)?", gap, re.IGNORECASE)) or (listed and _LIST_GLUE.match(gap)):
            listed.insert(0, span)
        else:
            break
        edge = span.start
    return listed


_OF_STATE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:(?:federal|islamic|democratic|people's|united|arab|socialist|plurinational|hashemite)\s+)*(?:republic|kingdom|state|sultanate|emirate|commonwealth)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)


def country_list_after(text: str, position: int, countries: list[Span]) -> list[Span]:
    """'of Russia, Iran and Syria, including Türkiye', 'of the Federal Republic of Nigeria';
    in Russian the genitive follows the title at once: 'Министр иностранных дел России'."""
    listed: list[Span] = []
    edge = position
    cyrillic = bool(re.search("[а-яё]", text[max(0, position - 3) : position], re.IGNORECASE))
    for span in [s for s in countries if s.start >= position]:
        gap = text[edge : span.start]
        if (not listed and (_OF_STATE.fullmatch(gap) or (cyrillic and re.fullmatch(r"\s+", gap)))) or (listed and _LIST_GLUE.match(gap)):
            listed.append(span)
        else:
            break
        edge = span.end
    return listed


def delegations(text: str, countries: list[Span], parties: list[Party]) -> list[Party]:
    """'the Turkish delegation', 'delegations from Türkiye, Russia and Iran': countries taking
    part, when nobody of them is named."""
    found: list[Party] = []
    listed: list[Span] = []
    for i, span in enumerate(countries):
        if re.search(
            r"\b(?:delegations?|mediators?|negotiators?|officials|envoys|representatives)\s+(?:from|of)\s+(?:the\s+)?$",
            text[max(0, span.start - 30) : span.start],
        ):
            listed.append(span)
            for other in countries[i + 1 :]:
                if not _LIST_GLUE.match(text[listed[-1].end : other.start]):
                    break
                listed.append(other)
    for span in countries:
        if (re.match(r"\s+delegations?\b", text[span.end :]) or span in listed) and span.code not in {p.country for p in parties + found}:
            found.append(Party(None, span.code, start=span.start, end=span.end))
    return found


def country_parties(text: str, countries: list[Span], places: list[Span], parties: list[Party]) -> list[Party]:
    """Countries as the actors: 'talks between Russia and Türkiye', 'between Ankara and Damascus',
    'Russia and Iran will hold talks'."""
    found: list[Party] = []
    have = {p.country for p in parties}
    actors = sorted(countries + [p for p in places if not p.venue], key=lambda s: s.start)
    for i, span in enumerate(actors[:-1]):
        other = actors[i + 1]
        if re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, span.start - 12) : span.start]) and re.fullmatch(
            r"\s+and\s+(?:the\s+)?", text[span.end : other.start]
        ):
            for s in (span, other):
                if s.code not in have:
                    found.append(Party(None, s.code, start=s.start, end=s.end))
                    have.add(s.code)
    for k, span in enumerate(countries):
        # "Pakistan on Friday postponed the SAARC summit it was to host"
        verb = re.match(
            r"\s+(?:on\s+\w+\s+)?(?:(?:will|would|is|are|to|also|have|has|had|officially|formally)\s+)*(hold|held|holds|host|hosts|hosted|meet|met|postponed|postpones|cancell?ed|called off|put off)\b",
            text[span.end :],
            re.IGNORECASE,
        )
        if not verb:
            continue
        subjects = [span]
        for earlier in reversed(countries[:k]):
            if not _LIST_GLUE.match(text[earlier.end : subjects[0].start]):
                break
            subjects.insert(0, earlier)
        for s in subjects:
            if s.code not in have:
                host = verb.group(1).lower().startswith("host") or (verb.group(1).lower()[0] in "pc" and bool(re.search(r"\bit (?:was to|would) host\b", text)))
                found.append(Party(None, s.code, start=s.start, end=s.end, host=host))
                have.add(s.code)
    return found
