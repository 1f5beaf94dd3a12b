"""The atlas map, made the way streamlit-folium is meant to be used: a base map that no filter
changes (state boundaries, coastal waters, place names, districts from zoom 8, attribution) and
the layers of a filter state (actors, lighthouse projects, clusters) passed as
`feature_group_to_add`. A filter change then swaps the layers in the browser instead of drawing a
new map. No Streamlit here.

The Leaflet code lives in static/atlas/atlas.js; each element here renders one call into it
with its data as JSON (`script_json`). Names from data reach the browser only as text: the
cluster tooltips are escaped HTML (folium's GeoJsonTooltip sets them as innerHTML), actor and
project tooltips are made with `textContent`. No folium Popup: it needs jQuery.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from typing import ClassVar

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.utilities import JsCode, get_obj_in_upper_tree
from jinja2 import Template

import geodata
from clusters import Actor, Cluster, Dataset, Figure, Qualifier
from clusters.filters import Selection, main_theme
from presentation.catalogue import t
from presentation.colours import THEME_COLOURS
from presentation.formatters import figure_words

from .offline import ATLAS_CSS, ATLAS_JS, MARKERCLUSTER_CSS, MARKERCLUSTER_DEFAULT_CSS, MARKERCLUSTER_JS, OfflineMap

NO_THEME_COLOUR = "#6b6b6b"
ACTOR_TYPE_COLOURS: dict[str, str] = {
    "company": "#0072B2",
    "university": "#009E73",
    "university_of_applied_sciences": "#117733",
    "university_hospital": "#D55E00",
    "hospital": "#E69F00",
    "research_institute": "#CC79A7",
    "network": "#56B4E9",
    "public_body": "#555555",
    "technology_park": "#8c564b",
}
MIN_RADIUS, MAX_RADIUS = 7.0, 30.0
DISTRICT_MIN_ZOOM = 8
BASE_PANE, LABEL_PANE = "atlasBase", "atlasLabels"
"""Leaflet panes made by atlas.js `baseDetail`: the states, water and district lines (z-index 250)
and the place names (350, never taking pointer events), both under the circles and markers (400)."""
PLACE_MIN_ZOOM = {1: 5, 2: 7, 3: DISTRICT_MIN_ZOOM}
"""From which zoom each rank of places.json is named: state capitals always (the Germany view is
zoom 5 to 6), the other district-free cities from 7, the districts together with their lines."""


REGION_STYLE = {"color": "#0b6e4f", "weight": 2.5, "dashArray": "6 4", "fillColor": "#0b6e4f", "fillOpacity": 0.08}
"""The selected cluster's region: a dashed outline with a faint fill, under the markers."""


