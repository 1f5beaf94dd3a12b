"""/clusters: a searchable, sortable table of every cluster with qualified, sourced figures."""

from components.shell import ensure_shell

ensure_shell()

import streamlit as st

from clusters import FIGURE_FIELDS
from clusters.metrics import sort_clusters
from clusters.search import cluster_search_texts, matches
from components.ui import dataset
from components.url_state import current_language, seed_once, show_in_url, url_params
from presentation.catalogue import t
from presentation.cluster_section import figure_sources_table
from presentation.safe_text import literal, plain
from presentation.tables import cluster_table
from presentation.views import ClustersView

lang = current_language()
data = dataset()

st.title(t("clusters.title", lang))
st.caption(t("clusters.intro", lang))

SORT_FIELDS = ("name", *FIGURE_FIELDS)
search_column, sort_column, order_column = st.columns([3, 2, 1], vertical_alignment="bottom")
seed_once("clusters", lambda: {"clusters_query": ClustersView.parse(url_params()).query})
query = search_column.text_input(
    t("clusters.search", lang), help=t("clusters.search_help", lang), key="clusters_query", max_chars=100
)
sort_by = sort_column.selectbox(
    t("clusters.sort_by", lang), SORT_FIELDS, format_func=lambda name: t(f"col.{name}", lang), key="clusters_sort"
)
descending = order_column.toggle(t("clusters.descending", lang), value=False, key="clusters_descending")
show_in_url(ClustersView(query).to_params())

found = [c for c in data.clusters.values() if matches(query, cluster_search_texts(c, data))]
shown = sort_clusters(found, sort_by, descending)

st.caption(t("clusters.count", lang, shown=len(shown), total=len(data.clusters)))
if not shown:
    st.info(t("clusters.none", lang, query=literal(query, limit=60)))
else:
    st.dataframe(cluster_table(shown, data, lang), hide_index=True, width="stretch", key="clusters_table")
    st.header(t("clusters.sources_title", lang))
    # A cluster's table is made only while its expander is open: closed ones cost this run nothing.
    for cluster in shown:
        with st.expander(plain(cluster.name), key=f"clusters_sources_{cluster.id}", on_change="rerun") as sources:
            if sources.open:
                st.dataframe(figure_sources_table(cluster, data, lang), hide_index=True, width="stretch")
