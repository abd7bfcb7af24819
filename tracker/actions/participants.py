"""Who took part: names resolved as the form's completion resolves them, and the CLI's list
edits (a row added, updated or removed, never the whole list replaced unless asked)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from tracker.countries import fold
from tracker.model import Participant
from tracker.store.completion import people_matching
from tracker.store.meetings import Problem, ValidationError

if TYPE_CHECKING:
    from tracker.store.db import Database

MIN_PREFIX = 4  # a word's start this long, naming one known person, is that person ("Erdo")


def resolve_people(db: Database, participants: Sequence[Participant]) -> None:
    """Give a name that is not a known spelling the known person it can only mean: a word of
    their name or alias ("Erdogan" is Recep Tayyip Erdoğan, "Shoygu" Sergei Shoigu), or a long
    enough start of one, of the participant's country or none. Several such people: refused,
    naming them. Nobody: a new person, created on saving. Changes the participants in place."""
    problems = []
    for i, p in enumerate(participants):
        if not p.name or p.person_id is not None:
            continue
        folded = fold(" ".join(p.name.split()))
        matches = people_matching(db, p.name, 6)
        if any(m.exact for m in matches):
            continue  # a known spelling: the store finds them by it
        fitting = [m for m in matches if (p.country is None or m.country in (None, p.country)) and _names(fold(m.matched), folded)]
        if len(fitting) == 1:
            p.name, p.person_id = fitting[0].name, fitting[0].id
            p.country = p.country or fitting[0].country
        elif len(fitting) > 1:
            listed = "; ".join(f"{m.id} {m.name}" + (f" ({m.country})" if m.country else "") for m in fitting[:5])
            problems.append(Problem("participants", f"{p.name!r} could be any of {len(fitting)} people: {listed}; write the whole name", i, "name"))
    if problems:
        raise ValidationError(problems)


def _names(spelling: str, typed: str) -> bool:
    """Whether `typed` names the person spelled so: whole words of it, or a long start of one."""
    words = spelling.replace("-", " ").split()
    typed_words = typed.replace("-", " ").split()
    if " ".join(typed_words) in (" ".join(words[i : i + len(typed_words)]) for i in range(len(words))):
        return True
    return len(typed_words) == 1 and len(typed) >= MIN_PREFIX and any(w.startswith(typed) for w in words)


def party_key(p: Participant) -> Hashable:
    """Who a row is, whatever their role or title: a person by name (diacritics-blind), an unnamed
    delegation by its country."""
    return ("person", fold(p.name)) if p.name else ("delegation", p.country)


def same_row(a: Participant, b: Participant) -> bool:
    """The same person, or the same unnamed country delegation."""
    return party_key(a) == party_key(b)


def add_or_update(rows: list[Participant], new: Participant, *, role_given: bool = True) -> None:
    """`new` takes the row of the same person or delegation (keeping what it leaves empty), or is added."""
    for i, row in enumerate(rows):
        if same_row(row, new):
            rows[i] = Participant(
                name=row.name,
                country=new.country or row.country,
                role=new.role if role_given else row.role,
                title=new.title or row.title,
                person_id=row.person_id,
            )
            return
    rows.append(new)


def remove(rows: list[Participant], gone: Participant) -> None:
    """Remove the row of that person, or of that unnamed country delegation; refused if none is there."""
    kept = [row for row in rows if not (same_row(row, gone) and (gone.name is None or gone.country in (None, row.country)))]
    if len(kept) == len(rows):
        who = gone.name or f"the unnamed {gone.country} delegation"
        raise ValidationError("participants", f"{who} does not take part in this meeting: nothing to remove")
    rows[:] = kept
