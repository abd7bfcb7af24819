"""People, their aliases, and countries."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from tracker.countries import fold, resolve_country
from tracker.model import Country, Person
from tracker.store.db import StoreError
from tracker.store.ids import next_id
from tracker.store.normalize import clean_line

if TYPE_CHECKING:
    from tracker.store.db import Database

CANDIDATES_SHOWN = 5  # an ambiguous name lists this many people to choose from


class PersonState(TypedDict):
    id: int
    name: str
    country: str | None
    aliases: list[str]


class PeopleState(TypedDict):
    """Some people as they are, as the change log keeps them (JSON) for undo and redo."""

    people: list[PersonState]
    absent: list[int]  # asked about but not there: undoing their creation deletes them
    participations: NotRequired[list[list[int]]]  # a merge's: [meeting_id, position, person_id]


def person_id_for(db: Database, name: str, country: str | None) -> int:
    """The person called `name` (or with that alias), created if unknown; inside a transaction.

    Two people of the same name in different countries stay two people.
    """
    name = clean_line(name) or ""
    folded = fold(name)
    rows = db.execute(
        "SELECT id, country FROM people WHERE folded = ? UNION SELECT p.id, p.country FROM aliases a JOIN people p ON p.id = a.person_id WHERE a.folded = ?",
        [folded, folded],
    ).fetchall()
    for person_id, person_country in rows:
        if country is None or person_country in (None, country):
            if country and person_country is None:
                db.execute("UPDATE people SET country = ? WHERE id = ?", [country, person_id])
            found: int = person_id
            return found
    new_id = next_id(db, "people")
    db.execute("INSERT INTO people (id, name, folded, country) VALUES (?, ?, ?, ?)", [new_id, name, folded, country])
    return new_id


def people_records(db: Database, person_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """People as an export carries them (everyone, or these): name, country and aliases, by name.

    A merge left the other person's name among the kept one's aliases, so it travels too.
    """
    where, params = ("", []) if person_ids is None else ("WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(person_ids)))])
    rows = db.execute(f"SELECT id, name, country FROM people {where} ORDER BY folded, id", params).fetchall()
    aliases: dict[int, list[str]] = {}
    for person_id, alias in db.execute(f"SELECT person_id, alias FROM aliases {where.replace('id IN', 'person_id IN')} ORDER BY person_id, alias", params):
        aliases.setdefault(person_id, []).append(alias)
    return [{"name": name, "country": country, "aliases": aliases.get(person_id, [])} for person_id, name, country in rows]


def person_ids_matching(db: Database, text: str) -> list[int]:
    """People whose name or an alias is, or has a word starting with, `text` (diacritics-blind)."""
    folded = fold(text.strip())
    if not folded:
        return []
    like = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params = [folded, f"{like}%", f"% {like}%"]
    where = "folded = ? OR folded LIKE ? ESCAPE '\\' OR folded LIKE ? ESCAPE '\\'"
    rows = db.execute(f"SELECT id FROM people WHERE {where} UNION SELECT person_id FROM aliases WHERE {where}", params * 2)
    return [r[0] for r in rows]


def _aliases(db: Database, ids: list[int]) -> dict[int, list[str]]:
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for person_id, alias in db.execute(f"SELECT person_id, alias FROM aliases WHERE person_id IN ({','.join('?' * len(ids))}) ORDER BY alias", ids):
            aliases[person_id].append(alias)
    return aliases


def list_people(db: Database, search: str | None = None, limit: int | None = None) -> list[Person]:
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


def get_person(db: Database, person_id: int) -> Person:
    row = db.execute("SELECT id, name, country FROM people WHERE id = ?", [person_id]).fetchone()
    if not row:
        raise StoreError(f"no person with id {person_id}")
    return Person(id=row[0], name=row[1], country=row[2], aliases=_aliases(db, [row[0]])[row[0]])


def list_countries(db: Database, *, with_meetings_only: bool = False) -> list[Country]:
    """Countries and organizations with how many meetings each took part in."""
    rows = db.execute(
        """SELECT c.code, c.name, c.kind, coalesce(n.n, 0) FROM countries c
        LEFT JOIN (SELECT country, count(*) AS n FROM meeting_countries GROUP BY country) n ON n.country = c.code
        ORDER BY coalesce(n.n, 0) DESC, c.name"""
    ).fetchall()
    countries = [Country(code, name, kind, n) for code, name, kind, n in rows]
    return [c for c in countries if c.meeting_count] if with_meetings_only else countries


def country_names(db: Database) -> dict[str, str]:
    """Code -> display name ('TUR' -> 'Türkiye'), from the database, no pycountry import."""
    return dict(db.execute("SELECT code, name FROM countries").fetchall())


def country_code(db: Database, text: str) -> str:
    """A known code for what a user typed ('tur', 'Türkiye', 'Turkey'), or a StoreError saying what is accepted."""
    text = (text or "").strip()
    upper = text.upper()
    if db.execute("SELECT 1 FROM countries WHERE code = ?", [upper]).fetchone():
        return upper
    code = resolve_country(text) if text else None
    if code and db.execute("SELECT 1 FROM countries WHERE code = ?", [code]).fetchone():
        return code
    raise StoreError(f"unknown country {text!r}: use an ISO 3166 alpha-3 code (TUR, RUS), a country name (Türkiye), or an organization code (UN, EU, NATO)")


# ---------------------------------------------------------------- finding one person


def find_person(db: Database, text: str, *, besides: int | None = None) -> Person:
    """The one person `text` names: an id, a name or an alias (diacritics-blind), or else
    the one person a word of whose name or alias starts so; a StoreError naming the
    candidates when several fit, or saying that nobody does.

    `besides` is a person the text cannot mean (the one kept in a merge): "Lavrov" to
    merge into Sergei Lavrov is the other Lavrov.
    """
    text = (text or "").strip()
    if not text:
        raise StoreError("name a person: a name, an alias or an id")
    if text.isdigit():
        row = db.execute("SELECT id FROM people WHERE id = ?", [int(text)]).fetchone()
        if row is None:
            raise StoreError(f"no person with id {text}: `tracker people` lists them")
        return get_person(db, row[0])
    folded = fold(text)
    exact = [r[0] for r in db.execute("SELECT id FROM people WHERE folded = ? UNION SELECT person_id FROM aliases WHERE folded = ?", [folded, folded])]
    ids = [i for i in exact or person_ids_matching(db, text) if i != besides]
    if not ids and besides is not None and besides in exact:
        raise StoreError(f"{text!r} is {get_person(db, besides).name} (id {besides}) itself: name the other person")
    if len(ids) == 1:
        return get_person(db, ids[0])
    if not ids:
        raise StoreError(f"nobody is called {text!r} (by name or alias): `tracker people --search` finds spellings")
    shown = [get_person(db, i) for i in sorted(ids)[:CANDIDATES_SHOWN]]
    more = f", and {len(ids) - CANDIDATES_SHOWN} more" if len(ids) > CANDIDATES_SHOWN else ""
    listed = "; ".join(f"{p.id} {p.name}" + (f" ({p.country})" if p.country else "") for p in shown)
    raise StoreError(f"{text!r} could be any of {len(ids)} people: {listed}{more}; name one by its id")


# ---------------------------------------------------------------- changing people
#
# The rows only, inside the caller's transaction: store/changes.py makes each a user action
# (one transaction, one entry in the change log, reindexed search, undo and redo).


def people_state(db: Database, person_ids: list[int], *, participations: bool = False) -> PeopleState:
    """What undo needs to put these people back as they are: their rows and aliases,
    which of them do not exist, and (for a merge) every participation of theirs."""
    people: list[PersonState] = []
    for person_id in person_ids:
        row = db.execute("SELECT id, name, country FROM people WHERE id = ?", [person_id]).fetchone()
        if row:
            aliases = [a for (a,) in db.execute("SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias", [person_id])]
            people.append({"id": row[0], "name": row[1], "country": row[2], "aliases": aliases})
    state: PeopleState = {"people": people, "absent": [i for i in person_ids if i not in {p["id"] for p in people}]}
    if participations:
        marks = ",".join("?" * len(person_ids))
        state["participations"] = [
            list(r) for r in db.execute(f"SELECT meeting_id, position, person_id FROM participants WHERE person_id IN ({marks})", person_ids)
        ]
    return state


def restore_people_state(db: Database, state: PeopleState, current: PeopleState) -> set[int]:
    """Make the people of a state (people_state) be exactly so again, from the state `current`
    logged beside it; return the meetings whose search text changed.

    A person `current` says is gone but who exists is someone else (a database from before
    ids were kept unique, store.ids): refused rather than written over.
    """
    for person_id in current["absent"]:
        if person_id in {p["id"] for p in state["people"]} and db.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone():
            raise StoreError(f"cannot put person {person_id} back: that id is someone else's now ({get_person(db, person_id).name}); nothing was changed")
    meetings: set[int] = set()
    for p in state["people"]:
        if db.execute("SELECT 1 FROM people WHERE id = ?", [p["id"]]).fetchone():
            db.execute("UPDATE people SET name = ?, folded = ?, country = ? WHERE id = ?", [p["name"], fold(p["name"]), p["country"], p["id"]])
        else:
            db.execute("INSERT INTO people (id, name, folded, country) VALUES (?, ?, ?, ?)", [p["id"], p["name"], fold(p["name"]), p["country"]])
        db.execute("DELETE FROM aliases WHERE person_id = ?", [p["id"]])
        for alias in p["aliases"]:
            db.execute("INSERT INTO aliases (person_id, alias, folded) VALUES (?, ?, ?)", [p["id"], alias, fold(alias)])
        meetings |= _meetings_of(db, p["id"])
    for meeting_id, position, person_id in state.get("participations", []):
        # A meeting deleted since is skipped: its own change in the log brings it back.
        db.execute("UPDATE participants SET person_id = ? WHERE meeting_id = ? AND position = ?", [person_id, meeting_id, position])
        meetings.add(meeting_id)
    for person_id in state["absent"]:
        if not db.execute("SELECT 1 FROM participants WHERE person_id = ?", [person_id]).fetchone():
            db.execute("DELETE FROM aliases WHERE person_id = ?", [person_id])
            db.execute("DELETE FROM people WHERE id = ?", [person_id])
    return meetings


def _meetings_of(db: Database, person_id: int) -> set[int]:
    return {r[0] for r in db.execute("SELECT DISTINCT meeting_id FROM participants WHERE person_id = ?", [person_id])}


def _known_as(db: Database, folded: str) -> list[Person]:
    """Everyone whose name or an alias folds to `folded`."""
    ids = [r[0] for r in db.execute("SELECT id FROM people WHERE folded = ? UNION SELECT person_id FROM aliases WHERE folded = ?", [folded, folded])]
    return [get_person(db, i) for i in sorted(ids)]


def alias_person(db: Database, person_id: int, alias: str) -> set[int]:
    """Give a person another spelling; return their meetings (findable by it once reindexed).

    A spelling that is already someone else's name or alias is refused: the same words
    would then name two people, and a new participant so named could land on either.
    """
    person = get_person(db, person_id)
    alias = " ".join((alias or "").split())  # clean_line, and a run of spaces as one: what a user typed twice is one spelling
    if not alias:
        raise StoreError("an alias cannot be empty")
    if len(alias) > 500:
        raise StoreError("an alias is at most 500 characters")
    for other in _known_as(db, fold(alias)):
        if other.id == person.id:
            raise StoreError(f"{person.name} is already known as {alias!r}")
        raise StoreError(f"{alias!r} is already {other.name} (id {other.id}): merge the two instead of adding an alias")
    db.execute("INSERT INTO aliases (person_id, alias, folded) VALUES (?, ?, ?)", [person.id, alias, fold(alias)])
    return _meetings_of(db, person.id)


def merge_person_into(db: Database, keep_id: int, other_id: int) -> set[int]:
    """The other person becomes the kept one: their meetings, their name and aliases (as
    aliases), their country if the kept one has none; the other is gone. Returns the meetings touched."""
    keep, other = get_person(db, keep_id), get_person(db, other_id)
    if keep.id == other.id:
        raise StoreError(f"{keep.name} (id {keep.id}) is the same person twice: name two different people")
    meetings = _meetings_of(db, keep.id) | _meetings_of(db, other.id)
    db.execute("UPDATE participants SET person_id = ? WHERE person_id = ?", [keep.id, other.id])
    known = {fold(keep.name)} | {fold(a) for a in keep.aliases}
    for spelling in [other.name, *other.aliases]:
        if fold(spelling) not in known:
            known.add(fold(spelling))
            db.execute("INSERT OR IGNORE INTO aliases (person_id, alias, folded) VALUES (?, ?, ?)", [keep.id, spelling, fold(spelling)])
    if keep.country is None and other.country is not None:
        db.execute("UPDATE people SET country = ? WHERE id = ?", [other.country, keep.id])
    db.execute("DELETE FROM aliases WHERE person_id = ?", [other.id])
    db.execute("DELETE FROM people WHERE id = ?", [other.id])
    return meetings


def set_person_country(db: Database, person_id: int, country: str | None) -> str | None:
    """Correct a person's country (a code, a name, or None for unknown); return the code set.

    The person's own country only: each meeting keeps the country its participant was
    listed under, which is the country at the time (a delegation, an envoy abroad).
    """
    person = get_person(db, person_id)
    code = country_code(db, country) if country and country.strip() else None
    if code == person.country:
        raise StoreError(f"{person.name}'s country is {code or 'unknown'} already")
    db.execute("UPDATE people SET country = ? WHERE id = ?", [code, person.id])
    return code


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
