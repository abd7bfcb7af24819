"""The schema, as numbered migrations. Never edit a shipped migration: append a new one.

A database's PRAGMA user_version is the number of migrations applied; its
PRAGMA application_id marks it as ours, so another application's file is refused.
"""

import re

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
]


# ---------------------------------------------------------------- migration 2: open to the tools around it
#
# Datasette and sqlite-utils find a table's full-text index by a virtual table declared
# with content="<table>", and join it on the table's rowid. The app's own index is keyed by
# sort_key (newest first is the order of its rowids, which keeps search pages fast), so it
# cannot be theirs. Both indexes now read the text from one column, meetings.search_text
# (external content: stored once); meeting_search spells its content option with single
# quotes, which the tools' detection does not match, so they pick meetings_fts, keyed by id.
#
# Triggers keep the indexes in step with meetings.search_text for every writer. Edits made
# outside tracker (the sqlite3 shell, Datasette) also recompute the derived rows and the
# search text in SQL, and mark the meeting in search_stale, where tracker refolds it
# (diacritics, the known terms) the next time it opens the file (store.consistency).
# tracker's own transactions put a row in tracker_writer first, and those triggers stand
# aside (tracker writes the derived rows itself); the row is deleted before commit, so no
# other connection sees it. An import drops every trigger for its transaction and writes
# the index rows itself, in the order each index fills fastest (store.db.bulk_writing).

_OUTSIDE = "NOT EXISTS (SELECT 1 FROM tracker_writer)"
# date.toordinal() in SQL: julianday('0001-01-01') is 1721425.5 and its ordinal 1.
SORT_KEY_SQL = "((CAST(julianday({start}) - 1721424.5 AS INTEGER) << 32) | {id})"

# The parts of store.meetings.search_parts, for the meeting being updated, unfolded (the
# tokenizer folds case and diacritics itself; tracker refolds the text when it next opens).
_SEARCH_TEXT = """(SELECT group_concat(part, ' ') FROM (
        SELECT meetings.title AS part UNION ALL SELECT meetings.city UNION ALL SELECT meetings.venue
        UNION ALL SELECT c.code || ' ' || c.name FROM countries c WHERE c.code IN (
            SELECT country FROM meeting_countries WHERE meeting_id = meetings.id UNION SELECT meetings.country)
        UNION ALL SELECT a.alias FROM participants p JOIN aliases a ON a.person_id = p.person_id WHERE p.meeting_id = meetings.id
        UNION ALL SELECT pe.name FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.meeting_id = meetings.id
        UNION ALL SELECT title FROM participants WHERE meeting_id = meetings.id
        UNION ALL SELECT t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = meetings.id
    ) WHERE part IS NOT NULL AND part != '')"""


def _research(ids: str) -> str:
    """Recompute the search text of the meetings `ids` (an SQL list or subquery), mark them for
    refolding, and stamp them updated (an exported calendar then shows the change)."""
    return f"""UPDATE meetings SET search_text = {_SEARCH_TEXT}, updated = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id IN ({ids});
INSERT OR IGNORE INTO search_stale (meeting_id) SELECT id FROM meetings WHERE id IN ({ids});"""


def _recount(meeting: str) -> str:
    """meeting_countries of a meeting again, from its participants."""
    return f"""DELETE FROM meeting_countries WHERE meeting_id = {meeting};
INSERT INTO meeting_countries (country, sort_key, meeting_id)
    SELECT DISTINCT p.country, m.sort_key, m.id FROM participants p JOIN meetings m ON m.id = p.meeting_id
    WHERE p.meeting_id = {meeting} AND p.country IS NOT NULL;"""


def _trigger(name: str, event: str, when: str, body: str) -> str:
    return f"CREATE TRIGGER {name} {event} FOR EACH ROW WHEN {when} BEGIN\n{body}\nEND;\n"


