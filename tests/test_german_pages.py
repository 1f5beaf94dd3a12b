"""AppTest: a German page shows no English of the app's own (issue 11).

Every text a visitor sees — Markdown, captions, titles, alerts, widget labels, placeholders,
help and formatted options, button and expander labels, table headers and text cells, chart
titles, axis, legend and tooltip titles, the map's labels — is collected from the rendered page
and searched for the English texts of the UI catalogue and of the data files' bilingual texts.
The same search on the English page must find them, so an empty collection cannot pass.
"""

from __future__ import annotations

import html
import io
import json
import re
from functools import cache

import pandas as pd
import pypdf
import pytest
from conftest import ROOT, SYNTHETIC_DIR, open_app, shown

from clusters.keeping.upload import template_csv
from clusters.readers.datafiles import load_dataset
from clusters.records.model import Text
from presentation.catalogue import CATALOGUE, t
from presentation.cluster_section import figure_sources_table
from presentation.pdf import profile_pdf

PAGES = {
    "atlas": (None, {}),
    "atlas-selected": (None, {"cluster": "beta-health"}),
    "benchmark": ("benchmark", {}),
    "benchmark-upload": ("benchmark", {}),
    "lighthouses": ("lighthouses", {}),
    "profile-beta": ("profile", {"cluster": "beta-health"}),
    "profile-delta": ("profile", {"cluster": "delta-life"}),
    "clusters": ("clusters", {}),
    "booth": ("booth", {}),
    "data": ("data", {}),
}
# The kinds of element in which the English page must show catalogue texts: proof that the
# collection reads them (an element kind it missed would let English through unseen).
ENGLISH_KINDS = {
    "atlas": {
        "heading",
        "caption",
        "markdown",
        "multiselect",
        "text_input",
        "toggle",
        "button",
        "button_group",
        "component_instance",
    },
    "benchmark": {
        "heading",
        "caption",
        "dataframe",
        "expander",
        "multiselect",
        "selectbox",
        "file_uploader",
        "download_button",
        "chart",
    },
    "lighthouses": {"heading", "caption", "markdown", "dataframe", "expander", "info", "multiselect"},
    "profile-beta": {"heading", "caption", "markdown", "dataframe", "download_button", "chart"},
    "clusters": {"heading", "caption", "dataframe", "selectbox", "text_input", "toggle"},
    "booth": {"iframe"},
    "data": {"heading", "caption", "markdown", "dataframe", "download_button"},
}
ENGLISH_KINDS |= {
    "atlas-selected": ENGLISH_KINDS["atlas"] | {"dataframe"},
    "benchmark-upload": ENGLISH_KINDS["benchmark"] | {"success"},
    "profile-delta": ENGLISH_KINDS["profile-beta"] - {"chart"},
}
_HEADINGS = {"title", "header", "subheader"}
_CODE_NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")

