"""The one place that decides which JS/CSS a map loads: all of it vendored under static/.

Stock folium points every map and plugin at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers), which leaves a blank map on a booth laptop with no network. These
subclasses load only what the app uses, from Streamlit's static serving (`/app/static/`).
Assets are set per class with new lists, never by mutating folium's shared module lists.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import folium
from folium.plugins import MarkerCluster

STATIC_URL = "/app/static"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
GENERATED = "generated"  # derived files written at run time; not in git
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
        self._bounds = None

    def get_bounds(self):
        """Remembered after the first call: st_folium asks on every run, and with the state
        boundaries on the map each answer walks some 28,000 coordinates. Ask once the map is
        complete (the atlas does, before it caches the map)."""
        if self._bounds is None:
            self._bounds = super().get_bounds()
        return self._bounds


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


def publish_static(stem: str, content: bytes, suffix: str = ".json", static_dir: Path = STATIC_DIR) -> str | None:
    """Serve `content` as a static file named by its hash and return its URL, or None when the
    folder cannot be written (then the caller sends the data inline).

    For data the map can fetch after its first paint, instead of carrying it in the map script
    that every rerun sends through the websocket. The name changes with the content, so a
    browser never keeps an outdated copy; the file is written once, atomically."""
    name = f"{stem}-{hashlib.sha256(content).hexdigest()[:16]}{suffix}"
    folder = static_dir / GENERATED
    target = folder / name
    try:
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as handle:
                handle.write(content)
            os.replace(handle.name, target)
    except OSError:
        return None
    return f"{STATIC_URL}/{GENERATED}/{name}"
