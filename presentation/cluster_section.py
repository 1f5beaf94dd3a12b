"""One cluster's profile as the reader sees it, in words and numbers of the UI language: the atlas
panel, the profile page, the booth's explore view and the one-page PDF all show this section,
so a cluster reads the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from clusters import FIGURE_FIELDS, Cluster, Dataset, Figure
from clusters.metrics import figure_change
from clusters.records.citation import uploaded_file

from .catalogue import t, text
from .citations import cite
from .formatters import change_text, figure_text
from .tables import focus_with_wording, state_names
from .views import link


@dataclass(frozen=True)
class FigureLine:
    """A key figure: its label, value with qualifier, year, change since its previous year, the
    source's wording, the citation and a note; empty texts where there is nothing to say."""

    name: str
    label: str
    value: str
    year: str
    change: str
    wording: str
    source: str
    note: str


@dataclass(frozen=True)
class ClusterSection:
    title: str
    place: str
    """Seat and states: "Hamburg · Hamburg, Schleswig-Holstein"."""
    founded: str
    region: str | None
    figures: tuple[FigureLine, ...]
    has_changes: bool
    focus: str
    website: str | None
    profile_link: str


def _note(figure: Figure | None, lang: str) -> str:
    if figure is None:
        return ""
    if figure.note is None:
        return t("note.own_figure", lang) if uploaded_file(figure.source) else ""
    return text(figure.note, lang)


def _figure_line(cluster: Cluster, name: str, data: Dataset, lang: str) -> FigureLine:
    figure = cluster.figure(name)
    change = figure_change(cluster, name)
    return FigureLine(
        name=name,
        label=t(f"col.{name}", lang),
        value=figure_text(figure, lang, is_year=name == "founded"),
        year="" if figure is None else str(figure.year),
        change="" if change is None else change_text(change, cluster.previous(name), lang),
        wording=t("clusters.unknown_note", lang) if figure is None else figure.quote,
        source="" if figure is None else cite(figure.source, data, lang),
        note=_note(figure, lang),
    )


def cluster_section(cluster: Cluster, data: Dataset, lang: str) -> ClusterSection:
    figures = tuple(_figure_line(cluster, name, data, lang) for name in FIGURE_FIELDS)
    return ClusterSection(
        title=cluster.name,
        place=f"{cluster.seat.city} · {state_names(cluster, lang)}",
        founded=figure_text(cluster.founded, lang, is_year=True),
        region=text(cluster.region, lang) if cluster.region else None,
        figures=figures,
        has_changes=any(line.change for line in figures),
        focus=focus_with_wording(cluster, data, lang),
        website=cluster.website,
        profile_link=link("profile", lang, cluster=cluster.id),
    )


def figure_sources_table(cluster: Cluster, data: Dataset, lang: str) -> pd.DataFrame:
    """Each key figure with its year, its change since the previous year where a source gives one,
    the source's wording and where it stands."""
    return figures_table(cluster_section(cluster, data, lang), lang)


def figures_table(section: ClusterSection, lang: str) -> pd.DataFrame:
    """The section's key-figure lines as a table (a change column only where a figure has one)."""
    rows = []
    for line in section.figures:
        row = {t("col.figure", lang): line.label, t("col.value", lang): line.value, t("col.year", lang): line.year}
        if section.has_changes:
            row[t("col.change", lang)] = line.change
        row[t("col.wording", lang)] = line.wording
        row[t("col.source", lang)] = line.source
        row[t("col.note", lang)] = line.note
        rows.append(row)
    return pd.DataFrame(rows)
