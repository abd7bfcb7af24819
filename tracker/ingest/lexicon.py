"""Word lists the reader's rules share, each written once: the words of a moved meeting and the
particles of names. A rule takes its list from here and adds only the words of its own context."""

from __future__ import annotations

# A meeting moved to another day: "postponed", "pushed back", "ertelendi", "отложена", "перенесена".
POSTPONED = r"postponed|put off|pushed back|delayed|rescheduled|deferred"
POSTPONED_TR_RU = r"ertelen\w*|отложен\w*|перенесен\w*"
# Any change of date, brought forward too.
MOVED = POSTPONED + r"|moved|brought forward"

# The article of Arabic names, as written before a hyphen: "al-Assad", "el-Sisi", "es-Sisi", "аль-Асад".
ARTICLES = r"al|el|ad|as|ash|an|es|er|et|ez|en|aş|eş|ас|аль|ад|эль|ан"
# Small words inside a name that are not its end: "Mohammed bin Salman", "Ursula von der Leyen".
PARTICLES = frozenset(
    ["al", "el", "bin", "ibn", "de", "van", "von", "der", "abu", "ben", "bint", "da", "di", "le", "la", "бен", "бин", "ибн", "аль", "эль", "ван", "фон", "де"]
)
# The particles between a given name and a father's name: "Mohammed bin Salman" is Mohammed.
PATRONYMICS = frozenset(["bin", "ibn", "bint", "ben"])
