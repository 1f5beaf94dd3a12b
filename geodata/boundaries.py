"""German boundaries (BKG VG5000, 2021) and city-level places, loaded from the shipped files.

Point lookups use the simplified geometry that the map shows, so a point near a border may
fall a few hundred metres outside its state (the simplification moves borders by up to ~700 m,
and VG5000 itself is generalised for 1:5,000,000, so real sites on the coast such as the FLI on
Riems, GEOMAR at the Kiel fjord or Mainau in Lake Constance lie outside its outline);
`state_of_point` accepts the nearest state within `BORDER_TOLERANCE_M` for that reason, and
nothing farther. The price: towns directly across a land border (Słubice, Zgorzelec,
Świnoujście, Kreuzlingen, Kerkrade, Schaffhausen, parts of Basel) count as German too; Vienna,
Paris, Strasbourg, Salzburg, Szczecin or the open North Sea do not.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, Polygon, mapping, shape

GEODATA_DIR = Path(__file__).resolve().parent
# The states are the offline map's land, fetched by the browser as the map starts.
STATES_FILE = GEODATA_DIR.parent / "static" / "geo" / "states.geojson"
STATES_URL = "/app/static/geo/states.geojson"
# The districts are fetched by the browser only when the map is zoomed in, so they live where
# Streamlit's static serving can hand them out (/app/static/geo/districts.geojson).
DISTRICTS_FILE = GEODATA_DIR.parent / "static" / "geo" / "districts.geojson"
DISTRICTS_URL = "/app/static/geo/districts.geojson"
# Cluster regions: dissolved districts, one feature per cluster (built by `python -m clusters.keeping.build`).
REGIONS_FILE = GEODATA_DIR.parent / "static" / "geo" / "regions.geojson"
REGIONS_URL = "/app/static/geo/regions.geojson"
# Place names for the map's labels and the coastal waters and Lake Constance, fetched by the
# browser after the first paint like the districts (built by `python -m geodata.build`).
PLACES_FILE = GEODATA_DIR.parent / "static" / "geo" / "places.json"
PLACES_URL = "/app/static/geo/places.json"
WATER_FILE = GEODATA_DIR.parent / "static" / "geo" / "water.geojson"
WATER_URL = "/app/static/geo/water.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
ATTRIBUTION_URL = "https://www.bkg.bund.de"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
BORDER_TOLERANCE_M = 2500
_METRES_PER_DEGREE = 111_320
_ORIGIN = Point(0, 0)


@dataclass(frozen=True)
class State:
    code: str
    iso: str
    ags: str
    name_de: str
    name_en: str
    nuts: str

    def name(self, lang: str) -> str:
        return self.name_de if lang == "de" else self.name_en


STATES: tuple[State, ...] = (
    State("SH", "DE-SH", "01", "Schleswig-Holstein", "Schleswig-Holstein", "DEF"),
    State("HH", "DE-HH", "02", "Hamburg", "Hamburg", "DE6"),
    State("NI", "DE-NI", "03", "Niedersachsen", "Lower Saxony", "DE9"),
    State("HB", "DE-HB", "04", "Bremen", "Bremen", "DE5"),
    State("NW", "DE-NW", "05", "Nordrhein-Westfalen", "North Rhine-Westphalia", "DEA"),
    State("HE", "DE-HE", "06", "Hessen", "Hesse", "DE7"),
    State("RP", "DE-RP", "07", "Rheinland-Pfalz", "Rhineland-Palatinate", "DEB"),
    State("BW", "DE-BW", "08", "Baden-Württemberg", "Baden-Württemberg", "DE1"),
    State("BY", "DE-BY", "09", "Bayern", "Bavaria", "DE2"),
    State("SL", "DE-SL", "10", "Saarland", "Saarland", "DEC"),
    State("BE", "DE-BE", "11", "Berlin", "Berlin", "DE3"),
    State("BB", "DE-BB", "12", "Brandenburg", "Brandenburg", "DE4"),
    State("MV", "DE-MV", "13", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "DE8"),
    State("SN", "DE-SN", "14", "Sachsen", "Saxony", "DED"),
    State("ST", "DE-ST", "15", "Sachsen-Anhalt", "Saxony-Anhalt", "DEE"),
    State("TH", "DE-TH", "16", "Thüringen", "Thuringia", "DEG"),
)
STATE_CODES: frozenset[str] = frozenset(state.code for state in STATES)
_BY_CODE = {state.code: state for state in STATES}
_BY_AGS = {state.ags: state for state in STATES}


def state_by_code(code: str) -> State:
    """ "BY" or "DE-BY" -> the State; an unknown code raises KeyError naming the valid ones."""
    key = code.upper().removeprefix("DE-")
    if key not in _BY_CODE:
        raise KeyError(f"unknown state code '{code}'; valid: {', '.join(sorted(_BY_CODE))}")
    return _BY_CODE[key]


def state_of_ags(ags: str) -> str:
    """The two-letter state code of a municipality or district AGS ("09162" -> "BY")."""
    if ags[:2] not in _BY_AGS:
        raise KeyError(f"AGS {ags!r} names no German state")
    return _BY_AGS[ags[:2]].code


@cache
def states_geojson() -> dict:
    return json.loads(STATES_FILE.read_text(encoding="utf-8"))


@cache
def districts_geojson() -> dict:
    return json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))


@cache
def regions_geojson() -> dict:
    """The cluster regions' outlines; each feature's `id` property is the cluster id and
    `districts` the AGS codes it was dissolved from."""
    return json.loads(REGIONS_FILE.read_text(encoding="utf-8"))


def region_outline(cluster_id: str) -> dict | None:
    """The GeoJSON feature outlining a cluster's region, or None if the cluster has none."""
    return next((f for f in regions_geojson()["features"] if f["properties"]["id"] == cluster_id), None)


