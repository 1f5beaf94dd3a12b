"""One-page A4 PDF profile of a cluster (fpdf2 with an embedded Unicode font; no Streamlit).

Qualifiers are kept (`>250`), every figure cites its source as readers know it (publisher, title,
date, section; never the data's file key), the BKG attribution and the data date are printed, and
umlauts print because DejaVu Sans (shipped with matplotlib, so it works offline) is embedded.

The layout lives here, beside the UI text catalogue it needs, and imports no Streamlit, so the
command line (`python -m cli profile-pdf`) renders the same file as the download button.

Nothing is placed at fixed columns: text flows in cells that wrap (fpdf2 tables and multi_cell),
the locator map has its own column in the header band, and lists shrink ("+ 3 more") until the
profile fits one page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

import geodata
from clusters import Cluster, Dataset, LighthouseProject
from clusters.metrics import peers
from clusters.records.text import neutralised
from geodata.locator import locator_png

from .catalogue import t
from .citations import cite_document
from .cluster_section import ClusterSection, cluster_section
from .formatters import format_date
from .project_section import ProjectSection, project_section

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
MARGIN = 14  # mm, left and right; the top margin is TOP
TOP = 12
FOOTER_HEIGHT = 12  # mm kept free at the bottom for the attribution line
MAP_WIDTH = 46
MAP_GAP = 5  # between the header's text column and the map
GREEN = (11, 110, 79)
GREY = (90, 90, 90)


@dataclass(frozen=True)
class Budget:
    """How much of the long lists and texts a profile shows; tighter budgets are tried until one
    page suffices (a name of 500 characters, 500 focus areas or 78 sources included)."""

    actors: int
    projects: int
    region_chars: int
    focus_chars: int = 1200
    sources: int = 40
    title_chars: int = 160
    citation_chars: int = 600


BUDGETS = (
    Budget(16, 10, 1200),
    Budget(12, 8, 900),
    Budget(10, 6, 700),
    Budget(8, 5, 500, 900, 30),
    Budget(6, 4, 400, 700, 20, 120),
    Budget(4, 3, 300, 500, 12, 100),
    Budget(3, 2, 200, 300, 8, 80),
    Budget(0, 0, 0, 120, 3, 50, 200),
)


@cache
def _font_characters() -> frozenset[int]:
    """The characters DejaVu Sans can draw (it has no emoji)."""
    font = TTFont(FONT_DIR / "DejaVuSans.ttf", lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


MISSING_GLYPH = "\u25a1"
"""□: drawn where the font has no glyph (an emoji), so a character never vanishes without a trace."""


class _ProfilePDF(FPDF):
    footer_text = ""

    def normalize_text(self, text: str) -> str:
        drawable = _font_characters()
        text = neutralised(text)
        return "".join(
            c if ord(c) in drawable or c in "\n\r\t" else MISSING_GLYPH for c in super().normalize_text(text)
        )

    def footer(self) -> None:
        # fpdf calls this for every page, so even an overflowing profile keeps its attribution.
        self.set_y(-FOOTER_HEIGHT + 1)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*GREY)
        self.multi_cell(self.epw, 3.2, self.footer_text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)


def _pdf(title: str, footer: str) -> _ProfilePDF:
    pdf = _ProfilePDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, TOP, MARGIN)
    # An automatic break is how an overfull profile shows itself (page_no() > 1) to profile_pdf.
    pdf.set_auto_page_break(True, margin=FOOTER_HEIGHT + 2)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_creator("Cluster Atlas")
    pdf.set_title(title)
    pdf.footer_text = footer
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, label: str, width: float) -> None:
    pdf.ln(1.5)
    pdf.set_font(FONT, "B", 9.5)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(width, 5, label, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 8)


def _paragraph(pdf: FPDF, value: str, size: float = 8.5, line: float = 4.2, width: float | None = None) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(width or pdf.epw, line, value, align="L", new_x="LMARGIN", new_y="NEXT")


def _shorten(value: str, limit: int) -> str:
    """At a word boundary, so a shortened region text never ends mid-word."""
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


LINE_CHARS = 200
"""A list line (an actor, a project) longer than this is shortened: a name is not a paragraph."""


def _lines(pdf: FPDF, items: list[str], shown: int, lang: str) -> None:
    for item in items[:shown]:
        _paragraph(pdf, _shorten(item, LINE_CHARS))
    if len(items) > shown:
        pdf.set_text_color(*GREY)
        _paragraph(pdf, t("pdf.more", lang, n=len(items) - shown))
        pdf.set_text_color(0, 0, 0)


def _header(pdf: FPDF, cluster: Cluster, section: ClusterSection, lang: str, budget: Budget) -> None:
    """Name, seat and the key-figure table in the left column; the locator map alone in the right one."""
    column = pdf.epw - MAP_WIDTH - MAP_GAP
    map_x = pdf.w - pdf.r_margin - MAP_WIDTH
    # The map's own attribution would print at about 2 pt here; the footer carries it legibly.
    placed = pdf.image(
        locator_png(((cluster.seat.lat, cluster.seat.lon),), width_px=320, attribution=False),
        x=map_x,
        y=TOP,
        w=MAP_WIDTH,
    )

    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(column, 6.5, _shorten(section.title, budget.title_chars), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        column,
        4.5,
        _shorten(section.heading, budget.title_chars * 2),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    _heading(pdf, t("pdf.key_figures", lang), column)
    labels = [line.label for line in section.figures]
    # Wide enough for the longest single word ("Forschungseinrichtungen"), so labels wrap between words.
    pdf.set_font(FONT, "B", 7)
    label_width = max(30.0, max(pdf.get_string_width(word) for label in labels for word in label.split()) + 2)
    pdf.set_font(FONT, "", 7)
    pdf.set_draw_color(200, 200, 200)
    # Label and citation wrap inside their cells, so a long German label never runs into its value.
    widths = (label_width, 13, 12, column - label_width - 25)
    with pdf.table(
        width=column,
        col_widths=widths,
        align="LEFT",
        text_align="LEFT",
        line_height=3.2,
        padding=(0.8, 1, 0.8, 0),
        v_align="TOP",
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", color=GREEN),
    ) as table:
        table.row([t("col.figure", lang), t("col.value", lang), t("col.year", lang), t("col.source", lang)])
        for line in section.figures:
            row = table.row()
            row.cell(f"{line.label} ({line.counts})" if line.counts else line.label, style=FontFace(emphasis="BOLD"))
            row.cell(line.value, style=FontFace(emphasis="BOLD"))
            row.cell(line.year)
            row.cell(line.source or line.wording, style=FontFace(size_pt=6.5))
    changes = [f"{line.label}: {line.change}" for line in section.figures if line.change]
    if changes:
        _paragraph(pdf, f"{t('col.change', lang)} — {'; '.join(changes)}", size=7, line=3.5, width=column)
    if section.population:
        per_capita = "; ".join(f"{label}: {value}" for label, value in section.per_capita)
        _paragraph(pdf, f"{section.population} — {per_capita}", size=7, line=3.5, width=column)
        _paragraph(pdf, section.population_source, size=6, line=3, width=column)
    # Full-width text starts only below the map, however short the left column turned out.
    pdf.set_y(max(pdf.get_y(), TOP + placed.rendered_height) + 1)


def _render(dataset: Dataset, cluster: Cluster, lang: str, budget: Budget) -> _ProfilePDF:
    pdf = _pdf(
        cluster.name, t("pdf.footer", lang, attribution=geodata.ATTRIBUTION, date=format_date(dataset.data_date, lang))
    )
    section = cluster_section(cluster, dataset, lang)
    _header(pdf, cluster, section, lang, budget)

    _heading(pdf, t("col.focus_areas", lang), pdf.epw)
    _paragraph(pdf, _shorten(section.focus, budget.focus_chars))
    if cluster.awards:
        _heading(pdf, t("profile.awards", lang), pdf.epw)
        _paragraph(
            pdf,
            "; ".join(
                f"{t(f'programme.{a.programme.value}', lang)} {a.year}"
                for a in sorted(cluster.awards, key=lambda a: a.year)
            ),
        )
    if section.region and budget.region_chars:
        _heading(pdf, t("atlas.region", lang), pdf.epw)
        _paragraph(pdf, _shorten(section.region, budget.region_chars))

    members = dataset.actors_of(cluster.id)
    _heading(pdf, t("pdf.actors", lang, shown=min(len(members), budget.actors), n=len(members)), pdf.epw)
    _lines(
        pdf,
        [f"{actor.name} — {t(f'actor_type.{actor.type.value}', lang)}, {actor.place.city}" for actor in members],
        budget.actors,
        lang,
    )
    projects = dataset.projects_of(cluster.id)
    _heading(pdf, t("pdf.projects", lang, shown=min(len(projects), budget.projects), n=len(projects)), pdf.epw)
    _lines(pdf, [project.name for project in projects] or [t("pdf.none", lang)], budget.projects, lang)
    _heading(pdf, t("pdf.peers", lang), pdf.epw)
    peer_names = ", ".join(dataset.clusters[p.cluster].name for p in peers(cluster, dataset.clusters.values()))
    _paragraph(pdf, _shorten(peer_names, budget.focus_chars))

    _heading(pdf, t("col.sources", lang), pdf.epw)
    documents = [cite_document(dataset.sources[file], lang) for file in cluster.sources if file in dataset.sources]
    for document in documents[: budget.sources]:
        _paragraph(pdf, _shorten(document, budget.citation_chars), size=7, line=3.5)
    if len(documents) > budget.sources:
        pdf.set_text_color(*GREY)
        _paragraph(pdf, t("pdf.more", lang, n=len(documents) - budget.sources), size=7, line=3.5)
        pdf.set_text_color(0, 0, 0)
    return pdf


def profile_pdf(dataset: Dataset, cluster: Cluster, lang: str = "en") -> bytes:
    for budget in BUDGETS:
        pdf = _render(dataset, cluster, lang, budget)
        if pdf.page_no() == 1:
            break
    # If even the tightest budget overflows, a second page (with its own footer) beats a cut-off profile.
    return bytes(pdf.output())


# --- a lighthouse project's one-page Steckbrief ----------------------------------------------------


@dataclass(frozen=True)
class FactBudget:
    """How much of a project's facts the page shows; tighter budgets are tried until one page suffices."""

    facts: int
    quote_chars: int
    summary_chars: int


