"""A seeded database and the article files, for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.seed import seed_if_new
from tracker.store.db import open_db

ARTICLES = Path(__file__).parent / "articles"
SEED_ARTICLE = Path(__file__).parents[2] / "tracker" / "seed" / "article.txt"


@pytest.fixture
def db(tmp_path):
    """A new database: seeded with the three meetings of the seed article, as on first run."""
    database = open_db(tmp_path / "tracker.db")
    seed_if_new(database)
    return database


@pytest.fixture
def empty_db(tmp_path):
    return open_db(tmp_path / "empty.db")
