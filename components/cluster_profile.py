"""The one cluster-profile section on screen: the atlas panel, the profile page and the booth's
explore view all draw a cluster with it (the PDF lays out the same `ClusterSection`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from clusters import Cluster, Dataset
from clusters.records.model import ExtraFigure
from presentation.catalogue import t, text, unit_text
from presentation.citations import cite
from presentation.cluster_section import ClusterSection, cluster_section, figures_table
from presentation.formatters import figure_text, year_text
from presentation.safe_text import plain

from .region_view import actors_side_by_side


def cluster_profile(
    cluster: Cluster, data: Dataset, lang: str, *, profile_link: bool, actors: bool, status: bool = True
) -> None:
    """What the sources say of the region, the key figures with their sources, the focus areas,
    the website; with `profile_link` a link to the full profile, with `actors` the actors the
    sources name beside those in the region, with `status` its kind and status (the profile page
    has them in its heading)."""
    section = cluster_section(cluster, data, lang)
    if status:
        st.caption(plain(f"{section.kind} · {section.status}" if section.kind else section.status))
    if section.region:
        st.markdown(f"**{t('atlas.region', lang)}:** {plain(section.region, limit=None)}")
    st.dataframe(figures_table(section, lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('atlas.focus_areas', lang)}:** {plain(section.focus, limit=None)}")
    if section.website:
        st.markdown(f"**{t('atlas.website', lang)}:** {plain(section.website)}")
    if profile_link:
        st.markdown(f"[{t('atlas.profile_link', lang)}]({section.profile_link})")
    if actors:
        actors_side_by_side(cluster, data, lang)


def more_figures_table(figures: Sequence[ExtraFigure], data: Dataset, lang: str) -> pd.DataFrame:
    """Further figures with their unit, year ("old" beyond five years) and source."""
    return pd.DataFrame(
        [
            {
                t("col.figure", lang): text(f.label, lang),
                t("col.value", lang): f"{figure_text(f, lang)} {unit_text(f.unit, lang)}".strip(),
                t("col.year", lang): year_text(f.year, lang),
                t("col.source", lang): cite(f.source, data, lang),
            }
            for f in figures
        ]
    )


def per_capita_table(section: ClusterSection, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [{t("col.figure", lang): label, t("col.value", lang): value} for label, value in section.per_capita]
    )
