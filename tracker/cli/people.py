"""tracker person: show one person, give them an alias, merge two, correct a country.

A person is named by their name, any alias (diacritics-blind), or their id; a name that
fits several people is refused with the candidates, so a merge never picks one by chance.
Every change is one entry of the change log: `tracker undo` takes it back.
"""

from __future__ import annotations

import click

from tracker.cli import Tracker, cli, pass_tracker
from tracker.cli.options import json_text
from tracker.text import literal, one_line

SHOWN = 1000  # meetings listed by `person show`; a common name of a big import has tens of thousands


@cli.group()
def person() -> None:
    """One person: show, alias, merge, country (people named by name, alias or id).

    \b
    Examples:
      tracker person show Lavrov
      tracker person alias "Sergei Lavrov" "Sergey Viktorovich Lavrov"
      tracker person merge "Sergei Lavrov" "S. Lavrov"
      tracker person country "Hakan Fidan" TUR
    """


@person.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the person as JSON.")
@pass_tracker
def show_person(t: Tracker, name: str, as_json: bool) -> None:
    """A person: id, country, aliases, and their meetings, newest first (ids only with --json)."""
    from tracker.cli.meetings import print_rows
    from tracker.store.people import country_names, find_person
    from tracker.store.queries import MeetingQuery, count, page

    p = find_person(t.db, name)
    q = MeetingQuery(person_id=p.id)
    if as_json:
        rows = page(t.db, q, limit=SHOWN)
        found = {"id": p.id, "name": p.name, "country": p.country, "aliases": p.aliases, "meeting_count": count(t.db, q), "meetings": [r.id for r in rows]}
        click.echo(json_text(found, indent=2))
        return
    country = f"{country_names(t.db).get(p.country, p.country)} ({p.country})" if p.country else "unknown"
    click.echo(literal(f"#{p.id}  {one_line(p.name)}"))
    click.echo(literal(f"Country:   {country}"))
    click.echo(literal(f"Aliases:   {'; '.join(one_line(a) for a in p.aliases) or '-'}"))
    n = count(t.db, q)
    click.echo(f"Meetings:  {n:,}" + (f" (the newest {SHOWN:,} below; tracker list --person finds all)" if n > SHOWN else ""))
    if n:
        click.echo("")
        print_rows(page(t.db, q, limit=SHOWN))


@person.command("alias")
@click.argument("name")
@click.argument("alias")
@pass_tracker
def alias_command(t: Tracker, name: str, alias: str) -> None:
    """Another spelling of a person's name: search and completion find them by it.

    \b
    Example:
      tracker person alias "Sergei Lavrov" "Sergey Viktorovich Lavrov"
    """
    from tracker.actions.people import add_person_alias
    from tracker.store.people import find_person

    click.echo(literal(add_person_alias(t.db, find_person(t.db, name).id, alias) + " (tracker undo takes it back)"))


@person.command("merge")
@click.argument("keep")
@click.argument("other")
@pass_tracker
def merge_command(t: Tracker, keep: str, other: str) -> None:
    """Merge OTHER into KEEP: OTHER's meetings become KEEP's, OTHER's name and aliases KEEP's aliases.

    \b
    Example:
      tracker person merge "Sergei Lavrov" "Sergey Lavrov"
    """
    from tracker.actions.people import merge_people
    from tracker.store.people import find_person

    kept = find_person(t.db, keep)
    merged = find_person(t.db, other, besides=kept.id)  # "Lavrov" beside Sergei Lavrov is the other one
    click.echo(literal(merge_people(t.db, kept.id, merged.id) + " (tracker undo takes it back)"))


@person.command("country")
@click.argument("name")
@click.argument("country")
@pass_tracker
def country_command(t: Tracker, name: str, country: str) -> None:
    """Correct a person's country: a code (TUR), a name (Türkiye), or "-" for unknown.

    Their meetings keep the country each participant was listed under (the country at the time).

    \b
    Example:
      tracker person country "Hakan Fidan" TUR
    """
    from tracker.actions.people import change_person_country
    from tracker.store.people import find_person

    p = find_person(t.db, name)
    click.echo(literal(change_person_country(t.db, p.id, None if country.strip() == "-" else country) + " (tracker undo takes it back)"))
