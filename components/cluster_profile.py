"""The one cluster-profile section on screen: the atlas panel, the profile page and the booth's
explore view all draw a cluster with it (the PDF lays out the same `ClusterSection`)."""

from __future__ import annotations

import streamlit as st

from clusters import Cluster, Dataset
from presentation.catalogue import t
from presentation.cluster_section import cluster_section, figures_table
from presentation.safe_text import plain

from .region_view import actors_side_by_side


def cluster_profile(cluster: Cluster, data: Dataset, lang: str, *, profile_link: bool, actors: bool) -> None:
    """What the sources say of the region, the key figures with their sources, the focus areas,
    the website; with `profile_link` a link to the full profile, with `actors` the actors the
    sources name beside those in the region."""
    section = cluster_section(cluster, data, lang)
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
