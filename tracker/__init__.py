"""Track diplomatic meetings: who met whom, where, when, at what level, on what evidence."""

__version__ = "0.1.0"
