"""An article as the ingester reads it: title, dateline, sentences.

Plain text in the layout of the seed (title line, blank line, a dateline
"YYYY-MM-DD HH:MM:SS | ...", then the body) or an HTML page, whose tags are stripped
with the standard library's parser: no network, no browser engine.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Set
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 5_000_000  # a news article is kilobytes; more is not an article
MAX_SENTENCE = 1_000  # longer "sentences" are tables, code or junk, not prose
ACCEPTED = "a plain-text article (title line, blank line, 'YYYY-MM-DD HH:MM' dateline, body) or an HTML page"


class IngestError(ValueError):
    """An article we cannot read; the message is one line for the user."""


@dataclass
class Sentence:
    text: str  # verbatim from the article, without the quote marks around it
    index: int  # position in the article, from 0
    quote: int | None = None  # sentences of one quotation share a number
    headline: bool = False  # the article's title, read like a sentence


@dataclass
class Article:
    title: str | None
    published: dt.datetime | None
    updated: dt.datetime | None
    text: str  # the body as plain text
    url: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    dateline: str | None = None  # where the report was filed: "SEOUL" of "SEOUL, Aug 18 (AFP):"
    agency: str | None = None  # the country of the national news agency that filed it: "IND" for PTI


# ---------------------------------------------------------------- reading


def read_article(path: str | Path) -> Article:
    """Read a text or HTML file; raises IngestError saying what is accepted."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IngestError(f"{path} is a folder; give {ACCEPTED}")
        if path.stat().st_size > MAX_BYTES:
            raise IngestError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB; give {ACCEPTED}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"no file at {path}") from None
    except OSError as e:
        raise IngestError(f"cannot read {path}: {e.strerror}") from None
    return parse_article(decode(data, str(path)))


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise IngestError(f"{name} is empty; give {ACCEPTED}")
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name} is binary data, not an article; give {ACCEPTED}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older Windows-made text
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > len(text[:8192]) // 20 or text.count("\ufffd") > len(text) // 20:
        raise IngestError(f"{name} is binary data, not an article; give {ACCEPTED}")
    return text


def parse_article(text: str) -> Article:
    """An Article from the text of a file: HTML when it looks like markup, else plain text."""
    article = _from_html(text) if re.search(r"<(html|body|head|p|article|h1|title|div)\b", text[:20000], re.IGNORECASE) else _from_plain(text)
    article.sentences, article.dateline = split_sentences(article.text, skip={article.title} if article.title else set(), headline=article.title)
    paragraphs = [" ".join(p.split()) for p in article.text.split("\n") if p.strip()]
    article.agency = next((a for p in paragraphs[:3] + paragraphs[-1:] if (a := agency_of(p))), None)
    return article


# ---------------------------------------------------------------- plain text

DATELINE = re.compile(
    r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
    r"(?:.*?(?P<udate>\d{4}-\d{2}-\d{2})(?:[ T](?P<utime>\d{1,2}:\d{2}(?::\d{2})?))?)?"
)


def _stamp(date: str, time: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(f"{date}T{time or '00:00'}".replace("T0:", "T00:"))
    except ValueError:
        return None


def _from_plain(text: str) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = published = updated = None
    body_from = 0
    for number, line in enumerate(lines[:8]):
        if not line.strip():
            continue
        match = DATELINE.match(line)
        if match and (stamp := _stamp(match["date"], match["time"])):
            published = stamp
            updated = _stamp(match["udate"], match["utime"]) if match["udate"] else None
            body_from = number + 1
            break
        if title is None:
            title, body_from = line.strip()[:500], number + 1
    return Article(title=title, published=published, updated=updated, text="\n".join(lines[body_from:]))


# ---------------------------------------------------------------- HTML

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "header", "time"}
HIDDEN = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "figure", "figcaption", "form", "button", "iframe"}


