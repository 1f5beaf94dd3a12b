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
from folium.template import Template as FoliumTemplate
from jinja2 import Template

import geodata
from clusters import Actor, Cluster, Dataset, Figure, Qualifier
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


class ActorLayer(JSCSSMixin, MacroElement):
    """All actors as one compact array, drawn by Leaflet.markercluster in the browser.

    One layer instead of one folium Marker per actor keeps the page small and fast with tens of
    thousands of actors (the benchmark uses 20,000 synthetic ones). With `url`, the rows come
    from a static file of all actors (see `actor_table`) and the map script carries only the
    indices of the shown ones (`null`: all), so the map's first paint does not wait for them.
    Without it, the rows are inline. Either way the markers are made after the first paint and
    tooltips on hover, with `textContent`."""

    default_js = [("markerclusterjs", MARKERCLUSTER_JS)]
    default_css = [("markerclustercss", MARKERCLUSTER_CSS), ("markerclusterdefaultcss", MARKERCLUSTER_DEFAULT_CSS)]
    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45,
                                                 showCoverageOnHover: false});
{{ this._parent.get_name() }}.addLayer({{ this.get_name() }});
(function (group) {
    var types = {{ this.types_json }};
    function tooltip(marker) {
        var row = marker.options.row, tip = document.createElement("span");
        tip.textContent = row[3] + " · " + types[row[2]].label + " · " + row[4];
        return tip;
    }
    function fill(rows) {
        // After the browser has painted the boundaries and circles, not before.
        requestAnimationFrame(function () { setTimeout(function () { addMarkers(rows); }, 0); });
    }
    function addMarkers(rows) {
        var markers = new Array(rows.length);
        for (var i = 0; i < rows.length; i++) {
            var row = rows[i];
            markers[i] = L.circleMarker([row[0], row[1]], {radius: 6, color: "#ffffff", weight: 1.5,
                fillColor: types[row[2]].colour, fillOpacity: 0.95, row: row}).bindTooltip(tooltip);
        }
        group.addLayers(markers);
    }
{%- if this.url %}
    var shown = {{ this.shown_json }};
    fetch({{ this.url|tojson }}).then(function (response) { return response.json(); }).then(function (all) {
        fill(shown === null ? all : shown.map(function (i) { return all[i]; }));
    });
{%- else %}
    fill({{ this.rows_json }});
{%- endif %}
})({{ this.get_name() }});
{% endmacro %}
""")

    def __init__(self, types: dict[int, dict], rows: list[list] | None = None, url: str | None = None,
                 shown: list[int] | None = None):
        super().__init__()
        self._name = "ActorLayer"
        self.types_json = script_json(types)
        self.url = url
        self.shown_json = script_json(shown)
        self.rows_json = script_json(rows or [])


class ProjectLayer(folium.FeatureGroup):
    """Lighthouse projects as ◆ markers made in the browser from one array of [lat, lon, label].

    One element instead of a folium Marker, DivIcon and Tooltip per project: folium renders
    every element's script as a new Jinja template on each run, and those were most of the
    map's server time. Labels become tooltips through `textContent`."""

    _template = FoliumTemplate("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
(function (group) {
    var icon = L.divIcon({className: "", html: '<div class="atlas-project">◆</div>',
                          iconSize: [18, 18], iconAnchor: [9, 9]});
    {{ this.rows_json }}.forEach(function (row) {
        var tip = document.createElement("span");
        tip.textContent = row[2];
        L.marker([row[0], row[1]], {icon: icon}).bindTooltip(tip).addTo(group);
    });
})({{ this.get_name() }});
{% endmacro %}
""")

    def __init__(self, rows: list[list], name: str):
        super().__init__(name=name)
        self._name = "ProjectLayer"
        self.rows_json = script_json(rows)


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


ACTOR_TYPE_INDEX = {value: i for i, value in enumerate(ACTOR_TYPE_COLOURS)}


def actor_row(actor: Actor) -> list:
    return [actor.place.lat, actor.place.lon, ACTOR_TYPE_INDEX[actor.type.value], actor.name, actor.place.city]


def actor_types(lang: str) -> dict[int, dict]:
    return {i: {"colour": ACTOR_TYPE_COLOURS[value], "label": t(f"actor_type.{value}", lang)}
            for value, i in ACTOR_TYPE_INDEX.items()}


def actor_table(dataset: Dataset) -> bytes:
    """Every actor of the dataset as the rows the actor layer draws (JSON, any language)."""
    rows = [actor_row(actor) for actor in dataset.actors.values()]
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
    everything = len(dataset.clusters) + len(dataset.actors) + len(dataset.projects)
    points = [(c.seat.lat, c.seat.lon) for c in selection.clusters]
    points += [(item.place.lat, item.place.lon) for item in (*selection.actors, *selection.projects)]
    if selection.total == everything or not points:
        return {"bounds": [[south, west], [north, east]]}
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    return {"bounds": [[min(lats), min(lons)], [max(lats), max(lons)]], "padding": (40, 40), "max_zoom": 9}


def build_map(dataset: Dataset, selection: Selection, size_by: str, lang: str,
              online_tiles: bool = False, actors_url: str | None = None) -> folium.Map:
    """The whole atlas map for one filter state; deterministic for the same inputs.

    `actors_url`: where `actor_table(dataset)` is served; without it the actors are inline."""
    (south, west), (north, east) = geodata.germany_bounds()
    fmap = OfflineMap(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, min_zoom=5, max_zoom=13,
                      control_scale=True, prefer_canvas=False)
    fmap.fit_bounds(**view_bounds(dataset, selection))
    states = _states_layer(lang)
    states.add_to(fmap)
    BoundaryDetail().add_to(fmap)

    if online_tiles:
        folium.TileLayer("OpenStreetMap", name=t("atlas.layer_online", lang), overlay=False, show=False).add_to(fmap)

    if actors_url:
        actors = ActorLayer(actor_types(lang), url=actors_url, shown=shown_actor_indices(dataset, selection))
    else:
        actors = ActorLayer(actor_types(lang), rows=[actor_row(actor) for actor in selection.actors])
    actors.add_to(fmap)

    ProjectLayer([[p.place.lat, p.place.lon, f"{t('atlas.project', lang)}: {p.name}"] for p in selection.projects],
                 name=t("atlas.layer_projects", lang)).add_to(fmap)

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
    fmap.get_bounds()  # remembered from here on: every copy of the cached map shares the answer
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
