"""/profile?cluster=<id>: one cluster's Steckbrief — figures with sources, focus, map, actors,
projects, peers, figures over time, region context, and a one-page PDF."""

from components.shell import ensure_shell

ensure_shell()

import altair as alt
import pandas as pd
import streamlit as st

from clusters import FIGURE_FIELDS
from clusters.metrics import peers
from components.atlas_panel import projects_table
from components.cluster_profile import cluster_profile, more_figures_table, per_capita_table
from components.region_view import actors_side_by_side
from components.ui import dataset, inline_png, profile_pdf_bytes
from components.url_state import current_language, url_params
from geodata import ATTRIBUTION, ATTRIBUTION_URL
from geodata.locator import locator_png
from presentation.catalogue import t, text, unit_text
from presentation.citations import cite, source_line
from presentation.cluster_section import cluster_section
from presentation.formatters import figure_text, format_number
from presentation.safe_text import literal, plain
from presentation.tables import area_labels, awards_table, state_name
from presentation.views import ProfileView, link

lang = current_language()
data = dataset()
view = ProfileView.parse(url_params(), data)
asked, cluster = view.asked, data.clusters.get(view.cluster or "")

if cluster is None:
    st.title(t("nav.profile", lang))
    st.warning(t("profile.unknown", lang, id=literal(asked, limit=60)) if asked else t("profile.choose", lang))
    for known in data.clusters.values():
        st.markdown(f"- [{plain(known.name)}]({link('profile', lang, cluster=known.id)})")
    st.stop()

st.title(plain(cluster.name))
section = cluster_section(cluster, data, lang)
st.caption(plain(section.heading, limit=None))

main, side = st.columns([3, 1])
with side:
    st.image(
        inline_png(locator_png(((cluster.seat.lat, cluster.seat.lon),), width_px=240)),
        alt=t("alt.locator", lang, place=cluster.seat.city, region=state_name(cluster.seat.state, lang)),
    )
    st.caption(f"[{ATTRIBUTION}]({ATTRIBUTION_URL})")
    st.download_button(
        t("profile.pdf", lang),
        profile_pdf_bytes(cluster.id, lang),
        f"{cluster.id}-{lang}.pdf",
        "application/pdf",
        key="profile_pdf",
    )
with main:
    st.header(t("profile.figures", lang))
    cluster_profile(cluster, data, lang, profile_link=False, actors=False, status=False)
    if cluster.awards:
        st.header(t("profile.awards", lang))
        st.dataframe(awards_table(cluster, data, lang), hide_index=True, width="stretch")

repeated = {f.key for f in cluster.more_figures if sum(g.key == f.key for g in cluster.more_figures) > 1}
series = [
    *((t(f"col.{name}", lang), "", cluster.figure_over_time(name)) for name in FIGURE_FIELDS if cluster.previous(name)),
    *(
        (text(group[0].label, lang), group[0].unit, group)
        for group in ([f for f in cluster.more_figures if f.key == key] for key in dict.fromkeys(repeated))
    ),
]
if series:
    st.header(t("profile.over_time", lang))
for label, unit, figures in series:
    frame = pd.DataFrame(
        [
            {"year": f.year, "value": f.value, "label": figure_text(f, lang), "source": cite(f.source, data, lang)}
            for f in figures
        ]
    )
    title = alt.Title(label, subtitle=source_line((f.source.file for f in figures), data, lang), anchor="start")
    st.altair_chart(
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=t("col.year", lang)),
            y=alt.Y("value:Q", title=unit_text(unit, lang) or label),
            tooltip=[
                alt.Tooltip("year:O", title=t("col.year", lang)),
                alt.Tooltip("label:N", title=t("col.value", lang)),
                alt.Tooltip("source:N", title=t("col.source", lang)),
            ],
        ),
        width="stretch",
    )
if series:
    st.caption(t("profile.over_time_reading", lang))

others = [f for f in cluster.more_figures if f.key not in repeated]
if others or cluster.context:
    st.header(t("profile.context", lang))
    if others:
        st.dataframe(more_figures_table(others, data, lang), hide_index=True, width="stretch")
    for paragraph in cluster.context:
        st.markdown(plain(text(paragraph, lang), limit=None))
if cluster.region_figures:
    st.subheader(t("profile.region_figures", lang))
    st.dataframe(more_figures_table(cluster.region_figures, data, lang), hide_index=True, width="stretch")

st.header(t("region.title", lang))
if section.population:
    st.markdown(f"**{plain(section.population)}**")
    st.dataframe(per_capita_table(section, lang), hide_index=True, width="stretch")
    st.caption(plain(section.population_source, limit=None))
actors_side_by_side(cluster, data, lang)
projects = data.projects_of(cluster.id)
st.header(t("atlas.cluster_projects", lang, n=len(projects)))
if projects:
    st.dataframe(projects_table(projects, data, lang), hide_index=True, width="stretch")

st.header(t("pdf.peers", lang))
for peer in peers(cluster, data.clusters.values()):
    shared = plain(area_labels(peer.shared_focus, data, lang) or "—", limit=None)
    score = f"{t('bench.score', lang)} {format_number(round(peer.score, 2), lang)}"
    st.markdown(
        f"- [{plain(data.clusters[peer.cluster].name)}]({link('profile', lang, cluster=peer.cluster)}) — "
        f"{t('bench.peer_reason', lang, areas=shared, size=score)}"
    )