class _PageText(HTMLParser):
    """Body text, <title>, first <h1>, and the published time from <time> or <meta>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.where: str | None = None  # "title" or "h1" while inside one
        self.title = ""
        self.h1 = ""
        self.published: str | None = None
        self.updated: str | None = None
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop") or ""
            if key in ("article:published_time", "datePublished", "pubdate", "date") and not self.published:
                self.published = a.get("content")
            elif key in ("article:modified_time", "dateModified") and not self.updated:
                self.updated = a.get("content")
            elif key == "og:url" and not self.url:
                self.url = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical" and not self.url:
            self.url = a.get("href")
        elif tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"]
        elif tag in ("title", "h1") and not getattr(self, tag):
            self.where = tag
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == self.where:
            self.where = None
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.where == "title":
            self.title += data
            return
        if self.hidden:
            return
        if self.where == "h1":
            self.h1 += data
        self.parts.append(data)


def _iso(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        match = DATELINE.match(value)
        return _stamp(match["date"], match["time"]) if match else None
    return stamp.replace(tzinfo=None)  # the date as published, in the outlet's own zone


def _from_html(text: str) -> Article:
    page = _PageText()
    try:
        page.feed(text)
        page.close()
    except Exception as e:  # noqa: BLE001 - html.parser is lenient; anything left is not a page
        raise IngestError(f"cannot read the HTML: {e}; give {ACCEPTED}") from None
    title = " ".join((page.h1 or page.title).split()) or None
    lines = [" ".join(line.split()) for line in "".join(page.parts).split("\n")]
    body = "\n".join(line for line in lines if line)
    article = Article(title=title, published=_iso(page.published), updated=_iso(page.updated), text=body, url=page.url)
    if article.published is None:
        # Pages without metadata often print the dateline as the first lines of text.
        plain = _from_plain(body)
        if plain.published:
            article.published, article.updated = plain.published, plain.updated
            article.text = plain.text
    return article


# ---------------------------------------------------------------- sentences

ABBREVIATIONS = set("mr mrs ms dr st gen lt col maj capt sen rep gov prof no vs jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.u".split())
_BOUNDARY = re.compile(r"[.!?]+[\"”’']?(?=\s+[\"“‘]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff])")
# A quotation opened after a comma or colon starts a sentence of its own: the quote is the evidence.
_QUOTE_OPENING = re.compile(r"[,:]\s+(?=[\"“][A-Z\u00c0-\u024f])")
# "BEIJING, Feb 17 (Reuters) - ", "SEOUL, Aug 18 (AFP): ", "ASTANA, July 3. /TASS/. ", "ANKARA (AA) - ",
# "NEW DELHI: ", "Islamabad, September 30: ": where and when the wire filed, not when anyone meets.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_'’. -]*(?:[ '’.-]+[^\W\d_]+){0,3}?)"
    r"(?P<rest>(?:,\s*[^,:()\n]{1,30}?){0,3})\s*(?:\((?P<agency>[^)]{1,40})\))?\s*"
    r"(?:(?P<sep>--|[-–—:])|\.\s*/(?P<agency2>[^/]{1,20})/\.?)\s+"
)
# National news agencies, whose reports call their own officials by title alone ("Prime Minister
# Narendra Modi" in a PTI report from Moscow is India's): the agency says whose they are.
AGENCIES = {
    "pti": "IND",
    "ani": "IND",
    "ians": "IND",
    "aa": "TUR",
    "anadolu": "TUR",
    "dha": "TUR",
    "iha": "TUR",
    "tass": "RUS",
    "тасс": "RUS",
    "ria": "RUS",
    "риа новости": "RUS",
    "interfax": "RUS",
    "интерфакс": "RUS",
    "xinhua": "CHN",
    "yonhap": "KOR",
    "kyodo": "JPN",
    "jiji": "JPN",
    "vna": "VNM",
    "spa": "SAU",
    "wam": "ARE",
    "qna": "QAT",
    "kuna": "KWT",
    "irna": "IRN",
    "kcna": "PRK",
    "app": "PAK",
    "bss": "BGD",
    "bernama": "MYS",
    "antara": "IDN",
    "pna": "PHL",
    "kazinform": "KAZ",
    "belta": "BLR",
    "ukrinform": "UKR",
    "mena": "EGY",
    "sana": "SYR",
    "azertac": "AZE",
    "armenpress": "ARM",
    "dpa": "DEU",
    "ansa": "ITA",
    "efe": "ESP",
}
_HAS_DATE = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE)


def agency_of(paragraph: str) -> str | None:
    """The country of the news agency named in a dateline or at a report's end, if national."""
    match = _DATELINE.match(paragraph)
    named = (match["agency"] or match["agency2"]) if match else None
    tail = re.search(r"[(–—-]\s*([A-Za-zА-Яа-я ]{2,14})\s*\)?\.?$", paragraph) if not named else None
    for name in (named, tail.group(1) if tail else None, *re.findall(r"^[A-Z][A-Za-z ]+?,\s+[^,]+,\s+([A-Z][a-z]+)$", paragraph)):
        if name and name.strip().lower() in AGENCIES:
            return AGENCIES[name.strip().lower()]
    return None


