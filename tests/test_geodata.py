import filecmp
import json
from pathlib import Path

import pytest

import geodata
from geodata import boundaries
from geodata.boundaries import DISTRICTS_FILE, GEODATA_DIR, STATES_FILE

SHAPEFILES = GEODATA_DIR.parent.parent / "shared" / "geodata" / "bkg-vg5000-2021"
BY_AGS = {state.ags: state for state in geodata.STATES}


def test_sixteen_states_with_codes():
    states = geodata.load_states()
    assert len(states) == 16
    assert sorted(states["iso"]) == sorted(s.iso for s in geodata.STATES)
    assert set(states["nuts"]) == {s.nuts for s in geodata.STATES}
    assert states["ags"].str.fullmatch(r"\d{2}").all()


def test_state_properties_match_the_state_table():
    features = geodata.states_geojson()["features"]
    assert [f["properties"]["ags"] for f in features] == [s.ags for s in geodata.STATES]
    for feature, state in zip(features, geodata.STATES, strict=True):
        assert feature["properties"] == {
            "ags": state.ags,
            "name": state.name_de,
            "name_en": state.name_en,
            "iso": state.iso,
            "code": state.code,
            "nuts": state.nuts,
        }
        assert state.iso == f"DE-{state.code}"
    assert len({s.iso for s in geodata.STATES}) == len({s.code for s in geodata.STATES}) == 16


def test_geometries_are_valid_wgs84_polygons():
    for frame in (geodata.load_states(), geodata.load_districts()):
        assert frame.crs.to_epsg() == 4326
        assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
        assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
        west, south, east, north = frame.total_bounds
        assert west > 5.8 and east < 15.1 and south > 47.2 and north < 55.1


def test_loaded_data_is_cached():
    assert geodata.states_geojson() is geodata.states_geojson()
    assert geodata.districts_geojson() is geodata.districts_geojson()
    assert geodata.municipalities() is geodata.municipalities()


@pytest.mark.parametrize(
    ("code", "km2", "tolerance"), [("BY", 70_542, 0.03), ("NI", 47_710, 0.03), ("HB", 419, 0.10), ("BE", 891, 0.05)]
)
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
    assert len(geodata.states_geojson()["features"]) == 16
    assert not any("Bodensee" in f["properties"]["name"] for f in geodata.states_geojson()["features"])


@pytest.mark.skipif(not SHAPEFILES.exists(), reason="the original BKG shapefiles are not beside the project")
def test_the_sources_water_rows_are_not_shipped():
    import geopandas as gpd

    lands = gpd.read_file(SHAPEFILES / "VG5000_LAN.shp")
    assert (lands["GF"] == 8).sum() == 9 and (lands["GF"] == 9).sum() == 16


def test_about_four_hundred_districts():
    districts = geodata.load_districts()
    assert len(districts) == 401
    assert districts["ags"].str.fullmatch(r"\d{5}").all() and districts["ags"].is_unique
    assert (districts["state"] == [BY_AGS[a[:2]].code for a in districts["ags"]]).all()
    assert set(districts.columns) == {"geometry", "ags", "name", "bez", "nuts", "state"}


def test_municipality_table():
    towns = geodata.municipalities()
    assert list(towns.columns) == ["ags", "name", "bez", "state", "lat", "lon"]
    assert len(towns) == 10_997 and towns["ags"].is_unique
    assert towns["ags"].str.fullmatch(r"\d{8}").all()  # leading zeros survive: read as strings
    assert (towns["state"] == [BY_AGS[a[:2]].code for a in towns["ags"]]).all()
    assert towns["lat"].between(47.2, 55.1).all() and towns["lon"].between(5.8, 15.1).all()
    assert ((towns["lat"] * 1e5).round() == towns["lat"] * 1e5).all()  # at most 5 decimals


@pytest.mark.parametrize(
    ("city", "state"),
    [
        ("München", "BY"),
        ("Kiel", "SH"),
        ("Dresden", "SN"),
        ("Berlin", "BE"),
        ("Hamburg", "HH"),
        ("Stuttgart", "BW"),
        ("Essen", "NW"),
        ("Lübeck", "SH"),
        ("Rostock", "MV"),
    ],
)
def test_known_cities_lie_in_their_state(city, state):
    town = geodata.find_municipality(city)
    assert town.state == state
    assert geodata.state_of_point(town.lat, town.lon) == state


