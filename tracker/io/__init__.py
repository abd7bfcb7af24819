"""Export and import of meetings: json, jsonl, csv and ics out; json, jsonl, csv, ICEWS and GDELT in.

Readers turn a file into Incoming meetings (tracker.store.bulk), each with its line; the
bulk writer stores them in one transaction. The formats are listed once, in formats.py.
Nothing here imports textual or rich.
"""
