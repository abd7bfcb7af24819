"""Everything about one meeting, beside the list: who, where, when, on what evidence, what changed."""

from __future__ import annotations

import datetime as dt

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tracker.model import Link, Meeting
from tracker.tui.text import literal, one_line

ROLES = {"head_of_delegation": "head of delegation"}


def _heading(text: str) -> Content:
    return Content.styled(f"\n{text}\n", "bold $accent")


def _field(name: str, value: object) -> Content:
    return Content.assemble((f"{name}: ", "$text-muted"), literal(value), "\n")


def describe(m: Meeting, *, today: dt.date, country_names: dict[str, str], linked_from: list[Link]) -> Content:
    """The whole meeting as Content: database text is added as plain strings, never as markup."""
    parts: list[Content | str | tuple[str, str]] = [Content.styled(one_line(m.title), "bold"), "\n\n"]
    when = m.when.describe()
    parts.append(_field("When", f"{when} (as written: {one_line(m.when.text)})" if m.when.text != m.when.start.isoformat() else when))
    place = ", ".join(one_line(p) for p in (m.venue, m.city, country_names.get(m.country or "", m.country)) if p)
    parts.append(_field("Where", place or "not stated in the sources"))
    status = str(m.status)
    parts.append(_field("Status", status))
    if m.is_unconfirmed(today):
        parts.append(Content.styled("  ⚠ unconfirmed: its date has passed and no source says it was held\n", "$warning"))
    parts.append(_field("Level", str(m.level).replace("_", " ") if m.level else "not stated"))
    if m.format:
        parts.append(_field("Format", m.format))
    if m.cameo:
        parts.append(_field("CAMEO", m.cameo))
    parts.append(_heading(f"Participants ({len(m.participants)})"))
    for p in m.participants:
        who = one_line(p.name) if p.name else "unnamed delegation"
        country = country_names.get(p.country or "", p.country or "")
        role = ROLES.get(str(p.role), str(p.role))
        parts.append(
            Content.assemble(("• ", "$accent"), (who, "bold" if p.name else "italic $text-muted"), f" ({one_line(country)})" if country else "", f" — {role}")
        )
        if p.title:
            parts.append(Content.assemble(", ", one_line(p.title)))
        parts.append("\n")
    if m.topics:
        parts += [_heading("Topics"), ", ".join(one_line(t) for t in m.topics), "\n"]
    for name, value in (("Summary", m.summary), ("Outcome", m.outcome), ("Notes", m.notes)):
        if value:
            parts += [_heading(name), literal(value), "\n"]
    if m.sources:
        # Evidence is one quote each; several quotes from one article are shown under it once.
        by_source: dict[tuple, list] = {}
        for s in m.sources:
            by_source.setdefault((s.title, s.url, s.outlet, s.published, s.updated), []).append(s.quote)
        parts.append(_heading(f"Sources ({len(by_source)})"))
        for (title, url, outlet, published, updated), quotes in by_source.items():
            parts.append(Content.assemble(("• ", "$accent"), (one_line(title or url or "untitled source"), "bold"), "\n"))
            meta = ", ".join(
                one_line(x) for x in (outlet, f"published {published}" if published else None, f"updated {updated}" if updated else None, url) if x
            )
            if meta:
                parts.append(Content.assemble(("  " + meta, "$text-muted"), "\n"))
            for quote in filter(None, quotes):
                parts.append(Content.assemble("  “", (literal(quote), "italic"), "”\n"))
    if m.history:
        parts.append(_heading("History"))
        for h in m.history:
            # The time too: a meeting announced, postponed and moved in one day reads in order.
            parts.append(
                Content.assemble((f"{h.at[:16].replace('T', ' ')}  ", "$text-muted"), f"was {h.status}, {one_line(h.when_text)} ({h.start}…{h.end})\n")
            )
            if h.source:
                said = ", ".join(one_line(x) for x in (h.source.title, h.source.published and h.source.published[:10], h.source.url) if x)
                parts.append(Content.assemble(("  changed on the word of ", "$text-muted"), said, "\n"))
            else:
                parts.append(Content.styled("  changed with no source given\n", "$text-muted"))
    links = [(link, "follows" if link.kind == "follows" else "part of") for link in m.links]
    links += [(link, "followed by" if link.kind == "follows" else "includes") for link in linked_from]
    if links:
        parts.append(_heading("Linked meetings"))
        for link, verb in links:
            track = f" [{one_line(link.track)}]" if link.track else ""
            parts.append(Content.assemble(f"{verb} #{link.other_id} ", one_line(link.other_title or ""), (track, "$text-muted"), "\n"))
    parts.append(Content.styled(f"\nmeeting #{m.id}", "$text-muted"))
    return Content.assemble(*parts)


class MeetingDetail(VerticalScroll, can_focus=True):
    """The detail pane; `enter` on the list moves here to scroll it, `escape` goes back."""

    def compose(self):
        yield Static(Content("No meeting selected."), id="detail-body")

    def show(self, content: Content) -> None:
        self.query_one("#detail-body", Static).update(content)
        self.scroll_home(animate=False)