# The project's city list: every one resolves to one municipality whose point lies in its state.
PROJECT_CITIES = [
    ("Hamburg", "HH", "02000000"),
    ("Berlin", "BE", "11000000"),
    ("München", "BY", "09162000"),
    ("Kiel", "SH", "01002000"),
    ("Lübeck", "SH", "01003000"),
    ("Dresden", "SN", "14612000"),
    ("Leipzig", "SN", "14713000"),
    ("Stuttgart", "BW", "08111000"),
    ("Tübingen", None, "08416041"),
    ("Reutlingen", None, "08415061"),
    ("Konstanz", None, "08335043"),
    ("Heidelberg", None, "08221000"),
    ("Rostock", None, "13003000"),
    ("Greifswald", None, "13075039"),
    ("Regensburg", None, "09362000"),
    ("Erlangen", None, "09562000"),
    ("Nürnberg", None, "09564000"),
    ("Jülich", None, "05358024"),
    ("Essen", None, "05113000"),
    ("Bochum", None, "05911000"),
    ("Dortmund", None, "05913000"),
    ("Düsseldorf", None, "05111000"),
    ("Tuttlingen", None, "08327050"),
    ("Leonberg", "BW", "08115028"),
    ("Waiblingen", None, "08119079"),
    ("Fellbach", None, "08119020"),
    ("Göppingen", None, "08117026"),
    ("Treuen", "SN", "14523430"),
    ("Potsdam", None, "12054000"),
    ("Cottbus", None, "12052000"),
    ("Borstel", "SH", "01060013"),
    ("Sülfeld", "SH", "01060085"),
    ("Melsungen", "HE", "06634014"),
    ("Mannheim", None, "08222000"),
    ("Frankfurt am Main", None, "06412000"),
    ("Bremen", None, "04011000"),
]


@pytest.mark.parametrize(("city", "state", "ags"), PROJECT_CITIES)
def test_project_cities_resolve(city, state, ags):
    town = geodata.find_municipality(city, state=state)
    assert town.ags == ags and town.name == city
    assert geodata.state_of_point(town.lat, town.lon) == town.state == BY_AGS[ags[:2]].code
    assert geodata.district_of_point(town.lat, town.lon)["ags"] == ags[:5]


def test_city_states_are_single_municipalities():
    towns = geodata.municipalities()
    for code in ("HH", "BE"):
        assert len(towns[towns["state"] == code]) == 1
    assert sorted(towns.loc[towns["state"] == "HB", "name"]) == ["Bremen", "Bremerhaven"]


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (48.21, 16.37),
        (48.86, 2.35),
        (55.68, 12.57),
        (47.37, 8.54),
        (54.5, 6.0),
        (48.58, 7.75),
        (47.81, 13.05),
        (53.43, 14.55),
        (49.61, 6.13),
        (55.5, 7.0),
    ],
)
def test_points_outside_germany(lat, lon):
    assert geodata.state_of_point(lat, lon) is None and not geodata.in_germany(lat, lon)


@pytest.mark.parametrize(
    ("site", "lat", "lon", "state"),
    [
        ("FLI, Insel Riems", 54.1819, 13.3583, "MV"),
        ("GEOMAR, Kiel", 54.3290, 10.1497, "SH"),
        ("Mainau", 47.7050, 9.1950, "BW"),
    ],
)
def test_real_coastal_sites_outside_the_generalised_outline_are_kept(site, lat, lon, state):
    # These lie outside the simplified (and the original 1:5,000,000) outline; the border
    # tolerance keeps them.
    assert boundaries._state_index().containing(lat, lon) is None, site
    assert geodata.state_of_point(lat, lon) == state


def test_border_tolerance_is_bounded():
    """On a 0.1° grid over and around Germany, a point counts as German exactly when it lies
    within BORDER_TOLERANCE_M of a (simplified) state, up to a 3 % band for the local metric."""
    import geopandas as gpd
    import numpy as np

    lats, lons = np.meshgrid(np.arange(46.8, 55.6, 0.1), np.arange(5.4, 15.6, 0.1))
    points = gpd.GeoSeries(gpd.points_from_xy(lons.ravel(), lats.ravel()), crs="EPSG:4326")
    germany = geodata.load_states().to_crs("EPSG:3035").union_all()
    distance = points.to_crs("EPSG:3035").distance(germany).to_numpy()
    found = np.array([geodata.in_germany(p.y, p.x) for p in points])
    tolerance = geodata.BORDER_TOLERANCE_M
    assert found[distance == 0].all()
    assert found[distance < 0.97 * tolerance].all()
    assert not found[distance > 1.03 * tolerance].any()
    assert (distance > 1.03 * tolerance).sum() > 2000  # the grid does reach well outside
    assert geodata.district_of_point(54.5, 6.0) is None


def test_district_of_point():
    town = geodata.find_municipality("Tuttlingen", "BW")
    assert geodata.district_of_point(town.lat, town.lon) == {"ags": "08327", "name": "Tuttlingen", "state": "BW"}


def test_municipality_lookup_by_name_state_and_ags():
    assert geodata.find_municipality("lübeck").ags == "01003000"
    assert geodata.find_municipality("Borstel", state="SH").ags == "01060013"
    assert geodata.find_municipality("", ags="09162000").name == "München"