def _index(row: str, op: str) -> str:
    """Both full-text indexes take (op 'insert') or give back (op 'delete') the search text of `row`."""
    lines = []
    for table, key in (("meeting_search", "sort_key"), ("meetings_fts", "id")):
        if op == "delete":
            lines.append(f"INSERT INTO {table} ({table}, rowid, search_text) VALUES ('delete', {row}.{key}, {row}.search_text);")
        else:
            lines.append(f"INSERT INTO {table} (rowid, search_text) VALUES ({row}.{key}, {row}.search_text);")
    return "\n".join(lines)


_CHILDREN = [
    ("participants", "meeting_id"), ("meeting_countries", "meeting_id"), ("meeting_topics", "meeting_id"),
    ("evidence", "meeting_id"), ("links", "meeting_id"), ("links", "other_id"), ("history", "meeting_id"),
    ("external_ids", "meeting_id"), ("search_stale", "meeting_id"),
]  # fmt: skip
_OF_PERSON = "SELECT meeting_id FROM participants WHERE person_id = {}"

_TRIGGERS = [
    # The indexes follow search_text, sort_key and id, whoever writes them.
    _trigger("meetings_index_insert", "AFTER INSERT ON meetings", "1", _index("new", "insert")),
    _trigger("meetings_index_delete", "AFTER DELETE ON meetings", "1", _index("old", "delete")),
    _trigger(
        "meetings_index_update",
        "AFTER UPDATE OF search_text, sort_key, id ON meetings",
        "old.search_text IS NOT new.search_text OR old.sort_key != new.sort_key OR old.id != new.id",
        _index("old", "delete") + "\n" + _index("new", "insert"),
    ),
    # Outside tracker, a deleted meeting takes its rows with it: foreign keys are off in the
    # sqlite3 shell and in Datasette, so ON DELETE CASCADE does not run there.
    _trigger("meetings_outside_delete", "AFTER DELETE ON meetings", _OUTSIDE, "\n".join(f"DELETE FROM {t} WHERE {c} = old.id;" for t, c in _CHILDREN)),
    # A meeting added outside gets its place in date order (whatever sort_key it was given) and its search text.
    _trigger(
        "meetings_outside_insert",
        "AFTER INSERT ON meetings",
        _OUTSIDE,
        f"UPDATE meetings SET sort_key = {SORT_KEY_SQL.format(start='new.start', id='new.id')} WHERE id = new.id;\n" + _research("new.id"),
    ),
    # A start date edited outside moves the meeting in date order, and in the app's index.
    _trigger(
        "meetings_outside_start",
        "AFTER UPDATE OF start ON meetings",
        f"{_OUTSIDE} AND old.sort_key = new.sort_key",
        f"UPDATE meetings SET sort_key = {SORT_KEY_SQL.format(start='new.start', id='new.id')} WHERE id = new.id;\n"
        "UPDATE meeting_countries SET sort_key = (SELECT sort_key FROM meetings WHERE id = new.id) WHERE meeting_id = new.id;",
    ),
    # A status or date changed outside never overwrites the old one either: it goes to the history.
    _trigger(
        "meetings_outside_history",
        'AFTER UPDATE OF status, start, "end", precision ON meetings',
        f'{_OUTSIDE} AND (old.status IS NOT new.status OR old.start IS NOT new.start OR old."end" IS NOT new."end" OR old.precision IS NOT new.precision)',
        'INSERT INTO history (meeting_id, at, status, start, "end", precision, when_text)\n'
        "    VALUES (old.id, strftime('%Y-%m-%dT%H:%M:%S', 'now'), old.status, old.start, old.\"end\", old.precision, old.when_text);\n"
        "UPDATE meetings SET updated = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = new.id;",
    ),
    _trigger(
        "meetings_outside_text",
        "AFTER UPDATE OF title, city, venue, country ON meetings",
        f"{_OUTSIDE} AND old.search_text IS new.search_text",
        _research("new.id"),
    ),
    _trigger("participants_outside_insert", "AFTER INSERT ON participants", _OUTSIDE, _recount("new.meeting_id") + "\n" + _research("new.meeting_id")),
    _trigger("participants_outside_delete", "AFTER DELETE ON participants", _OUTSIDE, _recount("old.meeting_id") + "\n" + _research("old.meeting_id")),
    _trigger(
        "participants_outside_update",
        "AFTER UPDATE ON participants",
        _OUTSIDE,
        "\n".join([_recount("old.meeting_id"), _recount("new.meeting_id"), _research("old.meeting_id, new.meeting_id")]),
    ),
    _trigger("meeting_topics_outside_insert", "AFTER INSERT ON meeting_topics", _OUTSIDE, _research("new.meeting_id")),
    _trigger("meeting_topics_outside_delete", "AFTER DELETE ON meeting_topics", _OUTSIDE, _research("old.meeting_id")),
    _trigger("meeting_topics_outside_update", "AFTER UPDATE ON meeting_topics", _OUTSIDE, _research("old.meeting_id, new.meeting_id")),
    _trigger("topics_outside_update", "AFTER UPDATE OF name ON topics", _OUTSIDE, _research("SELECT meeting_id FROM meeting_topics WHERE topic_id = new.id")),
    _trigger(
        "topics_outside_delete",
        "AFTER DELETE ON topics",
        _OUTSIDE,
        "DELETE FROM meeting_topics WHERE topic_id = old.id;",
    ),
    # A person's name or aliases edited outside: their meetings are found by the new spelling.
    _trigger(
        "people_outside_update",
        "AFTER UPDATE OF name ON people",
        _OUTSIDE,
        "UPDATE people SET folded = lower(new.name) WHERE id = new.id;\n" + _research(_OF_PERSON.format("new.id")),
    ),
    _trigger(
        "people_outside_delete",
        "BEFORE DELETE ON people",
        f"{_OUTSIDE} AND EXISTS (SELECT 1 FROM participants WHERE person_id = old.id)",
        "SELECT RAISE(ABORT, 'this person takes part in meetings: remove them from those meetings first');",
    ),
    _trigger("people_outside_deleted", "AFTER DELETE ON people", _OUTSIDE, "DELETE FROM aliases WHERE person_id = old.id;"),
    _trigger(
        "aliases_outside_insert",
        "AFTER INSERT ON aliases",
        _OUTSIDE,
        _research(_OF_PERSON.format("new.person_id")),
    ),
    _trigger("aliases_outside_delete", "AFTER DELETE ON aliases", _OUTSIDE, _research(_OF_PERSON.format("old.person_id"))),
    _trigger(
        "aliases_outside_update",
        "AFTER UPDATE ON aliases",
        _OUTSIDE,
        _research(f"{_OF_PERSON.format('old.person_id')} UNION {_OF_PERSON.format('new.person_id')}"),
    ),
    _trigger("sources_outside_delete", "AFTER DELETE ON sources", _OUTSIDE, "DELETE FROM evidence WHERE source_id = old.id;"),
]