FACT_BUDGETS = (
    FactBudget(14, 260, 900),
    FactBudget(12, 180, 700),
    FactBudget(10, 120, 500),
    FactBudget(8, 80, 400),
    FactBudget(6, 0, 300),
    FactBudget(4, 0, 200),
)


def _project_header(pdf: FPDF, project: LighthouseProject, section: ProjectSection, lang: str) -> None:
    """Name, place, owners, themes and the key facts in the left column; the locator map in the right one."""
    column = pdf.epw - MAP_WIDTH - MAP_GAP
    placed = pdf.image(
        locator_png(((project.place.lat, project.place.lon),), width_px=320, attribution=False),
        x=pdf.w - pdf.r_margin - MAP_WIDTH,
        y=TOP,
        w=MAP_WIDTH,
    )
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(column, 6.5, section.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    caption = " · ".join(part for part in (section.place, section.owners, section.themes) if part)
    pdf.multi_cell(column, 4.5, caption, align="L", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, t("pdf.key_facts", lang), column)
    period = t("lh.period", lang, start=section.since, end=section.until) if section.since and section.until else None
    rows = [
        (t("fact.lead", lang), section.lead),
        (t("fact.start", lang), period or section.since),
        (t("fact.end", lang), None if period else section.until),
        (t("fact.status", lang), section.status),
        (t("fact.size", lang), section.size),
        (t("fact.website", lang), section.website),
    ]
    pdf.set_draw_color(200, 200, 200)
    with pdf.table(
        width=column,
        col_widths=(28, column - 28),
        align="LEFT",
        text_align="LEFT",
        line_height=3.4,
        padding=(0.8, 1, 0.8, 0),
        v_align="TOP",
        borders_layout="HORIZONTAL_LINES",
        first_row_as_headings=False,
    ) as table:
        for label, value in rows:
            if value:
                row = table.row()
                row.cell(label, style=FontFace(emphasis="BOLD", size_pt=7.5))
                row.cell(value, style=FontFace(size_pt=7.5))
    pdf.set_y(max(pdf.get_y(), TOP + placed.rendered_height) + 1)


def _render_project(dataset: Dataset, project: LighthouseProject, lang: str, budget: FactBudget) -> _ProfilePDF:
    pdf = _pdf(
        project.name,
        t("pdf.project_footer", lang, attribution=geodata.ATTRIBUTION, date=format_date(dataset.data_date, lang)),
    )
    section = project_section(project, dataset, lang)
    _project_header(pdf, project, section, lang)
    _heading(pdf, t("fact.what", lang), pdf.epw)
    _paragraph(pdf, _shorten(section.summary, budget.summary_chars))
    if section.offers:
        _heading(pdf, t("lh.offers", lang), pdf.epw)
        _lines(pdf, [f"• {offer}" for offer in section.offers], 4, lang)
    _heading(pdf, t("lh.facts", lang), pdf.epw)
    pdf.set_draw_color(200, 200, 200)
    with pdf.table(
        width=pdf.epw,
        col_widths=(24, pdf.epw - 24 - 62, 62),
        align="LEFT",
        text_align="LEFT",
        line_height=3.2,
        padding=(0.8, 1, 0.8, 0),
        v_align="TOP",
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", color=GREEN, size_pt=7),
    ) as table:
        table.row([t("col.fact", lang), t("col.value", lang), t("col.source", lang)])
        for line in section.facts[: budget.facts]:
            row = table.row()
            row.cell(line.kind, style=FontFace(emphasis="BOLD", size_pt=7))
            quote = f"\n„{_shorten(line.quote, budget.quote_chars)}“" if budget.quote_chars else ""
            row.cell(f"{line.text}{quote}", style=FontFace(size_pt=7))
            row.cell(line.citation + (f"\n{line.url}" if line.url else ""), style=FontFace(size_pt=6))
    if len(section.facts) > budget.facts:
        pdf.set_text_color(*GREY)
        _paragraph(pdf, t("pdf.more_facts", lang, n=len(section.facts) - budget.facts, link=section.link), size=7)
        pdf.set_text_color(0, 0, 0)
    return pdf


def project_pdf(dataset: Dataset, project: LighthouseProject, lang: str = "en") -> bytes:
    """The project's Steckbrief on one A4 page: the longest budget that fits."""
    for budget in FACT_BUDGETS:
        pdf = _render_project(dataset, project, lang, budget)
        if pdf.page_no() == 1:
            break
    return bytes(pdf.output())
