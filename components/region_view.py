"""What a cluster's sources name, and what lies in its region according to the registers — shown
side by side and never added up: a member named in a strategy and a university that happens to be
in the same districts are different things."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from clusters import Cluster, Dataset
from clusters.metrics import listed_per_inhabitants
from geodata.population import ATTRIBUTION as POPULATION_ATTRIBUTION
from presentation.catalogue import t, text
from presentation.citations import cite_document, source_line
from presentation.formatters import format_number
from presentation.safe_text import plain
from presentation.tables import actor_table

REGION_LIST_HEIGHT = 320


def named_actors_table(cluster: Cluster, data: Dataset, lang: str) -> pd.DataFrame:
    """Every actor a source links to the cluster, with how: member, cluster management, funder …"""
    pairs = data.members_named(cluster.id)
    return actor_table([actor for actor, _ in pairs], lang, relations=[relation for _, relation in pairs])


def region_counts_table(cluster: Cluster, data: Dataset, lang: str) -> pd.DataFrame:
    counts = data.region_counts(cluster.id)
    return pd.DataFrame(
        {
            t("col.type", lang): [t(f"actor_type.{kind}", lang) for kind in counts],
            t("col.count", lang): list(counts.values()),
        }
    )


def listing_sources(data: Dataset) -> list[str]:
    return [key for key, source in data.sources.items() if source.listing]


def actors_side_by_side(cluster: Cluster, data: Dataset, lang: str) -> None:
    """Named in the sources | in the region: two columns, two counts, never one sum."""
    named, regional = st.columns(2)
    with named:
        named_actors(cluster, data, lang)
    with regional:
        in_the_region(cluster, data, lang)


def named_actors(cluster: Cluster, data: Dataset, lang: str) -> None:
    pairs = data.members_named(cluster.id)
    members = sum(1 for _, relation in pairs if relation.value == "member")
    st.markdown(f"**{t('region.named', lang, n=len(pairs), members=members)}**")
    if pairs:
        st.dataframe(named_actors_table(cluster, data, lang), hide_index=True, width="stretch")


def in_the_region(cluster: Cluster, data: Dataset, lang: str) -> None:
    """Counts by type from the registers, the region's basis and its sources, and the list."""
    region = data.region_of(cluster.id)
    if region is None:
        st.caption(t("region.none", lang))
        return
    actors = data.region_actors(cluster.id)
    st.markdown(f"**{t('region.in_region', lang, n=len(actors))}**")
    st.caption(t("region.basis", lang, basis=plain(text(region.basis, lang), limit=None)))
    st.dataframe(region_counts_table(cluster, data, lang), hide_index=True, width="stretch")
    others = len(data.other_higher_education(cluster.id))
    if others:
        st.caption(t("region.other_higher_education", lang, n=others))
    documents = [cite_document(data.sources[region.seed.file], lang)] if region.seed.file in data.sources else []
    documents += [definition.url for definition in region.definitions]
    st.caption(
        plain(source_line(listing_sources(data), data, lang), limit=None)
        + " · "
        + t("region.defined_by", lang, sources="; ".join(plain(d, limit=None) for d in documents))
    )
    # The list is made only while it is open: a closed expander costs this run nothing.
    with st.expander(
        t("region.list", lang, n=len(actors)), key=f"region_list_{cluster.id}", on_change="rerun"
    ) as listed:
        if listed.open:
            st.dataframe(actor_table(actors, lang), hide_index=True, width="stretch", height=REGION_LIST_HEIGHT)


def region_comparison_table(clusters, data: Dataset, lang: str) -> pd.DataFrame:
    """Listed actors per cluster region and type: one official source for every cluster, so the
    columns compare; kept apart from the figures the clusters report themselves."""
    rows = []
    for cluster in clusters:
        counts = data.region_counts(cluster.id)
        if not counts:
            continue
        row = {t("col.name", lang): cluster.name}
        row |= {t(f"actor_type.{kind}", lang): number for kind, number in counts.items()}
        row[t("col.total", lang)] = sum(counts.values())
        row[t("col.other_higher_education", lang)] = len(data.other_higher_education(cluster.id))
        population = data.region_population(cluster.id)
        unknown = t("figure.unknown", lang)
        row[t("col.region_population", lang)] = (
            unknown if population is None else format_number(population.inhabitants, lang)
        )
        for kind in counts:
            value = listed_per_inhabitants(cluster, data, kind)
            label = t("col.per_100k", lang, type=t(f"actor_type_plural.{kind}", lang))
            row[label] = format_number(round(value.value, 2), lang) if value.known else unknown
        rows.append(row)
    return pd.DataFrame(rows)


def region_comparison(clusters, data: Dataset, lang: str) -> None:
    st.header(t("region.compare_title", lang))
    st.caption(t("region.compare_reading", lang))
    table = region_comparison_table(clusters, data, lang)
    if table.empty:
        st.caption(t("region.none", lang))
        return
    st.dataframe(table, hide_index=True, width="stretch", key="bench_region_table")
    st.caption(plain(source_line(listing_sources(data), data, lang), limit=None))
    st.caption(plain(POPULATION_ATTRIBUTION[lang], limit=None))
