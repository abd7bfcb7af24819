"""A candidate meeting from an article, as the review screen shows it: in the list, and in full.

Everything from the article is added as plain strings with control characters spelled out:
an article can hold `[bold]` or an ANSI escape, and it is shown exactly so.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from tracker.ingest import Candidate
from tracker.tui.text import fit, literal, one_line
from tracker.tui.widgets.meeting_detail import ROLES

LIST_TITLE = 30  # cells of title in the candidate list (46 wide, less the state word and a scrollbar)


@dataclass
class Decision:
    """What the user did with a candidate: 'added', 'updated' or 'rejected' (and the meeting stored)."""

    kind: str
    meeting_id: int | None = None


def _field(name: str, value: object) -> Content:
    return Content.assemble((f"{name}: ".ljust(11), "$text-muted"), literal(value), "\n")


def _heading(text: str) -> Content:
    return Content.styled(f"\n{text}\n", "bold $accent")


def matched_title(c: Candidate) -> str:
    return one_line(c.updated.title) if c.updated else ""


def state(c: Candidate, decision: Decision | None) -> tuple[str, str]:
    """A short word for the list and its style."""
    if decision is not None:
        if decision.kind == "rejected":
            return "✗ rejected", "$text-muted"
        return f"✓ {decision.kind} #{decision.meeting_id}", "$text-success"
    if c.nothing_to_do:
        return f"= recorded #{c.matches}", "$text-muted"
    if c.matches is not None:
        return f"↻ update #{c.matches}", "$text-warning"
    return "+ new", "$text-accent"


def list_label(c: Candidate, decision: Decision | None) -> Content:
    """One line: what became of it, and as much of the title as fits (the detail has it all)."""
    word, style = state(c, decision)
    return Content.assemble((word.ljust(13) + " ", style), fit(one_line(c.meeting.title), LIST_TITLE))


def what_to_do(c: Candidate, decision: Decision | None) -> Content:
    if decision is not None and decision.kind == "rejected":
        return Content.styled("Rejected: nothing stored. a accepts it after all.", "$text-muted")
    if decision is not None:
        return Content.styled(f"✓ {decision.kind.capitalize()} meeting #{decision.meeting_id}. u undoes it.", "$text-success")
    if c.nothing_to_do:
        return Content.styled(f"Already recorded as #{c.matches} “{matched_title(c)}”: nothing to change, nothing to do.", "$text-muted")
    verb = f"update #{c.matches}" if c.matches is not None else "add it"
    return Content.assemble(("To decide: ", "bold"), f"a accepts ({verb}) · e edits it first · r rejects it")


def describe_candidate(c: Candidate, decision: Decision | None, number: int, total: int, country_names: dict[str, str]) -> Content:
    m = c.meeting
    if c.nothing_to_do:
        kind = f"already recorded as #{c.matches}"
    elif c.matches is not None:
        kind = f"update of #{c.matches} “{matched_title(c)}”"
    else:
        kind = "new meeting"
    parts: list[Content | str] = [
        Content.assemble((f"Candidate {number} of {total}", "bold"), " · ", (kind, "bold")),
        "\n",
        what_to_do(c, decision),
        "\n",
    ]
    if c.changes:
        parts.append(_heading(f"Would change #{c.matches}"))
        parts += [Content.assemble(("• ", "$accent"), literal(change), "\n") for change in c.changes]
    parts.append(_heading("What the article says"))
    parts.append(_field("Title", one_line(m.title)))
    when = m.when.describe()
    parts.append(_field("When", f"{when} (as written: {one_line(m.when.text)})" if m.when.text else when))
    place = ", ".join(one_line(p) for p in (m.venue, m.city, country_names.get(m.country or "", m.country)) if p)
    parts.append(_field("Where", place or "not stated in the article"))
    countries = ", ".join(one_line(country_names.get(code, code)) for code in m.countries)
    parts.append(_field("Countries", f"{countries} ({m.format})" if m.format else countries or "not stated"))
    parts.append(_field("Level", str(m.level).replace("_", " ") if m.level else "not stated"))
    parts.append(_field("Status", str(m.status)))
    parts.append(_heading(f"People ({len(m.participants)})"))
    for p in m.participants:
        who = one_line(p.name) if p.name else "unnamed delegation"
        country = country_names.get(p.country or "", p.country or "")
        role = ROLES.get(str(p.role), str(p.role))
        title = f", {one_line(p.title)}" if p.title else ""
        parts.append(
            Content.assemble(
                ("• ", "$accent"), (who, "bold" if p.name else "italic $text-muted"), f" ({one_line(country)})" if country else "", f" — {role}{title}\n"
            )
        )
    if m.notes:
        parts += [_heading("Notes"), literal(m.notes), "\n"]
    parts.append(_heading(f"Evidence ({len(c.evidence)} sentence{'s' if len(c.evidence) != 1 else ''})"))
    for quote in c.evidence:
        parts.append(Content.assemble("“", (one_line(quote), "italic"), "”\n"))
    return Content.assemble(*parts)
