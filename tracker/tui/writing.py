"""The app's writes: one behind an import waits off the UI thread, and the screen stays alive.

`write_in_background(screen, db, action, done)` runs `action(db)` (a core call: add, edit,
delete, undo... one transaction) and hands its result to `done`. When the write lock is
free, that is at once, on the UI thread, as any quick call. When another writer holds it
(an import can for minutes), the action runs again in a thread, on a connection of its
own to the same file, and waits there; the screen says for whom, in a line above its
footer, and keeps taking keys. The app's own connection is never the one waiting, so what
the screen reads meanwhile comes at once (WAL readers are not blocked by a writer).

Every app write goes through here: one way, one message, one place to cancel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.widgets import Footer, Static

from tracker.store.db import open_db
from tracker.store.errors import Busy, StoreError
from tracker.store.locks import Importer, database_file, describe_seconds, not_waiting, wait_for_other_writers

if TYPE_CHECKING:
    from textual.app import App

    from tracker.store.db import Database
    from tracker.tui.app import TrackerApp

T = TypeVar("T")


class WaitingNote(Static):
    """The line a screen shows while one of its writes waits for the lock."""

    DEFAULT_CSS = """
    WaitingNote { height: auto; padding: 0 1; background: $warning-muted; color: $text; }
    """


class PendingWrite:
    """A write started in the background; cancel() stops it if it is still waiting (nothing is written then)."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.finished = False  # done or failed has been told (on the UI thread)
        self.landed = threading.Event()  # the thread is through: written, or not (error)
        self.told = ""  # what the screen last said while it waited
        self.error: StoreError | None = None

    def cancel(self) -> None:
        self.stop.set()


# Writes still waiting in their threads: when the app is quit meanwhile, launch() says what it
# waits for before the process ends (a save the user asked for is made, not dropped).
_waiting: set[PendingWrite] = set()


def unfinished_writes() -> list[PendingWrite]:
    return [pending for pending in list(_waiting) if not pending.landed.is_set()]


def waiting_text(importer: Importer | None, when_free: str) -> str:
    if importer is not None:
        return f"Waiting for an import (process {importer.pid}) to finish; {when_free}."
    bound = describe_seconds(wait_for_other_writers())
    return f"Waiting for another program holding the database's write lock (at most {bound}); {when_free}."


def write_in_background(
    screen: Screen,
    db: Database,
    action: Callable[[Database], T],
    done: Callable[[T], object],
    *,
    failed: Callable[[StoreError], object] | None = None,
    when_free: str = "the change will be made when it ends",
) -> PendingWrite:
    """Run `action(db)` now, or in a thread once the lock is free; `done(result)` or `failed(error)` follow on the UI thread.

    A StoreError goes to `failed` (default: the app's error notification), unless the write
    was cancelled; any other error stops the app as an error on the UI thread would. The
    returned PendingWrite is finished already when the write could be made at once.
    """
    app = cast("TrackerApp", screen.app)  # Textual types a screen's app as any App; every screen here is the tracker's
    pending = PendingWrite()
    try:
        with not_waiting(db):  # Busy only from the lock, before the action has written anything
            result = action(db)
    except Busy:
        path = database_file(db)
        if path is None:  # in memory: no other connection can reach it
            raise
    except StoreError as e:
        pending.finished = True
        (failed or app.report)(e)
        return pending
    else:
        pending.finished = True
        done(result)
        return pending

    def tell(importer: Importer | None) -> None:
        pending.told = waiting_text(importer, when_free)
        show_waiting(screen, pending.told)

    def finish(result: T | None, error: StoreError | None) -> None:
        pending.finished = True
        show_waiting(screen, None)
        if error is None:
            done(result)  # type: ignore[arg-type]  # without an error, result is what action returned (a T, None only if T allows it)
        elif not (pending.stop.is_set() and isinstance(error, Busy)):
            (failed or app.report)(error)

    def work() -> None:
        try:
            writer = open_db(path)
            try:
                writer.tracker_writer = db.tracker_writer  # who writes, as the app's own connection says
                writer.waiting = lambda importer: _from_thread(app, tell, importer)
                writer.stop_waiting = pending.stop
                result, error = action(writer), None
            finally:
                writer.close()
        except StoreError as e:
            result, error = None, e
        except Exception as e:  # noqa: BLE001 - the app's own handling: a damaged file stops it with one line
            pending.landed.set()
            _waiting.discard(pending)
            _from_thread(app, app._handle_exception, e)
            return
        pending.error = error
        pending.landed.set()
        _waiting.discard(pending)
        _from_thread(app, finish, result, error)

    _waiting.add(pending)
    # A thread of its own, not a Textual worker: the app's loop waits for its workers' threads
    # when it stops, and a quit while a save waits must leave the terminal to launch(), which says so.
    threading.Thread(target=work, name="tracker-write", daemon=True).start()
    return pending


def _from_thread(app: App[Any], callback: Callable[..., object], *args: object) -> None:
    """The UI thread runs it; an app that has stopped meanwhile has no screen to tell (what was written stays written)."""
    try:
        app.call_from_thread(callback, *args)
    except RuntimeError:
        if app.is_running:
            raise


def show_waiting(screen: Screen, text: str | None) -> None:
    """Put up (or take down, with None) the screen's waiting line, just above its footer."""
    if not screen.is_attached:  # closed meanwhile: nothing to show it on
        return
    notes = screen.query(WaitingNote)
    if text is None:
        notes.remove()
    elif notes:
        notes.first().update(text)
    elif footers := screen.query(Footer):
        screen.mount(WaitingNote(text, markup=False), before=footers.first())
    else:
        screen.mount(WaitingNote(text, markup=False))
