"""The booth tour as data. The tour runs in the browser (static/booth/tour.js), so a slide change is
no script run: this module says which slides, in which order, and what each shows in both
languages, as one JSON document per dataset that the page publishes as a static file. Every text
in it is a name the dataset holds, a sourced figure in words, or a label of the catalogue.
No Streamlit here; the tour's parameters are the page's view (`presentation.views.BoothView`)."""

from __future__ import annotations

import base64
import io
import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import segno

from clusters import ActorType, Dataset
from clusters.filters import main_theme
from clusters.records.model import SIZE_FIELDS, Cluster
from geodata import ATTRIBUTION, STATES_URL, germany_bounds, region_shape

from .catalogue import LANGUAGES, t, text
from .colours import DARK_GROUND_THEME_COLOURS
from .formatters import figure_words, format_number, year_text
from .project_section import project_section
from .tables import state_name
from .views import BoothView

NO_THEME_COLOUR = "#BBBBBB"  # a cluster whose focus areas map to no theme
# What lights up in a cluster's region: the kinds of actor a visitor would call.
SHOWN_ACTORS = (
    ActorType.COMPANY,
    ActorType.RESEARCH_INSTITUTE,
    ActorType.UNIVERSITY,
    ActorType.UNIVERSITY_OF_APPLIED_SCIENCES,
    ActorType.UNIVERSITY_HOSPITAL,
    ActorType.HOSPITAL,
)
SHOWN_FIGURES = 3  # size figures on a slide, besides the founding year: four fill the panel
NAMED_ACTORS = 12  # names a visitor who chose a cluster can read


@dataclass(frozen=True)
class Slide:
    kind: str  # "overview", "cluster" or "theme"
    ref: str | None = None

    @property
    def key(self) -> str:
        return self.kind if self.ref is None else f"{self.kind}:{self.ref}"


def build_slides(dataset: Dataset, view: BoothView) -> tuple[Slide, ...]:
    """Overview -> each active cluster in turn (or the view's, in its order) -> lighthouse projects
    by theme (themes with projects)."""
    clusters = view.clusters or tuple(c.id for c in dataset.clusters.values() if c.is_active)
    themes = [t for t in dataset.projects_by_theme if view.theme in (None, t)]
    return (Slide("overview"), *(Slide("cluster", c) for c in clusters), *(Slide("theme", t) for t in themes))


def _both(make) -> dict[str, str]:
    return {lang: make(lang) for lang in LANGUAGES}


def _colour(theme: str | None) -> str:
    return DARK_GROUND_THEME_COLOURS.get(theme or "", NO_THEME_COLOUR)


def _initial_capital(words: str) -> str:
    return words[:1].upper() + words[1:]  # str.capitalize() would write "Durch fusion"


def _figure(value: dict[str, str], label: dict[str, str], number: dict[str, str] | None = None) -> dict:
    """`value` in words ("more than 250"); `number` the part of it drawn largest ("250")."""
    return {"value": value, "label": label, "number": number or value}


def figure_number(figure) -> dict[str, str]:
    return {lang: format_number(figure.value, lang) for lang in LANGUAGES}


def key_figures(cluster: Cluster, dataset: Dataset) -> list[dict]:
    """The known size figures in words with what they count and their year ("more than 250" /
    "members (2023)"), then the founding year; where no size figure is known, the actors the
    sources and registers place in the region. Unknown figures are left out, not shown as 0."""
    figures = []
    for name in SIZE_FIELDS:
        figure = cluster.figure(name)
        if figure is None or len(figures) == SHOWN_FIGURES:
            continue

        def label(lang: str, figure=figure, name=name) -> str:
            what = t(f"counts.{figure.counts.value}", lang) if name == "actors" and figure.counts else None
            return _initial_capital(f"{what or t(f'col.{name}', lang)} ({year_text(figure.year, lang)})")

        figures.append(
            _figure(_both(lambda lang, figure=figure: figure_words(figure, lang)), _both(label), figure_number(figure))
        )
    if not figures:
        count = len(cluster_actors(cluster, dataset))
        if count:
            figures.append(
                _figure(_both(lambda lang: format_number(count, lang)), _both(lambda lang: t("booth.on_map", lang)))
            )
    founded = cluster.founded
    if founded is not None:
        event = founded.event.value if founded.event is not None else "founded"
        figures.append(
            _figure(
                {lang: str(int(founded.value)) for lang in LANGUAGES},
                _both(lambda lang: _initial_capital(t(f"event.{event}", lang))),
            )
        )
    return figures


def cluster_actors(cluster: Cluster, dataset: Dataset) -> list:
    """Current actors a source names for the cluster or a register places in its region, of the
    kinds in SHOWN_ACTORS, with a known point."""
    seen = {}
    for actor in [*dataset.actors_of(cluster.id), *dataset.region_actors(cluster.id)]:
        if actor.is_current and actor.type in SHOWN_ACTORS and actor.place.lat is not None:
            seen.setdefault(actor.id, actor)
    return list(seen.values())


