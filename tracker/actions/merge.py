"""No lost update: what one user changed, applied onto the meeting as it is now.

A form opens on a meeting (the base), the user changes some fields (mine), and meanwhile
another process, or someone in the sqlite3 shell, changed others (theirs, as stored now).
A field only one side changed takes that side's value; a field both changed to different
values is a conflict, which the user settles (keep "mine" or "theirs"). Participants,
topics, sources and links merge as sets: what I added or removed, onto what is there now.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

from tracker.actions.participants import party_key
from tracker.countries import fold
from tracker.model import Link, Meeting, Participant, Source
from tracker.store.db import StoreError

Side = Literal["mine", "theirs"]
SCALARS = ("title", "when", "status", "level", "city", "venue", "country", "summary", "outcome", "notes", "cameo")
LISTS = ("participants", "topics", "sources", "links")
T = TypeVar("T")


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed, differently: the value each wants, as text to show."""

    field: str
    mine: str
    theirs: str


class ConflictError(StoreError):
    """Another process changed what this save changes too; nothing was saved."""

    def __init__(self, meeting_id: int, conflicts: list[FieldConflict], by: str):
        self.meeting_id, self.conflicts, self.by = meeting_id, conflicts, by
        said = "; ".join(f"{c.field} (yours: {c.mine}; now: {c.theirs})" for c in conflicts)
        super().__init__(f"meeting {meeting_id} was changed meanwhile by {by}: {said}")


def merge_meeting(base: Meeting, mine: Meeting, theirs: Meeting, keep: Mapping[str, Side]) -> tuple[Meeting, list[FieldConflict]]:
    """`theirs` with what changed from `base` to `mine`; a field in `keep` settles its conflict."""
    fields: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for name in SCALARS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        value, clash = _three_way(_scalar_key(name, b), _scalar_key(name, m), _scalar_key(name, t))
        if clash:
            side = keep.get(name)
            if side is None:
                conflicts.append(FieldConflict(name, _shown(name, m), _shown(name, t)))
            fields[name] = t if side == "theirs" else m
        else:
            fields[name] = {"base": b, "mine": m, "theirs": t}[value]
    for name, key in (("participants", party_key), ("topics", fold), ("sources", _source_key), ("links", _link_key)):
        merged, clashed = _merge_list(getattr(base, name), getattr(mine, name), getattr(theirs, name), key, keep.get(name))
        fields[name] = merged
        if clashed and name not in keep:
            conflicts.append(FieldConflict(name, _list_shown(name, clashed[0]), _list_shown(name, clashed[1])))
    return replace(theirs, **fields), conflicts


def _three_way(b: Hashable, m: Hashable, t: Hashable) -> tuple[str, bool]:
    """Which side's value stands, and whether both changed it differently."""
    if m == b:
        return "theirs", False
    if t in (b, m):
        return "mine", False
    return "mine", True


def _scalar_key(name: str, value: Any) -> Hashable:
    if name == "when":
        return (value.start, value.end, value.precision, value.text)
    if isinstance(value, str):
        return value.strip() or None
    key: Hashable = value
    return key


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if name == "when":
        return f"{value.text} ({value.describe()})"
    text = str(value)
    return repr(text if len(text) <= 80 else text[:79] + "…")


def _merge_list(
    base: Sequence[T], mine: Sequence[T], theirs: Sequence[T], key: Callable[[T], Hashable], side: Side | None
) -> tuple[list[T], tuple[list[T], list[T]] | None]:
    """Set merge keyed by `key`: each item as the side that changed it has it. Returns the list
    and, when both changed one item differently, the clashing items of each side."""
    b, m, t = (_keyed(items, key) for items in (base, mine, theirs))
    if _same(m, b):
        return list(theirs), None
    if _same(t, b):
        return list(mine), None
    result: dict[Hashable, T] = {}
    clash_mine: list[T] = []
    clash_theirs: list[T] = []
    for k in [*t, *(k for k in m if k not in t)]:  # their order, then what I added
        bv, mv, tv = b.get(k), m.get(k), t.get(k)
        value, clash = _three_way(_value(bv), _value(mv), _value(tv))
        if clash:
            clash_mine += [mv] if mv is not None else []
            clash_theirs += [tv] if tv is not None else []
            value = "theirs" if side == "theirs" else "mine"
        chosen = {"base": bv, "mine": mv, "theirs": tv}[value]
        if chosen is not None:
            result[k] = chosen
    clashed = (clash_mine, clash_theirs) if (clash_mine or clash_theirs) else None
    return list(result.values()), clashed


def _same(a: dict[Hashable, Any], b: dict[Hashable, Any]) -> bool:
    return [(k, _value(v)) for k, v in a.items()] == [(k, _value(v)) for k, v in b.items()]


def _keyed(items: Sequence[T], key: Callable[[T], Hashable]) -> dict[Hashable, T]:
    keyed: dict[Hashable, T] = {}
    for item in items:
        k = key(item)
        n = 0
        while (k, n) in keyed:  # two unnamed delegations of one country and title stay two
            n += 1
        keyed[(k, n)] = item
    return keyed


def _value(item: Any) -> Hashable:
    if item is None:
        return None
    if isinstance(item, Participant):
        return (item.name, item.country, str(item.role), item.title)
    if isinstance(item, Source):
        return tuple(sorted(item.to_dict().items()))
    if isinstance(item, Link):
        return (item.other_id, item.kind, item.track)
    key: Hashable = item
    return key


def _source_key(s: Source) -> Hashable:
    return ("url", s.url) if s.url else ("titled", s.title, s.published)


def _link_key(link: Link) -> Hashable:
    return (link.other_id, link.kind, link.track)


def _list_shown(name: str, items: list[Any]) -> str:
    if not items:
        return "(removed)"
    if name == "participants":
        return "; ".join(", ".join(x for x in (p.name or "(unnamed)", p.country, str(p.role), p.title) if x) for p in items)
    if name == "sources":
        return "; ".join(s.url or s.title or "(untitled)" for s in items)
    return "; ".join(str(i) for i in items)
