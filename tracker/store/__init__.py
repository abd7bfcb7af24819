"""All SQLite access, through sqlite-utils. Imports no textual or rich."""