def dateline_of(paragraph: str) -> tuple[str | None, str]:
    """(place, the paragraph without its dateline); place is None when there is none."""
    match = _DATELINE.match(paragraph)
    if match:
        place, rest = match["place"], match["rest"] or ""
        letters = [c for c in place if c.isalpha()]
        shouted = letters and all(c.isupper() for c in letters) and len(letters) >= 3
        # A title-case place only with a date before a colon or a dash: "Islamabad, September 30:",
        # "Honiara, Sunday 7 September 2025 –".
        if shouted or (match["sep"] in (":", "–", "—", "--") and _HAS_DATE.search(rest)):
            return place.strip(" .").title() if shouted else place.strip(), paragraph[match.end() :]
    # A line of its own: "BONN, Germany, Feb. 17, Kyodo", "ABUJA, 15 December 2024".
    whole = re.match(r"^(?P<place>[^\W\d_][^\W\d_'’ -]+?),\s*[^!?]{0,40}$", paragraph)
    if whole and whole["place"].isupper() and len(whole["place"]) >= 3:
        return whole["place"].title(), ""
    return None, paragraph


def split_sentences(body: str, skip: Set[str] = frozenset(), headline: str | None = None) -> tuple[list[Sentence], str | None]:
    """Sentences of the headline and the body, verbatim, and where the report was filed.

    Every paragraph is read, with or without closing punctuation: a list of a summit's
    participants is a paragraph a line each, without full stops."""
    sentences: list[Sentence] = []
    place = None
    if headline and headline.strip():
        sentences.append(Sentence(text=" ".join(headline.split()), index=0, headline=True))
    quote_number = 0
    for paragraph in body.split("\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph or paragraph in skip:
            continue
        where, paragraph = dateline_of(paragraph)
        place = place or where
        if not re.search(r"[.!?:][\"”’']?$", paragraph) and len(paragraph.split()) < 4:
            continue  # "Share Photo", "4 September 2023": captions and stamps, not prose

        open_quote: int | None = None
        for piece in _pieces(paragraph):
            opens = piece[0] in '"“'
            if opens and open_quote is None:
                quote_number += 1
                open_quote = quote_number
            text = _unquote(piece)
            if text and len(text) <= MAX_SENTENCE and re.search(r"[^\W\d_]", text):
                sentences.append(Sentence(text=text, index=len(sentences), quote=open_quote))
            if open_quote is not None and _closes_quote(piece, opens):
                open_quote = None
    return sentences, place


def _unquote(piece: str) -> str:
    """Drop a quote mark whose partner is in another sentence; keep a quotation whole."""
    text = piece.strip()
    if sum(text.count(mark) for mark in '"“”') % 2:
        if text[:1] in '"“':
            text = text[1:]
        elif text[-1:] in '"”':
            text = text[:-1]
    return text.strip()


def _closes_quote(piece: str, opened_here: bool) -> bool:
    marks = sum(piece.count(mark) for mark in '"“”')
    return marks >= 2 if opened_here else marks % 2 == 1


def _pieces(paragraph: str) -> list[str]:
    cuts = [0]
    for match in _BOUNDARY.finditer(paragraph):
        word = re.search(r"([\w.]+)[.!?]*[\"”’']?$", paragraph[: match.end()])
        before = word.group(1).rstrip(".").lower() if word else ""
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue  # "Mr. Lavrov", "Sergey V. Lavrov"
        cuts.append(match.end())
    for match in _QUOTE_OPENING.finditer(paragraph):
        cuts.append(match.end())
    cuts = [*sorted(set(cuts)), len(paragraph)]
    return [paragraph[a:b].strip() for a, b in itertools.pairwise(cuts) if paragraph[a:b].strip()]
