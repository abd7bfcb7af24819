"""All SQLite access: store.db.Database, sqlite-utils' Database made when more than execute
and query is asked (the app's first frame needs no more). Imports no textual or rich."""
