"""Small static locator maps of Germany drawn offline from the BKG state boundaries (PNG bytes).

Used for project cards and the one-page PDF profile, where an interactive map would be heavy
or impossible. Matplotlib's Agg backend needs no display and no network."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache, lru_cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from shapely.geometry import shape

from .boundaries import ATTRIBUTION, states_geojson


@cache
def _state_rings() -> list[list[tuple[float, float]]]:
    rings = []
    for feature in states_geojson()["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            rings.append(list(polygon.exterior.coords))
    return rings


GERMANY_VIEW = (5.7, 47.2, 15.2, 55.1)  # west, south, east, north


@lru_cache(maxsize=512)
def locator_png(
    points: tuple[tuple[float, float], ...],
    width_px: int = 220,
    highlight: str = "#D55E00",
    attribution: bool = True,
    view: tuple[float, float, float, float] = GERMANY_VIEW,
    marker_size: float = 7,
) -> bytes:
    """Germany (or the `view` west/south/east/north) with the states and the given (lat, lon)
    points marked; deterministic PNG bytes."""
    west, south, east, north = view
    aspect = (north - south) * 1.6 / (east - west)
    figure, axes = plt.subplots(figsize=(width_px / 100, width_px * aspect / 100), dpi=100)
    for ring in _state_rings():
        xs, ys = zip(*ring, strict=True)
        axes.fill(xs, ys, facecolor="#eef2ee", edgecolor="#8a8a8a", linewidth=0.4)
    for lat, lon in points:
        axes.plot(
            lon, lat, marker="o", markersize=marker_size, color=highlight, markeredgecolor="white", markeredgewidth=1
        )
    axes.set_aspect(1.6)  # roughly the km-per-degree ratio at 51° N
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.axis("off")
    if attribution:
        figure.text(0.5, 0.01, ATTRIBUTION, ha="center", va="bottom", fontsize=4.5, color="#555555")
    figure.subplots_adjust(0, 0.03, 1, 1)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def view_around(states: Sequence[str], margin: float = 0.4) -> tuple[float, float, float, float]:
    """A west/south/east/north view that frames the given states (two-letter codes)."""
    boxes = [shape(f["geometry"]).bounds for f in states_geojson()["features"] if f["properties"]["code"] in states]
    if not boxes:
        return GERMANY_VIEW
    west, south = min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin
    east, north = max(b[2] for b in boxes) + margin, max(b[3] for b in boxes) + margin
    return round(west, 3), round(south, 3), round(east, 3), round(north, 3)
