"""/benchmark: figures and indicators side by side, ranks with ranges, charts, peers, and your
own figures beside the published ones (kept in this session only)."""

from components.shell import ensure_shell

ensure_shell()

import streamlit as st

from clusters.keeping.upload import parse_upload, template_csv
from clusters.metrics import cooperation_candidates, peers
from clusters.readers.exports import to_csv, to_xlsx, with_sources_sheet
from components import charts
from components.benchmark_view import (
    axis_title,
    bar_frame,
    chart_table,
    cluster_name,
    comparison_table,
    export_table,
    focus_frame,
    measure_label,
    measure_sources,
    mixed_kinds_note,
    profile_frame,
    scatter_frame,
)
from components.region_view import region_comparison
from components.ui import dataset
from components.url_state import current_language, seed_once, show_in_url, unknown_notice, url_params
from presentation.catalogue import t
from presentation.citations import source_line
from presentation.cluster_section import figure_sources_table
from presentation.messages import upload_message_text
from presentation.safe_text import plain
from presentation.tables import area_labels
from presentation.views import MEASURES, BenchmarkView

lang = current_language()
data = dataset()
published = list(data.clusters.values())


def view_from_url() -> dict:
    view = BenchmarkView.parse(url_params(), data)
    return {
        "bench_clusters": list(view.clusters),
        "bench_figure": view.figure,
        "bench_x": view.x,
        "bench_y": view.y,
        "bench_peer": view.peer or published[0].id,
        "bench_yours": [],
        "bench_notices": list(view.notices),
    }


seed_once("benchmark", view_from_url)

st.title(t("bench.title", lang))
st.caption(t("bench.intro", lang))
unknown_notice(st.session_state.bench_notices, lang)

# --- your own figures: parsed in memory, kept in this session only -----------------------------
with st.expander(t("bench.upload_title", lang), expanded=bool(st.session_state.bench_yours)):
    st.caption(t("bench.upload_help", lang))
    st.download_button(
        t("bench.template", lang), template_csv(), "cluster-atlas-template.csv", "text/csv", key="bench_template"
    )
    upload = st.file_uploader(t("bench.upload", lang), type=["csv", "xlsx"], key="bench_upload")
    if upload is not None:
        result = parse_upload(upload.name, upload.getvalue(), data)
        for message in result.errors:
            st.error(upload_message_text(message, lang))
        for message in result.warnings:
            st.warning(upload_message_text(message, lang))
        st.session_state.bench_yours = result.clusters
        if result.ok:
            st.success(t("bench.upload_ok", lang, n=len(result.clusters)))
    else:
        st.session_state.bench_yours = []
yours = st.session_state.bench_yours

everyone = {c.id: c for c in [*published, *yours]}
st.multiselect(
    t("bench.choose_clusters", lang),
    list(data.clusters),
    key="bench_clusters",
    format_func=lambda cid: data.clusters[cid].name,
    placeholder=t("bench.all_clusters", lang),
)
columns = st.multiselect(
    t("bench.choose_columns", lang),
    MEASURES,
    default=list(MEASURES),
    key="bench_columns",
    format_func=lambda name: measure_label(name, lang),
    placeholder=t("bench.pick_columns", lang),
)
chosen = [data.clusters[cid] for cid in st.session_state.bench_clusters] or published
shown = [*chosen, *yours]

rank_by = st.session_state.bench_figure
st.dataframe(
    comparison_table(shown, columns or ["actors"], rank_by, data, lang),
    hide_index=True,
    width="stretch",
    key="bench_table",
)
st.caption(
    " ".join(
        filter(
            None,
            (
                t("bench.rank_note", lang),
                t("bench.years_note", lang),
                t("bench.status_note", lang),
                mixed_kinds_note(shown, columns or ["actors"], lang),
            ),
        )
    )
)
download_frame = export_table(shown, data)
left, right = st.columns(2)
# The workbook is made when asked for, not on every run of every visitor (it alone was a tenth of
# the server's time under load). The CSV is cheap and made with the page: a deferred file whose run
# was replaced by a newer one (a click during a rerun) left the button waiting for good.
left.download_button(
    t("bench.download_csv", lang),
    to_csv(download_frame),
    "cluster-benchmark.csv",
    "text/csv",
    key="bench_csv",
)
right.download_button(
    t("bench.download_xlsx", lang),
    lambda: to_xlsx(with_sources_sheet({"benchmark": download_frame}, data.sources)),
    "cluster-benchmark.xlsx",
    key="bench_xlsx",
)
# A table per shown cluster (34 by default) is drawn only while a reader has the list open.
with st.expander(t("clusters.sources_title", lang), key="bench_sources", on_change="rerun") as figure_sources:
    if figure_sources.open:
        for cluster in shown:
            st.markdown(f"**{plain(cluster_name(cluster, lang))}**")
            st.dataframe(figure_sources_table(cluster, data, lang), hide_index=True, width="stretch")