@dataclass(frozen=True)
class District:
    ags: str
    name: str
    bez: str
    state: str


@cache
def districts() -> dict[str, District]:
    """The 401 districts (Kreise and kreisfreie Städte) by their 5-digit AGS."""
    return {
        p["ags"]: District(p["ags"], p["name"], p["bez"], p["state"])
        for p in (f["properties"] for f in districts_geojson()["features"])
    }


def load_states():
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(states_geojson()["features"], crs="EPSG:4326")


def load_districts():
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(districts_geojson()["features"], crs="EPSG:4326")


class _Index:
    """Shapes with their properties and an STRtree for fast point lookups."""

    def __init__(self, collection: dict):
        self.properties = [feature["properties"] for feature in collection["features"]]
        self.shapes = [shape(feature["geometry"]) for feature in collection["features"]]
        for geometry in self.shapes:
            shapely.prepare(geometry)
        self.tree = shapely.STRtree(self.shapes)

    def containing(self, lat: float, lon: float) -> dict | None:
        """The shape containing the point (on a shared border: the first in file order)."""
        hits = self.tree.query(Point(lon, lat), predicate="intersects")
        return self.properties[int(min(hits))] if len(hits) else None

    def nearest_within(self, lat: float, lon: float, metres: float) -> dict | None:
        """The nearest shape at most `metres` away, measured in a local equirectangular
        projection around the point (longitude degrees shrink with the cosine of the latitude)."""
        scale = np.array([_METRES_PER_DEGREE * math.cos(math.radians(lat)), _METRES_PER_DEGREE])
        origin = np.array([lon, lat])
        west, south = origin - metres / scale
        east, north = origin + metres / scale
        best: tuple[float, int] | None = None
        for i in sorted(int(i) for i in self.tree.query(shapely.box(west, south, east, north))):
            # Only the part within the box can be closer than `metres`; measure it in metres.
            part = shapely.clip_by_rect(self.shapes[i], west, south, east, north)
            if part.is_empty:
                continue
            local = shapely.transform(part, lambda coords: (coords - origin) * scale)
            distance = shapely.distance(local, _ORIGIN)
            if distance <= metres and (best is None or distance < best[0]):
                best = (distance, i)
        return None if best is None else self.properties[best[1]]


@cache
def _state_index() -> _Index:
    return _Index(states_geojson())


@cache
def _district_index() -> _Index:
    return _Index(districts_geojson())


# ((south, west), (north, east)) of the shipped states.geojson, for fitting a map without
# loading the geometry; tests/test_geodata.py checks it against germany_bounds().
GERMANY_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((47.2704, 5.866), (55.0554, 15.0415))


