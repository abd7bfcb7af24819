"""People, their aliases, and countries."""

from __future__ import annotations

import re

import sqlite_utils

from tracker.countries import fold, resolve_country
from tracker.model import Country, Person
from tracker.store.db import StoreError


def person_id_for(db: sqlite_utils.Database, name: str, country: str | None) -> int:
    """The person called `name` (or with that alias), created if unknown; inside a transaction.

    Two people of the same name in different countries stay two people.
    """
    name = name.strip()
    folded = fold(name)
    rows = db.execute(
        "SELECT id, country FROM people WHERE folded = ? UNION SELECT p.id, p.country FROM aliases a JOIN people p ON p.id = a.person_id WHERE a.folded = ?",
        [folded, folded],
    ).fetchall()
    for person_id, person_country in rows:
        if country is None or person_country in (None, country):
            if country and person_country is None:
                db.execute("UPDATE people SET country = ? WHERE id = ?", [country, person_id])
            return person_id
    return db.execute("INSERT INTO people (name, folded, country) VALUES (?, ?, ?)", [name, folded, country]).lastrowid


def person_ids_matching(db: sqlite_utils.Database, text: str) -> list[int]:
    """People whose name or an alias is, or has a word starting with, `text` (diacritics-blind)."""
    folded = fold(text.strip())
    if not folded:
        return []
    like = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params = [folded, f"{like}%", f"% {like}%"]
    where = "folded = ? OR folded LIKE ? ESCAPE '\\' OR folded LIKE ? ESCAPE '\\'"
    rows = db.execute(f"SELECT id FROM people WHERE {where} UNION SELECT person_id FROM aliases WHERE {where}", params * 2)
    return [r[0] for r in rows]


def _aliases(db: sqlite_utils.Database, ids: list[int]) -> dict[int, list[str]]:
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for person_id, alias in db.execute(f"SELECT person_id, alias FROM aliases WHERE person_id IN ({','.join('?' * len(ids))}) ORDER BY alias", ids):
            aliases[person_id].append(alias)
    return aliases


def list_people(db: sqlite_utils.Database, search: str | None = None, limit: int | None = None) -> list[Person]:
    """People by name, with their aliases and how many meetings they took part in."""
    where, params = "", []
    if search:
        ids = person_ids_matching(db, search)
        where = f"WHERE p.id IN ({','.join('?' * len(ids))})" if ids else "WHERE 0"
        params = ids
    sql = f"""SELECT p.id, p.name, p.country, (SELECT count(DISTINCT meeting_id) FROM participants WHERE person_id = p.id) AS n
        FROM people p {where} ORDER BY p.folded"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = db.execute(sql, params).fetchall()
    aliases = _aliases(db, [r[0] for r in rows])
    return [Person(id=i, name=name, country=country, aliases=aliases[i], meeting_count=n) for i, name, country, n in rows]


def get_person(db: sqlite_utils.Database, person_id: int) -> Person:
    row = db.execute("SELECT id, name, country FROM people WHERE id = ?", [person_id]).fetchone()
    if not row:
        raise StoreError(f"no person with id {person_id}")
    return Person(id=row[0], name=row[1], country=row[2], aliases=_aliases(db, [row[0]])[row[0]])


def list_countries(db: sqlite_utils.Database, *, with_meetings_only: bool = False) -> list[Country]:
    """Countries and organizations with how many meetings each took part in."""
    rows = db.execute(
        """SELECT c.code, c.name, c.kind, coalesce(n.n, 0) FROM countries c
        LEFT JOIN (SELECT country, count(*) AS n FROM meeting_countries GROUP BY country) n ON n.country = c.code
        ORDER BY coalesce(n.n, 0) DESC, c.name"""
    ).fetchall()
    countries = [Country(code, name, kind, n) for code, name, kind, n in rows]
    return [c for c in countries if c.meeting_count] if with_meetings_only else countries


def country_names(db: sqlite_utils.Database) -> dict[str, str]:
    """Code -> display name ('TUR' -> 'Türkiye'), from the database, no pycountry import."""
    return dict(db.execute("SELECT code, name FROM countries").fetchall())


def country_code(db: sqlite_utils.Database, text: str) -> str:
    """A known code for what a user typed ('tur', 'Türkiye', 'Turkey'), or a StoreError saying what is accepted."""
    text = (text or "").strip()
    upper = text.upper()
    if db.execute("SELECT 1 FROM countries WHERE code = ?", [upper]).fetchone():
        return upper
    code = resolve_country(text) if text else None
    if code and db.execute("SELECT 1 FROM countries WHERE code = ?", [code]).fetchone():
        return code
    raise StoreError(f"unknown country {text!r}: use an ISO 3166 alpha-3 code (TUR, RUS), a country name (Türkiye), or an organization code (UN, EU, NATO)")


# ---------------------------------------------------------------- spellings of one name
#
# Event datasets spell a person as their sources do: "BASHAR AL ASSAD" (GDELT) for Bashar
# al-Assad, "Sergey Viktorovich Lavrov" (ICEWS, with the patronymic) for Sergei Lavrov. An
# import links such a spelling to a known person by its loose key (folded, punctuation as
# spaces) or by one of its variants, and keeps the variants as aliases, so that the usual
# spelling finds the person either way.

_NOT_LETTERS = re.compile(r"[\W_]+")
# Russian, Ukrainian, Belarusian and Central Asian patronymics (-ovich, -evna, ...), Turkic -oglu/-kyzy.
_PATRONYMIC = re.compile(r"(ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna|oglu|ogly|kyzy|qizi)$")
# The same first name romanized two ways: Sergey/Sergei, Dmitriy/Dmitry/Dmitri, Andrey/Andrei.
_ROMANIZED = [("iy", "y"), ("iy", "i"), ("ey", "ei"), ("ay", "ai"), ("oy", "oi"), ("y", "i")]


def loose_key(name: str) -> str:
    """A name folded with punctuation as spaces: 'Bashar al-Assad' and 'BASHAR AL ASSAD' share one."""
    return " ".join(_NOT_LETTERS.sub(" ", fold(name)).split())


def name_variants(name: str) -> list[str]:
    """Other spellings of a name that a reader would type: without the patronymic, the first
    name romanized the other common way. The name itself is not among them."""
    words = name.split()
    variants: list[list[str]] = []
    if len(words) >= 3 and all(_PATRONYMIC.search(fold(w)) for w in words[1:-1]):
        variants.append([words[0], words[-1]])
    for base in [*variants, words] if variants else []:
        first = base[0]
        for old, new in _ROMANIZED:
            if first.lower().endswith(old):
                variants.append([first[: -len(old)] + new, *base[1:]])
                break
    seen = {fold(name)}
    out = []
    for v in variants:
        text = " ".join(v)
        if fold(text) not in seen:
            seen.add(fold(text))
            out.append(text)
    return out
