"""The map's place names and water (static/geo/places.json, water.geojson), built from BKG VG5000."""

import filecmp
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

import geodata
from geodata.boundaries import GEODATA_DIR, PLACES_FILE, WATER_FILE
from geodata.build import STATE_CAPITALS

SHAPEFILES = GEODATA_DIR.parent.parent / "shared" / "geodata" / "bkg-vg5000-2021"
CAPITALS = {
    "Kiel", "Hamburg", "Hannover", "Bremen", "Düsseldorf", "Wiesbaden", "Mainz", "Stuttgart",
    "München", "Saarbrücken", "Berlin", "Potsdam", "Schwerin", "Dresden", "Magdeburg", "Erfurt",
}  # fmt: skip
DISTRICT_FREE = {"Kreisfreie Stadt", "Stadtkreis"}  # Baden-Württemberg says Stadtkreis


@pytest.fixture(scope="module")
def places() -> list[list]:
    return json.loads(PLACES_FILE.read_text(encoding="utf-8"))


def by_rank(places, rank: int) -> list[str]:
    return [name for _, _, name, place_rank in places if place_rank == rank]


def test_rows_are_lat_lon_name_rank_in_priority_order(places):
    for row in places:
        lat, lon, name, rank = row
        assert isinstance(name, str) and name and rank in (1, 2, 3)
        assert round(lat, 5) == lat and round(lon, 5) == lon
    ranks = [row[3] for row in places]
    assert ranks == sorted(ranks)  # the map places them in file order


def test_the_sixteen_state_capitals_come_first(places):
    assert len(STATE_CAPITALS) == 16 and set(by_rank(places, 1)) == CAPITALS
    capitals = {name: (lat, lon) for lat, lon, name, rank in places if rank == 1}
    # Each capital lies in its own state (the AGS list names municipalities, not guesses).
    for ags in STATE_CAPITALS:
        town = geodata.find_municipality("", ags=ags)
        assert geodata.state_of_point(*capitals[town.name]) == town.state


def test_every_district_free_city_and_every_other_district_is_named(places):
    districts = geodata.districts().values()
    free = [d for d in districts if d.bez in DISTRICT_FREE]
    assert len(free) == 107
    capital_districts = {ags[:5] for ags in STATE_CAPITALS}
    cities = set(by_rank(places, 2))
    for district in free:
        if district.ags not in capital_districts:
            assert district.name in cities, district.name
    assert len(by_rank(places, 2)) == len(free) - len(capital_districts & {d.ags for d in free})
    others = [d for d in districts if d.bez not in DISTRICT_FREE]
    assert sorted(by_rank(places, 3)) == sorted(d.name for d in others)


def test_district_names_lie_in_their_district(places):
    """The label point of a district (rank 3) lies inside it: the pole of inaccessibility."""
    labelled = {}
    for lat, lon, name, rank in places:
        if rank == 3:
            labelled.setdefault(name, []).append((lat, lon))
    wrong = []
    for district in geodata.districts().values():
        if district.bez in DISTRICT_FREE:
            continue
        points = labelled[district.name]
        found = {(geodata.district_of_point(lat, lon) or {}).get("ags") for lat, lon in points}
        if district.ags not in found:
            wrong.append(district.name)
    assert not wrong


def test_every_place_lies_in_germany(places):
    (south, west), (north, east) = geodata.GERMANY_BOUNDS
    for lat, lon, name, _ in places:
        assert south <= lat <= north and west <= lon <= east, name
        assert geodata.in_germany(lat, lon), name


def test_water_is_small_polygons_and_a_coast_line_off_the_land():
    assert WATER_FILE.stat().st_size < 60_000
    features = json.loads(WATER_FILE.read_text(encoding="utf-8"))["features"]
    kinds = {f["properties"]["kind"]: shape(f["geometry"]) for f in features}
    assert set(kinds) == {"water", "coast"}
    water, coast = kinds["water"], kinds["coast"]
    assert water.geom_type == "MultiPolygon" and water.is_valid
    assert coast.geom_type in ("LineString", "MultiLineString")
    # The North and Baltic Sea coastal waters and Lake Constance, in WGS84.
    for lat, lon in ((54.2, 7.9), (54.4, 11.3), (47.74, 9.16)):  # Überlinger See
        assert water.contains(shapely.Point(lon, lat)), (lat, lon)
    for lat, lon in ((48.14, 11.58), (52.52, 13.4), (53.55, 10.0)):  # München, Berlin, Hamburg
        assert not water.contains(shapely.Point(lon, lat))
    (south, west), (north, east) = geodata.GERMANY_BOUNDS
    minx, miny, maxx, maxy = water.bounds
    assert west - 0.5 < minx and maxx < east + 0.5 and south - 0.5 < miny and maxy < north + 0.5


def test_the_map_fetches_them_from_static_files():
    assert f"/app/static/geo/{PLACES_FILE.name}" == geodata.PLACES_URL
    assert f"/app/static/geo/{WATER_FILE.name}" == geodata.WATER_URL
    assert PLACES_FILE.parent.name == "geo" and PLACES_FILE.parent.parent.name == "static"


@pytest.mark.skipif(not SHAPEFILES.exists(), reason="the original BKG shapefiles are not beside the project")
def test_build_reproduces_the_shipped_places_and_water(tmp_path: Path):
    from geodata.build import main

    main(["--src", str(SHAPEFILES), "--out", str(tmp_path)])
    for shipped in (PLACES_FILE, WATER_FILE):
        assert filecmp.cmp(tmp_path / shipped.name, shipped, shallow=False), shipped.name