@cache
def germany_bounds() -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of the states, for fitting a map."""
    west, south, east, north = shapely.union_all(_state_index().shapes).bounds
    return (south, west), (north, east)


@cache
def region_shape(states: tuple[str, ...], districts: tuple[str, ...], tolerance: float = 0.01) -> dict | None:
    """Whole states and districts (two-letter codes, 5-digit AGS) as one simplified GeoJSON
    geometry with its bounds ((south, west), (north, east)); None when none of them is known.

    For a map that shows a region large (the booth), not for point lookups: `tolerance` in degrees
    (0.01 is about a kilometre) keeps a state-wide region to a few kilobytes."""
    shapes = [s for p, s in zip(_state_index().properties, _state_index().shapes, strict=True) if p["code"] in states]
    shapes += [
        s for p, s in zip(_district_index().properties, _district_index().shapes, strict=True) if p["ags"] in districts
    ]
    if not shapes:
        return None
    # The simplified districts leave slivers between neighbours, which would show as specks inside
    # the region: closed by a few hundred metres, and holes smaller than ~40 km² filled.
    closed = shapely.union_all(shapes).buffer(0.003).buffer(-0.003)
    parts = [closed] if closed.geom_type == "Polygon" else list(closed.geoms)
    filled = shapely.MultiPolygon(
        [Polygon(part.exterior, [ring for ring in part.interiors if Polygon(ring).area > 0.005]) for part in parts]
    )
    merged = shapely.set_precision(filled.simplify(tolerance), 0.0001)
    west, south, east, north = merged.bounds
    return {"geometry": mapping(merged), "bounds": ((south, west), (north, east))}


def state_of_point(lat: float, lon: float) -> str | None:
    """Two-letter code of the state containing the point; None outside Germany."""
    found = _state_index().containing(lat, lon) or _state_index().nearest_within(lat, lon, BORDER_TOLERANCE_M)
    return None if found is None else found["code"]


def in_germany(lat: float, lon: float) -> bool:
    return state_of_point(lat, lon) is not None


def district_of_point(lat: float, lon: float) -> dict | None:
    found = _district_index().containing(lat, lon) or _district_index().nearest_within(lat, lon, BORDER_TOLERANCE_M)
    return None if found is None else {"ags": found["ags"], "name": found["name"], "state": found["state"]}


@dataclass(frozen=True)
class Municipality:
    ags: str
    name: str
    bez: str
    state: str
    lat: float
    lon: float


@cache
def municipalities() -> pd.DataFrame:
    return pd.read_csv(GEODATA_DIR / "municipalities.csv", dtype={"ags": str, "name": str, "bez": str, "state": str})


@cache
def _municipality_index() -> tuple[
    dict[str, Municipality], dict[str, list[Municipality]], dict[str, list[Municipality]]
]:
    """Lookups by AGS, by full name and by the name before the first comma ("Lübeck, Hansestadt")."""
    by_ags: dict[str, Municipality] = {}
    by_name: dict[str, list[Municipality]] = {}
    by_short_name: dict[str, list[Municipality]] = {}
    for row in municipalities().itertuples(index=False):
        town = Municipality(row.ags, row.name, row.bez, row.state, float(row.lat), float(row.lon))
        by_ags[town.ags] = town
        by_name.setdefault(town.name.casefold(), []).append(town)
        by_short_name.setdefault(town.name.split(",")[0].strip().casefold(), []).append(town)
    return by_ags, by_name, by_short_name


def find_municipality(name: str, state: str | None = None, ags: str | None = None) -> Municipality:
    """The municipality for a city name (optionally within a state) or an exact AGS.

    "Lübeck" finds "Lübeck, Hansestadt". Raises LookupError naming the candidates when the
    name is unknown or ambiguous (then give the AGS).
    """
    by_ags, by_name, by_short_name = _municipality_index()
    if ags:
        if ags not in by_ags:
            raise LookupError(f"no municipality with AGS {ags}")
        found = by_ags[ags]
        if state and found.state != state_by_code(state).code:
            raise LookupError(f"AGS {ags} ({found.name}) lies in {found.state}, not in {state}")
        return found
    key = name.strip().casefold()
    code = state_by_code(state).code if state else None
    for index in (by_name, by_short_name):
        candidates = [town for town in index.get(key, []) if code is None or town.state == code]
        if candidates:
            break
    where = f" in {state}" if state else ""
    if not candidates:
        raise LookupError(f"no municipality named '{name}'{where} in the BKG table")
    if len(candidates) > 1:
        listed = ", ".join(f"{town.name} ({town.state}, AGS {town.ags})" for town in candidates)
        raise LookupError(f"'{name}'{where} is ambiguous: {listed}; give the AGS")
    return candidates[0]
