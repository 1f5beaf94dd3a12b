"""/clusters: a searchable, sortable table of every cluster with qualified, sourced figures."""

from components.shell import ensure_shell

ensure_shell()

import streamlit as st

from clusters import FIGURE_FIELDS
from clusters.metrics import sort_clusters
from clusters.search import cluster_search_texts, matches
from components.safe_text import literal, plain
from components.tables import cluster_table, figure_sources_table
from components.ui import dataset
from components.url_state import current_language, first_value, seed_once, show_in_url
from presentation.catalogue import t

lang = current_language()
data = dataset()

st.title(t("clusters.title", lang))
st.caption(t("clusters.intro", lang))

SORT_FIELDS = ("name", *FIGURE_FIELDS)
search_column, sort_column, order_column = st.columns([3, 2, 1], vertical_alignment="bottom")
seed_once("clusters", lambda: {"clusters_query": (first_value("q") or "")[:100]})
query = search_column.text_input(
    t("clusters.search", lang), help=t("clusters.search_help", lang), key="clusters_query", max_chars=100
)
sort_by = sort_column.selectbox(
    t("clusters.sort_by", lang), SORT_FIELDS, format_func=lambda name: t(f"col.{name}", lang), key="clusters_sort"
)
descending = order_column.toggle(t("clusters.descending", lang), value=False, key="clusters_descending")
show_in_url({"q": query})

found = [c for c in data.clusters.values() if matches(query, cluster_search_texts(c, data))]
shown = sort_clusters(found, sort_by, descending)

st.caption(t("clusters.count", lang, shown=len(shown), total=len(data.clusters)))
if not shown:
    st.info(t("clusters.none", lang, query=literal(query, limit=60)))
else:
    st.dataframe(cluster_table(shown, data, lang), hide_index=True, width="stretch", key="clusters_table")
    st.header(t("clusters.sources_title", lang))
    for cluster in shown:
        with st.expander(plain(cluster.name)):
            st.dataframe(figure_sources_table(cluster, data, lang), hide_index=True, width="stretch")
