import filecmp
from pathlib import Path

import pytest

import geodata
from geodata.boundaries import DISTRICTS_FILE, GEODATA_DIR

SHAPEFILES = GEODATA_DIR.parent.parent / "shared" / "geodata" / "bkg-vg5000-2021"


def test_sixteen_states_with_codes():
    states = geodata.load_states()
    assert len(states) == 16
    assert sorted(states["iso"]) == sorted(s.iso for s in geodata.STATES)
    assert set(states["nuts"]) == {s.nuts for s in geodata.STATES}
    assert states["ags"].str.fullmatch(r"\d{2}").all()


@pytest.mark.parametrize(("code", "km2", "tolerance"), [("BY", 70_542, 0.03), ("NI", 47_710, 0.03),
                                                        ("HB", 419, 0.10), ("BE", 891, 0.05)])
def test_state_areas_are_plausible(code, km2, tolerance):
    states = geodata.load_states().to_crs("EPSG:3035")
    area = states.loc[states["code"] == code].geometry.area.iloc[0] / 1e6
    assert area == pytest.approx(km2, rel=tolerance)


def test_no_water_areas_in_the_states():
    # With the GF == 8 sea areas, Schleswig-Holstein would reach far into the North Sea.
    assert geodata.state_of_point(54.5, 6.0) is None
    states = geodata.load_states().to_crs("EPSG:3035")
    sh = states.loc[states["code"] == "SH"].geometry.area.iloc[0] / 1e6
    assert sh == pytest.approx(15_800, rel=0.04)


def test_about_four_hundred_districts():
    districts = geodata.load_districts()
    assert len(districts) == 401
    assert districts["ags"].str.fullmatch(r"\d{5}").all()


@pytest.mark.parametrize(("city", "state"), [("München", "BY"), ("Kiel", "SH"), ("Dresden", "SN"),
                                             ("Berlin", "BE"), ("Hamburg", "HH"), ("Stuttgart", "BW"),
                                             ("Essen", "NW"), ("Lübeck", "SH"), ("Rostock", "MV")])
def test_known_cities_lie_in_their_state(city, state):
    town = geodata.find_municipality(city)
    assert town.state == state
    assert geodata.state_of_point(town.lat, town.lon) == state


@pytest.mark.parametrize(("lat", "lon"), [(48.21, 16.37), (48.86, 2.35), (55.68, 12.57), (47.37, 8.54),
                                          (54.5, 6.0)])
def test_points_outside_germany(lat, lon):
    assert geodata.state_of_point(lat, lon) is None and not geodata.in_germany(lat, lon)


def test_district_of_point():
    town = geodata.find_municipality("Tuttlingen", "BW")
    assert geodata.district_of_point(town.lat, town.lon) == {"ags": "08327", "name": "Tuttlingen", "state": "BW"}


def test_municipality_lookup_by_name_state_and_ags():
    assert geodata.find_municipality("lübeck").ags == "01003000"
    assert geodata.find_municipality("Borstel", state="SH").ags == "01060013"
    assert geodata.find_municipality("", ags="09162000").name == "München"


def test_ambiguous_and_unknown_municipalities_raise_with_the_name():
    with pytest.raises(LookupError, match="Borstel.*ambiguous"):
        geodata.find_municipality("Borstel")
    with pytest.raises(LookupError, match="Atlantis"):
        geodata.find_municipality("Atlantis")
    with pytest.raises(LookupError, match="not in SN"):
        geodata.find_municipality("", state="SN", ags="09162000")


def test_state_codes():
    assert geodata.state_by_code("DE-BY").name_de == "Bayern"
    assert geodata.state_by_code("by").name_en == "Bavaria"
    with pytest.raises(KeyError, match="XX"):
        geodata.state_by_code("XX")


def test_shipped_files_are_small():
    assert (GEODATA_DIR / "states.geojson").stat().st_size < 200_000
    assert DISTRICTS_FILE.stat().st_size < 1_000_000


def test_bounds_cover_germany():
    (south, west), (north, east) = geodata.germany_bounds()
    assert 47.2 < south < 47.4 and 5.8 < west < 5.9 and 55.0 < north < 55.1 and 15.0 < east < 15.1


def test_attribution_string():
    assert geodata.ATTRIBUTION == "© GeoBasis-DE / BKG 2021 (Daten verändert)"


@pytest.mark.skipif(not SHAPEFILES.exists(), reason="the original BKG shapefiles are not beside the project")
def test_build_reproduces_the_shipped_files(tmp_path: Path):
    from geodata.build import main

    main(["--src", str(SHAPEFILES), "--out", str(tmp_path)])
    for shipped in (GEODATA_DIR / "states.geojson", DISTRICTS_FILE, GEODATA_DIR / "municipalities.csv"):
        assert filecmp.cmp(tmp_path / shipped.name, shipped, shallow=False), shipped.name


def test_every_municipality_lies_in_its_own_state():
    """The simplified borders must not move any town into a neighbour or out of Germany
    (points close to a simplified border are resolved within BORDER_TOLERANCE_M)."""
    towns = geodata.municipalities()
    wrong = [(row.name, row.state, geodata.state_of_point(row.lat, row.lon))
             for row in towns.itertuples() if geodata.state_of_point(row.lat, row.lon) != row.state]
    assert wrong == []
