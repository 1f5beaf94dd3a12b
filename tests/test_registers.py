"""The Destatis register actors: the build from the original files (when they are at hand) and the
shipped table the app reads (always)."""

import csv
import math
from collections import Counter

import pytest

import geodata
from clusters.keeping.build import (
    REGISTER_ACTORS,
    REGISTER_DIR,
    build_register_actors,
    cell_centre_wgs84,
    read_register,
    readable_name,
    register_csv,
)
from clusters.readers.datafiles import REGISTER_PRECISION
from clusters.records.model import Listing
from geodata.build import DEFAULT_SRC

SOURCES_AT_HAND = (REGISTER_DIR / "734349_HochschulFachbereich_WS2021.xlsx").exists() and (
    DEFAULT_SRC / "VG5000_GEM.shp"
).exists()
needs_sources = pytest.mark.skipif(not SOURCES_AT_HAND, reason="the Destatis register or BKG shapefiles are absent")


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111_320
    dlon = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


@pytest.fixture(scope="module")
def shipped() -> list[dict]:
    with REGISTER_ACTORS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def built():
    return build_register_actors()


# --- independent of the source files ---------------------------------------------------------


def test_grid_cell_centre_is_the_documented_point():
    # SOURCE.md: U Freiburg i.Br. -> 47.999 N, 7.848 E (cell lower-left corner + 50 m each way).
    lat, lon = cell_centre_wgs84("CRS3035RES100mN2767300E4160300")
    assert metres_between((lat, lon), (47.999, 7.848)) < 100
    with pytest.raises(ValueError):
        cell_centre_wgs84("CRS3035RES1kmN2767E4160")


@pytest.mark.parametrize(
    "short, readable",
    [
        ("U Freiburg i.Br. (Klinikum)", "Universität Freiburg im Breisgau (Klinikum)"),
        ("TH Aachen (U)", "Technische Hochschule Aachen"),
        ("H Albstadt-Sigmaringen in Albstadt (FH)", "Hochschule Albstadt-Sigmaringen in Albstadt"),
        (
            "Kath. U Eichstätt-Ingolstadt in Eichstätt (Kirchl. U)",
            "Katholische Universität Eichstätt-Ingolstadt in Eichstätt",
        ),
        ("U der Bundeswehr München (FB Universitätsstudiengänge)", "Universität der Bundeswehr München"),
        ("Universität Witten-Herdecke (Priv. U) (Klinikum)", "Universität Witten-Herdecke (Klinikum)"),
        ("FH Kiel", "Fachhochschule Kiel"),
    ],
)
def test_readable_names_write_out_the_short_forms(short, readable):
    assert readable_name(short) == readable


# --- the shipped table (always) --------------------------------------------------------------


def test_shipped_counts_by_type(shipped):
    assert Counter(r["type"] for r in shipped) == {
        "university": 127,
        "university_of_applied_sciences": 404,
        "university_hospital": 36,
    }


def test_shipped_counts_by_state(shipped):
    assert Counter(r["state"] for r in shipped) == {
        "BB": 15,
        "BE": 44,
        "BW": 89,
        "BY": 76,
        "HB": 7,
        "HE": 43,
        "HH": 26,
        "MV": 10,
        "NI": 38,
        "NW": 123,
        "RP": 25,
        "SH": 11,
        "SL": 6,
        "SN": 28,
        "ST": 13,
        "TH": 13,
    }
    universities = Counter(r["state"] for r in shipped if r["type"] == "university")
    assert set(universities) == geodata.STATE_CODES  # every state has universities


def test_shipped_rows_are_unique_and_placed_in_their_state(shipped):
    assert len({r["id"] for r in shipped}) == len({r["register_key"] for r in shipped}) == len(shipped)
    for row in shipped:
        lat, lon = float(row["lat"]), float(row["lon"])
        assert geodata.state_of_point(lat, lon) == row["state"], row["id"]
        assert geodata.state_of_ags(row["ags"]) == row["state"], row["id"]


def test_shipped_file_keeps_only_the_kept_types(shipped):
    # Types 3, 4, 5, 7, 8, 9 and the B rows stay out; hospitals are type-1 rows.
    assert {r["register_key"][0] for r in shipped} == {"1", "6"}
    assert all(r["register_key"][0] == "1" for r in shipped if r["type"] == "university_hospital")
    assert not [r for r in shipped if r["short_name"].endswith("(ohne Klinikum)")]


@pytest.mark.parametrize(
    "key, where, metres",
    [
        ("10105000", (47.999, 7.848), 200),  # U Freiburg i.Br.
        ("10105990", (48.006, 7.840), 200),  # its Klinikum
        ("10110200", (49.491, 8.487), 200),  # U Heidelberg in Mannheim
    ],
)
def test_known_sites_are_where_the_register_puts_them(shipped, key, where, metres):
    row = next(r for r in shipped if r["register_key"] == key)
    assert metres_between((float(row["lat"]), float(row["lon"])), where) < metres


def test_tum_hospital_is_in_munich_and_both_munich_hospitals_are_there(shipped):
    tum = next(r for r in shipped if r["short_name"] == "TU München in München (Klinikum)")
    assert (tum["type"], tum["city"], tum["state"]) == ("university_hospital", "München", "BY")
    assert tum["ags"][:5] == "09162"  # the city of Munich, not the district around it


def test_albstadt_and_sigmaringen_sites_are_in_their_towns(shipped):
    towns = {r["register_key"]: r["city"] for r in shipped if r["register_key"] in ("60106100", "60106200")}
    assert towns == {"60106100": "Albstadt", "60106200": "Sigmaringen"}


def test_loaded_register_actors_carry_source_precision_and_sponsor(dataset):
    listed = [a for a in dataset.actors.values() if a.listing is Listing.HIGHER_EDUCATION_REGISTER]
    assert len(listed) >= 560
    assert all(
        a.place.precision == REGISTER_PRECISION and a.sponsor and a.short_name and a.register_key for a in listed
    )
    sources = {a.source.file for a in listed if a.location_source is None}
    assert sources == {"734349_HochschulFachbereich_WS2021.xlsx"}
    source = dataset.sources["734349_HochschulFachbereich_WS2021.xlsx"]
    assert source.publisher == "Statistisches Bundesamt (Destatis)" and "CC0" in source.licence
    assert {a.sponsor.value for a in listed} == {"public", "private", "church"}


# --- the build (only where the original files are at hand) -------------------------------------


@needs_sources
def test_build_reproduces_the_shipped_file(built):
    records, _ = built
    assert register_csv(records) == REGISTER_ACTORS.read_text(encoding="utf-8")


@needs_sources
def test_every_klinikum_row_of_the_register_is_an_actor(built):
    records, _ = built
    kept = {r["register_key"]: r for r in records}
    klinikum = [row for row in read_register() if row.text.endswith("(Klinikum)")]
    assert len(klinikum) == 30
    assert all(kept[row.key]["type"] == "university_hospital" for row in klinikum)


@needs_sources
def test_build_reports_what_it_left_out(built):
    _, left_out = built
    assert left_out["type 5"] == 57 and left_out["type 7"] == 63 and left_out["type 4"] == 17
    assert left_out["type 3"] == 6 and left_out["type 9"] == 1 and left_out["type 8"] == 2
    assert left_out["(ohne Klinikum): the rest of a university listed as its own site"] == 26
