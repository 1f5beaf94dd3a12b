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
from typing import ClassVar

import folium

STATIC_URL = "/app/static"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
GENERATED = "generated"  # derived files written at run time; not in git
LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
MARKERCLUSTER_JS = f"{STATIC_URL}/leaflet.markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.css"
MARKERCLUSTER_DEFAULT_CSS = f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.Default.css"


def _own_asset(path: str) -> str:
    """URL of one of the app's own files under static/, with its content hash: Streamlit serves
    static files without Cache-Control, so a browser may keep an old copy after an update."""
    digest = hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:12]
    return f"{STATIC_URL}/{path}?v={digest}"


ATLAS_JS = _own_asset("atlas/atlas.js")
ATLAS_CSS = _own_asset("atlas/atlas.css")
# The booth tour: its page (filled in by components/booth_frame.py), script and styles.
BOOTH_HTML = STATIC_DIR / "booth" / "tour.html"
BOOTH_JS = _own_asset("booth/tour.js")
BOOTH_CSS = _own_asset("booth/tour.css")
BOOTH_PAGE_CSS = STATIC_DIR / "booth" / "page.css"


class OfflineMap(folium.Map):
    """A folium map without tiles or CDN assets; the BKG boundaries are its base map."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", LEAFLET_JS)]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", LEAFLET_CSS)]

    def __init__(self, *args, min_zoom: int = 5, max_zoom: int = 13, **kwargs):
        kwargs.setdefault("tiles", None)
        super().__init__(*args, min_zoom=min_zoom, max_zoom=max_zoom, **kwargs)
        # folium hands zoom limits only to a tile layer; without tiles the map itself needs them
        # (Leaflet.markercluster refuses a map with no maxZoom).
        self.options["min_zoom"] = min_zoom
        self.options["max_zoom"] = max_zoom


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
