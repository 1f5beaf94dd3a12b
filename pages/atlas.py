"""/ : the atlas — the offline map first, then the selection panel and the result list; the filters in
a pop-over above the map; the view (filters, selection, clusters set aside for comparison) lives in
the URL.

First paint: Streamlit's browser code loads each element kind's code when the first such element
appears, and that competes with the map's own loading (bench/run.py measures it). So what shows at
first is light: the filter widgets sit in a closed pop-over (mounted when it opens), the cluster
list is a Markdown table with a row of pills to select from it, and the data grids of actors and
projects appear only when the visitor asks for those lists."""

from components.shell import ensure_shell

ensure_shell()

import streamlit as st
from streamlit_folium import st_folium

import geodata
from clusters.filters import ACTOR_TYPES, COMPANY_KINDS, COMPARE_LIMIT, SIZE_FIGURES, AtlasFilter
from components.atlas_panel import (
    actors_table,
    cluster_list,
    compare_bar,
    legend,
    list_height,
    projects_table,
    selected_actor_panel,
    selected_cluster_panel,
    selected_project_panel,
)
from components.map_layers import clicked_item
from components.ui import atlas_map, dataset, filtered
from components.url_state import current_language, seed_once, show_in_url, unknown_notice, url_params
from presentation.catalogue import t, text
from presentation.tables import state_name
from presentation.views import AtlasView

lang = current_language()
data = dataset()
MAP_HEIGHT = 620  # most of a laptop screen (1400×900) below the title; the page scrolls on to the lists


def view_from_url() -> dict:
    initial = AtlasView.parse(url_params(), data)
    return {
        "atlas_notices": initial.notices,
        "atlas_cluster": initial.cluster,
        "atlas_actor": initial.actor,
        "atlas_project": initial.project,
        "atlas_compare": list(initial.compare),
        "atlas_q": initial.filter.query,
        "atlas_focus": list(initial.filter.focus),
        "atlas_types": list(initial.filter.types),
        "atlas_states": list(initial.filter.states),
        "atlas_themes": list(initial.filter.themes),
        "atlas_kinds": list(initial.filter.kinds),
        "atlas_higher_education": initial.filter.higher_education,
        "atlas_size": initial.size,
    }


seed_once("atlas", view_from_url)


def clear_filters() -> None:
    st.session_state.update(
        {
            "atlas_q": "",
            "atlas_focus": [],
            "atlas_types": [],
            "atlas_states": [],
            "atlas_themes": [],
            "atlas_kinds": [],
            "atlas_higher_education": False,
        }
    )


view_filter = AtlasFilter(
    focus=tuple(st.session_state.atlas_focus),
    types=tuple(st.session_state.atlas_types),
    states=tuple(st.session_state.atlas_states),
    themes=tuple(st.session_state.atlas_themes),
    query=st.session_state.atlas_q.strip(),
    kinds=tuple(st.session_state.atlas_kinds),
    higher_education=st.session_state.atlas_higher_education,
)
size_by = st.session_state.atlas_size
shown = filtered(view_filter)

st.title(t("atlas.title", lang))
st.caption(t("atlas.intro", lang))
unknown_notice(st.session_state.atlas_notices, lang)


def select(kind: str | None, item_id: str | None) -> None:
    """One selection at a time: a cluster, an actor or a project (or none)."""
    for name in ("cluster", "actor", "project"):
        st.session_state[f"atlas_{name}"] = item_id if name == kind else None


def select_clicked() -> None:
    """st_folium calls this once per click on a marker (each click changes what it returns): a
    click on a cluster, an actor or a project selects it."""
    clicked = clicked_item(st.session_state.get("atlas_map"), dataset())
    if clicked:
        select(*clicked)


# Filled after the map (see the module docstring): shown above it.
controls = st.container(horizontal=True, vertical_alignment="center", key="atlas_controls")
selected = data.clusters.get(st.session_state.atlas_cluster)
focus_point = dict(center=(selected.seat.lat, selected.seat.lon), zoom=8) if selected else {}
online_tiles = st.session_state.get("atlas_online", False)
# The map comes first and takes the full width: on a phone it is what a visitor sees first.
# Only what a click changes comes back, so pan and zoom do not rerun the script; every click on a
# marker changes its feature (a click count, static/atlas/atlas.js), so clicking the same marker
# again after clearing the selection selects it again.
st_folium(
    **atlas_map(view_filter, size_by, lang, online_tiles, selected=st.session_state.atlas_cluster),
    key="atlas_map",
    height=MAP_HEIGHT,
    use_container_width=True,
    returned_objects=["last_active_drawing"],
    on_change=select_clicked,
    **focus_point,
)
st.caption(f"[{geodata.ATTRIBUTION}]({geodata.ATTRIBUTION_URL}) · {t('atlas.precision', lang)}")

