"""The one place that decides which JS/CSS a map loads: all of it vendored under static/.

Stock folium points every map and plugin at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers), which leaves a blank map on a booth laptop with no network. These
subclasses load only what the app uses, from Streamlit's static serving (`/app/static/`).
Assets are set per class with new lists, never by mutating folium's shared module lists.
"""

from __future__ import annotations

import folium
from folium.plugins import MarkerCluster

STATIC_URL = "/app/static"
LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
MARKERCLUSTER_JS = f"{STATIC_URL}/leaflet.markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.css"
MARKERCLUSTER_DEFAULT_CSS = f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.Default.css"


class OfflineMap(folium.Map):
    """A folium map without tiles or CDN assets; the BKG boundaries are its base map."""

    default_js = [("leaflet", LEAFLET_JS)]
    default_css = [("leaflet_css", LEAFLET_CSS)]

    def __init__(self, *args, min_zoom: int = 5, max_zoom: int = 13, **kwargs):
        kwargs.setdefault("tiles", None)
        super().__init__(*args, min_zoom=min_zoom, max_zoom=max_zoom, **kwargs)
        # folium hands zoom limits only to a tile layer; without tiles the map itself needs them
        # (Leaflet.markercluster refuses a map with no maxZoom).
        self.options["min_zoom"] = min_zoom
        self.options["max_zoom"] = max_zoom


class OfflineMarkerCluster(MarkerCluster):
    default_js = [("markerclusterjs", MARKERCLUSTER_JS)]
    default_css = [("markerclustercss", MARKERCLUSTER_CSS),
                   ("markerclusterdefaultcss", MARKERCLUSTER_DEFAULT_CSS)]


def asset_links(fig: folium.Element) -> list[str]:
    """Every JS/CSS URL an element tree asks for (what streamlit-folium will load)."""
    links: list[str] = []

    def walk(element):
        links.extend(url for _, url in getattr(element, "default_js", []))
        links.extend(url for _, url in getattr(element, "default_css", []))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(fig)
    return list(dict.fromkeys(links))
