"""Titles of office as articles write them, and the level of a meeting they imply.

"Deputy Ministers of Foreign Affairs", "Syrian Defense Minister", "National Intelligence
Organization (MIT) Head", "intelligence chief": each is read to a canonical singular title
("Deputy Foreign Minister", "Head of the National Intelligence Organization (MIT)") and a
level of DESIGN.md (summit, ministerial, deputy_ministerial, senior_officials).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.model import Level

_MOD = r"(?:(?:first|deputy|vice|acting|assistant|under)[\s-]+)*"
_FIELD = (
    r"(?:(?:national\s+)?defen[cs]e|foreign|external\s+affairs|interior|energy|finance|trade|economy|economic|justice|health|"
    r"agriculture|transport|culture|education|environment|emergency|security|industry|labou?r|prime)"
)
_PORTFOLIO = r"(?:foreign\s+affairs|(?:national\s+)?defen[cs]e|the\s+interior|interior|energy|finance|trade|economy|justice|health|emergency\s+situations)"
_MIT = r"(?:national\s+intelligence\s+organi[sz]ation\s*\(MIT\)|MIT)"

# Words of a long title, so that its name begins after them: "High Representative for Foreign
# Affairs and Security Policy Josep Borrell".
_TITLE_WORDS = r"(?:Foreign|Affairs|Security|Policy|Defen[cs]e|Union|European|Syria|Ukraine|Afghanistan|Iran|Asia|Africa|Middle|East|Peace|Process|Human|Rights|Climate|Relations|Cooperation|Trade|Economic|Political|Sahel|Western|Balkans|Gaza)"
_TITLE_TAIL = rf"(?:\s+(?:for|on|of)\s+(?:the\s+)?{_TITLE_WORDS}(?:\s+(?:and\s+|of\s+(?:the\s+)?)?{_TITLE_WORDS})*)?"
# Turkish and Russian titles, read to the English ones below (see _TRANSLATED).
_TURKISH = (
    r"Dışişleri\s+Bakan\s+Yardımcı\w*|Dışişleri\s+Bakan\w*|Savunma\s+Bakan[ıi]|Cumhurbaşkan[ıi]|Başbakan(?:[ıi])?|"
    r"Devlet\s+Başkan[ıi]|Başkan[ıi]|Emir(?:i|leri)|Kral[ıi]|Veliaht\s+Prens(?:i)?|Genel\s+Sekreter(?:i)?|mevkida[sş][ıi]|Bakan[ıi]?"
)
_RUSSIAN = (
    r"(?:министр\w{0,3}|глав\w{0,2})\s+иностранных\s+дел|глав\w{0,2}\s+МИД|госсекретар\w{0,3}|государственн\w{0,3}\s+секретар\w{0,3}|"
    r"президент\w{0,3}|(?:вице-)?председател\w{0,3}|премьер-министр\w{0,3}|секретар\w{0,3}\s+[Сс]овета\s+безопасности|министр\w{0,3}\s+обороны|лидер\w{0,3}|коллег\w{0,3}"
)

TITLE = re.compile(
    r"(?<![\w-])(?:"
    rf"{_TURKISH}|{_RUSSIAN}|"
    rf"(?:crown\s+prince\s+and\s+)?(?:{_MOD}(?:{_FIELD}\s+)?ministers?(?:\s+of\s+{_PORTFOLIO})?)(?:\s+and\s+(?:foreign|defen[cs]e)\s+minister)?"
    r"|high\s+representatives?" + _TITLE_TAIL + "|"
    r"(?:(?:party\s+)?general\s+secretary\s+and\s+)?(?:state\s+)?presidents?(?:-elect)?"
    r"|(?:top\s+)?leaders?|head\s+of\s+(?:the\s+)?(?:\w+'s\s+)?(?:sovereign|transitional|presidential|military)\s+council|(?-i:FM|PM)|counterparts?|top\s+diplomats?|chief\s+negotiators?|negotiators?"
    rf"|{_MOD}secretar(?:y|ies)\s+of\s+(?:state|defen[cs]e)|executive\s+secretar(?:y|ies)|chairpersons?|commissioners?|(?:{_FIELD}\s+)secretar(?:y|ies)|secretar(?:y|ies)[\s-]general"
    r"|vice\s+presidents?|chancellors?|kings?|emirs?|amirs?|crown\s+princes?|sultans?|supreme\s+leaders?|premiers?"
    r"|(?:(?:special|presidential|personal)\s+)*(?:envoys?|representatives?)" + _TITLE_TAIL + ""
    r"|ambassadors?"
    rf"|{_MIT}\s+(?:head|chief|director)s?|(?:head|chief|director)s?\s+of\s+(?:the\s+)?{_MIT}"
    r"|(?:foreign\s+policy|diplomatic)\s+chiefs?"
    r"|intelligence\s+(?:chief|head)s?|(?:heads?|chiefs?)\s+of\s+intelligence|spy\s+chiefs?"
    r"|chiefs?\s+of\s+(?:the\s+)?general\s+staff|national\s+security\s+advi[sz][eo]rs?"
    r"|(?:foreign\s+ministry\s+)?spokes(?:man|woman|person)s?"
    r")(?![\w-])",
    re.IGNORECASE,
)

_PLURAL = re.compile(
    r"\b(ministers|secretaries|presidents|chancellors|kings|emirs|princes|sultans|leaders|premiers|envoys|representatives|ambassadors|heads|chiefs|directors|advisers|advisors|spokesmen|spokeswomen|spokespersons|negotiators)\b",
    re.IGNORECASE,
)
_SINGULAR = {"secretaries": "secretary", "spokesmen": "spokesman", "spokeswomen": "spokeswoman", "heads": "head"}
_SMALL_WORDS = {"of", "the", "and", "for", "on"}

SUMMIT = re.compile(r"^(?:president|prime minister|chancellor|king|emir|amir|crown prince|sultan|supreme leader|premier|leader|chairman)$")
DEPUTY = re.compile(r"^(?:first |deputy |vice |assistant |under[ -])+(?:\w+ )?(?:minister|secretary)")
MINISTERIAL = re.compile(r"minister$|^secretary of|secretary$|^deputy prime minister|^vice president|^high representative")
SENIOR = re.compile(
    r"envoy|representative|ambassador|intelligence|chief of|security advi|secretary-general|secretary general|negotiator|security council|executive secretary|commissioner|chairperson"
)
RANK = {Level.SUMMIT: 5, Level.MINISTERIAL: 4, Level.DEPUTY_MINISTERIAL: 3, Level.SENIOR_OFFICIALS: 2, Level.WORKING: 1}


@dataclass(frozen=True)
class Title:
    text: str  # canonical, singular: "Deputy Foreign Minister"
    level: Level | None  # None for a spokesperson: they speak about meetings, not in them
    plural: bool
    country: str | None = None  # when the title names the country (MIT is Turkish)
    counterpart: bool = False  # "his Japanese counterpart": the title of the person met

    @property
    def speaker(self) -> bool:
        return self.level is None and not self.counterpart


_TRANSLATED = [
    (r"^dışişleri bakan yardımcıları\w*$", "Deputy Foreign Minister", True),
    (r"^dışişleri bakan yardımcı\w*$", "Deputy Foreign Minister", False),
    (r"^dışişleri bakanları\w*$", "Foreign Minister", True),
    (r"^dışişleri bakan\w*$", "Foreign Minister", False),
    (r"^savunma bakan[ıi]$", "Defense Minister", False),
    (r"^(?:cumhurbaşkan[ıi]|devlet başkan[ıi]|başkan[ıi])$", "President", False),
    (r"^başbakan[ıi]?$", "Prime Minister", False),
    (r"^bakan[ıi]?$", "Minister", False),
    (r"^mevkida[sş][ıi]$", "counterpart", False),
    (r"^emir(?:i|leri)$", "Emir", False),
    (r"^kral[ıi]$", "King", False),
    (r"^veliaht prens(?:i)?$", "Crown Prince", False),
    (r"^genel sekreter(?:i)?$", "Secretary-General", False),
    (r"^министры иностранных дел$", "Foreign Minister", True),
    (r"^(?:министр\w* иностранных дел|глав\w* иностранных дел|глав\w* мид)$", "Foreign Minister", False),
    (r"^(?:госсекретар\w*|государственн\w* секретар\w*)$", "Secretary of State", False),
    (r"^президенты$", "President", True),
    (r"^президент\w*$", "President", False),
    (r"^председател\w*$", "Chairman", False),
    (r"^вице-председател\w*$", "Vice President", False),
    (r"^премьер-министр\w*$", "Prime Minister", False),
    (r"^секретар\w* совета безопасности$", "Secretary of the Security Council", False),
    (r"^министр\w* обороны$", "Defense Minister", False),
    (r"^лидер\w*$", "Leader", False),
    (r"^коллег\w*$", "counterpart", False),
]
# Titles that name their country when no country is written: the US has the only Secretary of State.
TITLE_COUNTRY = {"Secretary of State": "USA", "External Affairs Minister": "IND"}


def read_title(raw: str) -> Title:
    """The canonical form and level of a title as matched by TITLE."""
    words = " ".join(raw.split())
    lowered = words.lower().replace("i̇", "i")
    for pattern, text, plural in _TRANSLATED:
        if re.match(pattern, lowered):
            return Title(text=text, level=level_of(text), plural=plural, country=TITLE_COUNTRY.get(text))
    if re.fullmatch(r"(?:\w+\s+)?counterparts?", lowered):
        return Title(text="counterpart", level=None, plural=lowered.endswith("s"), counterpart=True)
    if lowered in ("fm",):
        return Title(text="Foreign Minister", level=Level.MINISTERIAL, plural=False)
    if lowered in ("pm",) or re.match(r"head of .*council$", lowered):
        return Title(text="Prime Minister" if lowered == "pm" else "Head of state", level=Level.SUMMIT, plural=False)
    if re.fullmatch(r"(?:top\s+)?leaders?", lowered):
        return Title(text="Leader", level=Level.SUMMIT, plural=lowered.endswith("s"))
    if re.fullmatch(r"(?:foreign\s+policy|diplomatic)\s+chiefs?", lowered):
        return Title(text="High Representative", level=Level.MINISTERIAL, plural=lowered.endswith("s"))
    if re.fullmatch(r"top\s+diplomats?", lowered):
        return Title(text="Foreign Minister", level=Level.MINISTERIAL, plural=lowered.endswith("s"))
    words = re.sub(r"^(?:crown prince and |party general secretary and |general secretary and )", "", words, flags=re.IGNORECASE)
    words = re.sub(r"^state\s+(?=president)", "", words, flags=re.IGNORECASE)
    words = re.sub(r"(?i)(minister) and (?:foreign|defen[cs]e) minister$", r"\1", words)
    words = re.sub(r"(?i)-elect$", "", words)
    plural = bool(_PLURAL.search(words)) and not re.search(r"\bsecretary\b", words, re.IGNORECASE)
    t = _PLURAL.sub(lambda m: _SINGULAR.get(m.group().lower(), m.group()[:-1]), words).lower()
    t = re.sub(r"\bminister of foreign affairs\b", "foreign minister", t)
    t = re.sub(r"\bminister of (national )?defen([cs])e\b", r"\1defen\2e minister", t)
    t = re.sub(r"\bminister of (the )?interior\b", "interior minister", t)
    country = None
    mit = re.search(r"(national intelligence organi[sz]ation \(mit\)|\bmit\b)", t)
    if mit and re.search(r"\b(head|chief|director)\b", t):
        t, country = "Head of the National Intelligence Organization (MIT)", "TUR"
    elif re.fullmatch(r"intelligence (chief|head)|(head|chief) of intelligence|spy chief", t):
        t = "Head of intelligence"
    else:
        t = " ".join(w if w in _SMALL_WORDS else "-".join(part[:1].upper() + part[1:] for part in w.split("-")) for w in t.split())
    return Title(text=t, level=level_of(t), plural=plural, country=country or TITLE_COUNTRY.get(t))


def level_of(title: str) -> Level | None:
    t = title.lower()
    if "spokes" in t:
        return None
    if t.startswith("high representative"):
        return Level.MINISTERIAL  # the EU's foreign minister in all but name
    if SUMMIT.match(t):
        return Level.SUMMIT
    if DEPUTY.match(t) and "prime minister" not in t:
        return Level.DEPUTY_MINISTERIAL
    if SENIOR.search(t):
        return Level.SENIOR_OFFICIALS
    if MINISTERIAL.search(t):
        return Level.MINISTERIAL
    return Level.WORKING


def meeting_level(parties) -> Level | None:
    """The level of a meeting is that of its least senior side: a foreign minister received by
    a president is a ministerial meeting, not a summit."""
    tops: dict[object, Level] = {}
    for p in parties:
        if p.level:
            side = p.country or id(p)
            if side not in tops or RANK[p.level] > RANK[tops[side]]:
                tops[side] = p.level
    return min(tops.values(), key=RANK.__getitem__) if tops else None
