"""Build the shipped geodata from the official BKG VG5000 shapefiles (as of 2021-01-01).

    python -m geodata.build [--src DIR]

Writes, deterministically (same bytes on every run):
- states.geojson: the 16 states (GF == 9; the GF == 8 water areas are dropped), simplified
  (shipped in static/geo/ like the districts, places and water: the browser fetches them)
- districts.geojson: the 401 districts, simplified (static/geo/, see boundaries.py)
- municipalities.csv: every municipality with its representative point (offline geocoding)
- places.json: the map's place labels, rows [lat, lon, name, rank] (see `build_places`)
- water.geojson: the coastal waters and Lake Constance (the GF == 8 rows), one simplified fill
  and the coast line where it meets the land (shipped in static/geo/ beside the districts)

It also offers the full-resolution lookups that other build scripts need (`PlaceFinder`: which
municipality and state a point lies in) and the dissolved, simplified outline of a group of
districts (`region_outlines`), so that nothing at run time needs the shapefiles.

Geometry is simplified in metres in the source CRS (EPSG:31467) and then reprojected to
WGS84, so the tolerance means the same everywhere; coordinates are rounded to ~10 m.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.ops import polylabel

from .boundaries import DISTRICTS_FILE, GEODATA_DIR, PLACES_FILE, STATES, STATES_FILE, WATER_FILE

DEFAULT_SRC = GEODATA_DIR.parent.parent / "shared" / "geodata" / "bkg-vg5000-2021"
SOURCE_CRS = "EPSG:31467"
STATE_TOLERANCE_M = 700
DISTRICT_TOLERANCE_M = 600
REGION_TOLERANCE_M = 800
WATER_TOLERANCE_M = 700
PLACE_DECIMALS = 5
# VG5000 does not mark a state's capital, so the 16 are named here by municipality AGS (stable
# since the 2021 data these files come from). Hannover and Saarbrücken belong to a district
# (Region Hannover, Regionalverband Saarbrücken): the kreisfreie Städte alone would miss them.
STATE_CAPITALS = (
    "01002000",  # Kiel
    "02000000",  # Hamburg
    "03241001",  # Hannover
    "04011000",  # Bremen
    "05111000",  # Düsseldorf
    "06414000",  # Wiesbaden
    "07315000",  # Mainz
    "08111000",  # Stuttgart
    "09162000",  # München
    "10041100",  # Saarbrücken
    "11000000",  # Berlin
    "12054000",  # Potsdam
    "13004000",  # Schwerin
    "14612000",  # Dresden
    "15003000",  # Magdeburg
    "16051000",  # Erfurt
)
# District-free cities: "Stadtkreis" is Baden-Württemberg's name for a kreisfreie Stadt.
DISTRICT_FREE_CITY = frozenset({"Kreisfreie Stadt", "Stadtkreis"})
RANK_CAPITAL, RANK_CITY, RANK_DISTRICT = 1, 2, 3
DECIMALS = 4


def _read(src: Path, level: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(src / f"VG5000_{level}.shp")
    if frame.crs is None or frame.crs.to_string() != SOURCE_CRS:
        raise ValueError(f"VG5000_{level}: expected {SOURCE_CRS}, found {frame.crs}")
    return frame


def _simplified_wgs84(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    simplified = frame.copy()
    simplified["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    simplified = simplified.to_crs("EPSG:4326")
    simplified["geometry"] = shapely.set_precision(simplified.geometry.values, 10**-DECIMALS)
    return simplified


def _write_geojson(frame: gpd.GeoDataFrame, columns: list[str], path: Path) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {column: row[column] for column in columns},
            "geometry": json.loads(shapely.to_geojson(row.geometry, indent=None)),
        }
        for _, row in frame.iterrows()
    ]
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def build_states(src: Path, out: Path) -> None:
    lands = _read(src, "LAN")
    lands = lands[lands["GF"] == 9].sort_values("AGS")
    if sorted(lands["AGS"]) != [state.ags for state in STATES]:
        raise ValueError(f"expected the 16 states, found AGS {sorted(lands['AGS'])}")
    by_ags = {state.ags: state for state in STATES}
    lands = lands.dissolve(by="AGS", as_index=False, aggfunc="first").sort_values("AGS")
    frame = _simplified_wgs84(lands, STATE_TOLERANCE_M)
    frame["ags"] = frame["AGS"]
    frame["name"] = frame["GEN"]
    frame["name_en"] = [by_ags[a].name_en for a in frame["AGS"]]
    frame["iso"] = [by_ags[a].iso for a in frame["AGS"]]
    frame["code"] = [by_ags[a].code for a in frame["AGS"]]
    frame["nuts"] = frame["NUTS"]
    _write_geojson(frame, ["ags", "name", "name_en", "iso", "code", "nuts"], out / STATES_FILE.name)


def build_districts(src: Path, out: Path) -> None:
    districts = _read(src, "KRS").sort_values("AGS")
    by_ags = {state.ags: state for state in STATES}
    frame = _simplified_wgs84(districts, DISTRICT_TOLERANCE_M)
    frame["ags"] = frame["AGS"]
    frame["name"] = frame["GEN"]
    frame["bez"] = frame["BEZ"]
    frame["nuts"] = frame["NUTS"]
    frame["state"] = [by_ags[a[:2]].code for a in frame["AGS"]]
    _write_geojson(frame, ["ags", "name", "bez", "nuts", "state"], out / DISTRICTS_FILE.name)


def build_municipalities(src: Path, out: Path) -> None:
    towns = _read(src, "GEM").sort_values("AGS")
    by_ags = {state.ags: state for state in STATES}
    points = towns.geometry.representative_point().to_crs("EPSG:4326")
    table = towns[["AGS", "GEN", "BEZ"]].rename(columns={"AGS": "ags", "GEN": "name", "BEZ": "bez"})
    table["state"] = [by_ags[a[:2]].code for a in table["ags"]]
    table["lat"] = points.y.round(5).to_numpy()
    table["lon"] = points.x.round(5).to_numpy()
    table.to_csv(out / "municipalities.csv", index=False, lineterminator="\n")


def _place_row(point: shapely.Point, name: str, rank: int) -> list:
    return [round(point.y, PLACE_DECIMALS), round(point.x, PLACE_DECIMALS), name, rank]


def build_places(src: Path, out: Path) -> None:
    """Rows [lat, lon, name, rank] for the map's labels, in the order the map places them:
    the state capitals (rank 1), the other district-free cities (rank 2) at their municipality's
    representative point, and the other districts' names (rank 3) at the pole of inaccessibility
    of their largest part (the point deepest inside it, where a name fits best). Names are the
    BKG GEN as written."""
    towns = _read(src, "GEM").set_index("AGS")
    districts = _read(src, "KRS").sort_values("AGS")
    town_points = towns.geometry.representative_point().to_crs("EPSG:4326")
    missing = [ags for ags in STATE_CAPITALS if ags not in towns.index]
    if missing:
        raise ValueError(f"no BKG municipality with AGS {', '.join(missing)} (state capitals)")
    rows = [_place_row(town_points[ags], towns.at[ags, "GEN"], RANK_CAPITAL) for ags in STATE_CAPITALS]
    capital_districts = {ags[:5] for ags in STATE_CAPITALS}
    label_points = []
    for district in districts.itertuples(index=False):
        if district.BEZ in DISTRICT_FREE_CITY:
            if district.AGS in capital_districts:
                continue
            (town,) = [ags for ags in towns.index if ags.startswith(district.AGS)]
            rows.append(_place_row(town_points[town], towns.at[town, "GEN"], RANK_CITY))
        else:
            largest = max(getattr(district.geometry, "geoms", [district.geometry]), key=lambda part: part.area)
            label_points.append((polylabel(largest, tolerance=250), district.GEN))
    points = gpd.GeoSeries([point for point, _ in label_points], crs=SOURCE_CRS).to_crs("EPSG:4326")
    rows += [_place_row(point, name, RANK_DISTRICT) for point, (_, name) in zip(points, label_points, strict=True)]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    (out / PLACES_FILE.name).write_text(text.replace("],[", "],\n[") + "\n", encoding="utf-8")


def build_water(src: Path, out: Path) -> None:
    """The coastal waters and Lake Constance (VG5000_LAN, GF == 8) dissolved into one area, and
    the coast: the part of its outline that touches the land (not the seaward 12-mile limit nor
    the borders between the states' waters, which are no coast), both simplified."""
    lands = _read(src, "LAN")
    water = shapely.union_all(lands[lands["GF"] == 8].geometry.values)
    water = shapely.simplify(water, WATER_TOLERANCE_M, preserve_topology=True)
    # Within the tolerance of the land: the simplified edge may lie that far from the real one.
    land = shapely.union_all(lands[lands["GF"] == 9].geometry.values).buffer(WATER_TOLERANCE_M + 1)
    coast = shapely.line_merge(shapely.intersection(water.boundary, land))
    frame = gpd.GeoDataFrame({"kind": ["water", "coast"]}, geometry=[water, coast], crs=SOURCE_CRS)
    frame = frame.to_crs("EPSG:4326")
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 10**-DECIMALS)
    _write_geojson(frame, ["kind"], out / WATER_FILE.name)