MIGRATIONS.append(
    """
ALTER TABLE meetings ADD COLUMN search_text TEXT;
UPDATE meetings SET search_text = (SELECT body FROM meeting_search WHERE rowid = meetings.sort_key);
DROP TABLE meeting_search;
CREATE VIRTUAL TABLE meeting_search USING fts5(search_text, content='meetings', content_rowid='sort_key', tokenize = "unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE meetings_fts USING fts5(search_text, content="meetings", content_rowid="id", tokenize = "unicode61 remove_diacritics 2");
INSERT INTO meeting_search (meeting_search) VALUES ('rebuild');
INSERT INTO meetings_fts (meetings_fts) VALUES ('rebuild');
CREATE TABLE tracker_writer (kind TEXT PRIMARY KEY);
CREATE TABLE search_stale (meeting_id INTEGER PRIMARY KEY);
-- One row a meeting, with its countries and participants, for SQL and Datasette: the
-- JSON arrays are what Datasette's array facets count.
CREATE VIEW meetings_flat AS
SELECT
    m.id, m.title, m.status, m.level, m.start, m."end", m.precision, m.when_text,
    CASE (SELECT count(*) FROM meeting_countries WHERE meeting_id = m.id)
        WHEN 0 THEN NULL WHEN 1 THEN NULL WHEN 2 THEN 'bilateral' WHEN 3 THEN 'trilateral'
        WHEN 4 THEN 'quadrilateral' ELSE 'multilateral' END AS format,
    m.city, m.venue, m.country AS place_country,
    (SELECT json_group_array(country) FROM (SELECT country FROM meeting_countries WHERE meeting_id = m.id ORDER BY country)) AS countries,
    (SELECT json_group_array(name) FROM (SELECT DISTINCT pe.name FROM participants p JOIN people pe ON pe.id = p.person_id
        WHERE p.meeting_id = m.id ORDER BY pe.name)) AS people,
    (SELECT group_concat(who, '; ') FROM (SELECT coalesce(pe.name, 'delegation') || coalesce(' (' || p.country || ')', '')
        || ', ' || p.role || coalesce(', ' || p.title, '') AS who
        FROM participants p LEFT JOIN people pe ON pe.id = p.person_id WHERE p.meeting_id = m.id ORDER BY p.position)) AS participants,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
        WHERE mt.meeting_id = m.id ORDER BY mt.position)) AS topics,
    (SELECT count(*) FROM evidence WHERE meeting_id = m.id) AS sources,
    (SELECT s.url FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.meeting_id = m.id ORDER BY e.position LIMIT 1) AS first_source,
    m.summary, m.outcome, m.notes, m.cameo, m.uid, m.created, m.updated,
    m.sort_key  -- newest first by an index: sorting on start would compute every row's countries and people first
FROM meetings m;
"""
    + "".join(_TRIGGERS)
)

