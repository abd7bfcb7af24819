"""The .ics export, read back with icalendar as a calendar would."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar


def events(text: str) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


def test_meetings_are_all_day_events_ending_the_day_after_their_last_day(run, tmp_path):
    db = str(tmp_path / "t.db")
    found = events(run("--db", db, "export", "--format", "ics")[1])
    deputies = found["seed-2023-03-15-deputy-foreign-ministers"]
    assert deputies.decoded("dtstart") == dt.date(2023, 3, 15)
    assert deputies.decoded("dtend") == dt.date(2023, 3, 17)  # 15–16 March: DTEND is exclusive
    assert str(deputies["location"]) == "Moscow, Russia"
    description = str(deputies["description"])
    assert "Burak Akçapar, Türkiye, head of delegation, Deputy Foreign Minister" in description
    assert "(unnamed), Iran" in description


def test_status_maps_to_tentative_confirmed_or_cancelled(run, tmp_path):
    db = str(tmp_path / "t.db")
    for when, status in (("1 May 2023", "proposed"), ("2 May 2023", "held"), ("3 May 2023", "cancelled"), ("4 May 2023", "postponed")):
        run("--db", db, "add", "--title", status, "--when", when, "--status", status)
    found = {str(e["summary"]): str(e["status"]) for e in events(run("--db", db, "export", "--format", "ics")[1]).values()}
    assert found["proposed"] == "TENTATIVE" and found["postponed"] == "TENTATIVE"
    assert found["held"] == "CONFIRMED" and found["Putin and Assad meet in Moscow"] == "CONFIRMED"  # announced
    assert found["cancelled"] == "CANCELLED"


def test_uids_and_content_are_stable_across_exports(run, tmp_path):
    db = str(tmp_path / "t.db")
    first = run("--db", db, "export", "--format", "ics")[1]
    second = run("--db", db, "export", "--format", "ics", "--country", "TUR")[1]
    assert set(events(second)) <= set(events(first))
    assert events(first)["seed-2022-12-28-defense-ministers"].to_ical() == events(second)["seed-2022-12-28-defense-ministers"].to_ical()
    assert first == run("--db", db, "export", "--format", "ics")[1]


def test_text_with_commas_semicolons_and_newlines_reads_back_unchanged(run, tmp_path):
    db = str(tmp_path / "t.db")
    title = 'Talks, round 2; "final" <b>text</b> — محادثات'
    run("--db", db, "add", "--title", title, "--when", "1 June 2023", "--notes", "a\nb, c; d")
    found = [e for e in events(run("--db", db, "export", "--format", "ics")[1]).values() if str(e["summary"]) == title]
    assert len(found) == 1 and "Notes: a\nb, c; d" in str(found[0]["description"])
