"""The app shell: page config, navigation with URL paths, the shared sidebar.

`app.py` runs it. A page also runs it when Streamlit started that page directly: on the first
request after a server start, a deep link such as /benchmark is served from the `pages/`
folder without the entry point, which would lose the navigation, the language switch and the
page config. `ensure_shell()` at the top of each page turns that run into a normal one."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from presentation.catalogue import t
from presentation.formatters import format_date

from .memory import freeze_startup_objects, release_memory_after_visitors
from .ui import dataset_or_stop
from .url_state import current_language, language_switch

_IN_SHELL = "_cluster_atlas_in_shell"
# A file, not an emoji or icon name: those make the browser fetch the icon from a CDN.
FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.png"


def run_shell() -> None:
    release_memory_after_visitors()
    lang = current_language()
    st.set_page_config(page_title=t("app.title", lang), page_icon=str(FAVICON), layout="wide")
    pages = [
        st.Page("pages/atlas.py", title=t("nav.atlas", lang), icon=":material/map:", default=True),
        st.Page(
            "pages/benchmark.py", title=t("nav.benchmark", lang), icon=":material/leaderboard:", url_path="benchmark"
        ),
        st.Page(
            "pages/lighthouses.py",
            title=t("nav.lighthouses", lang),
            icon=":material/lightbulb:",
            url_path="lighthouses",
        ),
        st.Page("pages/profile.py", title=t("nav.profile", lang), icon=":material/badge:", url_path="profile"),
        st.Page("pages/clusters.py", title=t("nav.clusters", lang), icon=":material/table:", url_path="clusters"),
        st.Page("pages/booth.py", title=t("nav.booth", lang), icon=":material/slideshow:", url_path="booth"),
        st.Page("pages/data.py", title=t("nav.data", lang), icon=":material/description:", url_path="data"),
    ]
    navigation = st.navigation(pages)
    lang = language_switch()
    data = dataset_or_stop(lang)
    freeze_startup_objects()
    st.sidebar.caption(
        t(
            "sidebar.about",
            lang,
            date=format_date(data.data_date, lang),
            clusters=len(data.clusters),
            actors=len(data.actors),
            figures=data.figure_count(),
            sources=len(data.sources),
        )
    )
    st.session_state[_IN_SHELL] = True
    try:
        navigation.run()
    finally:
        st.session_state[_IN_SHELL] = False


def ensure_shell() -> None:
    """Call first in every page: outside the shell, run the shell (which runs this page) and stop."""
    if not st.session_state.get(_IN_SHELL):
        run_shell()
        st.stop()
