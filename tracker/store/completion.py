"""What the meeting form completes from: known people (by name or alias) and topics.

Countries complete from `people.list_countries` and resolve with `people.country_code`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.countries import fold

if TYPE_CHECKING:
    from tracker.store.db import Database


@dataclass(frozen=True)
class PersonMatch:
    """A known person that what the user typed may mean, and the spelling that matched."""

    id: int
    name: str
    country: str | None
    matched: str  # the name or alias that matched what was typed
    exact: bool  # the whole name or alias was typed, not just its start


def _like(folded: str) -> str:
    return folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_matching(db: Database, text: str, limit: int = 5) -> list[PersonMatch]:
    """People whose name or an alias is, or has a word starting with, `text` (diacritics-blind).

    Exact matches first, then the people who took part in the most meetings:
    typing "Shoygu" offers Sergei Shoigu, matched by his alias.
    """
    folded = fold(" ".join(text.split()))
    if not folded:
        return []
    like = _like(folded)
    where = "folded = ? OR folded LIKE ? ESCAPE '\\' OR folded LIKE ? ESCAPE '\\'"
    params = [folded, folded, f"{like}%", f"% {like}%"]  # the first says whether it is exact
    # SQLite takes the bare column `matched` from the row holding max(exact): the exact spelling wins.
    rows = db.execute(
        f"""WITH hits(person_id, matched, exact) AS (
            SELECT id, name, folded = ? FROM people WHERE {where}
            UNION ALL SELECT person_id, alias, folded = ? FROM aliases WHERE {where})
        SELECT p.id, p.name, p.country, h.matched, max(h.exact) AS exact,
            (SELECT count(*) FROM participants WHERE person_id = p.id) AS n
        FROM hits h JOIN people p ON p.id = h.person_id
        GROUP BY p.id ORDER BY exact DESC, n DESC, p.folded LIMIT ?""",
        [*params, *params, limit],
    ).fetchall()
    return [PersonMatch(i, name, country, matched, bool(exact)) for i, name, country, matched, exact, _n in rows]


def topic_names(db: Database, limit: int = 1000) -> list[str]:
    """Topics in use, the most used first."""
    rows = db.execute(
        """SELECT t.name FROM topics t JOIN meeting_topics mt ON mt.topic_id = t.id
        GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT ?""",
        [limit],
    )
    return [r[0] for r in rows]
