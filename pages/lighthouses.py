"""/lighthouses: lighthouse and flagship projects as profiles ("Steckbriefe"), grouped by the
five International Health Ruhr themes; filters and ?theme= / ?project= deep links."""

from components.shell import ensure_shell

ensure_shell()

import pandas as pd
import streamlit as st

import geodata
from components.ui import dataset, inline_png
from components.url_state import current_language, seed_once, show_in_url, unknown_notice, url_params
from geodata.locator import locator_png
from presentation.catalogue import t, text
from presentation.citations import cite
from presentation.safe_text import plain
from presentation.tables import state_name
from presentation.views import LighthousesView

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


seed_once("lighthouses", view_from_url)

st.title(t("lh.title", lang))
st.caption(t("lh.intro", lang))
unknown_notice(st.session_state.lh_notices, lang)

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
    list(data.clusters),
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
if st.session_state.lh_project:
    projects = [data.projects[st.session_state.lh_project]]
    if st.button(t("lh.show_all", lang), key="lh_show_all"):
        st.session_state.lh_project = None
        st.rerun()
chosen_themes = st.session_state.lh_themes or list(data.themes)

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


def card(project, theme_id: str) -> None:
    with st.container(border=True, key=f"lh_card_{theme_id}_{project.id}"):
        body, picture = st.columns([4, 1])
        with body:
            st.markdown(f"**{plain(project.name)}**")
            initiative = data.initiatives[project.initiative].name if project.initiative else None
            owners = [data.clusters[c].short_name for c in project.clusters] + ([initiative] if initiative else [])
            st.caption(
                f"{plain(project.place.city)} · {state_name(project.place.state, lang)} · "
                f"{plain(', '.join(owners), limit=None)}"
            )
            st.markdown(plain(text(project.description, lang), limit=None))
            facts = []
            if project.lead:
                facts.append(f"**{t('col.lead', lang)}:** {plain(data.actors[project.lead].name)}")
            if project.partners:
                facts.append(
                    f"**{t('lh.partners', lang)}:** " + ", ".join(plain(data.actors[a].name) for a in project.partners)
                )
            dates = " – ".join(d for d in (project.start, project.end) if d)
            if dates or project.status:
                facts.append(
                    f"**{t('lh.status', lang)}:** " + plain("; ".join(x for x in (dates, project.status) if x), None)
                )
            facts.append(
                f"**{t('col.themes', lang)}:** "
                + ", ".join(plain(text(data.themes[x].label, lang)) for x in data.project_themes(project))
            )
            facts.append(f"**{t('col.source', lang)}:** {plain(cite(project.source, data, lang), limit=None)}")
            st.markdown("  \n".join(facts))
        with picture:
            where = t("alt.locator", lang, place=project.place.city, region=state_name(project.place.state, lang))
            st.image(
                inline_png(locator_png(((project.place.lat, project.place.lon),), width_px=120, attribution=False)),
                alt=where,
            )


shown = 0
for theme_id in chosen_themes:
    theme = data.themes[theme_id]
    in_theme = [p for p in projects if theme_id in data.project_themes(p)]
    st.header(f"{plain(text(theme.label, lang))} ({len(in_theme)})")
    st.caption(
        f"{plain(text(theme.description, lang), limit=None)} — "
        f"{t('cite.source', lang, source=plain(cite(theme.source, data, lang), limit=None))}"
    )
    if not in_theme:
        st.info(t("lh.none", lang))
    for project in in_theme:
        card(project, theme_id)
        shown += 1
st.caption(f"[{geodata.ATTRIBUTION}]({geodata.ATTRIBUTION_URL})")

show_in_url(LighthousesView(tuple(st.session_state.lh_themes), st.session_state.lh_project).to_params())
