"""The store's errors: what a user can act on, said as is (the CLI prints it as one line, the app shows it)."""

from __future__ import annotations


class StoreError(Exception):
    """A problem a user can act on; its message is shown as is."""


class NotFound(StoreError):
    pass


class Busy(StoreError):
    """The write lock could not be had (not waited for, given up, or the wait was cancelled); nothing was changed."""
