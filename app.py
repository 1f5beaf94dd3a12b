"""Cluster Atlas: entry point. Page config, navigation with URL paths, the shared sidebar."""

import streamlit as st

from components.i18n import t
from components.ui import current_language, dataset_or_stop, language_switch

st.set_page_config(page_title="Cluster Atlas", page_icon="🧬", layout="wide")

lang = current_language()
pages = [
    st.Page("pages/atlas.py", title=t("nav.atlas", lang), icon=":material/map:", default=True),
    st.Page("pages/clusters.py", title=t("nav.clusters", lang), icon=":material/table:", url_path="clusters"),
]
navigation = st.navigation(pages)

lang = language_switch()
data = dataset_or_stop(lang)
st.sidebar.caption(t("sidebar.about", lang, date=data.data_date.isoformat(), clusters=len(data.clusters),
                     actors=len(data.actors), figures=data.figure_count(), sources=len(data.sources)))
navigation.run()
