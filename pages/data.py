"""/data: every source document, what the app takes from it, the coverage of the key figures,
the data date, the BKG licence, and downloads of the whole dataset (Excel-safe)."""

from components.shell import ensure_shell

ensure_shell()

import pandas as pd
import streamlit as st

import geodata
from clusters import FIGURE_FIELDS
from clusters.readers.exports import KINDS, coverage_frame
from components.ui import dataset, dataset_exports
from components.url_state import current_language
from geodata import population, postcodes
from presentation.catalogue import t, text
from presentation.citations import cite_document, source_date
from presentation.formatters import format_date, format_number

lang = current_language()
data = dataset()

st.title(t("data.title", lang))
st.caption(
    t("data.intro", lang, date=format_date(data.data_date, lang), figures=format_number(data.figure_count(), lang))
)

st.header(t("data.sources", lang))
counts = data.figures_by_source()
st.dataframe(
    pd.DataFrame(
        [
            {
                t("data.citation", lang): cite_document(source, lang),
                t("data.document", lang): source.title,
                t("data.publisher", lang): source.publisher,
                t("data.date", lang): source_date(source, lang),
                t("data.kind", lang): text(source.kind, lang),
                t("data.origin", lang): t(f"origin.{source.origin.value}", lang),
                t("data.address", lang): source.url,
                t("data.takes", lang): text(source.takes, lang),
                t("data.figures", lang): counts[source.file],
                t("data.file", lang): source.file,
            }
            for source in data.sources.values()
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={t("data.address", lang): st.column_config.LinkColumn()},
    key="data_sources",
)

st.header(t("data.coverage", lang))
st.caption(t("data.coverage_reading", lang))
marks = {
    code: t(f"data.mark_{name}", lang)
    for code, name in (("", "exact"), (">", "lower"), ("<", "upper"), ("~", "about"), (None, "unknown"))
}
coverage = coverage_frame(data, marks).rename(
    columns={"cluster": t("col.name", lang), **{n: t(f"col.{n}", lang) for n in FIGURE_FIELDS}}
)
st.dataframe(coverage, hide_index=True, width="stretch", key="data_coverage")

st.header(t("data.downloads", lang))
st.caption(t("data.downloads_note", lang))
files = dataset_exports()
mime = {"csv": "text/csv", "geojson": "application/geo+json", "json": "application/json"}
for kind in KINDS:
    for column, fmt in zip(st.columns(3), ("csv", "geojson", "json"), strict=True):
        column.download_button(
            f"{t(f'data.kind_{kind}', lang)} · {fmt.upper().replace('GEOJSON', 'GeoJSON')}",
            files[f"{kind}.{fmt}"],
            f"cluster-atlas-{kind}.{fmt}",
            mime[fmt],
            key=f"data_{kind}_{fmt}",
        )
st.download_button(t("data.xlsx_all", lang), files["all.xlsx"], "cluster-atlas.xlsx", key="data_xlsx")
st.download_button(
    t("data.zip_all", lang), files["all-csv.zip"], "cluster-atlas-csv.zip", "application/zip", key="data_zip"
)

st.header(t("data.licence", lang))
st.markdown(
    f"[{geodata.ATTRIBUTION}]({geodata.ATTRIBUTION_URL}) — {geodata.LICENCE} "
    f"([{geodata.LICENCE_URL}]({geodata.LICENCE_URL})). {t('data.licence_note', lang)}"
)
st.markdown(f"[{postcodes.ATTRIBUTION}]({postcodes.ATTRIBUTION_URL}) — {t('data.postcodes_note', lang)}")
st.markdown(f"[{population.ATTRIBUTION[lang]}]({population.LICENCE_URL}) — {t('data.population_note', lang)}")