# --- charts ----------------------------------------------------------------------------------
st.header(t("bench.charts", lang))
st.selectbox(t("bench.bar_measure", lang), MEASURES, key="bench_figure", format_func=lambda n: measure_label(n, lang))
bars = bar_frame(shown, rank_by, lang, data)
sources = source_line((f for c in shown for f in c.sources), data, lang)
bar_sources = source_line(measure_sources(shown, [rank_by], data), data, lang)
st.altair_chart(
    charts.bar_chart(
        bars,
        charts.titled(t("bench.bar_title", lang, figure=measure_label(rank_by, lang)), bar_sources, lang),
        axis_title(rank_by, lang),
        lang,
    ),
    width="stretch",
)
st.caption(" ".join(filter(None, (t("bench.bar_reading", lang), mixed_kinds_note(shown, [rank_by], lang)))))

x_column, y_column = st.columns(2)
x_column.selectbox(t("bench.x", lang), MEASURES, key="bench_x", format_func=lambda n: measure_label(n, lang))
y_column.selectbox(t("bench.y", lang), MEASURES, key="bench_y", format_func=lambda n: measure_label(n, lang))
x_name, y_name = st.session_state.bench_x, st.session_state.bench_y
points = scatter_frame(shown, x_name, y_name, lang, data)
scatter_sources = source_line(measure_sources(shown, [x_name, y_name], data), data, lang)
st.altair_chart(
    charts.scatter_chart(
        points,
        charts.titled(t("bench.scatter_title", lang), scatter_sources, lang),
        axis_title(x_name, lang),
        axis_title(y_name, lang),
        lang,
    ),
    width="stretch",
)
st.caption(" ".join(filter(None, (t("bench.scatter_reading", lang), mixed_kinds_note(shown, [x_name, y_name], lang)))))

st.altair_chart(
    charts.focus_matrix(
        focus_frame(shown, data, lang), charts.titled(t("bench.matrix_title", lang), sources, lang), lang
    ),
    width="content",
)
st.caption(t("bench.matrix_reading", lang))
st.altair_chart(
    charts.profile_chart(
        profile_frame(shown, lang),
        charts.titled(t("bench.profile_title", lang), sources, lang),
        t("bench.profile_axis", lang),
        lang,
    ),
    width="stretch",
)
st.caption(t("bench.profile_reading", lang))
with st.expander(t("bench.chart_data", lang), key="bench_chart_data", on_change="rerun") as chart_data:
    if chart_data.open:
        st.dataframe(chart_table(bars, lang, value=rank_by), hide_index=True, width="stretch", key="bench_bar_data")
        st.dataframe(
            chart_table(points, lang, x=x_name, y=y_name), hide_index=True, width="stretch", key="bench_scatter_data"
        )

region_comparison(chosen, data, lang)

# --- peers -----------------------------------------------------------------------------------
st.header(t("bench.peers", lang))
st.selectbox(
    t("bench.peer_of", lang),
    list(everyone),
    key="bench_peer",
    format_func=lambda cid: cluster_name(everyone[cid], lang),
)
target = everyone.get(st.session_state.bench_peer, published[0])
others = [c for c in everyone.values() if c.id != target.id]


def areas(ids) -> str:
    return area_labels(ids, data, lang) or "—"


similar = peers(target, others)
st.dataframe(
    [
        {
            t("col.name", lang): cluster_name(everyone[p.cluster], lang),
            t("bench.why", lang): t(
                "bench.peer_reason",
                lang,
                areas=areas(p.shared_focus),
                size=t("bench.size_similar", lang)
                if (p.size_similarity or 0) >= 0.7
                else t("bench.size_different", lang)
                if p.size_similarity is not None
                else t("bench.size_unknown", lang),
            ),
            t("bench.score", lang): round(p.score, 2),
        }
        for p in similar
    ],
    hide_index=True,
    width="stretch",
    key="bench_peer_table",
)
st.subheader(t("bench.cooperation", lang))
st.dataframe(
    [
        {
            t("col.name", lang): cluster_name(everyone[p.cluster], lang),
            t("bench.shared", lang): areas(p.shared_focus),
            t("bench.they_add", lang): areas(p.they_add),
            t("bench.we_add", lang): areas(p.we_add),
        }
        for p in cooperation_candidates(target, others)
    ],
    hide_index=True,
    width="stretch",
    key="bench_partner_table",
)
st.caption(t("bench.cooperation_reading", lang))

show_in_url(
    BenchmarkView(
        tuple(st.session_state.bench_clusters),
        rank_by,
        x_name,
        y_name,
        target.id if target.id in data.clusters else None,
    ).to_params()
)
