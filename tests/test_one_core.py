"""One core of actions: the CLI stores what the form would, edits add and remove rows, undo is
the undoer's own, and a save in the app keeps what another process changed meanwhile.

The app runs in a process of its own (Pilot in a subprocess) beside real `tracker` commands:
two connections in one test process would share what two processes do not.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

SOCHI = [
    "add", "--title", "Putin and Erdoğan meet in Sochi", "--when", "5 August 2022", "--city", "Sochi",
    "--participant", "Vladimir Putin|RUS||President", "--participant", "Recep Tayyip Erdoğan|TUR||President",
]  # fmt: skip


def shown(run_cli, meeting_id: int) -> dict:
    code, out, err = run_cli("show", meeting_id, "--json")
    assert code == 0, err
    return json.loads(out)


# ---------------------------------------------------------------- the CLI stores what the form would


def test_tracker_add_applies_the_forms_defaults_where_an_option_is_not_given(tracker):
    code, out, err = tracker(*SOCHI, "--json")
    assert code == 0, err
    m = json.loads(out)
    assert (m["country"], m["status"], m["level"]) == ("RUS", "held", "summit")
    assert [(p["name"], p["role"]) for p in m["participants"]] == [("Vladimir Putin", "host"), ("Recep Tayyip Erdoğan", "visitor")]


def test_a_name_that_is_a_word_of_a_known_persons_name_is_that_person(tracker):
    tracker(*SOCHI)
    code, out, err = tracker("add", "--title", "Erdogan in Baku", "--when", "2022", "--participant", "Erdogan|TUR", "--new", "--json")
    assert code == 0, err
    assert json.loads(out)["participants"][0]["name"] == "Recep Tayyip Erdoğan"
    code, out, _ = tracker("people", "--json")
    assert [p["name"] for p in json.loads(out)].count("Recep Tayyip Erdoğan") == 1 and "Erdogan" not in out


def test_the_same_meeting_typed_again_from_a_script_is_refused_naming_the_stored_one(tracker):
    first = json.loads(tracker(*SOCHI, "--json")[1])
    code, _, err = tracker(*SOCHI)
    assert code == 1 and f"this may be meeting #{first['id']}" in err and f"--same {first['id']}" in err and "--new" in err
    code, out, err = tracker(*SOCHI, "--same", first["id"], "--status", "postponed", "--json")
    assert code == 0, err
    updated = json.loads(out)
    assert updated["id"] == first["id"] and updated["status"] == "postponed" and updated["history"][-1]["status"] == "held"
    assert len(json.loads(tracker("list", "--json")[1])) == 4


def test_on_a_terminal_the_duplicate_question_is_asked(tracker):
    first = json.loads(tracker(*SOCHI, "--json")[1])
    code, out, _ = tracker(*SOCHI, stdin="n\n", tty=True)
    assert code == 0 and f"This may be meeting #{first['id']}" in out and "added meeting" in out
    assert len(json.loads(tracker("list", "--json")[1])) == 5


# ---------------------------------------------------------------- list options add and remove


def test_edit_participant_adds_a_row_and_keeps_the_others(tracker):
    code, out, err = tracker("edit", 3, "--participant", "Ibrahim Kalin|TUR|member|Intelligence chief", "--json")
    assert code == 0, err
    m = json.loads(out)
    assert len(m["participants"]) == 6 and m["participants"][-1]["name"] == "Ibrahim Kalin" and m["format"] == "trilateral"


def test_edit_participant_of_a_person_listed_updates_their_row(tracker):
    code, out, err = tracker("edit", 3, "--participant", "Hakan Fidan|TUR||Head of the National Intelligence Organization (MIT)", "--json")
    assert code == 0, err
    rows = json.loads(out)["participants"]
    fidan = [p for p in rows if p["name"] == "Hakan Fidan"]
    assert len(rows) == 5 and len(fidan) == 1 and fidan[0]["title"] == "Head of the National Intelligence Organization (MIT)"


def test_remove_participant_and_replace_participants_say_what_they_do(tracker):
    code, out, err = tracker("edit", 3, "--remove-participant", "Hakan Fidan", "--remove-participant", "|SYR", "--json")
    assert code == 0, err
    names = [(p["name"], p["country"]) for p in json.loads(out)["participants"]]
    assert ("Hakan Fidan", "TUR") not in names and (None, "SYR") not in names and len(names) == 3
    code, _, err = tracker("edit", 3, "--remove-participant", "Nobody Here")
    assert code == 1 and "does not take part" in err
    code, out, _ = tracker("edit", 3, "--replace-participants", "--participant", "Sergei Shoigu|RUS|host", "--json")
    assert [p["name"] for p in json.loads(out)["participants"]] == ["Sergei Shoigu"]


def test_edit_topic_adds_and_remove_topic_removes(tracker):
    before = json.loads(tracker("show", 2, "--json")[1])["topics"]
    out = tracker("edit", 2, "--topic", "Astana format", "--json")[1]
    assert json.loads(out)["topics"] == [*before, "Astana format"]
    out = tracker("edit", 2, "--remove-topic", before[0], "--json")[1]
    assert json.loads(out)["topics"] == [*before[1:], "Astana format"]


# ---------------------------------------------------------------- undo is the undoer's own; ids stay


def test_ids_are_never_given_twice_and_a_person_keeps_their_id_across_undo_and_redo(tracker):
    first = json.loads(tracker(*SOCHI, "--json")[1])
    people = {p["name"]: p["id"] for p in json.loads(tracker("people", "--json")[1])}
    tracker("undo")
    tracker("redo")
    again = {p["name"]: p["id"] for p in json.loads(tracker("people", "--json")[1])}
    assert again["Recep Tayyip Erdoğan"] == people["Recep Tayyip Erdoğan"]
    tracker("undo")
    other = json.loads(tracker("add", "--title", "Another", "--when", "2021", "--json")[1])
    assert other["id"] > first["id"]


def test_undo_of_a_change_whose_meeting_was_changed_since_refuses_and_says_what_changed(tracker, tmp_path):
    added = json.loads(tracker("add", "--title", "Kept", "--when", "2021", "--json")[1])
    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute("UPDATE meetings SET title = 'Retitled in the shell' WHERE id = ?", [added["id"]])
    conn.commit()
    conn.close()
    code, _, err = tracker("undo")
    assert code == 1 and "its title changed since" in err
    assert json.loads(tracker("show", added["id"], "--json")[1])["title"] == "Retitled in the shell"


def test_history_says_who_changed_what_with_old_and_new_values(tracker):
    tracker("edit", 2, "--title", "Deputy FMs meet in Moscow", "--status", "postponed")
    code, out, _ = tracker("history", 2, "--json")
    newest = json.loads(out)[0]
    assert code == 0 and newest["origin"] == "cli" and newest["action"] == "edit"
    changed = {f["field"]: (f["old"], f["new"]) for f in newest["fields"]}
    assert changed["status"] == ("announced", "postponed") and changed["title"][1] == "Deputy FMs meet in Moscow"
    assert "the CLI" in tracker("history", 2)[1] and "the seed" in tracker("history")[1]


def test_the_reviews_undo_takes_back_its_own_accept_not_a_newer_change_of_someone_else(db):
    import datetime as dt

    from tracker.actions.meetings import accept_candidate, add_meeting
    from tracker.actions.undo import undo
    from tracker.ingest import Candidate
    from tracker.model import Meeting, Origin, When

    review = Origin("review", "session-1")
    day = dt.date(2024, 5, 1)
    candidate = Candidate(meeting=Meeting(title="Accepted in the review", when=When(day, day, "day", "1 May 2024")), evidence=[])
    accepted = accept_candidate(db, candidate, review)
    add_meeting(db, Meeting(title="A script's meeting", when=When(day, day, "day", "1 May 2024")))
    undo(db, review, accepted.change_id)
    titles = {r[0] for r in db.execute("SELECT title FROM meetings")}
    assert "A script's meeting" in titles and "Accepted in the review" not in titles


# ---------------------------------------------------------------- the app beside real CLI writers

APP = r"""
import asyncio, os, sys
from tracker.tui.app import TrackerApp
from textual.widgets import Input

