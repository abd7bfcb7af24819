"""Export and import of meetings: json, jsonl, csv and ics out; json, jsonl, csv, ICEWS and GDELT in.

Readers turn a file into Incoming meetings (tracker.store.bulk), each with its line; the
bulk writer stores them in one transaction. Nothing here imports textual or rich.
"""

# Defined once, here, so that the command line can offer them without loading the readers.
EXPORT_FORMATS = ("json", "jsonl", "csv", "ics")
IMPORT_FORMATS = ("json", "jsonl", "csv", "icews", "gdelt")
