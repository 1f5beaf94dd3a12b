"""/booth: a kiosk tour for trade-fair screens. Overview -> each cluster -> lighthouse projects by
theme, advancing by itself (?dwell=, default 12 s); a touch pauses it for the visitor, and after
?idle= seconds (default 60) without input it starts again from the overview."""

from components.shell import ensure_shell

ensure_shell()

import os
import time
from collections import Counter

import streamlit as st

from clusters import ActorType
from clusters.filters import main_theme
from components.booth_tour import (
    TourState,
    advance,
    build_slides,
    pause,
    qr_png,
    resume,
    resume_if_idle,
    touch,
)
from components.cluster_profile import cluster_profile
from components.map_layers import THEME_COLOURS
from components.ui import dataset, inline_png
from components.url_state import current_language, unknown_notice, url_params
from geodata import ATTRIBUTION
from geodata.locator import locator_png, view_around
from presentation.catalogue import t, text
from presentation.formatters import figure_words
from presentation.safe_text import literal, plain
from presentation.tables import area_labels, state_names
from presentation.views import BoothView

lang = current_language()
data = dataset()
config = BoothView.parse(
    url_params(),
    data,
    qr_default=os.environ.get("CLUSTER_ATLAS_QR_BASE"),
    qr_hosts=os.environ.get("CLUSTER_ATLAS_QR_HOSTS"),
)
slides = build_slides(data, config)

# Kiosk: no sidebar, menu, toolbar or footer; type legible from two metres. Static CSS, no data.
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], footer {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 1.5rem 3rem !important;}
.stApp {font-size: max(1.15vw, 16px);}
.stApp h1 {font-size: max(2.6vw, 32px) !important;} .stApp h2, .stApp h3 {font-size: max(1.7vw, 22px) !important;}
.stApp p, .stApp li {font-size: max(1.15vw, 16px) !important; line-height: 1.45;}
.stApp [data-testid="stCaptionContainer"] p, .stApp [data-testid="stMetricLabel"] p {
  font-size: max(1vw, 15px) !important;}
.stApp [data-testid="stMetricValue"] p {font-size: max(1.7vw, 22px) !important; line-height: 1.2;}
.stApp button p {font-size: max(1.3vw, 18px) !important;} .stApp button {min-height: 4vw; padding: 0 2rem;}
</style>""")

if "booth" not in st.session_state:
    st.session_state.booth = TourState(last_input=time.monotonic())
unknown_notice(config.notices, lang, quiet=True)


def on_explore() -> None:
    st.session_state.booth = pause(st.session_state.booth, time.monotonic())


def on_back() -> None:
    st.session_state.booth = resume(time.monotonic())


def on_touch() -> None:
    st.session_state.booth = touch(st.session_state.booth, time.monotonic())


def overview_slide() -> None:
    st.title(t("booth.overview_title", lang))
    picture, names = st.columns([2, 3])
    overview = locator_png(
        tuple((c.seat.lat, c.seat.lon) for c in data.clusters.values()),
        width_px=520,
        marker_size=12,
        highlight="#0b6e4f",
    )
    picture.image(inline_png(overview), width="stretch", alt=t("alt.overview", lang, n=len(data.clusters)))
    with names:
        current = Counter(a.type for a in data.actors.values() if a.is_current)
        companies, institutes = current[ActorType.COMPANY], current[ActorType.RESEARCH_INSTITUTE]
        st.write(t("booth.overview_text", lang, n=len(data.clusters), companies=companies, institutes=institutes))
        st.markdown("\n".join(f"- **{plain(c.short_name)}** — {plain(c.seat.city)}" for c in data.clusters.values()))


def cluster_slide(cluster_id: str) -> None:
    cluster = data.clusters[cluster_id]
    st.title(plain(cluster.name))
    states = state_names(cluster, lang)
    st.markdown(f"{plain(cluster.seat.city)} · {states}")
    left, right = st.columns([5, 2])
    with left:
        figures = st.columns(4)
        for column, name in zip(figures, ("actors", "smes", "research_institutions", "founded"), strict=True):
            figure = cluster.figure(name)
            value = str(figure.value) if name == "founded" and figure else figure_words(figure, lang)
            # A figure, not a heading: as a subheader it was an h3 right under the slide's h1.
            column.metric(t(f"col.{name}", lang), value)
        st.header(t("col.focus_areas", lang))
        st.markdown(plain(area_labels(cluster.focus_areas, data, lang, " · "), limit=None))
        url = config.profile_url(cluster.id, lang)
        qr_picture = qr_png(url) if url else None
        if qr_picture:
            code, note = st.columns([1, 3])
            code.image(inline_png(qr_picture), width="stretch", alt=t("alt.qr", lang, url=url))
            note.caption(t("booth.qr", lang, url=literal(url, limit=None)))
    with right:
        theme = main_theme(cluster, data)
        region = locator_png(
            ((cluster.seat.lat, cluster.seat.lon),),
            width_px=520,
            marker_size=16,
            highlight=THEME_COLOURS.get(theme, "#D55E00"),
            view=view_around(cluster.state_codes),
        )
        st.image(
            inline_png(region), width="stretch", alt=t("alt.locator", lang, place=cluster.seat.city, region=states)
        )


def theme_slide(theme_id: str) -> None:
    theme = data.themes[theme_id]
    st.title(f"{t('nav.lighthouses', lang)}: {plain(text(theme.label, lang))}")
    st.markdown(plain(text(theme.description, lang), limit=None))
    projects = [p for p in data.projects.values() if theme_id in data.project_themes(p)]
    st.markdown("\n".join(f"- **{plain(p.name)}** — {plain(p.place.city)}" for p in projects[:8]))


def explore_view(slide) -> None:
    st.button(t("booth.back", lang), on_click=on_back, type="primary", key="booth_back", width="stretch")
    cluster_id = slide.ref if slide.kind == "cluster" else None
    cluster_id = st.selectbox(
        t("booth.choose", lang),
        list(data.clusters),
        key="booth_cluster",
        index=list(data.clusters).index(cluster_id) if cluster_id else 0,
        format_func=lambda c: data.clusters[c].name,
        on_change=on_touch,
    )
    cluster = data.clusters[cluster_id]
    st.title(plain(cluster.name))
    cluster_profile(cluster, data, lang, profile_link=False, actors=True)


@st.fragment(run_every=config.dwell)
def tour() -> None:
    now = time.monotonic()
    state = resume_if_idle(st.session_state.booth, now, config.idle)
    slide = slides[state.index % len(slides)]
    if state.paused:
        explore_view(slide)
    else:
        {"overview": lambda _: overview_slide(), "cluster": cluster_slide, "theme": theme_slide}[slide.kind](slide.ref)
        st.button(t("booth.explore", lang), on_click=on_explore, key="booth_explore", width="stretch")
        st.caption(f"{t('booth.progress', lang, i=state.index % len(slides) + 1, n=len(slides))} · {ATTRIBUTION}")
        state = advance(state, len(slides))
    st.session_state.booth = state


tour()
