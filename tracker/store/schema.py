"""The schema, as numbered migrations. Never edit a shipped migration: append a new one.

A database's PRAGMA user_version is the number of migrations applied; its
PRAGMA application_id marks it as ours, so another application's file is refused.
"""

APPLICATION_ID = 0x54524B52  # "TRKR"



def _one_of(column: str, *values: str) -> str:
    """A CHECK that `column` is one of `values`, as a chain of ORs.

    `column IN ('a', 'b', 'c')` with more than two values builds an ephemeral index on every
    row inserted (about 2 us each): at a million meetings that was a fifth of an import.
    """
    return " OR ".join(f"{column} = '{v}'" for v in values)


_STATUSES = _one_of("status", "proposed", "announced", "held", "postponed", "cancelled")
_LEVELS = _one_of("level", "summit", "ministerial", "deputy_ministerial", "senior_officials", "working")
_ROLES = _one_of("role", "host", "visitor", "mediator", "head_of_delegation", "member", "observer")
_PRECISIONS = _one_of("precision", "day", "month", "year")

MIGRATIONS = [
    f"""
CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'country' CHECK (kind IN ('country', 'organization'))
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    country TEXT REFERENCES countries(code)
);
CREATE INDEX people_folded ON people(folded);
CREATE TABLE aliases (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    folded TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX aliases_folded ON aliases(folded);
-- sort_key = (start as a day number) << 32 | id: one integer that orders meetings by
-- date, so that keyset pages, date ranges and full-text search (whose rowid it is)
-- all walk an index newest first.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK ({_STATUSES}),
    level TEXT CHECK (level IS NULL OR {_LEVELS}),
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    precision TEXT NOT NULL CHECK ({_PRECISIONS}),
    when_text TEXT NOT NULL,
    sort_key INTEGER NOT NULL UNIQUE,
    city TEXT,
    venue TEXT,
    country TEXT REFERENCES countries(code),
    summary TEXT,
    outcome TEXT,
    notes TEXT,
    cameo TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    CHECK ("end" >= start)
);
CREATE INDEX meetings_status ON meetings(status, sort_key);
CREATE INDEX meetings_level ON meetings(level, sort_key);
-- Keyed by meeting and position: the rows of a meeting are one range of one b-tree.
CREATE TABLE participants (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    person_id INTEGER REFERENCES people(id),
    country TEXT REFERENCES countries(code),
    role TEXT NOT NULL CHECK ({_ROLES}),
    title TEXT,
    PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;
CREATE INDEX participants_person ON participants(person_id, meeting_id);
-- Derived from participants, kept for the country filter: newest first by index.
CREATE TABLE meeting_countries (
    country TEXT NOT NULL REFERENCES countries(code),
    sort_key INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (country, sort_key)
) WITHOUT ROWID;
CREATE INDEX meeting_countries_meeting ON meeting_countries(meeting_id);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE meeting_topics (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, topic_id)
);
CREATE INDEX meeting_topics_topic ON meeting_topics(topic_id, meeting_id);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    updated TEXT,
    language TEXT,
    text TEXT
);
CREATE INDEX sources_url ON sources(url);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    quote TEXT
);
CREATE INDEX evidence_meeting ON evidence(meeting_id);
CREATE TABLE links (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('follows', 'part_of')),
    track TEXT,
    PRIMARY KEY (meeting_id, other_id, kind)
);
CREATE INDEX links_other ON links(other_id);
-- Earlier states of a meeting: a change of status or date never overwrites the old one.
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    precision TEXT NOT NULL,
    when_text TEXT NOT NULL
);
CREATE INDEX history_meeting ON history(meeting_id);
-- Event ids of the datasets a meeting was imported from (ICEWS, GDELT), so a re-import adds nothing.
CREATE TABLE external_ids (
    dataset TEXT NOT NULL,
    event_id TEXT NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (dataset, event_id)
);
CREATE INDEX external_ids_meeting ON external_ids(meeting_id);
-- The change log: every add, edit, delete and import, with snapshots, so undo loses nothing.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    meeting_id INTEGER,
    before TEXT,
    after TEXT,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT
);
-- Search over titles, places, countries, people and their aliases, titles, topics;
-- rowid is the meeting's sort_key. Text is folded before it is stored and queried.
-- Every word of the search text, so that a prefix becomes the few words it starts (see
-- store/search.py): FTS5 answers "a"* by merging whole lists, an OR of words lazily.
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE meeting_search USING fts5(body, tokenize = "unicode61 remove_diacritics 2");
""",
    """
-- The source that reported a change of status or date (history keeps the state it ended).
ALTER TABLE history ADD COLUMN source_id INTEGER REFERENCES sources(id);
""",
]
