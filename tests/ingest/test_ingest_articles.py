"""Articles about later meetings, written for these tests in the layouts outlets use."""

from __future__ import annotations

import datetime as dt

from conftest import ARTICLES

from tracker.ingest import candidates_from_file
from tracker.model import Level, Role, Status

D = dt.date


def summary(c):
    m = c.meeting
    return (m.when.start, m.when.end, m.city, m.country, tuple(m.countries), m.status, m.level)


def named(m):
    return {p.name: (p.country, p.role, p.title) for p in m.participants if p.name}


def test_a_visit_announced_for_wednesday_is_dated_from_the_monday_dateline(db):
    visit, earlier = candidates_from_file(db, ARTICLES / "lavrov_to_visit_ankara.txt")
    assert summary(visit) == (D(2024, 9, 11), D(2024, 9, 11), "Ankara", "TUR", ("RUS", "TUR"), Status.ANNOUNCED, Level.MINISTERIAL)
    assert named(visit.meeting) == {
        "Sergey Lavrov": ("RUS", Role.VISITOR, "Foreign Minister"),
        "Hakan Fidan": ("TUR", Role.HOST, "Foreign Minister"),  # a known person, now with his 2023 title
    }
    # "announced on Monday" is when the news came, not when they meet
    assert all("Monday" not in c.meeting.when.text for c in (visit, earlier))
    # "a meeting between Erdogan and Putin later this year" has no day to log: no candidate spanning the year
    # "Fidan and Lavrov last met ...": surnames alone are the people named in full earlier
    assert summary(earlier) == (D(2024, 6, 11), D(2024, 6, 11), "Nizhny Novgorod", "RUS", ("RUS", "TUR"), Status.HELD, Level.MINISTERIAL)
    assert set(named(earlier.meeting)) == {"Hakan Fidan", "Sergey Lavrov"}


def test_a_secretary_of_state_meeting_a_president_is_a_ministerial_meeting(db):
    istanbul, ankara = candidates_from_file(db, ARTICLES / "blinken_to_visit_turkiye.txt")
    assert summary(istanbul) == (D(2024, 1, 6), D(2024, 1, 6), "Istanbul", "TUR", ("TUR", "USA"), Status.ANNOUNCED, Level.MINISTERIAL)
    assert named(istanbul.meeting) == {
        "Antony Blinken": ("USA", Role.VISITOR, "Secretary of State"),
        "Recep Tayyip Erdogan": ("TUR", Role.HOST, "President"),
        "Hakan Fidan": ("TUR", Role.MEMBER, "Foreign Minister"),
    }
    # "will travel to Türkiye tomorrow" and "on Saturday, January 6" are one visit
    assert any("travel to Türkiye tomorrow" in e for e in istanbul.evidence)
    assert summary(ankara) == (D(2023, 2, 1), D(2023, 2, 28), "Ankara", "TUR", ("TUR", "USA"), Status.HELD, Level.MINISTERIAL)
    assert ankara.meeting.title == "Blinken visited Ankara"


def test_the_astana_round_has_its_delegations_and_their_heads(db):
    (astana,) = candidates_from_file(db, ARTICLES / "astana_talks_held.txt")
    assert summary(astana) == (D(2023, 6, 20), D(2023, 6, 21), "Astana", "KAZ", ("IRN", "RUS", "TUR", "UN"), Status.HELD, Level.SENIOR_OFFICIALS)
    people = named(astana.meeting)
    assert people["Burak Akçapar"] == ("TUR", Role.HEAD_OF_DELEGATION, "Deputy Foreign Minister")
    assert people["Alexander Lavrentiev"] == ("RUS", Role.HEAD_OF_DELEGATION, "Special Envoy for Syria")
    assert people["Ali Asghar Khaji"][0] == "IRN" and people["Geir Pedersen"][0] == "UN"


def test_an_html_page_is_read_without_its_scripts_navigation_and_captions(db):
    (sochi,) = candidates_from_file(db, ARTICLES / "putin_erdogan_sochi.html")
    assert summary(sochi) == (D(2023, 9, 4), D(2023, 9, 4), "Sochi", "RUS", ("RUS", "TUR"), Status.HELD, Level.SUMMIT)
    assert named(sochi.meeting) == {"Vladimir Putin": ("RUS", Role.HOST, "President"), "Recep Tayyip Erdoğan": ("TUR", Role.VISITOR, "President")}
    source = sochi.meeting.sources[0]
    assert (source.title, source.published, source.url) == (
        "Putin hosts Erdogan in Sochi",
        "2023-09-04T19:10:00",
        "https://news.example.org/world/putin-hosts-erdogan-in-sochi",
    )
    assert "“We are open to negotiations on the grain deal,” Putin told reporters after the talks." in sochi.evidence
    assert not any("Kazan" in e or "1 May" in e for e in sochi.evidence)


def test_a_cancelled_summit_keeps_the_date_it_was_expected_on(db):
    cancelled, ministers = candidates_from_file(db, ARTICLES / "erdogan_assad_meeting_cancelled.txt")
    # "The two leaders had been expected to meet on May 25" speaks of the meeting just named.
    assert summary(cancelled) == (D(2023, 5, 25), D(2023, 5, 25), "Moscow", "RUS", ("SYR", "TUR"), Status.CANCELLED, Level.SUMMIT)
    assert summary(ministers) == (D(2023, 5, 10), D(2023, 5, 10), "Moscow", "RUS", ("IRN", "RUS", "SYR", "TUR"), Status.HELD, Level.MINISTERIAL)
    # "Meanwhile" is nobody; the ministers "attended by" the host are named, their countries from the leaders' table.
    assert {name: country for name, (country, _, _) in named(ministers.meeting).items()} == {
        "Sergei Lavrov": "RUS",
        "Mevlut Cavusoglu": "TUR",
        "Faisal Mekdad": "SYR",
        "Hossein Amir-Abdollahian": "IRN",
    }
    assert named(ministers.meeting)["Sergei Lavrov"] == ("RUS", Role.HOST, "Foreign Minister")


def test_a_wire_dateline_is_not_the_meeting_date_and_a_meeting_in_passing_is_its_own(db):
    visit, rome = candidates_from_file(db, ARTICLES / "wang_yi_wire_story.txt")
    # "next week" from Friday 17 February: the week's days, Monday 20 to Sunday 26 February.
    assert summary(visit) == (D(2023, 2, 20), D(2023, 2, 26), "Moscow", "RUS", ("CHN", "RUS"), Status.ANNOUNCED, Level.MINISTERIAL)
    # The headline is read too, and is evidence; the wire's dateline is not.
    assert visit.evidence[0] == "China's Wang Yi to visit Moscow next week"
    assert visit.evidence[1].startswith("Chinese Foreign Minister Wang Yi will visit Moscow next week")
    # "Wang also held talks with ... Tajani in Rome on Thursday": a meeting of its own, the day before.
    assert summary(rome) == (D(2023, 2, 16), D(2023, 2, 16), "Rome", "ITA", ("CHN", "ITA"), Status.HELD, Level.MINISTERIAL)
    # Wang is the family name: the titles say so.
    assert (visit.meeting.title, rome.meeting.title) == ("Wang, Putin and Lavrov meet in Moscow", "Wang and Tajani met in Rome")
