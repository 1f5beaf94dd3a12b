"""A lighthouse project on screen: its card in the grid, its full Steckbrief, and the short form in
the atlas panel — all drawn from one `ProjectSection`, so a project reads the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from clusters import Dataset, LighthouseProject
from geodata.locator import locator_png
from presentation.catalogue import t
from presentation.project_section import ProjectSection, project_section
from presentation.safe_text import plain
from presentation.tables import state_name

from .ui import inline_png, project_pdf_bytes


def _key_facts(section: ProjectSection, lang: str) -> list[str]:
    """Lead, since when, one size fact and the themes, as card lines."""
    lines = []
    if section.lead:
        lines.append(f"**{t('fact.lead', lang)}:** {plain(section.lead, limit=300)}")
    if section.since:
        period = t("lh.period", lang, start=section.since, end=section.until) if section.until else None
        lines.append(f"**{t('fact.start', lang)}:** {period or t('lh.since', lang, year=section.since)}")
    if section.size:
        lines.append(f"**{t('fact.size', lang)}:** {plain(section.size, limit=300)}")
    lines.append(f"**{t('col.themes', lang)}:** {plain(section.themes)}")
    return lines


def project_card(
    project: LighthouseProject, data: Dataset, lang: str, key: str, on_open: Callable[[str], None]
) -> None:
    """The key facts at a glance and a button that opens the full profile."""
    section = project_section(project, data, lang)
    with st.container(border=True, key=key):
        st.markdown(f"**{plain(section.title)}**")
        st.caption(plain(" · ".join(part for part in (section.place, section.owners) if part), limit=None))
        st.markdown("  \n".join(_key_facts(section, lang)))
        st.button(t("lh.open", lang), key=f"{key}_open", on_click=on_open, args=(project.id,))


def project_detail(project: LighthouseProject, data: Dataset, lang: str) -> None:
    """The full Steckbrief: what it is, key facts, a small map, what a visitor can do, every fact
    with the page's own words and where it stands, the sources, and the PDF."""
    section = project_section(project, data, lang)
    st.header(plain(section.title))
    st.caption(plain(" · ".join(part for part in (section.place, section.owners, section.themes) if part), limit=None))
    main, side = st.columns([3, 1])
    with main:
        st.markdown(plain(section.summary, limit=None))
        st.markdown("  \n".join(_key_facts(section, lang)[:-1]))
        if section.status:
            st.markdown(f"**{t('fact.status', lang)}:** {plain(section.status, limit=None)}")
        if section.offers:
            st.subheader(t("lh.offers", lang))
            st.markdown("\n".join(f"- {plain(offer, limit=None)}" for offer in section.offers))
        if section.website:
            st.markdown(f"**{t('fact.website', lang)}:** {plain(section.website)}")
    with side:
        where = t("alt.locator", lang, place=project.place.city, region=state_name(project.place.state, lang))
        st.image(inline_png(locator_png(((project.place.lat, project.place.lon),), width_px=240)), alt=where)
        st.download_button(
            t("lh.pdf", lang),
            project_pdf_bytes(project.id, lang),
            f"{project.id}-{lang}.pdf",
            "application/pdf",
            key="lh_pdf",
        )
    st.subheader(t("lh.facts", lang))
    st.dataframe(facts_table(section, lang), hide_index=True, width="stretch", key="lh_facts")
    st.subheader(t("lh.sources", lang))
    st.markdown("\n".join(f"- {plain(source, limit=None)}" for source in section.sources))


def facts_table(section: ProjectSection, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col.fact", lang): line.kind,
                t("col.value", lang): line.text,
                t("col.year", lang): line.year,
                t("col.quote", lang): line.quote,
                t("col.source", lang): line.citation,
            }
            for line in section.facts
        ]
    )
