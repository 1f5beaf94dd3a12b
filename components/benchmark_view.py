"""Frames behind the benchmark page: figures and indicators side by side with qualifiers,
ranks with ranges, and the tidy data each chart draws. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from clusters import FIGURE_FIELDS, Cluster, Dataset, Figure
from clusters.keeping.upload import YOURS_PREFIX
from clusters.metrics import (
    INDICATORS,
    KIND_BOUND_MEASURES,
    REGION_MEASURES,
    Derived,
    Rank,
    comparable_ranks,
    figure_change,
    indicators,
    kind_of,
    mixed_kinds,
)
from clusters.records.citation import citation_text
from presentation.catalogue import t, text
from presentation.formatters import (
    change_text,
    figure_in_comparison,
    figure_text,
    format_number,
    reason_text,
    status_text,
    year_text,
)
from presentation.tables import document_list, focus_labels

UNITS = {
    "founded": "",
    "management_staff": "persons",
    "actors": "actors",
    "smes": "smes",
    "large_companies": "companies",
    "research_institutions": "institutions",
    "sme_share": "percent",
    "large_company_share": "percent",
    "research_share": "percent",
    "actors_per_staff": "actors_per_person",
    "age_years": "years",
    "region_population": "inhabitants",
    "members_per_100k": "per_100k",
    "listed_per_100k": "per_100k",
}
"""The unit of each measure, as a key of the catalogue's `unit.` texts."""


def is_yours(cluster: Cluster) -> bool:
    return cluster.id.startswith(YOURS_PREFIX)


def cluster_name(cluster: Cluster, lang: str, short: bool = False) -> str:
    """The name, marked "(yours)" for a visitor's uploaded row, which may bear a published name."""
    name = cluster.short_name if short else cluster.name
    return t("bench.yours", lang, name=name) if is_yours(cluster) else name


def measure(cluster: Cluster, name: str, data: Dataset) -> Figure | Derived | None:
    if name in FIGURE_FIELDS:
        return cluster.figure(name)
    if name in REGION_MEASURES:
        return REGION_MEASURES[name](cluster, data)
    return INDICATORS[name](cluster)


def measure_text(value: Figure | Derived | None, name: str, lang: str, with_year: bool = False) -> str:
    """`>250`; with its year(s) `>250 (2018, old)` where clusters are compared side by side, so a
    comparison never mixes years silently (a founding year needs none)."""
    if isinstance(value, Derived):
        if not value.known:
            return f"{t('figure.unknown', lang)} ({reason_text(value.reason, lang)})"
        digits = format_number(round(value.value, 1 if value.value >= 10 else 2), lang)
        shown = f"{value.qualifier.value}{digits}{' %' if UNITS[name] == 'percent' else ''}"
        return f"{shown} ({year_text(value.years, lang)})" if with_year and value.years else shown
    if with_year:
        return figure_in_comparison(value, lang, is_year=name == "founded")
    return figure_text(value, lang, is_year=name == "founded")


def kind_text(cluster: Cluster, name: str, lang: str) -> str:
    """What the measure counts for this cluster ("members", "companies in the region"); empty where
    the measure is no count of a kind."""
    if name not in KIND_BOUND_MEASURES or cluster.figure(name if name in FIGURE_FIELDS else "actors") is None:
        return ""
    kind = kind_of(cluster, name)
    return t("figure.counts_unstated", lang) if kind is None else t(f"counts.{kind.value}", lang)


def rank_text(cluster: Cluster, rank: Rank | None, value: Figure | Derived | None, lang: str) -> str:
    """ "2–3 of 12 (members)"; for a cluster with a value that is not ranked, why."""
    if measure_value(value) is None:
        return t("figure.unknown", lang)
    if not cluster.is_active:
        return t("bench.not_ranked", lang, why=status_text(cluster, lang))
    if rank is None:
        return t("bench.not_ranked", lang, why=t("figure.counts_unstated", lang))
    shown = t("bench.rank_of", lang, rank=str(rank), of=rank.of)
    return f"{shown} ({t(f'counts.{rank.kind.value}', lang)})" if rank.kind else shown


def mixed_kinds_note(clusters: Sequence[Cluster], columns: Sequence[str], lang: str) -> str:
    """One sentence beside a table or chart whose columns mix what their figures count: which
    columns, which kinds; empty where every column counts one kind."""
    mixed = [name for name in columns if len(mixed_kinds(clusters, name)) > 1]
    if not mixed:
        return ""
    kinds = dict.fromkeys(kind for name in mixed for kind in mixed_kinds(clusters, name))
    return t(
        "bench.mixed_kinds",
        lang,
        figure=", ".join(f"“{measure_label(name, lang)}”" for name in mixed),
        kinds=", ".join(t(f"counts.{kind.value}", lang) for kind in kinds),
    )


