"""Countries (ISO 3166-1 alpha-3, names from pycountry) and international organizations.

pycountry costs ~35 ms to import, so it is loaded only to build the table once, when a
database is created; afterwards names come from the database.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

# Organizations get codes of their own that no ISO alpha-3 code uses.
ORGANIZATIONS = {
    "UN": "United Nations",
    "EU": "European Union",
    "NATO": "NATO",
    "AU": "African Union",
    "ASEAN": "ASEAN",
    "OSCE": "OSCE",
    "GCC": "Gulf Cooperation Council",
    "LAS": "Arab League",
    "OIC": "Organisation of Islamic Cooperation",
    "CSTO": "Collective Security Treaty Organization",
    "SCO": "Shanghai Cooperation Organisation",
    "BRICS": "BRICS",
    "IAEA": "IAEA",
    "OPEC": "OPEC",
    "IMF": "IMF",
    "ICRC": "International Committee of the Red Cross",
    "SAARC": "South Asian Association for Regional Cooperation",
    "SADC": "Southern African Development Community",
    "ECOWAS": "Economic Community of West African States",
    "G7": "Group of Seven",
    "G20": "Group of Twenty",
    "PIF": "Pacific Islands Forum",
    "QUAD": "Quad",
    "APEC": "Asia-Pacific Economic Cooperation",
    "EAC": "East African Community",
    "CELAC": "Community of Latin American and Caribbean States",
    "CIS": "Commonwealth of Independent States",
}

# Countries that ISO 3166 does not list yet, with the code the EU and the IMF use.
EXTRA_COUNTRIES = {"XKX": "Kosovo"}

# The names people write, where pycountry's official short name reads like a form
# ("Iran, Islamic Republic of"). pycountry already says "Türkiye".
DISPLAY_NAMES = {"RUS": "Russia", "PSE": "Palestine", "COD": "DR Congo", "VAT": "Vatican", "BRN": "Brunei"}

# Other names and demonyms that resolve to a code (lower-case, folded).
EXTRA_NAMES = {
    # Demonyms pycountry and country_converter lack, as news writes them: "Togolese Foreign Minister".
    "bissau-guinean": "GNB", "sierra leonean": "SLE", "ni-vanuatu": "VUT", "burmese": "MMR", "motswana": "BWA", "batswana": "BWA",
    "djiboutian": "DJI", "togolese": "TGO", "cape verdean": "CPV", "cabo verdean": "CPV", "malian": "MLI", "nigerien": "NER",
    "burkinabe": "BFA", "montenegrin": "MNE", "burundian": "BDI", "paraguayan": "PRY", "uruguayan": "URY", "tuvaluan": "TUV",
    "nauruan": "NRU", "marshallese": "MHL", "palauan": "PLW", "micronesian": "FSM", "maldivian": "MDV", "laotian": "LAO",
    "bruneian": "BRN", "timorese": "TLS", "east timorese": "TLS",
    "turkey": "TUR", "turkiye": "TUR", "turkish": "TUR", "russia": "RUS", "russian": "RUS",
    "syrian": "SYR", "iranian": "IRN", "american": "USA", "us": "USA", "usa": "USA",
    "united states of america": "USA", "uk": "GBR", "britain": "GBR", "great britain": "GBR",
    "british": "GBR", "chinese": "CHN", "china": "CHN", "french": "FRA", "german": "DEU",
    "israeli": "ISR", "palestinian": "PSE", "ukrainian": "UKR", "egyptian": "EGY",
    "saudi": "SAU", "saudi arabia": "SAU", "iraqi": "IRQ", "qatari": "QAT", "emirati": "ARE",
    "uae": "ARE", "jordanian": "JOR", "lebanese": "LBN", "indian": "IND", "pakistani": "PAK",
    "japanese": "JPN", "korean": "KOR", "south korean": "KOR", "north korean": "PRK",
    "azerbaijani": "AZE", "armenian": "ARM", "georgian": "GEO", "kazakh": "KAZ",
    "belarusian": "BLR", "polish": "POL", "italian": "ITA", "spanish": "ESP", "greek": "GRC",
    "hungarian": "HUN", "serbian": "SRB", "afghan": "AFG", "libyan": "LBY", "yemeni": "YEM",
    "omani": "OMN", "kuwaiti": "KWT", "bahraini": "BHR", "algerian": "DZA", "moroccan": "MAR",
    "tunisian": "TUN", "sudanese": "SDN", "ethiopian": "ETH", "nigerian": "NGA",
    "brazilian": "BRA", "mexican": "MEX", "venezuelan": "VEN", "cuban": "CUB",
    "canadian": "CAN", "australian": "AUS", "vatican": "VAT", "holy see": "VAT",
    "european union": "EU", "united nations": "UN", "arab league": "LAS",
    # Demonyms and short names of the region's diplomacy, so articles resolve (ingest).
    "azeri": "AZE", "uzbek": "UZB", "kyrgyz": "KGZ", "tajik": "TJK", "turkmen": "TKM",
    "kazakhstani": "KAZ", "moldovan": "MDA", "swiss": "CHE", "dutch": "NLD", "belgian": "BEL",
    "austrian": "AUT", "swedish": "SWE", "finnish": "FIN", "norwegian": "NOR", "danish": "DNK",
    "irish": "IRL", "portuguese": "PRT", "czech": "CZE", "slovak": "SVK", "romanian": "ROU",
    "bulgarian": "BGR", "croatian": "HRV", "bosnian": "BIH", "albanian": "ALB", "lithuanian": "LTU",
    "latvian": "LVA", "estonian": "EST", "cypriot": "CYP", "maltese": "MLT", "slovenian": "SVN",
    "vietnamese": "VNM", "indonesian": "IDN", "mongolian": "MNG", "thai": "THA", "malaysian": "MYS",
    "filipino": "PHL", "singaporean": "SGP", "bangladeshi": "BGD", "kenyan": "KEN", "somali": "SOM",
    "south african": "ZAF", "argentine": "ARG", "argentinian": "ARG", "chilean": "CHL",
    "colombian": "COL", "peruvian": "PER", "emirates": "ARE", "the netherlands": "NLD",
    "south korea": "KOR", "north korea": "PRK", "syria": "SYR", "iran": "IRN",
    # Demonyms no rule makes (the rest come from tracker/ingest/data/countries.tsv).
    "ivorian": "CIV", "lao": "LAO", "mozambican": "MOZ", "kosovo": "XKX", "kosovar": "XKX",
    "u.s.": "USA", "u.k.": "GBR", "u.n.": "UN", "philippine": "PHL", "fijian": "FJI", "new zealand": "NZL", "solomon islands": "SLB",
    "gambian": "GMB", "senegalese": "SEN", "ghanaian": "GHA", "liberian": "LBR", "zimbabwean": "ZWE",
    "angolan": "AGO", "rwandan": "RWA", "zambian": "ZMB", "congolese": "COD", "malawian": "MWI",
    # Short forms in Turkish and Russian reports that pycountry writes in full.
    "rusya": "RUS", "rus": "RUS", "abd": "USA", "amerikan": "USA", "türk": "TUR", "bm": "UN", "ab": "EU",
    "россия": "RUS", "рф": "RUS", "сша": "USA", "американский": "USA", "российский": "RUS", "турция": "TUR",
    "кндр": "PRK", "кнр": "CHN", "оон": "UN", "ес": "EU", "нато": "NATO", "одкб": "CSTO", "шос": "SCO", "брикс": "BRICS",
    "великобритания": "GBR", "южная корея": "KOR", "белоруссия": "BLR", "беларусь": "BLR",
    # Russian case forms whose stem changes (Египет, Египта), which the endings do not undo.
    "египта": "EGY", "египте": "EGY", "египту": "EGY", "китае": "CHN", "китая": "CHN",
    # Organizations by the names articles give them.
    "group of 20": "G20", "g-20": "G20", "group of seven": "G7", "g-7": "G7", "quad": "QUAD",
    "association of southeast asian nations": "ASEAN", "shanghai cooperation organization": "SCO",
    "asia pacific economic cooperation": "APEC", "asia-pacific economic cooperation": "APEC",
    "european commission": "EU", "european council": "EU", "european parliament": "EU", "north atlantic treaty organization": "NATO", "african union": "AU",
}  # fmt: skip


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case without diacritics, so that 'Akcapar' finds 'Akçapar' and 'erdogan' 'Erdoğan'.
    Cached: the article reader folds the same names and words many times."""
    # NFKD splits ç into c + cedilla; the dotless ı of Turkish has no decomposition.
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_table() -> list[dict[str, str]]:
    """Every row of the countries table: ISO countries, then organizations."""
    import pycountry

    rows = []
    for c in pycountry.countries:
        name = DISPLAY_NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        rows.append({"code": c.alpha_3, "name": name, "kind": "country"})
    rows += [{"code": code, "name": name, "kind": "country"} for code, name in EXTRA_COUNTRIES.items()]
    rows += [{"code": code, "name": name, "kind": "organization"} for code, name in ORGANIZATIONS.items()]
    return rows


@cache
def _names() -> dict[str, str]:
    """Folded name, official name, alpha-2 and alpha-3 code -> code."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), DISPLAY_NAMES.get(c.alpha_3)):
            if name:
                names.setdefault(fold(name), c.alpha_3)
        names.setdefault(fold(c.alpha_2), c.alpha_3)
    for code, name in ORGANIZATIONS.items():
        names[fold(name)] = code
        names[fold(code)] = code
    for code, name in EXTRA_COUNTRIES.items():
        names[fold(name)] = code
        names[fold(code)] = code
    for c in pycountry.countries:  # an alpha-3 code always means itself
        names[fold(c.alpha_3)] = c.alpha_3
    names.update(EXTRA_NAMES)
    return names


def country_lexicon() -> dict[str, str]:
    """Every folded name, demonym and code that resolves, with its code (for finding countries in text)."""
    return dict(_names())


def resolve_country(text: str) -> str | None:
    """The code for a code, name or demonym ('TUR', 'Türkiye', 'Turkey', 'Turkish'), or None."""
    return _names().get(fold(text.strip()))
