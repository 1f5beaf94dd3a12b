"""The one catalogue of UI texts (English first, German one click away) and locale formatting.

Pure functions: no Streamlit here, so the catalogue and the formats are tested directly.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from clusters.model import Figure, Qualifier, Text, format_figure

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"
_LOCALES = {"en": "en_GB", "de": "de_DE"}

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "Cluster Atlas", "de": "Cluster-Atlas"},
    "app.tagline": {
        "en": "Germany's life-science clusters, their actors and key figures — every figure with its source.",
        "de": "Deutschlands Life-Science-Cluster, ihre Akteure und Kennzahlen — jede Zahl mit ihrer Quelle.",
    },
    "nav.clusters": {"en": "Clusters", "de": "Cluster"},
    "sidebar.language": {"en": "Language", "de": "Sprache"},
    "sidebar.about": {
        "en": "Data as of {date}: {clusters} clusters, {actors} actors, {figures} sourced figures from {sources} public documents.",
        "de": "Datenstand {date}: {clusters} Cluster, {actors} Akteure, {figures} belegte Zahlen aus {sources} öffentlichen Dokumenten.",
    },
    "clusters.title": {"en": "Life-science clusters in Germany", "de": "Life-Science-Cluster in Deutschland"},
    "clusters.intro": {
        "en": "Key figures as the sources word them: >250 means “more than 250”, ~150 “about 150”, <200 “almost 200”; n/a means the sources give no figure.",
        "de": "Kennzahlen so, wie die Quellen sie nennen: >250 heißt „mehr als 250“, ~150 „rund 150“, <200 „fast 200“; k. A. heißt, die Quellen nennen keine Zahl.",
    },
    "clusters.search": {"en": "Search clusters, cities, states, focus areas", "de": "Cluster, Städte, Länder, Schwerpunkte suchen"},
    "clusters.search_help": {
        "en": "Case and accents are ignored: “munchen” finds München.",
        "de": "Groß-/Kleinschreibung und Akzente sind egal: „munchen“ findet München.",
    },
    "clusters.sort_by": {"en": "Sort by", "de": "Sortieren nach"},
    "clusters.descending": {"en": "Largest first", "de": "Größte zuerst"},
    "clusters.count": {"en": "{shown} of {total} clusters", "de": "{shown} von {total} Clustern"},
    "clusters.none": {
        "en": "No cluster matches “{query}”. Try a city, a state or a focus area.",
        "de": "Kein Cluster passt zu „{query}“. Versuchen Sie eine Stadt, ein Land oder einen Schwerpunkt.",
    },
    "clusters.sources_title": {"en": "Where each figure comes from", "de": "Woher jede Zahl stammt"},
    "clusters.unknown_note": {"en": "not given in the sources", "de": "in den Quellen nicht angegeben"},
    "col.name": {"en": "Cluster", "de": "Cluster"},
    "col.city": {"en": "Seat", "de": "Sitz"},
    "col.state": {"en": "State", "de": "Land"},
    "col.founded": {"en": "Founded", "de": "Gründung"},
    "col.management_staff": {"en": "Management staff", "de": "Beschäftigte im Clustermanagement"},
    "col.actors": {"en": "Actors", "de": "Akteure"},
    "col.smes": {"en": "SMEs", "de": "KMU"},
    "col.large_companies": {"en": "Large companies", "de": "Großunternehmen"},
    "col.research_institutions": {"en": "Research institutions", "de": "Forschungseinrichtungen"},
    "col.focus_areas": {"en": "Focus areas", "de": "Schwerpunkte"},
    "col.sources": {"en": "Sources", "de": "Quellen"},
    "col.figure": {"en": "Figure", "de": "Kennzahl"},
    "col.value": {"en": "Value", "de": "Wert"},
    "col.year": {"en": "Year", "de": "Jahr"},
    "col.wording": {"en": "Source wording", "de": "Wortlaut der Quelle"},
    "col.source": {"en": "Source", "de": "Quelle"},
    "col.note": {"en": "Note", "de": "Anmerkung"},
    "figure.unknown": {"en": "n/a", "de": "k. A."},
    "qualifier.>": {"en": "more than {n}", "de": "mehr als {n}"},
    "qualifier.<": {"en": "almost {n}", "de": "fast {n}"},
    "qualifier.~": {"en": "about {n}", "de": "rund {n}"},
    "qualifier.": {"en": "{n}", "de": "{n}"},
    "data.error": {
        "en": "The dataset could not be loaded. Nothing was changed. Details:",
        "de": "Der Datensatz konnte nicht geladen werden. Es wurde nichts verändert. Details:",
    },
}


def normalise_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `lang`; a missing key is a programming error and raises KeyError."""
    text = CATALOGUE[key][normalise_language(lang)]
    return text.format(**values) if values else text


def text(value: Text, lang: str) -> str:
    return value.get(normalise_language(lang))


def format_number(value: float | int, lang: str = DEFAULT_LANGUAGE) -> str:
    """1,234.5 in English, 1.234,5 in German; years and ids are not numbers for this."""
    return format_decimal(value, format="#,##0.##", locale=_LOCALES[normalise_language(lang)])


def format_year(value: float | int) -> str:
    return str(int(value))


def figure_text(figure: Figure | None, lang: str = DEFAULT_LANGUAGE, is_year: bool = False) -> str:
    """Compact form for tables: `>250`, `~150`, `<200`, `13.5`/`13,5`; unknown `n/a`/`k. A.`."""
    if figure is None:
        return t("figure.unknown", lang)
    number_format = format_year if is_year else (lambda v: format_number(v, lang))
    return format_figure(figure, number_format)


def figure_words(figure: Figure | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Spelled-out form for reading: "more than 250" / "mehr als 250"."""
    if figure is None:
        return t("figure.unknown", lang)
    number = format_number(figure.value, lang)
    return t(f"qualifier.{Qualifier(figure.qualifier).value}", lang, n=number)
