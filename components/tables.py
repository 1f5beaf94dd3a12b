"""Display tables: figures formatted for the UI language with their qualifiers and sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

import geodata
from clusters import FIGURE_FIELDS, Cluster, Dataset, Figure
from clusters.metrics import figure_change
from clusters.records.citation import uploaded_file
from presentation.catalogue import t, text
from presentation.citations import cite, cite_document
from presentation.formatters import change_text, figure_in_comparison, figure_text


def state_name(code: str, lang: str) -> str:
    state = geodata.state_by_code(code)
    return state.name(lang)


def focus_labels(cluster: Cluster, data: Dataset, lang: str) -> str:
    return area_labels(cluster.focus_areas, data, lang)


def area_labels(areas: Iterable[str], data: Dataset, lang: str, separator: str = ", ") -> str:
    """Focus areas in the UI language, joined: "Diagnostics, Medtech"."""
    return separator.join(text(data.focus_areas[area].label, lang) for area in areas)


def state_names(cluster: Cluster, lang: str) -> str:
    return ", ".join(state_name(code, lang) for code in cluster.state_codes)


def focus_with_wording(cluster: Cluster, data: Dataset, lang: str) -> str:
    """Each focus area in the UI language with the source's own wording: "Diagnostics (“Diagnostik”)"."""
    return "; ".join(f"{text(data.focus_areas[ref.area].label, lang)} (“{ref.wording}”)" for ref in cluster.focus)


def cluster_table(clusters: Iterable[Cluster], data: Dataset, lang: str) -> pd.DataFrame:
    """One row per cluster; figures as text with their year (`>250 (2018)`, `n/a`) so qualifiers are
    never dropped and years never mixed silently."""
    rows = []
    for cluster in clusters:
        row = {
            t("col.name", lang): cluster.name,
            t("col.city", lang): cluster.seat.city,
            t("col.state", lang): state_name(cluster.seat.state, lang),
        }
        for name in FIGURE_FIELDS:
            row[t(f"col.{name}", lang)] = figure_in_comparison(cluster.figure(name), lang, is_year=name == "founded")
        row[t("col.focus_areas", lang)] = focus_labels(cluster, data, lang)
        row[t("col.sources", lang)] = document_list(cluster, data, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def document_list(cluster: Cluster, data: Dataset, lang: str) -> str:
    """The documents a cluster's figures come from, as short citations."""
    return "; ".join(
        cite_document(data.sources[f], lang) if f in data.sources else t("cite.your_upload", lang)
        for f in cluster.sources
    )


def figure_sources_table(cluster: Cluster, data: Dataset, lang: str) -> pd.DataFrame:
    """Each key figure with its year, its change since the previous year where a source gives one,
    the source's wording and where it stands."""
    with_change = any(cluster.previous(name) for name in FIGURE_FIELDS)
    rows = []
    for name in FIGURE_FIELDS:
        figure = cluster.figure(name)
        row = {
            t("col.figure", lang): t(f"col.{name}", lang),
            t("col.value", lang): figure_text(figure, lang, is_year=name == "founded"),
            t("col.year", lang): "" if figure is None else str(figure.year),
        }
        if with_change:
            change = figure_change(cluster, name)
            row[t("col.change", lang)] = "" if change is None else change_text(change, cluster.previous(name), lang)
        rows.append(
            {
                **row,
                t("col.wording", lang): t("clusters.unknown_note", lang) if figure is None else figure.quote,
                t("col.source", lang): "" if figure is None else cite(figure.source, data, lang),
                t("col.note", lang): _note(figure, lang),
            }
        )
    return pd.DataFrame(rows)


def _note(figure: Figure | None, lang: str) -> str:
    if figure is None:
        return ""
    if figure.note is None:
        return t("note.own_figure", lang) if uploaded_file(figure.source) else ""
    return text(figure.note, lang)


def awards_table(cluster: Cluster, data: Dataset, lang: str) -> pd.DataFrame:
    """Federal programme awards, each with the source's wording."""
    return pd.DataFrame(
        [
            {
                t("col.programme", lang): t(f"programme.{award.programme.value}", lang),
                t("col.year", lang): str(award.year),
                t("col.wording", lang): award.quote,
                t("col.source", lang): cite(award.source, data, lang),
            }
            for award in sorted(cluster.awards, key=lambda a: a.year)
        ]
    )
