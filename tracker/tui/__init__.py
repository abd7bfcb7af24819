"""The terminal app (Textual): meetings, people, countries, timeline."""