INPUTS: dict[str, tuple[str, ...]] = {
    "sme_share": ("smes", "actors"),
    "large_company_share": ("large_companies", "actors"),
    "research_share": ("research_institutions", "actors"),
    "actors_per_staff": ("actors", "management_staff"),
    "age_years": ("founded",),
    "members_per_100k": ("actors",),
}
"""The key figures each indicator is computed from, so a chart cites exactly their sources."""
POPULATION_SOURCE = "destatis-population"


def measure_sources(clusters: Sequence[Cluster], names: Sequence[str], data: Dataset) -> list[str]:
    """The source files of the figures a chart of these measures draws, each once."""
    files: list[str] = []
    for name in names:
        inputs = (name,) if name in FIGURE_FIELDS else INPUTS.get(name, ())
        for cluster in clusters:
            files += [figure.source.file for figure in map(cluster.figure, inputs) if figure is not None]
        if name in REGION_MEASURES:
            files += [
                POPULATION_SOURCE,
                *(key for key, s in data.sources.items() if s.listing and name == "listed_per_100k"),
            ]
    return list(dict.fromkeys(files))


def measure_value(value: Figure | Derived | None) -> float | None:
    if value is None or (isinstance(value, Derived) and not value.known):
        return None
    return float(value.value)


def measure_label(name: str, lang: str) -> str:
    return t(f"col.{name}", lang)