# ---------------------------------------------------------------- migration 3: evidence of a change
MIGRATIONS.append(
    """
-- The source that reported a change of status or date (history keeps the state it ended).
ALTER TABLE history ADD COLUMN source_id INTEGER REFERENCES sources(id);
"""
)


# ---------------------------------------------------------------- migration 4: whose change, and ids never reused
#
# Undo is the undoer's own (tracker.actions.undo): each change says where it came from
# (app, cli, import, review, seed) and, for the app and its review, which run of the app made
# it. SQLite gives a new row max(id) + 1, so undoing the newest add handed its id to the
# next meeting: a link or a Datasette URL to the undone one then named another. id_high keeps
# the highest id each table ever gave out; tracker gives new rows the next one (store.ids),
# and the triggers note ids that others give (an import notes its own, with its triggers off).
MIGRATIONS.append(
    """
ALTER TABLE changes ADD COLUMN origin TEXT;
ALTER TABLE changes ADD COLUMN session TEXT;
CREATE INDEX changes_meeting ON changes(meeting_id);
CREATE TABLE id_high (name TEXT PRIMARY KEY, high INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO id_high (name, high) VALUES
    ('meetings', max(coalesce((SELECT max(id) FROM meetings), 0), coalesce((SELECT max(meeting_id) FROM changes), 0))),
    ('people', coalesce((SELECT max(id) FROM people), 0));
CREATE TRIGGER meetings_id_high AFTER INSERT ON meetings FOR EACH ROW WHEN new.id > (SELECT high FROM id_high WHERE name = 'meetings') BEGIN
UPDATE id_high SET high = new.id WHERE name = 'meetings';
END;
CREATE TRIGGER people_id_high AFTER INSERT ON people FOR EACH ROW WHEN new.id > (SELECT high FROM id_high WHERE name = 'people') BEGIN
UPDATE id_high SET high = new.id WHERE name = 'people';
END;
"""
)

# name -> CREATE TRIGGER statement, for `tracker check --repair` to put back one that is missing.
TRIGGER_SQL = {sql.split()[2]: sql for sql in _TRIGGERS} | {m.group(1): m.group(0) for m in re.finditer(r"CREATE TRIGGER (\w+) .*?END;", MIGRATIONS[3], re.S)}
