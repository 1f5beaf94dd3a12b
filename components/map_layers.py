"""The atlas map: boundaries as base map, clusters as sized circles, actors in one clustered
layer, lighthouse projects with their own marker. No Streamlit here; the page caches the result.

Names from data reach the browser only as text: folium tooltips get `markup_text`, which escapes
HTML and the characters of the JavaScript template literal folium wraps them in, and the actor
layer builds its tooltips with `textContent`, never `innerHTML`. No folium Popup: it needs jQuery.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
from collections import OrderedDict
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

import geodata
from clusters import Cluster, Dataset, Figure, Qualifier
from clusters.filters import Selection, main_theme

from .i18n import figure_words, t
from .offline import MARKERCLUSTER_CSS, MARKERCLUSTER_DEFAULT_CSS, MARKERCLUSTER_JS, OfflineMap

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
THEME_COLOURS: dict[str, str] = {
    "digital-health": "#0072B2",
    "green-health": "#009E73",
    "managed-care": "#CC79A7",
    "life-science": "#D55E00",
    "medtech": "#E69F00",
}
NO_THEME_COLOUR = "#6b6b6b"
ACTOR_TYPE_COLOURS: dict[str, str] = {
    "company": "#0072B2",
    "university": "#009E73",
    "university_hospital": "#D55E00",
    "hospital": "#E69F00",
    "research_institute": "#CC79A7",
    "network": "#56B4E9",
    "public_body": "#555555",
    "technology_park": "#8c564b",
}
PROJECT_COLOUR = "#111111"
MIN_RADIUS, MAX_RADIUS = 7.0, 30.0
DISTRICT_MIN_ZOOM = 8


def markup_text(value: str) -> str:
    """Text that stays text inside folium's `bindTooltip(`...`)`: HTML-escaped, and no backtick,
    `${` or backslash that could end or interpolate the JavaScript template literal."""
    return html.escape(value).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


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


class ActorLayer(JSCSSMixin, MacroElement):
    """All actors as one compact array, drawn by Leaflet.markercluster in the browser.

    One layer instead of one folium Marker per actor keeps the page small and fast with
    tens of thousands of actors (the benchmark uses 20,000 synthetic ones)."""

    default_js = [("markerclusterjs", MARKERCLUSTER_JS)]
    default_css = [("markerclustercss", MARKERCLUSTER_CSS), ("markerclusterdefaultcss", MARKERCLUSTER_DEFAULT_CSS)]
    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    var rows = {{ this.rows_json }};
    var types = {{ this.types_json }};
    var group = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45,
                                      showCoverageOnHover: false});
    var markers = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
        var row = rows[i], type = types[row[2]];
        var marker = L.circleMarker([row[0], row[1]], {radius: 6, color: "#ffffff", weight: 1.5,
                                                        fillColor: type.colour, fillOpacity: 0.95});
        var tip = document.createElement("span");
        tip.textContent = row[3] + " · " + type.label + " · " + row[4];
        marker.bindTooltip(tip);
        markers[i] = marker;
    }
    group.addLayers(markers);
    {{ this._parent.get_name() }}.addLayer(group);
    return group;
})();
{% endmacro %}
""")

    def __init__(self, rows: list[list], types: dict[int, dict]):
        super().__init__()
        self._name = "ActorLayer"
        self.rows_json = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        self.types_json = json.dumps(types, ensure_ascii=False, separators=(",", ":"))