if compare_bar(st.session_state.atlas_compare, data, lang):
    st.session_state.atlas_compare = []
    st.rerun()

panel_column, list_column = st.columns([3, 2], gap="medium")
with panel_column:
    cluster = data.clusters.get(st.session_state.atlas_cluster)
    actor = data.actors.get(st.session_state.atlas_actor or "")
    project = data.projects.get(st.session_state.atlas_project or "")
    if cluster is not None:
        if cluster not in shown.clusters:
            st.caption(t("atlas.selected_hidden", lang))
        action = selected_cluster_panel(cluster, data, lang, st.session_state.atlas_compare)
        if action == "clear":
            select(None, None)
            st.rerun()
        if action == "compare":
            compared = st.session_state.atlas_compare
            st.session_state.atlas_compare = (
                [c for c in compared if c != cluster.id] if cluster.id in compared else [*compared, cluster.id]
            )[:COMPARE_LIMIT]
            st.rerun()
    elif actor is not None:
        if selected_actor_panel(actor, data, lang):
            select(None, None)
            st.rerun()
    elif project is not None:
        if selected_project_panel(project, data, lang):
            select(None, None)
            st.rerun()
    else:
        st.caption(t("atlas.select_hint", lang))

with list_column:
    st.caption(
        t("atlas.count", lang, clusters=len(shown.clusters), actors=len(shown.actors), projects=len(shown.projects))
    )
    if not shown.total:
        st.warning(t("atlas.nothing", lang))
    # One list at a time: a hidden tab would still ship its whole table to the browser.
    list_labels = {
        "clusters": t("atlas.tab_clusters", lang, n=len(shown.clusters)),
        "actors": t("atlas.tab_actors", lang, n=len(shown.actors)),
        "projects": t("atlas.tab_projects", lang, n=len(shown.projects)),
    }
    showing = st.segmented_control(
        t("atlas.list", lang),
        list(list_labels),
        format_func=list_labels.get,
        default="clusters",
        key="atlas_list",
        label_visibility="collapsed",
    )
    if showing == "actors":
        st.dataframe(
            actors_table(shown.actors, data, lang),
            hide_index=True,
            width="stretch",
            height=list_height(len(shown.actors)),
        )
    elif showing == "projects":
        st.dataframe(
            projects_table(shown.projects, data, lang),
            hide_index=True,
            width="stretch",
            height=list_height(len(shown.projects)),
        )
    else:
        cluster_list(shown.clusters, data, size_by, lang, on_pick=select)
    legend(data, size_by, lang)

active_filters = sum(
    bool(value)
    for value in (
        view_filter.focus,
        view_filter.types,
        view_filter.kinds,
        view_filter.states,
        view_filter.themes,
        view_filter.query,
        view_filter.higher_education,
    )
)
with controls:
    with st.popover(
        t("atlas.filters_active", lang, n=active_filters) if active_filters else t("atlas.filters", lang),
        icon=":material/filter_list:",
        key="atlas_filters",
    ):
        st.text_input(t("atlas.search", lang), key="atlas_q", max_chars=100, help=t("clusters.search_help", lang))
        choices = (
            ("atlas_focus", "atlas.focus", list(data.focus_areas), lambda a: text(data.focus_areas[a].label, lang)),
            ("atlas_types", "atlas.types", ACTOR_TYPES, lambda value: t(f"actor_type.{value}", lang)),
            ("atlas_kinds", "atlas.kinds", COMPANY_KINDS, lambda value: t(f"kind.{value}", lang)),
            ("atlas_states", "atlas.states", [s.code for s in geodata.STATES], lambda code: state_name(code, lang)),
            ("atlas_themes", "atlas.themes", list(data.themes), lambda x: text(data.themes[x].label, lang)),
        )
        for key, label, options, name in choices:
            st.multiselect(t(label, lang), options, key=key, format_func=name, placeholder=t("filter.all", lang))
        st.toggle(
            t("atlas.higher_education", lang), key="atlas_higher_education", help=t("atlas.higher_education_help", lang)
        )
        st.toggle(t("atlas.online_tiles", lang), value=False, key="atlas_online")
        st.button(t("atlas.reset", lang), on_click=clear_filters, disabled=not active_filters)
    st.segmented_control(
        t("atlas.size", lang),
        SIZE_FIGURES,
        key="atlas_size",
        format_func=lambda name: t(f"size.{name}", lang),
        required=True,
    )

show_in_url(
    AtlasView(
        view_filter,
        st.session_state.atlas_cluster,
        size_by,
        actor=st.session_state.atlas_actor,
        project=st.session_state.atlas_project,
        compare=tuple(st.session_state.atlas_compare),
    ).to_params()
)
