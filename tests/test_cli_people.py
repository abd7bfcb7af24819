"""tracker person: show, alias, merge, country, as a user runs them; undone by tracker undo."""

from __future__ import annotations

import json


def add_lavrovs(run_cli):
    for title, when, who in (
        ("Lavrov meets Fidan", "5 April 2023", "Sergey Lavrov|RUS|visitor|"),
        ("Lavrov in Moscow", "1 May 2023", "Sergei Lavrov|RUS|host|"),
    ):
        code, _, err = run_cli("add", "--title", title, "--when", when, "--participant", who)
        assert code == 0, err


def person_json(run_cli, name):
    code, out, err = run_cli("person", "show", name, "--json")
    assert code == 0, err
    return json.loads(out)


def test_person_show_names_country_aliases_and_meetings(run_cli):
    code, out, _ = run_cli("person", "show", "Shoygu")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("Sergei Shoigu") and lines[1] == "Country:   Russia (RUS)"
    assert "Shoygu" in lines[2] and lines[3] == "Meetings:  1"
    assert "28 Dec 2022" in out


def test_merge_alias_country_and_undo_from_the_command_line(run_cli):
    add_lavrovs(run_cli)
    code, out, err = run_cli("person", "merge", "Sergei Lavrov", "Sergey Lavrov")
    assert code == 0, err
    assert "merged Sergey Lavrov" in out and "tracker undo" in out
    kept = person_json(run_cli, "Sergey Lavrov")  # the old spelling names the kept person now
    assert kept["name"] == "Sergei Lavrov" and kept["aliases"] == ["Sergey Lavrov"] and len(kept["meetings"]) == kept["meeting_count"] == 2
    assert run_cli("person", "alias", "Sergei Lavrov", "Sergey Viktorovich Lavrov")[0] == 0
    _, out, _ = run_cli("list", "--search", "Viktorovich", "--json")
    assert sorted(m["title"] for m in json.loads(out)) == ["Lavrov in Moscow", "Lavrov meets Fidan"]
    assert run_cli("person", "country", str(kept["id"]), "Türkiye")[0] == 0
    assert person_json(run_cli, "Lavrov")["country"] == "TUR"
    for expected in ("undid the country of Sergei Lavrov", "undid the alias 'Sergey Viktorovich Lavrov'", "undid the merge of Sergey Lavrov"):
        code, out, _ = run_cli("undo")
        assert code == 0 and out.startswith(expected)
    _, out, _ = run_cli("people", "--json")
    assert sorted(p["name"] for p in json.loads(out) if "Lavrov" in p["name"]) == ["Sergei Lavrov", "Sergey Lavrov"]


def test_an_ambiguous_or_unknown_person_is_one_line_naming_the_candidates(run_cli):
    add_lavrovs(run_cli)
    code, out, err = run_cli("person", "merge", "Lavrov", "Sergey Lavrov")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error: 'Lavrov' could be any of 2 people:")
    assert "Sergei Lavrov (RUS)" in err and "Sergey Lavrov (RUS)" in err
    code, _, err = run_cli("person", "alias", "Blinken", "Tony Blinken")
    assert code == 1 and err == "Error: nobody is called 'Blinken' (by name or alias): `tracker people --search` finds spellings\n"
    code, _, err = run_cli("person", "country", "Hakan Fidan", "Narnia")
    assert code == 1 and err.startswith("Error: unknown country 'Narnia'") and err.count("\n") == 1
    assert len(json.loads(run_cli("people", "--json")[1])) == 9  # nothing changed


def test_merge_takes_a_shared_surname_for_the_other_person(run_cli):
    add_lavrovs(run_cli)
    code, out, err = run_cli("person", "merge", "Sergei Lavrov", "Lavrov")  # Lavrov beside Sergei: the other one
    assert code == 0, err
    assert out.startswith("merged Sergey Lavrov")