answers = os.fdopen(os.dup(1), "w", buffering=1)

async def until(pilot, condition, seconds=10.0):
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return False

async def main():
    app = TrackerApp(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        print("ready", file=answers)
        while line := await asyncio.to_thread(sys.stdin.readline):
            command, _, rest = line.rstrip("\n").partition(" ")
            if command == "open":
                app.show_meetings(app.meeting_query, int(rest))
                await pilot.pause()
                await pilot.press("e")
                await until(pilot, lambda: type(app.screen).__name__ == "MeetingForm")
            elif command == "set":
                field, _, value = rest.partition(" ")
                app.screen.query_one(f"#{field}", Input).value = value
            elif command == "press":
                await pilot.press(*rest.split())
            elif command == "wait":
                await until(pilot, lambda: type(app.screen).__name__ == rest)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            print(type(app.screen).__name__ + " " + " | ".join(str(n.message) for n in app._notifications), file=answers)
    app.db.close()

asyncio.run(main())
"""


class App:
    def __init__(self, run_cli):
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP, str(run_cli.db)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_cli.env, cwd=run_cli.cwd,
        )  # fmt: skip
        assert self.process.stdout.readline().strip() == "ready", self.process.stderr.read()

    def __call__(self, line: str) -> str:
        """Send one command; returns the screen's name and the notifications so far."""
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, self.process.stderr.read()
        return answer

    def quit(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        assert self.process.returncode == 0, self.process.stderr.read()


@pytest.fixture
def app(db, run_cli):
    db.close()
    running = App(run_cli)
    yield running
    running.quit()


def test_a_save_in_the_app_keeps_what_the_cli_changed_meanwhile(app, run_cli):
    app("open 2")
    code, _, err = run_cli("edit", 2, "--title", "Deputy FMs meet (CLI retitled)", "--summary", "CLI summary")
    assert code == 0, err
    assert app("set when 3-4 April 2023").startswith("MeetingForm")
    assert app("press ctrl+s").startswith("MeetingsScreen")
    m = shown(run_cli, 2)
    assert (m["title"], m["summary"], m["start"]) == ("Deputy FMs meet (CLI retitled)", "CLI summary", "2023-04-03")


def test_a_field_both_changed_is_asked_about_and_the_users_choice_stays(app, run_cli):
    app("open 2")
    run_cli("edit", 2, "--title", "Retitled by a script")
    app("set title Retitled in the app")
    assert app("press ctrl+s").startswith("ConflictQuestion")
    assert app("press y").startswith("MeetingsScreen")
    assert shown(run_cli, 2)["title"] == "Retitled in the app"


def test_u_in_the_app_undoes_the_apps_own_change_never_a_scripts(app, run_cli):
    code, out, _ = run_cli("add", "--title", "Added by a script", "--when", "2021", "--json")
    script = json.loads(out)["id"]
    answer = app("press u")
    assert "nothing to undo" in answer
    app("open 2")
    app("set title Edited in the app")
    app("press ctrl+s")
    assert "undid the edit of meeting 2" in app("press u").lower()
    assert shown(run_cli, script)["title"] == "Added by a script"
    assert shown(run_cli, 2)["title"] != "Edited in the app"
    code, out, _ = run_cli("undo")
    assert code == 0 and f"meeting {script}" in out  # the CLI's own, not the app's