# Proto fields that hold addresses, ids or payloads rather than text (the chart spec, the map
# script and table data are read on their own below).
_NOT_TEXT = {
    "id",
    "form_id",
    "url",
    "src",
    "spec",
    "json_args",
    "data",
    "type",
    "icon",
    "query_param_key",
    "component_name",
    "default",
    "value",
    "width_config",
    "height_config",
    "theme",
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_EDGES = " \t\n.,;:·—–-()[]„“”\"'‘’*"
# Encoding channels whose title a reader sees (axes, legends, tooltips); without a title
# Vega-Lite shows the data frame's column name there, which is English.
_TITLED_CHANNELS = {
    "x",
    "y",
    "x2",
    "y2",
    "color",
    "fill",
    "stroke",
    "size",
    "shape",
    "opacity",
    "strokeDash",
    "theta",
    "radius",
    "tooltip",
    "row",
    "column",
    "facet",
}


def _data_texts() -> list[Text]:
    found: list[Text] = []

    def walk(value) -> None:
        if isinstance(value, Text):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif hasattr(value, "__pydantic_fields__"):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    # The pages show the synthetic data (tests/conftest.py), so its bilingual texts are the ones to find.
    data = load_dataset(SYNTHETIC_DIR)
    for records in (
        data.clusters,
        data.actors,
        data.projects,
        data.initiatives,
        data.focus_areas,
        data.themes,
        data.sources,
    ):
        walk(records)
    return found


def _forms(text) -> list[str]:
    """A text, or its plural forms (`one`, `other`) in that order."""
    return [text["one"], text["other"]] if isinstance(text, dict) else [text]


@cache
def english_fragments() -> dict[str, str]:
    """Fragment -> where it comes from: the English of each catalogue text and data `Text` whose
    German differs, cut at its {placeholders}; fragments of at least two words or eight letters
    that no German text contains (a proper name or "dl-de/by-2-0" is shared, not English)."""
    pairs = [
        (key, english, german)
        for key, texts in CATALOGUE.items()
        for english, german in zip(_forms(texts["en"]), _forms(texts["de"]), strict=True)
    ]
    pairs += [(f"data: {value.en[:40]}", value.en, value.de) for value in _data_texts()]
    german = "\n".join(de for _, _, de in pairs).casefold()
    fragments: dict[str, str] = {}
    for origin, en, de in pairs:
        if en == de:
            continue
        for part in _PLACEHOLDER.split(en):
            part = " ".join(part.split()).strip(_EDGES)
            long_enough = len(part.split()) >= 2 or sum(ch.isalpha() for ch in part) >= 8
            if long_enough and part.casefold() not in german:
                fragments.setdefault(part, origin)
    return fragments


@cache
def _fragment_pattern(fragment: str) -> re.Pattern:
    start = r"(?<!\w)" if fragment[0].isalnum() else ""
    end = r"(?!\w)" if fragment[-1].isalnum() else ""
    return re.compile(start + re.escape(fragment) + end, re.IGNORECASE)


def _proto_strings(message) -> list[str]:
    found = []
    for field, value in message.ListFields():
        if field.name in _NOT_TEXT:
            continue
        values = list(value) if field.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                found.append(item)
            elif hasattr(item, "ListFields"):
                found.extend(_proto_strings(item))
    return found


def _frame_strings(frame: pd.DataFrame) -> list[str]:
    cells = [str(c) for c in frame.columns]
    for column in frame.columns:
        cells += [v for v in frame[column] if isinstance(v, str)]
    return cells


def _titles(value, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, list):
        found.extend(v for v in value if isinstance(v, str))
    elif isinstance(value, dict):
        _titles(value.get("text"), found)
        _titles(value.get("subtitle"), found)


def _channel_texts(channel: str, item: dict, found: list[str], untitled: list[str]) -> None:
    if "field" in item and channel in _TITLED_CHANNELS:
        if "title" in item:
            _titles(item["title"], found)
        else:
            untitled.append(str(item["field"]))
    for part in ("axis", "legend", "header"):
        if isinstance(item.get(part), dict):
            _titles(item[part].get("title"), found)


def _walk_chart(node, found: list[str], untitled: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_chart(item, found, untitled)
        return
    if not isinstance(node, dict):
        return
    _titles(node.get("title"), found)
    for channel, definition in (node.get("encoding") or {}).items():
        for item in definition if isinstance(definition, list) else [definition]:
            if isinstance(item, dict):
                _channel_texts(channel, item, found, untitled)
    for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
        _walk_chart(node.get(key), found, untitled)


def chart_texts(spec: dict) -> tuple[list[str], list[str]]:
    """Titles, subtitles, axis, legend and tooltip titles of a Vega-Lite spec; and the fields of
    channels without a title, whose column name Vega-Lite shows instead."""
    found: list[str] = []
    untitled: list[str] = []
    _walk_chart(spec, found, untitled)
    return found, untitled


def _script_texts(script: str) -> list[str]:
    """The string literals of a script; its names (`document`) are code, not text."""
    found = re.findall(r"`([^`]*)`", script)
    for literal in re.findall(r'"(?:[^"\\\n]|\\.)*"', script):
        try:
            found.append(json.loads(literal))
        except ValueError:
            found.append(literal)
    return [text for text in found if isinstance(text, str)]


def map_texts(args) -> list[str]:
    """The texts of a component such as the folium map, from its arguments: layer names,
    tooltips, state names, actor and project rows in its script, and the text of its HTML."""
    found: list[str] = []

    def walk(value, key: str = "") -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            if key == "script":
                found.extend(_script_texts(value))
                return
            for script in re.findall(r"<script[^>]*>(.*?)</script>", value, flags=re.S):
                found.extend(_script_texts(script))
            found.append(re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", value, flags=re.S))

    walk(args)
    return [re.sub(r"<[^>]*>", " ", text) for text in found]


def tour_texts(page: str) -> list[str]:
    """What the booth's tour shows in its page's language: the frame's title and first heading,
    and from its data file the texts of that language, the names and the tour's own words."""
    lang = re.search(r'<html lang="(\w+)">', page).group(1)
    texts = re.findall(r"<title>(.*?)</title>|<h1[^>]*>(.*?)</h1>", page)
    found = [html.unescape(a or b) for a, b in texts]
    settings = json.loads(re.search(r'type="application/json">(.*?)</script>', page, re.S).group(1))
    document = json.loads((ROOT / settings["data"].removeprefix("/app/")).read_text(encoding="utf-8"))

    def walk(value, key=None) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name in ("en", "de"):
                    if name == lang:
                        walk(item, name)
                elif name not in ("outline", "bounds", "colour", "id", "point", "seat", "actors", "germany"):
                    walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            found.append(value)

    walk(document)
    return found


def page_texts(at) -> list[tuple[str, str]]:
    """(element kind, text) for everything the page shows."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        kind = getattr(node, "type", type(node).__name__)
        kind = "heading" if kind in _HEADINGS else kind
        proto = getattr(node, "proto", None)
        if kind == "dataframe":
            found.extend((kind, text) for text in _frame_strings(node.value))
            # A header such as `x_label` is the code's column name, shown untranslated.
            found.extend(("frame_column_name", str(c)) for c in node.value.columns if _CODE_NAME.fullmatch(str(c)))
        elif kind == "vega_lite_chart":
            titles, untitled = chart_texts(json.loads(proto.spec))
            found.extend(("chart", text) for text in titles)
            found.extend(("chart_column_name", field) for field in untitled)
            found.extend(("chart", text) for text in _proto_strings(proto))
        elif kind == "component_instance":
            found.extend((kind, text) for text in map_texts(json.loads(proto.json_args)))
        elif kind == "iframe":
            found.extend((kind, text) for text in tour_texts(proto.srcdoc))
        elif proto is not None and hasattr(proto, "ListFields"):
            found.extend((kind, shown(text)) for text in _proto_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


@cache
def proper_names() -> frozenset[str]:
    """Names from the data ("KLU Kühne Logistics University"): an organisation's own name is not
    English of ours, whatever language it is in."""
    data = load_dataset(SYNTHETIC_DIR)
    records = [*data.actors.values(), *data.clusters.values(), *data.projects.values(), *data.initiatives.values()]
    return frozenset(record.name for record in records)


def english_on(texts: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Catalogue fragment -> the shown texts it occurs in."""
    hits: dict[str, list[str]] = {}
    names = proper_names()
    for fragment in english_fragments():
        pattern = _fragment_pattern(fragment)
        for kind, text in texts:
            if text not in names and pattern.search(text):
                hits.setdefault(fragment, []).append(f"{kind}: {text[:160]}")
    return hits


def render(name: str, lang: str):
    page, query = PAGES[name]
    at = open_app(page, lang=lang, **query)
    if page == "benchmark":  # the figures' sources, drawn only while open
        at.session_state["bench_sources"] = True
        at.run()
    if name == "benchmark-upload":  # "your" rows, their notes and sources
        at.file_uploader(key="bench_upload").set_value(("mine.csv", template_csv().encode(), "text/csv")).run()
        assert not at.error
    assert not at.exception, at.exception
    return at


def _report(hits: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{fragment!r} ({english_fragments()[fragment]}) in {places[:3]}" for fragment, places in hits.items()
    )


@pytest.mark.parametrize("name", PAGES)
def test_german_page_shows_no_english_of_ours(name):
    texts = page_texts(render(name, "de"))
    assert texts
    hits = english_on(texts)
    assert not hits, _report(hits)
    for kind in ("chart_column_name", "frame_column_name"):
        assert not [text for shown_kind, text in texts if shown_kind == kind], kind
    if name == "benchmark-upload":
        everything = "\n".join(text for _, text in texts)
        for german in ("My Cluster e. V. (Ihre Zahlen)", "Ihr Upload mine.csv, Zeile 2", "Ihre eigene Zahl"):
            assert german in everything


@pytest.mark.parametrize("name", PAGES)
def test_the_english_page_shows_the_english_texts(name):
    hits = english_on(page_texts(render(name, "en")))
    kinds = {place.partition(":")[0] for places in hits.values() for place in places}
    assert len(hits) >= 5, hits
    assert ENGLISH_KINDS[name] <= kinds, ENGLISH_KINDS[name] - kinds


@pytest.mark.parametrize("cluster", ["beta-health", "delta-life"])
def test_german_pdf_profile_shows_no_english_of_ours(synthetic, cluster):
    content = {}
    for lang in ("en", "de"):
        pages = pypdf.PdfReader(io.BytesIO(profile_pdf(synthetic, synthetic.clusters[cluster], lang))).pages
        content[lang] = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert len(english_on([("pdf", content["en"])])) >= 5
    hits = english_on([("pdf", content["de"])])
    assert not hits, _report(hits)


def test_figure_notes_follow_the_language(synthetic):
    beta = synthetic.clusters["beta-health"]
    notes = {lang: figure_sources_table(beta, synthetic, lang).iloc[1][t("col.note", lang)] for lang in ("en", "de")}
    assert notes == {"en": "Full-time equivalents.", "de": "Vollzeitäquivalente."}


def test_chart_titles_of_every_channel_are_read():
    spec = {
        "layer": [
            {
                "title": {"text": "T", "subtitle": ["S"]},
                "encoding": {
                    "x": {"field": "value", "title": "X"},
                    "y": {"field": "name"},
                    "text": {"field": "label"},
                    "tooltip": [{"field": "name", "title": "N"}, {"field": "share"}],
                },
            }
        ]
    }
    assert chart_texts(spec) == (["T", "S", "X", "N"], ["name", "share"])


def test_fragments_are_english_only():
    fragments = english_fragments()
    assert "Choose figures" in fragments and "Rank by" in fragments
    assert not any("Cluster-Atlas" in f or "dl-de/by-2-0" in f for f in fragments)
