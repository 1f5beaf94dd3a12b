"""/lighthouses: lighthouse and flagship projects as Steckbriefe — a grid of cards by International
Health Ruhr theme, and one project's full profile with its quoted facts, map, sources and PDF
(?project=); filters and ?theme= deep links."""

from components.shell import ensure_shell

ensure_shell()

import pandas as pd
import streamlit as st

import geodata
from components.project_profile import project_card, project_detail
from components.ui import dataset
from components.url_state import current_language, seed_once, show_in_url, unknown_notice, url_params
from presentation.catalogue import t, text
from presentation.citations import cite
from presentation.safe_text import plain
from presentation.tables import state_name
from presentation.views import LighthousesView

CARDS_PER_ROW = 3

lang = current_language()
data = dataset()


def view_from_url() -> dict:
    view = LighthousesView.parse(url_params(), data)
    return {
        "lh_themes": list(view.themes),
        "lh_clusters": [],
        "lh_states": [],
        "lh_project": view.project,
        "lh_notices": list(view.notices),
    }


def open_project(project_id: str) -> None:
    st.session_state.lh_project = project_id


def close_project() -> None:
    st.session_state.lh_project = None


seed_once("lighthouses", view_from_url)

st.title(t("lh.title", lang))
unknown_notice(st.session_state.lh_notices, lang)

if st.session_state.lh_project:
    st.button(t("lh.back", lang), key="lh_show_all", on_click=close_project)
    project_detail(data.projects[st.session_state.lh_project], data, lang)
else:
    owners = {c for p in data.projects.values() for c in [*p.clusters, *([p.initiative] if p.initiative else [])]}
    st.caption(t("lh.intro", lang, n=len(data.projects), owners=len(owners)))
    filters = st.columns(3)
    filters[0].multiselect(
        t("atlas.themes", lang),
        list(data.themes),
        key="lh_themes",
        format_func=lambda x: text(data.themes[x].label, lang),
        placeholder=t("filter.all", lang),
    )
    filters[1].multiselect(
        t("col.clusters", lang),
        sorted({c for p in data.projects.values() for c in p.clusters}, key=lambda c: data.clusters[c].short_name),
        key="lh_clusters",
        format_func=lambda x: data.clusters[x].short_name,
        placeholder=t("filter.all", lang),
    )
    filters[2].multiselect(
        t("atlas.states", lang),
        sorted({p.place.state for p in data.projects.values()}),
        key="lh_states",
        format_func=lambda code: state_name(code, lang),
        placeholder=t("filter.all", lang),
    )
    projects = [
        p
        for p in data.projects.values()
        if (not st.session_state.lh_clusters or set(p.clusters) & set(st.session_state.lh_clusters))
        and (not st.session_state.lh_states or p.place.state in st.session_state.lh_states)
    ]
    with st.expander(t("lh.mapping", lang)):
        st.caption(t("lh.mapping_note", lang))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("atlas.focus", lang): text(area.label, lang),
                        t("col.themes", lang): ", ".join(text(data.themes[x].label, lang) for x in area.themes),
                    }
                    for area in data.focus_areas.values()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    for theme_id in st.session_state.lh_themes or list(data.themes):
        theme = data.themes[theme_id]
        in_theme = [p for p in projects if theme_id in data.project_themes(p)]
        st.header(f"{plain(text(theme.label, lang))} · {t('lh.count', lang, n=len(in_theme))}")
        st.caption(
            f"{plain(text(theme.description, lang), limit=None)} — "
            f"{t('cite.source', lang, source=plain(cite(theme.source, data, lang), limit=None))}"
        )
        if not in_theme:
            st.info(t("lh.none", lang))
        for start in range(0, len(in_theme), CARDS_PER_ROW):
            for column, project in zip(
                st.columns(CARDS_PER_ROW), in_theme[start : start + CARDS_PER_ROW], strict=False
            ):
                with column:
                    project_card(project, data, lang, f"lh_card_{theme_id}_{project.id}", open_project)
st.caption(f"[{geodata.ATTRIBUTION}]({geodata.ATTRIBUTION_URL})")

show_in_url(LighthousesView(tuple(st.session_state.lh_themes), st.session_state.lh_project).to_params())
