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


def test_a_meeting_known_to_the_month_or_year_is_one_day_not_spread_over_it(run, tmp_path):
    db = str(tmp_path / "t.db")
    run("--db", db, "add", "--title", "Lavrov visits Ankara", "--when", "March 2023")
    run("--db", db, "add", "--title", "Erdogan visits Moscow", "--when", "2024")
    found = {str(e["summary"]): e for e in events(run("--db", db, "export", "--format", "ics")[1]).values()}
    month, year = found["March 2023: Lavrov visits Ankara"], found["2024: Erdogan visits Moscow"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (dt.date(2023, 3, 1), dt.date(2023, 3, 2))
    assert (year.decoded("dtstart"), year.decoded("dtend")) == (dt.date(2024, 1, 1), dt.date(2024, 1, 2))
    assert str(month["transp"]) == "TRANSPARENT" and "known only to the month" in str(month["description"])
    assert "transp" not in found["Putin and Assad meet in Moscow"]


def test_the_calendar_has_a_name_and_events_say_when_and_how_often_they_changed(run, tmp_path):
    db = str(tmp_path / "t.db")
    first = run("--db", db, "export", "--format", "ics")[1]
    calendar = Calendar.from_ical(first)
    assert str(calendar["x-wr-calname"]) == str(calendar["name"]) == "Diplomatic meetings"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in first
    before = events(first)["seed-2023-03-15-putin-assad"]
    assert before.decoded("sequence") == 0 and before.decoded("last-modified")
    run("--db", db, "edit", "1", "--status", "postponed")
    run("--db", db, "edit", "1", "--when", "3 April 2023")
    after = events(run("--db", db, "export", "--format", "ics")[1])["seed-2023-03-15-putin-assad"]
    assert after.decoded("sequence") == 2, "a change of status, then of date"
    assert after.decoded("last-modified") >= before.decoded("last-modified")
    assert after.decoded("dtstart") == dt.date(2023, 4, 3)