class BoundaryDetail(MacroElement):
    """District lines appear from zoom DISTRICT_MIN_ZOOM on; fetched from static files on first
    need, so the first page load stays light. Also adds the BKG attribution to the map."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    map.attributionControl.setPrefix(false);
    var link = document.createElement("a");
    link.href = {{ this.attribution_url|tojson }};
    link.target = "_blank";
    link.textContent = {{ this.attribution|tojson }};
    map.attributionControl.addAttribution(link.outerHTML);
    var districts = null, loading = false;
    function update() {
        var wanted = map.getZoom() >= {{ this.min_zoom }};
        if (wanted && !districts && !loading) {
            loading = true;
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
                districts = L.geoJSON(data, {interactive: false,
                    style: {color: "#8a8a8a", weight: 0.6, fill: false}});
                update();
            });
        }
        if (districts) {
            if (wanted && !map.hasLayer(districts)) { districts.addTo(map); districts.bringToBack(); }
            if (!wanted && map.hasLayer(districts)) { map.removeLayer(districts); }
        }
    }
    map.on("zoomend", update);
    update();
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "BoundaryDetail"
        self.attribution = geodata.ATTRIBUTION
        self.attribution_url = geodata.ATTRIBUTION_URL
        self.url = geodata.DISTRICTS_URL
        self.min_zoom = DISTRICT_MIN_ZOOM


def _states_layer(lang: str) -> folium.GeoJson:
    name_field = "name" if lang == "de" else "name_en"
    return folium.GeoJson(
        geodata.states_geojson(),
        name=t("atlas.layer_states", lang),
        style_function=lambda _: {"color": "#7a7a7a", "weight": 1, "fillColor": "#eef2ee", "fillOpacity": 1},
        highlight_function=lambda _: {"fillColor": "#dfe8df", "weight": 1.5},
        tooltip=folium.GeoJsonTooltip(fields=[name_field], labels=False),
        control=False,
    )


def cluster_tooltip(cluster: Cluster, figure_name: str, lang: str) -> str:
    figure = cluster.figure(figure_name)
    return markup_text(f"{cluster.name} — {t(f'col.{figure_name}', lang)}: {figure_words(figure, lang)}")


def actor_rows(selection: Selection, lang: str) -> tuple[list[list], dict[int, dict]]:
    type_index = {value: i for i, value in enumerate(ACTOR_TYPE_COLOURS)}
    rows = [[a.place.lat, a.place.lon, type_index[a.type.value], a.name, a.place.city] for a in selection.actors]
    types = {i: {"colour": ACTOR_TYPE_COLOURS[value], "label": t(f"actor_type.{value}", lang)}
             for value, i in type_index.items()}
    return rows, types


def build_map(dataset: Dataset, selection: Selection, size_by: str, lang: str,
              online_tiles: bool = False) -> folium.Map:
    """The whole atlas map for one filter state; deterministic for the same inputs."""
    (south, west), (north, east) = geodata.germany_bounds()
    fmap = OfflineMap(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, min_zoom=5, max_zoom=13,
                      control_scale=True, prefer_canvas=False)
    fmap.fit_bounds([[south, west], [north, east]])
    states = _states_layer(lang)
    states.add_to(fmap)
    BoundaryDetail().add_to(fmap)

    if online_tiles:
        folium.TileLayer("OpenStreetMap", name=t("atlas.layer_online", lang), overlay=False, show=False).add_to(fmap)

    rows, types = actor_rows(selection, lang)
    actors = ActorLayer(rows, types)
    actors.add_to(fmap)

    projects = folium.FeatureGroup(name=t("atlas.layer_projects", lang))
    for index, project in enumerate(selection.projects):
        marker = folium.Marker(
            [project.place.lat, project.place.lon],
            icon=folium.DivIcon(html='<div class="atlas-project">◆</div>', icon_size=(18, 18), icon_anchor=(9, 9)),
            tooltip=folium.Tooltip(markup_text(f"{t('atlas.project', lang)}: {project.name}")),
        )
        marker.add_to(projects)
    projects.add_to(fmap)

    largest = largest_value(dataset, size_by)
    circles = folium.FeatureGroup(name=t("atlas.layer_clusters", lang))
    ordered = sorted(selection.clusters, key=lambda c: -(c.figure(size_by).value if c.figure(size_by) else 0))
    for cluster in ordered:  # large circles first, so small ones stay clickable on top
        style = circle_style(cluster.figure(size_by), largest)
        colour = cluster_colour(cluster, dataset)
        marker = folium.CircleMarker(
            [cluster.seat.lat, cluster.seat.lon], radius=style.radius, color=colour, weight=style.weight,
            fill=True, fill_color=colour, fill_opacity=style.fill_opacity, dash_array=style.dash_array,
            tooltip=folium.Tooltip(cluster_tooltip(cluster, size_by, lang)),
        )
        marker.add_to(circles)
    circles.add_to(fmap)

    style = folium.Element("<style>.atlas-project{color:#111;font-size:18px;line-height:18px;"
                           "text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff}</style>")
    fmap.get_root().header.add_child(style, name="atlas_style")
    if online_tiles:
        folium.LayerControl(collapsed=True).add_to(fmap)
    stabilise_ids(fmap)
    return fmap


def stabilise_ids(fmap: folium.Map) -> None:
    """Replace folium's random element ids by ids derived from the position in the tree, so the
    same filter state renders the same HTML (streamlit-folium #239). They keep folium's shape
    (32 hex digits): streamlit-folium rewrites ids by pattern and short ones would collide."""
    counter = itertools.count()

    def stable_id() -> str:
        return hashlib.md5(f"atlas-{next(counter)}".encode()).hexdigest()

    def renumber(element) -> None:
        children = list(element._children.values())
        element._children = OrderedDict()
        for child in children:
            child._id = stable_id()
            element._children[child.get_name()] = child
            renumber(child)

    fmap._id = stable_id()
    renumber(fmap)


def cluster_from_click(clicked_tooltip: str | None, selection: Selection, size_by: str, lang: str) -> str | None:
    """Which cluster a click on the map meant, from the tooltip text streamlit-folium returns."""
    if not clicked_tooltip:
        return None
    clicked = " ".join(html.unescape(clicked_tooltip).split())
    for cluster in selection.clusters:
        if clicked == " ".join(html.unescape(cluster_tooltip(cluster, size_by, lang)).split()):
            return cluster.id
    return None
