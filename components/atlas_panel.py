"""The atlas's result lists, legend and selection panel (Streamlit elements, no raw data HTML)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from clusters import Actor, Cluster, Dataset, LighthouseProject

from .i18n import figure_text, t, text
from .map_layers import ACTOR_TYPE_COLOURS, THEME_COLOURS
from .region_view import actors_side_by_side
from .safe_text import plain
from .tables import figure_sources_table, focus_labels, focus_with_wording, state_names

LIST_MAX_HEIGHT = 520


def cluster_list(clusters: Sequence[Cluster], data: Dataset, size_by: str, lang: str) -> str | None:
    """The clusters in text beside the map; selecting a row returns that cluster's id."""
    frame = pd.DataFrame(
        {
            t("col.name", lang): [c.name for c in clusters],
            t("col.city", lang): [c.seat.city for c in clusters],
            t(f"col.{size_by}", lang): [figure_text(c.figure(size_by), lang) for c in clusters],
            t("col.focus_areas", lang): [focus_labels(c, data, lang) for c in clusters],
        }
    )
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=list_height(len(frame)),
        on_select="rerun",
        selection_mode="single-row",
        key="atlas_cluster_rows",
    )
    rows = event.selection.rows if event and event.selection else []
    return clusters[rows[0]].id if rows and rows[0] < len(clusters) else None


def list_height(rows: int) -> int:
    """Pixels for a result table beside the map: as tall as its rows, at most the map's height."""
    return min(LIST_MAX_HEIGHT, 38 + 35 * max(rows, 1))


def actors_table(actors: Sequence[Actor], data: Dataset, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.entry", lang): [a.name for a in actors],
            t("col.type", lang): [t(f"actor_type.{a.type.value}", lang) for a in actors],
            t("col.city", lang): [a.place.city for a in actors],
            t("col.clusters", lang): [", ".join(data.clusters[c].short_name for c in a.clusters) for a in actors],
        }
    )


def projects_table(projects: Sequence[LighthouseProject], data: Dataset, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.entry", lang): [p.name for p in projects],
            t("col.themes", lang): [
                ", ".join(text(data.themes[x].label, lang) for x in data.project_themes(p)) for p in projects
            ],
            t("col.city", lang): [p.place.city for p in projects],
            t("col.lead", lang): [data.actors[p.lead].name if p.lead else "" for p in projects],
        }
    )


def _swatch(colour: str, label: str, ring: bool = False) -> str:
    fill = "transparent" if ring else colour
    return (
        f'<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'border:2px solid {colour};background:{fill};margin:0 .3em 0 .8em"></span>{html.escape(label)}'
    )


def legend(data: Dataset, size_by: str, lang: str) -> None:
    """Size, colour and symbols explained; only catalogue texts and fixed colours reach HTML."""
    with st.expander(t("atlas.legend", lang), expanded=True):
        st.caption(t("atlas.legend_size", lang, figure=t(f"col.{size_by}", lang)))
        themes = "".join(_swatch(THEME_COLOURS[x], text(data.themes[x].label, lang)) for x in data.themes)
        st.markdown(f"{html.escape(t('atlas.legend_colour', lang))}{themes}", unsafe_allow_html=True)
        types = "".join(_swatch(colour, t(f"actor_type.{value}", lang)) for value, colour in ACTOR_TYPE_COLOURS.items())
        st.markdown(f"{html.escape(t('atlas.legend_actors', lang))}{types}", unsafe_allow_html=True)
        st.caption(t("atlas.legend_projects", lang))


def selected_cluster_panel(cluster: Cluster, data: Dataset, lang: str) -> bool:
    """Key figures with qualifiers and sources, focus areas, actors and projects of one cluster.
    Returns True when the user clears the selection."""
    with st.container(border=True, key="atlas_selection"):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.header(plain(cluster.name))
        cleared = close.button(t("atlas.close", lang), key="atlas_clear_selection")
        states = state_names(cluster, lang)
        st.caption(f"{plain(cluster.seat.city)} · {states}")
        st.markdown(f"**{t('atlas.region', lang)}:** {plain(text(cluster.region, lang), limit=None)}")
        st.dataframe(figure_sources_table(cluster, data, lang), hide_index=True, width="stretch")
        st.markdown(f"**{t('atlas.focus_areas', lang)}:** {plain(focus_with_wording(cluster, data, lang), limit=None)}")
        if cluster.website:
            st.markdown(f"**{t('atlas.website', lang)}:** {plain(cluster.website)}")
        st.markdown(f"[{t('atlas.profile_link', lang)}](/profile?cluster={cluster.id}&lang={lang})")
        actors_side_by_side(cluster, data, lang)
        projects = data.projects_of(cluster.id)
        st.markdown(f"**{t('atlas.cluster_projects', lang, n=len(projects))}**")
        if projects:
            st.dataframe(projects_table(projects, data, lang), hide_index=True, width="stretch")
    return cleared