@dataclass(frozen=True)
class FoundPlace:
    """The municipality a point lies in, from the unsimplified VG5000 polygons."""

    ags: str
    name: str
    state: str
    distance_m: float
    """0 inside the polygon; else how far the point lies from the nearest municipality (a site
    on the water's edge, which VG5000's generalised coastline may leave in the sea)."""


class PlaceFinder:
    """Point-in-municipality lookups on the full-resolution shapefile (build time only)."""

    def __init__(self, src: Path = DEFAULT_SRC):
        towns = _read(src, "GEM")
        self._ags = towns["AGS"].tolist()
        self._names = towns["GEN"].tolist()
        self._shapes = towns.geometry.values
        shapely.prepare(self._shapes)
        self._tree = shapely.STRtree(self._shapes)
        self._to_source = None

    def find(self, lat: float, lon: float, max_distance_m: float) -> FoundPlace | None:
        """The municipality containing the point, else the nearest within `max_distance_m`."""
        if self._to_source is None:
            from pyproj import Transformer

            self._to_source = Transformer.from_crs("EPSG:4326", SOURCE_CRS, always_xy=True)
        x, y = self._to_source.transform(lon, lat)
        point = shapely.Point(x, y)
        hits = self._tree.query(point, predicate="intersects")
        if len(hits):
            index, distance = int(min(hits)), 0.0
        else:
            index = int(self._tree.nearest(point))
            distance = float(shapely.distance(self._shapes[index], point))
            if distance > max_distance_m:
                return None
        ags = self._ags[index]
        state = {s.ags: s.code for s in STATES}[ags[:2]]
        return FoundPlace(ags, self._names[index], state, round(distance, 1))