def comparison_table(
    clusters: Sequence[Cluster], columns: Sequence[str], rank_by: str, data: Dataset, lang: str
) -> pd.DataFrame:
    """One row per cluster: its status, the chosen figures/indicators as text with qualifiers, years
    and what each counts, the rank range by `rank_by` among like figures, focus areas and sources."""
    rank_values = {c.id: measure(c, rank_by, data) for c in clusters}
    rank_of = comparable_ranks(clusters, rank_by, rank_values)
    changing = {name for name in columns if name in FIGURE_FIELDS and any(c.previous(name) for c in clusters)}
    counted = [name for name in columns if name in KIND_BOUND_MEASURES and name in FIGURE_FIELDS]
    names = {c.id: c.name for c in data.clusters.values()}
    rows = []
    for cluster in clusters:
        row = {
            t("col.name", lang): cluster_name(cluster, lang),
            t("col.status", lang): status_text(cluster, lang, names),
        }
        for name in columns:
            row[measure_label(name, lang)] = measure_text(measure(cluster, name, data), name, lang, with_year=True)
            if name in counted:
                row[t("bench.counts_of", lang, figure=measure_label(name, lang))] = kind_text(cluster, name, lang)
            if name in changing:
                change = figure_change(cluster, name)
                row[t("bench.change", lang, figure=measure_label(name, lang))] = (
                    "—" if change is None else change_text(change, cluster.previous(name), lang)
                )
        rank = rank_of[cluster.id]
        row[t("bench.rank", lang, figure=measure_label(rank_by, lang))] = rank_text(
            cluster, rank, rank_values[cluster.id], lang
        )
        row[t("bench.percentile", lang)] = percentile_text(rank, lang) if rank else "—"
        row[t("col.focus_areas", lang)] = focus_labels(cluster, data, lang)
        row[t("col.sources", lang)] = document_list(cluster, data, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def percentile_text(rank, lang: str) -> str:
    """ "at least as large as 60–90 % of the others" as "60–90 %" (a single number when certain)."""
    best, worst = (round(p) for p in rank.percentile_range)
    low, high = min(best, worst), max(best, worst)
    return (
        f"{format_number(low, lang)} %" if low == high else f"{format_number(low, lang)}–{format_number(high, lang)} %"
    )


def axis_title(name: str, lang: str) -> str:
    unit = UNITS[name]
    return f"{measure_label(name, lang)} ({t(f'unit.{unit}', lang)})" if unit else measure_label(name, lang)


def export_table(clusters: Sequence[Cluster], data: Dataset) -> pd.DataFrame:
    """For download: numbers and qualifiers in their own columns, with sources."""
    rows = []
    for cluster in clusters:
        row = {"id": cluster.id, "name": cluster.name, "yours": is_yours(cluster)}
        row |= {"status": cluster.status.value.value, "part_of": cluster.status.part_of or "", "kind": _kind(cluster)}
        for name in FIGURE_FIELDS:
            figure = cluster.figure(name)
            row[name] = None if figure is None else figure.value
            row[f"{name}_q"] = "" if figure is None else figure.qualifier.value
            row[f"{name}_year"] = None if figure is None else figure.year
            row[f"{name}_counts"] = "" if figure is None or figure.counts is None else figure.counts.value
            row[f"{name}_source"] = "" if figure is None else citation_text(figure.source, data.sources)
        population = data.region_population(cluster.id)
        row["region_population"] = None if population is None else population.inhabitants
        row["region_population_year"] = None if population is None else population.year
        for name, compute in REGION_MEASURES.items():
            if name == "region_population":
                continue
            value = compute(cluster, data)
            row[name] = None if not value.known else round(value.value, 2)
            row[f"{name}_q"] = value.qualifier.value if value.known else ""
            row[f"{name}_note"] = reason_text(value.reason, "en") if value.reason else ""
        for name, value in indicators(cluster).items():
            row[name] = None if not value.known else round(value.value, 2)
            row[f"{name}_q"] = value.qualifier.value if value.known else ""
            row[f"{name}_note"] = reason_text(value.reason, "en") if value.reason else ""
        row["focus_areas"] = ";".join(cluster.focus_areas)
        rows.append(row)
    return pd.DataFrame(rows)


def _kind(cluster: Cluster) -> str:
    return "" if cluster.kind is None else cluster.kind.value


def bar_frame(clusters: Sequence[Cluster], name: str, lang: str, data: Dataset) -> pd.DataFrame:
    """One bar per cluster with a known value, labelled with its year ("old" mark included) and, for a
    count, what it counts; `counts` groups the bars so that like stands by like."""
    rows = []
    for cluster in clusters:
        value = measure(cluster, name, data)
        number = measure_value(value)
        if number is None:
            continue
        kind = kind_text(cluster, name, lang)
        label = measure_text(value, name, lang, with_year=True)
        rows.append(
            {
                "name": cluster_name(cluster, lang),
                "value": number,
                "qualifier": value.qualifier.value,
                "label": f"{label} · {kind}" if kind else label,
                "counts": kind,
                "yours": is_yours(cluster),
            }
        )
    return pd.DataFrame(rows, columns=["name", "value", "qualifier", "label", "counts", "yours"])


def scatter_frame(clusters: Sequence[Cluster], x: str, y: str, lang: str, data: Dataset) -> pd.DataFrame:
    rows = []
    for cluster in clusters:
        x_value, y_value = measure(cluster, x, data), measure(cluster, y, data)
        if measure_value(x_value) is None or measure_value(y_value) is None:
            continue
        rows.append(
            {
                "name": cluster_name(cluster, lang, short=True),
                "x": measure_value(x_value),
                "y": measure_value(y_value),
                "x_label": measure_text(x_value, x, lang),
                "y_label": measure_text(y_value, y, lang),
                "yours": is_yours(cluster),
            }
        )
    return pd.DataFrame(rows, columns=["name", "x", "y", "x_label", "y_label", "yours"])


def focus_frame(clusters: Sequence[Cluster], data: Dataset, lang: str) -> pd.DataFrame:
    counts: dict[str, int] = {}
    for cluster in clusters:
        for area in cluster.focus_areas:
            counts[area] = counts.get(area, 0) + 1
    rows = [
        {
            "cluster": cluster_name(c, lang, short=True),
            "area": text(data.focus_areas[a].label, lang),
            "shared_by": counts[a],
        }
        for c in clusters
        for a in c.focus_areas
    ]
    return pd.DataFrame(rows, columns=["cluster", "area", "shared_by"])


def profile_frame(clusters: Sequence[Cluster], lang: str) -> pd.DataFrame:
    """Each count figure as a share of the largest among the shown clusters whose figure counts the
    same kind of thing."""
    rows = []
    for name in FIGURE_FIELDS[1:]:
        values = [measure_value(c.figure(name)) for c in clusters]
        kinds = [kind_of(c, name) if name in KIND_BOUND_MEASURES else None for c in clusters]
        largest: dict = {}
        for kind, value in zip(kinds, values, strict=True):
            if value is not None:
                largest[kind] = max(largest.get(kind, 0), value)
        for cluster, value, kind in zip(clusters, values, kinds, strict=True):
            if value is None or not largest.get(kind) or (name in KIND_BOUND_MEASURES and kind is None):
                continue
            rows.append(
                {
                    "cluster": cluster_name(cluster, lang, short=True),
                    "figure": measure_label(name, lang),
                    "share": round(100 * value / largest[kind], 1),
                    "label": figure_text(cluster.figure(name), lang),
                }
            )
    return pd.DataFrame(rows, columns=["cluster", "figure", "share", "label"])


def chart_table(
    frame: pd.DataFrame, lang: str, value: str | None = None, x: str | None = None, y: str | None = None
) -> pd.DataFrame:
    """A chart's data for reading, with headers in the UI language; `value`, `x` and `y` name the
    measures in the columns of that name. The charts themselves keep the plain column names."""
    headers = {
        "name": t("col.name", lang),
        "cluster": t("col.name", lang),
        "value": measure_label(value, lang) if value else t("col.value", lang),
        "qualifier": t("chart.qualifier", lang),
        "label": t("chart.as_shown", lang),
        "yours": t("chart.yours", lang),
        "area": t("col.focus_area", lang),
        "shared_by": t("chart.shared_by", lang),
        "counts": t("col.counts", lang),
        "figure": t("col.figure", lang),
        "share": t("bench.profile_axis", lang),
    }
    for axis, measure_name in (("x", x), ("y", y)):
        if measure_name:
            headers[axis] = t(f"chart.{axis}", lang, figure=measure_label(measure_name, lang))
            headers[f"{axis}_label"] = t(f"chart.{axis}_label", lang, figure=measure_label(measure_name, lang))
    return frame.rename(columns=headers)
