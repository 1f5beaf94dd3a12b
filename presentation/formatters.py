"""Numbers, dates and figures as a reader of each language writes them: 1,250.5 and 9 Jan 2025 in
English, 1.250,5 and 09.01.2025 in German; a figure with its qualifier (`>250`) or in words
("mehr als 250"), an unknown one as `n/a` / `k. A.`, never as 0.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from clusters.metrics import Derived, Reason, is_old
from clusters.records.model import Cluster, Figure, Lifecycle, Qualifier

from .catalogue import DEFAULT_LANGUAGE, LOCALES, normalise_language, t


def format_number(value: float | int, lang: str = DEFAULT_LANGUAGE) -> str:
    """1,234.5 in English, 1.234,5 in German; years and ids are not numbers for this."""
    return format_decimal(value, format="#,##0.##", locale=LOCALES[normalise_language(lang)])


def format_date(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """9 Jan 2025 in English, 09.01.2025 in German."""
    return babel_format_date(
        value,
        format="d MMM y" if normalise_language(lang) == "en" else "dd.MM.y",
        locale=LOCALES[normalise_language(lang)],
    )


def format_year(value: float | int) -> str:
    return str(int(value))


def figure_text(figure: Figure | None, lang: str = DEFAULT_LANGUAGE, is_year: bool = False) -> str:
    """Compact form for tables: `>250`, `~150`, `<200`, `13.5`/`13,5`; unknown `n/a`/`k. A.`."""
    if figure is None:
        return t("figure.unknown", lang)
    shown = format_year(figure.value) if is_year else format_number(figure.value, lang)
    return f"{figure.qualifier.value}{shown}"


def year_text(years: int | tuple[int, ...], lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None) -> str:
    """ "2018" or "2018, old" / "2018, alt" where the oldest year lies more than five years back."""
    years = (years,) if isinstance(years, int) else tuple(years)
    shown = "/".join(str(year) for year in years)
    return t("figure.year_old", lang, year=shown) if is_old(min(years, default=None), today) else shown


def figure_in_comparison(
    figure: Figure | None, lang: str = DEFAULT_LANGUAGE, is_year: bool = False, today: dt.date | None = None
) -> str:
    """`>250 (2018, old)`: where clusters stand side by side, each value with the year it refers to
    and an "old" mark beyond five years, so that a comparison never mixes years silently (a founding
    year needs none)."""
    shown = figure_text(figure, lang, is_year)
    return f"{shown} ({year_text(figure.year, lang, today)})" if figure is not None and not is_year else shown


def figure_words(figure: Figure | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Spelled-out form for reading: "more than 250" / "mehr als 250"."""
    if figure is None:
        return t("figure.unknown", lang)
    number = format_number(figure.value, lang)
    return t(f"qualifier.{Qualifier(figure.qualifier).value}", lang, n=number)


def reason_text(reason: Reason | None, lang: str) -> str:
    """ "SMEs and actors are both lower bounds" / "KMU und Akteure sind beide Untergrenzen"."""
    if reason is None:
        return ""
    names = [t(f"col.{name}", lang) for name in reason.figures]
    return t(f"reason.{reason.code}", lang, first=names[0], second=names[-1])


def change_text(change: Derived, earlier: Figure, lang: str = DEFAULT_LANGUAGE) -> str:
    """ "~+60 since 2019 (~350)" / "~+60 seit 2019 (~350)"; unknown with the reason."""
    if not change.known:
        shown = f"{t('figure.unknown', lang)} ({reason_text(change.reason, lang)})"
    else:
        sign = "+" if change.value >= 0 else "−"
        shown = f"{change.qualifier.value}{sign}{format_number(abs(round(change.value, 1)), lang)}"
    return t("change.text", lang, change=shown, year=earlier.year, earlier=figure_text(earlier, lang))


def status_text(cluster: Cluster, lang: str = DEFAULT_LANGUAGE, names: dict[str, str] | None = None) -> str:
    """ "active (2024)" with the year of the page that shows it at work, "active (no recent page says
    so)" without one, "ended (2015)", "part of BioM", "renamed: now … (2010)"; `names` turns a cluster
    id into its name."""
    status = cluster.status
    if status.value is Lifecycle.ACTIVE:
        if status.source is None:
            return t("status_note.active_unconfirmed", lang)
        return f"{t('lifecycle.active', lang)} ({status.year})" if status.year else t("lifecycle.active", lang)
    if status.value is Lifecycle.PART_OF:
        return t("lifecycle.part_of", lang, cluster=(names or {}).get(status.part_of, status.part_of))
    into = (names or {}).get(status.into or "", status.into or "")
    shown = t(f"lifecycle.{status.value.value}", lang, into=into)
    return f"{shown} ({status.year})" if status.year else shown


def founded_text(cluster: Cluster, lang: str = DEFAULT_LANGUAGE) -> str:
    """ "2013 (by merger)", "2015 (renamed)"; the bare year where the source says it was founded."""
    founded = cluster.founded
    if founded is None:
        return t("figure.unknown", lang)
    shown = figure_text(founded, lang, is_year=True)
    if founded.event is None or founded.event.value == "founded":
        return shown
    return f"{shown} ({t(f'event.{founded.event.value}', lang)})"