def region_outlines(
    src: Path, regions: Mapping[str, Iterable[str]], tolerance_m: float = REGION_TOLERANCE_M
) -> dict[str, dict]:
    """Each region's districts (5-digit AGS) dissolved into one outline, simplified in metres in
    the source CRS and rounded like the other shipped boundaries: a GeoJSON geometry per region.

    Dissolving the original polygons (not the simplified ones the map shows) leaves no slivers
    along the inner borders."""
    districts = _read(src, "KRS").set_index("AGS")
    outlines = {}
    for region_id, codes in regions.items():
        codes = sorted(set(codes))
        unknown = [code for code in codes if code not in districts.index]
        if unknown:
            raise ValueError(f"region {region_id}: no BKG district with AGS {', '.join(unknown)}")
        merged = shapely.union_all(districts.loc[codes].geometry.values)
        frame = gpd.GeoDataFrame(geometry=[merged], crs=SOURCE_CRS)
        outlines[region_id] = json.loads(shapely.to_geojson(_simplified_wgs84(frame, tolerance_m).geometry.iloc[0]))
    return outlines


def district_codes_by_state(src: Path) -> dict[str, list[str]]:
    """The 5-digit AGS of every district, by two-letter state code."""
    by_ags = {state.ags: state.code for state in STATES}
    grouped: dict[str, list[str]] = {}
    for code in sorted(_read(src, "KRS")["AGS"]):
        grouped.setdefault(by_ags[code[:2]], []).append(code)
    return grouped


def write_feature_collection(features: Sequence[dict], path: Path) -> None:
    """Compact, deterministic GeoJSON (the same bytes for the same input)."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder with the VG5000_*.shp files")
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="where to write (default: geodata/, static/geo/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    districts_out = DISTRICTS_FILE.parent if args.out == GEODATA_DIR else args.out
    districts_out.mkdir(parents=True, exist_ok=True)
    build_states(args.src, districts_out)
    build_districts(args.src, districts_out)
    build_municipalities(args.src, args.out)
    build_places(args.src, districts_out)
    build_water(args.src, districts_out)
    for path in (
        districts_out / STATES_FILE.name,
        districts_out / DISTRICTS_FILE.name,
        args.out / "municipalities.csv",
        districts_out / PLACES_FILE.name,
        districts_out / WATER_FILE.name,
    ):
        print(f"{path}: {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