def _cluster_entry(cluster: Cluster, dataset: Dataset) -> dict:
    region = dataset.region_of(cluster.id)
    shape = region_shape(tuple(region.states), tuple(region.districts)) if region else None
    shape = shape or region_shape(tuple(cluster.state_codes), ())
    actors = cluster_actors(cluster, dataset)
    named = [a for a in dataset.actors_of(cluster.id) if a.is_current]
    theme = main_theme(cluster, dataset)
    return {
        "name": cluster.name,
        "short": cluster.short_name,
        "place": _both(
            lambda lang: f"{cluster.seat.city} · {', '.join(state_name(s, lang) for s in cluster.state_codes)}"
        ),
        "colour": _colour(theme),
        "seat": [cluster.seat.lat, cluster.seat.lon],
        "outline": shape["geometry"] if shape else None,
        "bounds": shape["bounds"] if shape else None,
        # [lat, lon, kind]: kind 0 a company, 1 research, 2 a university or hospital.
        "actors": [
            [
                round(a.place.lat, 4),
                round(a.place.lon, 4),
                0 if a.type is ActorType.COMPANY else 1 if a.type is ActorType.RESEARCH_INSTITUTE else 2,
            ]
            for a in actors
        ],
        "figures": key_figures(cluster, dataset),
        "focus": _both(lambda lang: [text(dataset.focus_areas[area].label, lang) for area in cluster.focus_areas]),
        "named": [a.name for a in named[:NAMED_ACTORS]],
    }


def _theme_entry(theme_id: str, dataset: Dataset) -> dict:
    theme = dataset.themes[theme_id]

    def fact(project, lang: str) -> str:
        section = project_section(project, dataset, lang)
        if section.size:
            return section.size
        if section.since:
            return t("booth.since", lang, year=section.since)
        return section.facts[0].text if section.facts else ""

    return {
        "label": _both(lambda lang: text(theme.label, lang)),
        "colour": _colour(theme_id),
        "projects": [
            {
                "name": p.name,
                "place": p.place.city,
                "point": [p.place.lat, p.place.lon] if p.place.lat is not None else None,
                "fact": _both(lambda lang, p=p: fact(p, lang)),
            }
            for p in dataset.projects_by_theme[theme_id]
        ],
    }


def tour_document(dataset: Dataset) -> dict:
    """Everything a tour over this dataset can show, in both languages: the overview's totals and
    dots, each cluster (region outline, actors, key figures, focus areas), each theme's projects,
    and the words of the tour's own controls."""
    current = Counter(a.type for a in dataset.actors.values() if a.is_current)
    active = [c for c in dataset.clusters.values() if c.is_active]
    totals = [
        (len(active), "booth.total_clusters"),
        (current[ActorType.COMPANY], "booth.total_companies"),
        (current[ActorType.RESEARCH_INSTITUTE], "booth.total_institutes"),
        (dataset.figure_count(), "booth.total_figures"),
    ]
    themes = list(dataset.projects_by_theme)
    words = (
        "overview_title",
        "overview_note",
        "again",
        "loading",
        "explore",
        "back",
        "chooser_title",
        "chooser_clusters",
        "chooser_themes",
        "overview",
        "other_language",
        "progress",
        "qr",
        "lighthouses",
        "named",
        "more",
        "frame_title",
        "map_overview",
        "map_cluster",
        "map_theme",
        "legend_companies",
        "legend_research",
        "legend_higher",
    )
    return {
        "attribution": ATTRIBUTION,
        "germany": germany_bounds(),
        "words": {lang: {word: t(f"booth.{word}", lang) for word in words} for lang in LANGUAGES},
        "totals": [
            _figure(_both(lambda lang, n=n: format_number(n, lang)), _both(lambda lang, k=k: t(k, lang)))
            for n, k in totals
        ],
        "legend": [
            {"colour": _colour(x), "label": _both(lambda lang, x=x: text(dataset.themes[x].label, lang))}
            for x in themes
        ],
        "dots": [
            {"id": c.id, "point": [c.seat.lat, c.seat.lon], "colour": _colour(main_theme(c, dataset))}
            for c in active
            if c.seat.lat is not None
        ],
        "clusters": {c.id: _cluster_entry(c, dataset) for c in dataset.clusters.values()},
        "themes": {x: _theme_entry(x, dataset) for x in themes},
    }


def document_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@lru_cache(maxsize=256)
def qr_png(url: str, scale: int = 6) -> bytes | None:
    """A QR code made offline (segno), as PNG bytes; None when the address does not fit in one."""
    buffer = io.BytesIO()
    try:
        segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    except segno.DataOverflowError:
        return None
    return buffer.getvalue()


def qr_codes(slides: tuple[Slide, ...], view: BoothView) -> dict[str, dict[str, dict[str, str]]]:
    """Per cluster slide and language, the profile's address and its QR code as a data URL; empty
    without a base address the operator allowed."""
    codes: dict[str, dict[str, dict[str, str]]] = {}
    for slide in slides:
        for lang in LANGUAGES:
            url = view.profile_url(slide.ref, lang) if slide.kind == "cluster" else None
            png = qr_png(url) if url else None
            if png:
                image = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
                codes.setdefault(slide.ref, {})[lang] = {"url": url, "image": image}
    return codes


def tour_settings(slides: tuple[Slide, ...], view: BoothView, data_url: str | None, lang: str) -> dict:
    """What the page hands to the tour: where its data is, the slides, the timing, the language
    ("auto": English and German from loop to loop) and the QR codes."""
    return {
        "data": data_url,
        "states": STATES_URL,
        "slides": [slide.key for slide in slides],
        "dwell": view.dwell,
        "idle": view.idle,
        "lang": "auto" if view.alternate else lang,
        "qr": qr_codes(slides, view),
    }


def settings_script(settings: dict) -> str:
    """The settings as JSON that is safe inside a <script type="application/json"> element: no
    `</script>` or `<!--` can end it early, whatever an id or address holds."""
    return (
        json.dumps(settings, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
