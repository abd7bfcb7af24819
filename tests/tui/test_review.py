"""Meetings from an article in the TUI: `i` asks for the file, the review accepts, edits or rejects each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App
from textual.widgets import Input, OptionList, Select

from tests.tui.conftest import MARKUP, TODAY, make_app
from tests.tui.helpers import palette_offers, toasts, until
from tracker.model import Meeting, Precision, Source, Status, When, app_origin
from tracker.store.db import open_db
from tracker.store.meetings import get_meeting
from tracker.store.queries import count
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.help import keys_of
from tracker.tui.screens.ingest import IngestScreen
from tracker.tui.screens.ingest_path import complete
from tracker.tui.screens.meeting_form import MeetingForm
from tracker.tui.screens.meetings import MeetingsScreen
from tracker.tui.screens.review import ReviewScreen
from tracker.tui.widgets.meeting_list import MeetingList

SIZE = (120, 40)
ROOT = Path(__file__).parents[2]
SEED_ARTICLE = ROOT / "tracker" / "seed" / "article.txt"
ARTICLES = ROOT / "tests" / "ingest" / "articles"
APRIL = ARTICLES / "quadrilateral_held_in_april.txt"
LAVROV = ARTICLES / "lavrov_to_visit_ankara.txt"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def ingest(pilot, path: str | Path, as_of: str = "") -> None:
    """`i`, the path typed in, enter: as a user reads an article in."""
    await pilot.press("i")
    screen = pilot.app.screen
    assert isinstance(screen, IngestScreen)
    screen.query_one("#article-path", Input).value = str(path)
    screen.query_one("#as-of", Input).value = as_of
    await pilot.press("enter")
    await settle(pilot)


def message(app) -> str:
    return str(app.screen.query_one("#ingest-message").render())


def detail(app) -> str:
    return str(app.screen.query_one("#candidate-body").render())


def labels(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def stored(db_path, meeting_id: int) -> Meeting:
    db = open_db(db_path)
    try:
        return get_meeting(db, meeting_id)
    finally:
        db.close()


# ---------------------------------------------------------------- the way in


async def test_i_opens_the_ingest_screen_with_the_cursor_in_the_file_field(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        assert ("i", "Article") in keys_of(pilot.app.screen)  # footer and help
        await pilot.press("i")
        assert isinstance(pilot.app.screen, IngestScreen)
        assert pilot.app.focused.id == "article-path"
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MeetingsScreen)


async def test_the_next_article_is_looked_for_in_the_folder_of_the_last(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        await pilot.press("r", "escape", "i")
        assert pilot.app.screen.query_one("#article-path", Input).value == f"{ARTICLES}/"
        await pilot.press("l")  # typing goes on after the folder, not over it
        assert pilot.app.screen.query_one("#article-path", Input).value == f"{ARTICLES}/l"


async def test_the_palette_opens_the_ingest_screen_from_another_view(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await pilot.press("2", "ctrl+p", *"Ingest")
        await until(pilot, lambda: palette_offers(pilot.app, "Ingest article"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, IngestScreen)
        assert pilot.app.current_mode == "meetings"


async def test_a_missing_file_is_said_in_the_screen_and_what_was_typed_stays(db_path, tmp_path):
    missing = tmp_path / "nowhere" / "article.txt"
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, missing, as_of="2023-04-04")
        assert isinstance(pilot.app.screen, IngestScreen)
        assert message(pilot.app) == f"No file at {missing}"
        assert pilot.app.screen.query_one("#article-path", Input).value == str(missing)
        assert pilot.app.screen.query_one("#as-of", Input).value == "2023-04-04"


async def test_a_folder_or_binary_file_is_refused_with_what_is_accepted(db_path, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x10JFIF\x00" * 50)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, tmp_path)
        assert "is a folder" in message(pilot.app) and "HTML" in message(pilot.app)
        pilot.app.screen.query_one("#article-path", Input).value = str(binary)
        await pilot.press("enter")
        await settle(pilot)
        assert "binary data, not an article" in message(pilot.app)
        assert isinstance(pilot.app.screen, IngestScreen)


async def test_an_article_without_a_dateline_asks_for_its_date_then_reads_it(db_path, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Lavrov in Ankara\n\nRussian Foreign Minister Sergei Lavrov will meet Turkish Foreign Minister Hakan Fidan in Ankara tomorrow.\n")
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, undated)
        assert "No dateline found in undated.txt: type the article's date in As of" in message(pilot.app)
        assert pilot.app.focused.id == "as-of"
        await pilot.press(*"2023-05-10", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "When:      11 May 2023 (as written: tomorrow)" in detail(pilot.app)


async def test_a_bad_as_of_date_is_said_beside_the_fields(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL, as_of="the day after the summit")
        assert message(pilot.app).startswith("As of: ")
        assert isinstance(pilot.app.screen, IngestScreen)


async def test_a_path_with_tilde_is_read_from_the_home_folder(db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "april.txt").write_text(APRIL.read_text())
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, "~/april.txt")
        assert isinstance(pilot.app.screen, ReviewScreen)


def test_the_path_completes_to_the_only_matching_name(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "april.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    assert complete(f"{tmp_path}/ar") == f"{tmp_path}/articles/"
    assert complete(f"{tmp_path}/ap") == f"{tmp_path}/april.txt"
    assert complete(f"{tmp_path}/a") is None  # two names share no more than "a"
    assert complete(f"{tmp_path}/.h") == f"{tmp_path}/.hidden"
    assert complete(f"{tmp_path}/zz") is None


# ---------------------------------------------------------------- the review


async def test_the_seed_article_again_shows_three_meetings_already_recorded(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, SEED_ARTICLE)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert [label.split()[:3] for label in labels(pilot.app)] == [["=", "recorded", f"#{n}"] for n in (1, 2, 3)]
        assert "already recorded as #1" in detail(pilot.app) and "nothing to do" in detail(pilot.app)
        await pilot.press("a")
        assert toasts(pilot.app)[-1] == "Already recorded as meeting #1: nothing to do."
        await pilot.press("escape")  # nothing undecided: no question
        assert isinstance(pilot.app.screen, MeetingsScreen)
        assert toasts(pilot.app)[-1] == "0 added, 0 updated, 0 rejected, 3 already recorded"
    assert count(open_db(db_path)) == 3


async def test_the_april_article_is_an_update_of_2_and_a_applies_it(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        text = detail(pilot.app)
        assert "update of #2 “Deputy foreign ministers of Russia, Türkiye, Syria and Iran meet in Moscow”" in text
        assert "• status announced → held" in text
        assert "• date 15–16 Mar 2023 → 3–4 Apr 2023 (the old date stays in its history)" in text
        assert "When:      3–4 Apr 2023 (as written: 3-4 April)" in text
        assert "Countries: Iran, Russia, Syria, Türkiye (quadrilateral)" in text
        assert "• Mikhail Bogdanov (Russia) — host, Deputy Foreign Minister" in text
        assert "“The quadrilateral meeting, originally scheduled for 15-16 March, was postponed" in text
        assert {("a", "Accept"), ("e", "Edit, then accept"), ("r", "Reject"), ("u", "Undo accept")} <= set(keys_of(pilot.app.screen))
        await pilot.press("a")
        await settle(pilot)
        assert labels(pilot.app)[0].startswith("✓ updated #2")
        assert "nothing left to decide" in str(pilot.app.screen.query_one("#review-heading").render())
        m = stored(db_path, 2)
        assert (m.status, m.when.start, m.when.end) == (Status.HELD, dt.date(2023, 4, 3), dt.date(2023, 4, 4))
        [(old)] = m.history
        assert (old.status, old.start, old.end) == ("announced", "2023-03-15", "2023-03-16")
        await pilot.press("escape")
        await settle(pilot)
        assert toasts(pilot.app)[-1] == "0 added, 1 updated, 0 rejected"
        # The list underneath followed, with the cursor on the updated meeting.
        row = pilot.app.screen.query_one(MeetingList).highlighted
        assert (row.id, row.status, row.when.label()) == (2, Status.HELD, "3–4 Apr 2023")
    assert count(open_db(db_path)) == 3


async def test_u_in_the_meetings_view_undoes_an_accept(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        await pilot.press("a", "escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "undid the edit of meeting 2" in toasts(pilot.app)[-1].lower()
        m = stored(db_path, 2)
        assert (m.status, m.when.start, m.history) == (Status.ANNOUNCED, dt.date(2023, 3, 15), [])


async def test_u_in_the_review_undoes_the_last_accept_and_leaves_it_to_decide(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, LAVROV)
        await pilot.press("a")
        assert count(open_db(db_path)) == 4
        await pilot.press("u")
        assert count(open_db(db_path)) == 3
        assert labels(pilot.app)[0].startswith("+ new")
        assert "To decide" in detail(pilot.app)


async def test_r_rejects_and_stores_nothing(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        await pilot.press("r")
        assert labels(pilot.app)[0].startswith("✗ rejected")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MeetingsScreen)
        assert toasts(pilot.app)[-1] == "0 added, 0 updated, 1 rejected"
    assert stored(db_path, 2).status == Status.ANNOUNCED


async def test_escape_with_candidates_undecided_asks_first(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(pilot.app.screen, ReviewScreen)
        await pilot.press("escape", "y")
        assert isinstance(pilot.app.screen, MeetingsScreen)
        assert toasts(pilot.app)[-1] == "0 added, 0 updated, 0 rejected, 1 left undecided"
    assert stored(db_path, 2).status == Status.ANNOUNCED


async def test_e_opens_the_form_on_2_with_the_update_and_ctrl_s_saves_it(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, APRIL)
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, MeetingForm)
        assert str(form.query_one("#form-heading").render()).startswith("Edit meeting #2")
        assert form.query_one("#when", Input).value == "3-4 April"
        assert form.query_one("#status", Select).value == "held"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert labels(pilot.app)[0].startswith("✓ updated #2")
    m = stored(db_path, 2)
    assert (m.status, m.when.start, m.when.end, len(m.history)) == (Status.HELD, dt.date(2023, 4, 3), dt.date(2023, 4, 4), 1)
    assert len(m.sources) == 3 + 6 and m.sources[-1].published == "2023-04-04T18:05:12"  # quotes (the headline too) and times kept


async def test_e_on_a_new_candidate_adds_what_the_form_saves(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, LAVROV)
        await pilot.press("e")
        form = pilot.app.screen
        assert str(form.query_one("#form-heading").render()) == "New meeting · from an article"
        title = form.query_one("#title", Input)
        assert title.value == "Lavrov and Fidan meet in Ankara"
        title.value = "Lavrov visits Ankara"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert labels(pilot.app)[0].startswith("✓ added #4")
        await pilot.press("escape", "y")  # one more candidate was left undecided ("later this year" is none)
        assert toasts(pilot.app)[-1] == "1 added, 0 updated, 0 rejected, 1 left undecided"
    m = stored(db_path, 4)
    assert m.title == "Lavrov visits Ankara" and m.when.start == dt.date(2024, 9, 11)  # "on Wednesday" of the article's week
    assert all(s.published == "2024-09-09T11:20:45" for s in m.sources) and len(m.sources) > 1


async def test_leaving_the_form_without_saving_leaves_the_candidate_to_decide(db_path):
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, LAVROV)
        await pilot.press("e", "escape", "y")  # the prefilled values are unsaved: the form asks
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert labels(pilot.app)[0].startswith("+ new")
    assert count(open_db(db_path)) == 3


async def test_hostile_text_in_an_article_is_shown_literally(db_path, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Lavrov [bold red]X[/bold red] visits Ankara\n\n2023-05-10 09:00:00 | News\n\n"
        f"Russian Foreign Minister Sergei Lavrov will meet Turkish Foreign Minister Hakan Fidan in Ankara {MARKUP} tomorrow, "
        "\x1b[31mred\x1b[0m sources said.\n"
    )
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await ingest(pilot, hostile)
        text = detail(pilot.app)
        assert f"Ankara {MARKUP} tomorrow, \\x1b[31mred\\x1b[0m sources said." in text
        assert "\x1b" not in text


# ---------------------------------------------------------------- the form, prefilled


class FormHarness(App):
    origin = app_origin()  # whose changes the form's saves are, as TrackerApp's

    def __init__(self, db, meeting: Meeting):
        super().__init__()
        self.db, self.meeting, self.results = db, meeting, []

    def on_mount(self) -> None:
        self.push_screen(MeetingForm(self.db, today=TODAY, meeting=self.meeting), self.results.append)


async def test_a_prefilled_form_keeps_the_date_read_against_the_article_not_today(db_path):
    db = open_db(db_path)
    day = dt.date(2023, 1, 11)  # "tomorrow" in an article of 10 January; the form's today is 20 March
    article = Source(title="Wire", published="2023-01-10T08:00:00", quote="They meet tomorrow.")
    prefill = Meeting(title="Talks", when=When(day, day, Precision.DAY, "tomorrow"), status=Status.ANNOUNCED, city="Ankara", sources=[article])
    app = FormHarness(db, prefill)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#title", Input).value == "Talks"
        assert app.screen.query_one("#city", Input).value == "Ankara"
        await pilot.press("ctrl+s")
        await pilot.pause()
    m = get_meeting(db, app.results[0])
    assert (m.when.start, m.when.text, m.sources[0].published) == (day, "tomorrow", "2023-01-10T08:00:00")


# ---------------------------------------------------------------- how it looks


def test_snapshot_of_the_review_of_the_april_article(snap_compare, db_path):
    async def review(pilot):
        await ingest(pilot, APRIL)

    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=review)
