"""/ : the atlas — offline map, filters, result list and selection panel; the view lives in the URL."""

from components.shell import ensure_shell

ensure_shell()

import streamlit as st
from streamlit_folium import st_folium

import geodata
from clusters.filters import ACTOR_TYPES, SIZE_FIGURES, AtlasFilter, AtlasView, parse_view, view_params
from components.atlas_panel import (
    actors_table,
    cluster_list,
    legend,
    list_height,
    projects_table,
    selected_cluster_panel,
)
from components.i18n import t, text
from components.map_layers import clicked_cluster
from components.tables import state_name
from components.ui import atlas_map, dataset, filtered
from components.url_state import all_values, current_language, seed_once, show_in_url, unknown_notice

lang = current_language()
data = dataset()


def view_from_url() -> dict:
    initial = parse_view(all_values(), data)
    return {
        "atlas_notices": initial.notices,
        "atlas_cluster": initial.cluster,
        "atlas_q": initial.filter.query,
        "atlas_focus": list(initial.filter.focus),
        "atlas_types": list(initial.filter.types),
        "atlas_states": list(initial.filter.states),
        "atlas_themes": list(initial.filter.themes),
        "atlas_size": initial.size,
    }


seed_once("atlas", view_from_url)


def clear_filters() -> None:
    st.session_state.update(
        {"atlas_q": "", "atlas_focus": [], "atlas_types": [], "atlas_states": [], "atlas_themes": []}
    )


view_filter = AtlasFilter(
    focus=tuple(st.session_state.atlas_focus),
    types=tuple(st.session_state.atlas_types),
    states=tuple(st.session_state.atlas_states),
    themes=tuple(st.session_state.atlas_themes),
    query=st.session_state.atlas_q.strip(),
)
size_by = st.session_state.atlas_size
shown = filtered(view_filter)

st.title(t("atlas.title", lang))
st.caption(t("atlas.intro", lang))
unknown_notice(st.session_state.atlas_notices, lang)


def select_clicked_cluster() -> None:
    """st_folium calls this once per click on the map; a click on a cluster circle selects it."""
    cluster_id = clicked_cluster(st.session_state.get("atlas_map"))
    if cluster_id in dataset().clusters:
        st.session_state.atlas_cluster = cluster_id


map_column, list_column = st.columns([3, 2], gap="medium")
with map_column:
    selected = data.clusters.get(st.session_state.atlas_cluster)
    focus_point = dict(center=(selected.seat.lat, selected.seat.lon), zoom=8) if selected else {}
    online_tiles = st.session_state.get("atlas_online", False)
    # Only what a click changes comes back, so pan and zoom do not rerun the script. The clicked
    # point changes with each click, so a second click on the same circle (after clearing) selects
    # again; a pixel-exact repeat in an unmoved view does not. The click count would catch that too,
    # but st_folium returns it as 0 where it expects None: a second script run on every page load.
    st_folium(
        **atlas_map(view_filter, size_by, lang, online_tiles, selected=st.session_state.atlas_cluster),
        key="atlas_map",
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked"],
        on_change=select_clicked_cluster,
        **focus_point,
    )
    st.caption(f"[{geodata.ATTRIBUTION}]({geodata.ATTRIBUTION_URL}) · {t('atlas.precision', lang)}")

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
    picked = None
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
        picked = cluster_list(shown.clusters, data, size_by, lang)

# The filters come after the map in the script (not on screen): the browser then starts the map
# before it loads the code of the sidebar widgets. Their values are in the session state already.
with st.sidebar:
    st.subheader(t("atlas.filters", lang))
    st.text_input(t("atlas.search", lang), key="atlas_q", max_chars=100, help=t("clusters.search_help", lang))
    st.multiselect(
        t("atlas.focus", lang),
        list(data.focus_areas),
        key="atlas_focus",
        format_func=lambda area: text(data.focus_areas[area].label, lang),
        placeholder=t("filter.all", lang),
    )
    st.multiselect(
        t("atlas.types", lang),
        ACTOR_TYPES,
        key="atlas_types",
        format_func=lambda value: t(f"actor_type.{value}", lang),
        placeholder=t("filter.all", lang),
    )
    st.multiselect(
        t("atlas.states", lang),
        [s.code for s in geodata.STATES],
        key="atlas_states",
        format_func=lambda code: state_name(code, lang),
        placeholder=t("filter.all", lang),
    )
    st.multiselect(
        t("atlas.themes", lang),
        list(data.themes),
        key="atlas_themes",
        format_func=lambda theme: text(data.themes[theme].label, lang),
        placeholder=t("filter.all", lang),
    )
    st.segmented_control(
        t("atlas.size", lang),
        SIZE_FIGURES,
        key="atlas_size",
        format_func=lambda name: t(f"size.{name}", lang),
        required=True,
    )
    st.toggle(t("atlas.online_tiles", lang), value=False, key="atlas_online")
    st.button(t("atlas.reset", lang), on_click=clear_filters)

# A list row selects a cluster; only a new event changes the selection (the row stays picked).
if picked != st.session_state.get("atlas_last_row"):
    st.session_state.atlas_last_row = picked
    if picked:
        st.session_state.atlas_cluster = picked
        st.rerun()

legend(data, size_by, lang)

if st.session_state.atlas_cluster:
    cluster = data.clusters[st.session_state.atlas_cluster]
    if cluster not in shown.clusters:
        st.caption(t("atlas.selected_hidden", lang))
    if selected_cluster_panel(cluster, data, lang):
        st.session_state.atlas_cluster = None
        st.rerun()
else:
    st.caption(t("atlas.select_hint", lang))

show_in_url(view_params(AtlasView(view_filter, st.session_state.atlas_cluster, size_by)))