def script_json(value) -> str:
    """JSON to paste into a script: `<`, `>` and `&` as \\u escapes, so a name such as
    `</script><img onerror=…>` cannot end the script wherever the HTML parser sees it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class CircleStyle:
    radius: float
    fill_opacity: float
    weight: float
    dash_array: str | None


def circle_style(figure: Figure | None, largest: float) -> CircleStyle:
    """Area proportional to the figure. Bounds are drawn as bounds, never as if exact:
    a lower bound (`>`) is an open ring, an upper bound (`<`) a dashed ring,
    an approximate value (`~`) a lighter disc; unknown is the smallest dotted ring."""
    if figure is None or largest <= 0:
        return CircleStyle(MIN_RADIUS, 0.0, 1.5, "2 3")
    share = math.sqrt(min(figure.value, largest) / largest)
    radius = round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 2)
    if figure.qualifier is Qualifier.MORE_THAN:
        return CircleStyle(radius, 0.12, 3.0, None)
    if figure.qualifier is Qualifier.LESS_THAN:
        return CircleStyle(radius, 0.12, 2.5, "6 4")
    if figure.qualifier is Qualifier.ABOUT:
        return CircleStyle(radius, 0.4, 2.0, None)
    return CircleStyle(radius, 0.7, 2.0, None)


def cluster_colour(cluster: Cluster, dataset: Dataset) -> str:
    theme = main_theme(cluster, dataset)
    return THEME_COLOURS.get(theme, NO_THEME_COLOUR) if theme else NO_THEME_COLOUR


def largest_value(dataset: Dataset, figure_name: str) -> float:
    values = [c.figure(figure_name).value for c in dataset.clusters.values() if c.figure(figure_name)]
    return max(values, default=0.0)


class AtlasCall(JSCSSMixin, MacroElement):
    """One call into static/atlas/atlas.js: `ClusterAtlas.<function>(<target>, <options>)`, the
    target being the parent layer or, with `on_map`, the map."""

    function = ""
    on_map = False
    default_js: ClassVar[list[tuple[str, str]]] = [("cluster_atlas_js", ATLAS_JS)]
    default_css: ClassVar[list[tuple[str, str]]] = [("cluster_atlas_css", ATLAS_CSS)]
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "ClusterAtlas.{{ this.function }}({{ this.target_name() }}, {{ this.options_json }});"
        "{% endmacro %}"
    )

    def __init__(self, options):
        super().__init__()
        self._name = type(self).__name__
        self.options_json = script_json(options)

    def target_name(self) -> str:
        return (get_obj_in_upper_tree(self, folium.Map) if self.on_map else self._parent).get_name()


class ActorLayer(AtlasCall):
    """All actors in one Leaflet.markercluster group, drawn in the browser after the first paint.

    One layer instead of one folium Marker per actor keeps the page small and fast with tens of
    thousands of actors (the benchmark uses 20,000 synthetic ones). With `url`, the rows come
    from a static file of all actors (see `actor_table`) and the call carries only the indices of
    the shown ones (`None`: all), so the map's first paint does not wait for them. Without it,
    the rows are inline."""

    function = "actorLayer"
    default_js: ClassVar[list[tuple[str, str]]] = [("markerclusterjs", MARKERCLUSTER_JS), *AtlasCall.default_js]
    default_css: ClassVar[list[tuple[str, str]]] = [
        ("markerclustercss", MARKERCLUSTER_CSS),
        ("markerclusterdefaultcss", MARKERCLUSTER_DEFAULT_CSS),
        *AtlasCall.default_css,
    ]

    def __init__(
        self,
        types: dict[int, dict],
        rows: list[list] | None = None,
        url: str | None = None,
        shown: list[int] | None = None,
    ):
        super().__init__({"types": types, "url": url, "shown": shown} if url else {"types": types, "rows": rows or []})


class ProjectMarkers(AtlasCall):
    """Lighthouse projects as ◆ markers made in the browser from rows [lat, lon, label, id]: one
    element instead of a folium Marker, DivIcon and Tooltip per project, each of which folium
    would render as a template of its own on every run."""

    function = "projectLayer"


class BaseDetail(AtlasCall):
    """What no filter changes: the panes, the BKG attribution, and from static files the states
    (named in the page's language), after the first paint the coastal waters and Lake Constance,
    the place names (by zoom, PLACE_MIN_ZOOM) and the district lines (from DISTRICT_MIN_ZOOM on,
    fetched on first need). Static files rather than the map script: the script goes to every
    visitor on every rerun and is rendered by the server each time, a file once per browser."""

    function = "baseDetail"
    on_map = True

    def __init__(self, lang: str):
        super().__init__(
            {
                "panes": {"base": BASE_PANE, "labels": LABEL_PANE},
                "attribution": {"text": geodata.ATTRIBUTION, "url": geodata.ATTRIBUTION_URL},
                "states": {"url": geodata.STATES_URL, "nameField": "name" if lang == "de" else "name_en"},
                "water": {"url": geodata.WATER_URL},
                "districts": {"url": geodata.DISTRICTS_URL, "minZoom": DISTRICT_MIN_ZOOM},
                "places": {"url": geodata.PLACES_URL, "minZoom": PLACE_MIN_ZOOM},
            }
        )


class MapControlsText(AtlasCall):
    """Names in the page's language for what a keyboard reaches in the map: the map itself
    (Leaflet makes it focusable for arrow-key panning but leaves it unnamed) and the zoom buttons
    (Leaflet names them in English). The map is made with `zoom_control=False`; this adds them."""

    function = "mapControls"
    on_map = True

    def __init__(self, lang: str):
        super().__init__(
            {
                "label": t("atlas.map_label", lang),
                "zoomIn": t("atlas.zoom_in", lang),
                "zoomOut": t("atlas.zoom_out", lang),
            }
        )


class LayersControlText(AtlasCall):
    """The layer switch's name in the page's language; a child of the LayerControl."""

    function = "layersControl"

    def __init__(self, lang: str):
        super().__init__({"label": t("atlas.layers", lang)})


class FitView(AtlasCall):
    """Fits the map to what a filter leaves (`view_bounds`) when that view changes."""

    function = "fitView"
    on_map = True

    def __init__(self, bounds: dict):
        super().__init__(
            {"bounds": bounds["bounds"], "padding": bounds.get("padding"), "maxZoom": bounds.get("max_zoom")}
        )


def cluster_tooltip(cluster: Cluster, figure_name: str, lang: str) -> str:
    """The circle's tooltip as escaped HTML: GeoJsonTooltip puts it into the page as innerHTML."""
    figure = cluster.figure(figure_name)
    return html.escape(f"{cluster.name} — {t(f'col.{figure_name}', lang)}: {figure_words(figure, lang)}")


def cluster_features(dataset: Dataset, selection: Selection, size_by: str, lang: str) -> dict:
    """The selected clusters as GeoJSON points with their circle's style in the properties. Large
    circles come first, so small ones stay clickable on top. A click returns the feature:
    `properties.cluster` is the id."""
    largest = largest_value(dataset, size_by)
    ordered = sorted(selection.clusters, key=lambda c: -(c.figure(size_by).value if c.figure(size_by) else 0))
    features = []
    for cluster in ordered:
        style = circle_style(cluster.figure(size_by), largest)
        features.append(
            {
                "type": "Feature",
                "id": cluster.id,
                "geometry": {"type": "Point", "coordinates": [cluster.seat.lon, cluster.seat.lat]},
                "properties": {
                    "cluster": cluster.id,
                    "tooltip": cluster_tooltip(cluster, size_by, lang),
                    "colour": cluster_colour(cluster, dataset),
                    "radius": style.radius,
                    "fill_opacity": style.fill_opacity,
                    "weight": style.weight,
                    "dash": style.dash_array,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _cluster_circle(feature: dict) -> dict:
    circle = feature["properties"]
    return {
        "radius": circle["radius"],
        "color": circle["colour"],
        "weight": circle["weight"],
        "fill": True,
        "fillColor": circle["colour"],
        "fillOpacity": circle["fill_opacity"],
        "dashArray": circle["dash"],
    }


CLICKABLE = ("cluster", "actor", "project")
"""The feature property each clickable marker carries: the cluster's id, the actor's position in
`actor_table`, the project's id."""


def clicked_item(map_state: dict | None, dataset: Dataset) -> tuple[str, str] | None:
    """(kind, id) of the cluster, actor or project whose marker st_folium returns as
    `last_active_drawing` after a click; None for a click on anything else (a state, a region) or
    on a marker of data that is no longer there."""
    properties = ((map_state or {}).get("last_active_drawing") or {}).get("properties") or {}
    kind = next((kind for kind in CLICKABLE if kind in properties), None)
    value = properties.get(kind)
    if kind == "actor":
        ids = list(dataset.actors)
        return ("actor", ids[value]) if isinstance(value, int) and 0 <= value < len(ids) else None
    records = {"cluster": dataset.clusters, "project": dataset.projects}.get(kind, {})
    return (kind, value) if isinstance(value, str) and value in records else None


ACTOR_TYPE_INDEX = {value: i for i, value in enumerate(ACTOR_TYPE_COLOURS)}


def actor_row(actor: Actor, index: int) -> list:
    """[lat, lon, type, name, city, position in the dataset]: the position is what a click returns."""
    return [actor.place.lat, actor.place.lon, ACTOR_TYPE_INDEX[actor.type.value], actor.name, actor.place.city, index]


def actor_types(lang: str) -> dict[int, dict]:
    return {
        i: {"colour": ACTOR_TYPE_COLOURS[value], "label": t(f"actor_type.{value}", lang)}
        for value, i in ACTOR_TYPE_INDEX.items()
    }


def actor_table(dataset: Dataset) -> bytes:
    """Every actor of the dataset as the rows the actor layer draws (JSON, any language)."""
    rows = [actor_row(actor, i) for i, actor in enumerate(dataset.actors.values())]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def shown_actor_indices(dataset: Dataset, selection: Selection) -> list[int] | None:
    """Positions in `actor_table` of the selected actors; None when all are shown."""
    if len(selection.actors) == len(dataset.actors):
        return None
    position = {actor_id: i for i, actor_id in enumerate(dataset.actors)}
    return [position[actor.id] for actor in selection.actors]


def view_bounds(dataset: Dataset, selection: Selection) -> dict:
    """Arguments for fit_bounds: all of Germany, or what a filter leaves
    (a state filter should show that state, not the whole country with a few dots)."""
    (south, west), (north, east) = geodata.germany_bounds()
    # Every cluster and project shown: no filter narrows the view (a type or kind filter narrows
    # the actors only, and the default view leaves out past actors and other higher-education sites).
    unfiltered = len(selection.clusters) == len(dataset.clusters) and len(selection.projects) == len(dataset.projects)
    points = [(c.seat.lat, c.seat.lon) for c in selection.clusters]
    points += [(item.place.lat, item.place.lon) for item in (*selection.actors, *selection.projects)]
    if unfiltered or not points:
        return {"bounds": [[south, west], [north, east]]}
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    return {"bounds": [[min(lats), min(lons)], [max(lats), max(lons)]], "padding": (40, 40), "max_zoom": 9}


def base_map(lang: str, online_tiles: bool = False) -> OfflineMap:
    """The part of the map that no filter changes, so its script (and st_folium's key, a hash of
    it) stays the same while the filters change: the browser keeps the map. A new one each run:
    st_folium adds the layers to the map it is given."""
    (south, west), (north, east) = geodata.germany_bounds()
    fmap = OfflineMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=6,
        min_zoom=5,
        max_zoom=13,
        control_scale=True,
        prefer_canvas=False,
        zoom_control=False,
    )  # MapControlsText adds it
    fmap.fit_bounds([[south, west], [north, east]])
    BaseDetail(lang).add_to(fmap)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name=t("atlas.layer_online", lang), overlay=False, show=False).add_to(fmap)
    MapControlsText(lang).add_to(fmap)
    return fmap


def filter_layers(
    dataset: Dataset,
    selection: Selection,
    size_by: str,
    lang: str,
    actors_url: str | None = None,
    selected: str | None = None,
) -> list[folium.FeatureGroup]:
    """The layers of one filter state, for st_folium's `feature_group_to_add`; deterministic for the
    same inputs (a changed script would redraw the layers on every rerun, streamlit-folium #239).

    `actors_url`: where `actor_table(dataset)` is served; without it the actors are inline.
    `selected`: the selected cluster, whose region is outlined under everything else."""
    region = folium.FeatureGroup(name="region", control=False)
    outline = geodata.region_outline(selected) if selected else None
    if outline is not None:
        folium.GeoJson(outline, style_function=lambda _: REGION_STYLE, interactive=False, control=False).add_to(region)
    actors = folium.FeatureGroup(name="actors", control=False)
    if actors_url:
        ActorLayer(actor_types(lang), url=actors_url, shown=shown_actor_indices(dataset, selection)).add_to(actors)
    else:
        position = {actor_id: i for i, actor_id in enumerate(dataset.actors)}
        rows = [actor_row(actor, position[actor.id]) for actor in selection.actors]
        ActorLayer(actor_types(lang), rows=rows).add_to(actors)

    projects = folium.FeatureGroup(name=t("atlas.layer_projects", lang))
    ProjectMarkers(
        [[p.place.lat, p.place.lon, f"{t('atlas.project', lang)}: {p.name}", p.id] for p in selection.projects]
    ).add_to(projects)

    clusters = folium.FeatureGroup(name=t("atlas.layer_clusters", lang))
    circles = cluster_features(dataset, selection, size_by, lang)
    if circles["features"]:  # GeoJsonTooltip refuses data without its field
        folium.GeoJson(
            circles,
            marker=folium.CircleMarker(),
            style_function=_cluster_circle,
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
            on_each_feature=JsCode("ClusterAtlas.countClicks"),
            control=False,
        ).add_to(clusters)
    FitView(view_bounds(dataset, selection)).add_to(clusters)
    return [region, actors, projects, clusters]  # region first (underneath), clusters last (on top)


def layer_control(lang: str) -> folium.LayerControl:
    """For st_folium's `layer_control`: it lists the layers passed as feature groups too."""
    control = folium.LayerControl(collapsed=True)
    LayersControlText(lang).add_to(control)
    return control


def atlas_map_args(
    dataset: Dataset,
    selection: Selection,
    size_by: str,
    lang: str,
    online_tiles: bool = False,
    actors_url: str | None = None,
    selected: str | None = None,
) -> dict:
    """st_folium's arguments for the atlas map of one view: `fig`, `feature_group_to_add` and,
    with the online tiles (the only layer choice a reader needs a switch for), `layer_control`."""
    return {
        "fig": base_map(lang, online_tiles),
        "feature_group_to_add": filter_layers(dataset, selection, size_by, lang, actors_url, selected),
        "layer_control": layer_control(lang) if online_tiles else None,
    }
