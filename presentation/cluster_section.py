"""One cluster's profile as the reader sees it, in words and numbers of the UI language: the atlas
panel, the profile page, the booth's explore view and the one-page PDF all show this section,
so a cluster reads the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from clusters import FIGURE_FIELDS, Cluster, Dataset, Figure
from clusters.dataset import LISTED_TYPES
from clusters.metrics import figure_change, listed_per_inhabitants, members_per_inhabitants
from clusters.records.citation import uploaded_file
from geodata.population import ATTRIBUTION as POPULATION_ATTRIBUTION

from .catalogue import t, text
from .citations import cite
from .formatters import (
    change_text,
    figure_text,
    format_date,
    format_number,
    founded_text,
    status_text,
    year_text,
)
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
    """The year, marked "old" beyond five years."""
    counts: str
    """What the figure counts ("members", "companies in the region"), where its source says."""
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
    """The founding year and what it means: "2013 (formed by a merger)"."""
    status: str
    """ "active", "ended (2015)", "part of BioM"."""
    kind: str | None
    region: str | None
    figures: tuple[FigureLine, ...]
    has_changes: bool
    focus: str
    website: str | None
    profile_link: str
    population: str | None
    """ "2,989,356 inhabitants in the region (31 Dec 2023)"; None without a region."""
    per_capita: tuple[tuple[str, str], ...]
    """(label, value) per 100,000 inhabitants: members where the size figure counts members, then the
    listed actors of the region by type."""
    population_source: str
    heading: str
    """Seat, states, kind, founding and status in one line, as the profile and the PDF show it."""


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
        value=founded_text(cluster, lang) if name == "founded" else figure_text(figure, lang),
        year="" if figure is None else year_text(figure.year, lang) if name != "founded" else str(figure.year),
        counts="" if figure is None or figure.counts is None else t(f"counts.{figure.counts.value}", lang),
        change="" if change is None else change_text(change, cluster.previous(name), lang),
        wording=t("clusters.unknown_note", lang) if figure is None else figure.quote,
        source="" if figure is None else cite(figure.source, data, lang),
        note=_note(figure, lang),
    )


def _per_capita(cluster: Cluster, data: Dataset, lang: str) -> tuple[tuple[str, str], ...]:
    if data.region_population(cluster.id) is None:
        return ()
    lines = []
    members = members_per_inhabitants(cluster, data)
    if members.known:
        lines.append((t("col.members_per_100k", lang), _per_capita_value(members.value, members.qualifier, lang)))
    for kind in LISTED_TYPES:
        value = listed_per_inhabitants(cluster, data, kind.value)
        label = t("col.per_100k", lang, type=t(f"actor_type_plural.{kind.value}", lang))
        lines.append((label, _per_capita_value(value.value, value.qualifier, lang)))
    return tuple(lines)


def _per_capita_value(value: float, qualifier, lang: str) -> str:
    return f"{qualifier.value}{format_number(round(value, 2), lang)}"


def cluster_section(cluster: Cluster, data: Dataset, lang: str) -> ClusterSection:
    figures = tuple(_figure_line(cluster, name, data, lang) for name in FIGURE_FIELDS)
    population = data.region_population(cluster.id)
    place = f"{cluster.seat.city} · {state_names(cluster, lang)}"
    founded = founded_text(cluster, lang)
    status = status_text(cluster, lang, {c.id: c.name for c in data.clusters.values()})
    kind = t(f"cluster_kind.{cluster.kind.value}", lang) if cluster.kind else None
    return ClusterSection(
        title=cluster.name,
        place=place,
        founded=founded,
        status=status,
        kind=kind,
        heading=" · ".join([place, *([kind] if kind else []), f"{t('col.founded', lang)} {founded}", status]),
        region=text(cluster.region, lang) if cluster.region else None,
        figures=figures,
        has_changes=any(line.change for line in figures),
        focus=focus_with_wording(cluster, data, lang),
        website=cluster.website,
        profile_link=link("profile", lang, cluster=cluster.id),
        population=None
        if population is None
        else t(
            "region.population",
            lang,
            n=format_number(population.inhabitants, lang),
            date=format_date(population.date, lang),
        ),
        per_capita=_per_capita(cluster, data, lang),
        population_source=POPULATION_ATTRIBUTION[lang],
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
        if any(other.counts for other in section.figures):
            row[t("col.counts", lang)] = line.counts
        if section.has_changes:
            row[t("col.change", lang)] = line.change
        row[t("col.wording", lang)] = line.wording
        row[t("col.source", lang)] = line.source
        row[t("col.note", lang)] = line.note
        rows.append(row)
    return pd.DataFrame(rows)
