"""Display tables: figures formatted for the UI language with their qualifiers and sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

import geodata
from clusters import FIGURE_FIELDS, Actor, Cluster, Dataset, Relation

from .catalogue import t, text
from .citations import cite, cite_document
from .formatters import figure_in_comparison


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


def actor_table(
    actors: Sequence[Actor],
    lang: str,
    relations: Sequence[Relation] | None = None,
    data: Dataset | None = None,
) -> pd.DataFrame:
    """Name, type and city of each actor; with `relations` how each relates to a cluster, with
    `data` the clusters a source links it to. One table for every list of actors."""
    columns = {t("col.entry", lang): [a.name for a in actors]}
    if relations is not None:
        columns[t("col.relation", lang)] = [t(f"relation.{relation.value}", lang) for relation in relations]
    columns[t("col.type", lang)] = [t(f"actor_type.{a.type.value}", lang) for a in actors]
    columns[t("col.city", lang)] = [a.place.city for a in actors]
    if data is not None:
        columns[t("col.clusters", lang)] = [", ".join(data.clusters[c].short_name for c in a.clusters) for a in actors]
    return pd.DataFrame(columns)