def test_ambiguous_and_unknown_municipalities_raise_with_the_name():
    with pytest.raises(LookupError, match=r"Borstel.*ambiguous") as exc:
        geodata.find_municipality("Borstel")
    assert "01060013" in str(exc.value) and "03251008" in str(exc.value)  # the candidates are named
    with pytest.raises(LookupError, match=r"Leonberg.*ambiguous.*08115028.*09377137"):
        geodata.find_municipality("Leonberg")
    with pytest.raises(LookupError, match="'Frankfurt'"):  # "Frankfurt am Main" / "Frankfurt (Oder)"
        geodata.find_municipality("Frankfurt")
    with pytest.raises(LookupError, match="Treuen' in BY"):
        geodata.find_municipality("Treuen", state="BY")
    with pytest.raises(LookupError, match="99999999"):
        geodata.find_municipality("", ags="99999999")
    with pytest.raises(LookupError, match="Atlantis"):
        geodata.find_municipality("Atlantis")
    with pytest.raises(LookupError, match="not in SN"):
        geodata.find_municipality("", state="SN", ags="09162000")


def test_name_before_the_comma_is_a_fallback(monkeypatch):
    # The 2021 GEN field has no "Lübeck, Hansestadt"-style names, but other editions do.
    import pandas as pd

    table = pd.DataFrame(
        {
            "ags": ["01003000", "01099001", "01099002", "03099001", "03099002"],
            "name": ["Lübeck, Hansestadt", "Musterstadt", "Musterstadt, Stadt", "Beispiel, Flecken", "Beispiel, Stadt"],
            "bez": ["Stadt", "Gemeinde", "Stadt", "Flecken", "Stadt"],
            "state": ["SH", "SH", "SH", "NI", "NI"],
            "lat": [53.9] * 5,
            "lon": [10.7] * 5,
        }
    )
    monkeypatch.setattr(boundaries, "municipalities", lambda: table)
    boundaries._municipality_index.cache_clear()
    try:
        assert geodata.find_municipality("lübeck").ags == "01003000"
        assert geodata.find_municipality("Lübeck, Hansestadt").ags == "01003000"
        assert geodata.find_municipality("Musterstadt").ags == "01099001"  # the exact name wins
        with pytest.raises(LookupError, match=r"Beispiel.*ambiguous"):
            geodata.find_municipality("Beispiel")
    finally:
        boundaries._municipality_index.cache_clear()


def test_state_codes():
    assert geodata.state_by_code("DE-BY").name_de == "Bayern"
    assert geodata.state_by_code("by").name_en == "Bavaria"
    assert geodata.state_by_code("HB") == geodata.state_by_code("de-hb")
    with pytest.raises(KeyError, match="XX"):
        geodata.state_by_code("XX")
    with pytest.raises(KeyError, match="DE-XX"):
        geodata.state_by_code("DE-XX")


def test_shipped_files_are_small():
    assert STATES_FILE.stat().st_size < 200_000
    assert DISTRICTS_FILE.stat().st_size < 1_000_000


def test_bounds_cover_germany():
    assert geodata.germany_bounds() == geodata.GERMANY_BOUNDS  # the constant follows the shipped file
    (south, west), (north, east) = geodata.GERMANY_BOUNDS
    assert 47.2 < south < 47.4 and 5.8 < west < 5.9 and 55.0 < north < 55.1 and 15.0 < east < 15.1


def test_attribution_and_licence():
    assert geodata.ATTRIBUTION == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    assert geodata.ATTRIBUTION_URL == "https://www.bkg.bund.de"
    assert "dl-de/by-2-0" in geodata.LICENCE and geodata.LICENCE_URL == "https://www.govdata.de/dl-de/by-2-0"


def test_no_streamlit_in_the_package():
    for path in GEODATA_DIR.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.skipif(not SHAPEFILES.exists(), reason="the original BKG shapefiles are not beside the project")
def test_build_reproduces_the_shipped_files(tmp_path: Path):
    from geodata.build import main

    main(["--src", str(SHAPEFILES), "--out", str(tmp_path)])
    for shipped in (STATES_FILE, DISTRICTS_FILE, GEODATA_DIR / "municipalities.csv"):
        assert filecmp.cmp(tmp_path / shipped.name, shipped, shallow=False), shipped.name
    json.loads((tmp_path / "states.geojson").read_text(encoding="utf-8"))  # well-formed


def test_every_municipality_lies_in_its_own_state():
    """The simplified borders must not move any town into a neighbour or out of Germany
    (points close to a simplified border are resolved within BORDER_TOLERANCE_M)."""
    towns = geodata.municipalities()
    wrong = [
        (row.name, row.state, geodata.state_of_point(row.lat, row.lon))
        for row in towns.itertuples()
        if geodata.state_of_point(row.lat, row.lon) != row.state
    ]
    assert wrong == []
