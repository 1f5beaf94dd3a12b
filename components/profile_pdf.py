"""One-page A4 PDF profile of a cluster (fpdf2 with an embedded Unicode font; no Streamlit).

Qualifiers are kept (`>250`), every figure names its source, the BKG attribution and the data
date are printed, and umlauts print because DejaVu Sans (shipped with matplotlib) is embedded."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF

import geodata
from clusters import FIGURE_FIELDS, Cluster, Dataset
from clusters.metrics import peers
from geodata.locator import locator_png

from .i18n import figure_text, format_date, t, text
from .tables import focus_with_wording

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
MAX_ACTORS = 10
MAX_PROJECTS = 6


def _pdf() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(14, 12, 14)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_creator("Cluster Atlas")
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, label: str) -> None:
    pdf.ln(1.5)
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.set_text_color(11, 110, 79)
    pdf.cell(0, 5, label, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 8)


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def profile_pdf(dataset: Dataset, cluster: Cluster, lang: str = "en") -> bytes:
    pdf = _pdf()
    pdf.set_title(cluster.name)
    page_width = pdf.w - pdf.l_margin - pdf.r_margin
    map_width = 52

    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(page_width - map_width - 4, 7, cluster.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    state = geodata.state_by_code(cluster.seat.state)
    founded = figure_text(cluster.founded, lang, is_year=True)
    pdf.multi_cell(page_width - map_width - 4, 4.5,
                   f"{cluster.seat.city} · {state.name_de if lang == 'de' else state.name_en} · "
                   f"{t('col.founded', lang)} {founded}", new_x="LMARGIN", new_y="NEXT")
    pdf.image(locator_png(((cluster.seat.lat, cluster.seat.lon),), width_px=260),
              x=pdf.w - pdf.r_margin - map_width, y=12, w=map_width)

    _heading(pdf, t("pdf.key_figures", lang))
    column = page_width - map_width - 4
    for name in FIGURE_FIELDS:
        figure = cluster.figure(name)
        value = figure_text(figure, lang, is_year=name == "founded")
        source = (f"{figure.year} · {figure.source.file}, {_clip(figure.source.section, 60)}" if figure
                  else t("clusters.unknown_note", lang))
        pdf.set_font("DejaVu", "B", 7.5)
        pdf.cell(50, 4.2, t(f"col.{name}", lang))
        pdf.cell(13, 4.2, value)
        pdf.set_font("DejaVu", "", 6)
        pdf.cell(column - 63, 4.2, _clip(source, 78), new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(max(pdf.get_y(), 12 + map_width * 1.25 + 2))
    _heading(pdf, t("col.focus_areas", lang))
    pdf.multi_cell(page_width, 4, focus_with_wording(cluster, dataset, lang), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, t("atlas.region", lang))
    pdf.multi_cell(page_width, 4, _clip(text(cluster.region, lang), 600), new_x="LMARGIN", new_y="NEXT")

    members = dataset.actors_of(cluster.id)
    _heading(pdf, t("pdf.actors", lang, shown=min(len(members), MAX_ACTORS), n=len(members)))
    for actor in members[:MAX_ACTORS]:
        pdf.cell(0, 4, _clip(f"{actor.name} — {t(f'actor_type.{actor.type.value}', lang)}, {actor.place.city}", 120),
                 new_x="LMARGIN", new_y="NEXT")
    projects = dataset.projects_of(cluster.id)
    _heading(pdf, t("pdf.projects", lang, shown=min(len(projects), MAX_PROJECTS), n=len(projects)))
    for project in projects[:MAX_PROJECTS]:
        pdf.cell(0, 4, _clip(project.name, 120), new_x="LMARGIN", new_y="NEXT")
    if not projects:
        pdf.cell(0, 4, t("pdf.none", lang), new_x="LMARGIN", new_y="NEXT")
    similar = peers(cluster, dataset.clusters.values())
    _heading(pdf, t("pdf.peers", lang))
    pdf.cell(0, 4, ", ".join(dataset.clusters[p.cluster].name for p in similar), new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, t("col.sources", lang))
    pdf.set_font("DejaVu", "", 6.5)
    for file in cluster.sources:
        source = dataset.sources[file]
        pdf.multi_cell(page_width, 3.3, f"{file}: {source.publisher}, „{source.title}“ ({format_date(source.date, lang)})",
                       new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(pdf.h - 14)
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(page_width, 3.2, t("pdf.footer", lang, attribution=geodata.ATTRIBUTION,
                                      date=format_date(dataset.data_date, lang)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
