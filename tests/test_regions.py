"""Cluster regions: the shipped definitions, their validation, the outlines and the 'in the region'
counts from the listings (never added to the members the sources name)."""

import csv
import json
import re
from pathlib import Path

import pytest
import shapely
import yaml
from shapely.geometry import Point, shape

import geodata
from clusters.dataset import DataValidationError
from clusters.keeping.build import REGIONS_YAML, build_region_outlines, region_districts
from clusters.readers.datafiles import load_dataset
from clusters.regions import covers, district_codes, overlaps
from geodata.boundaries import REGIONS_FILE
from geodata.build import DEFAULT_SRC

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [str(issue) for issue in caught.value.issues]


class _QuotingDumper(yaml.SafeDumper):
    """Writes district codes in quotes, as the loader requires."""


_QuotingDumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style='"' if value[:1] == "0" and value.isdigit() else None
    ),
)


def edit_regions(data_dir: Path, change) -> None:
    path = data_dir / "regions.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change({r["cluster"]: r for r in records})
    path.write_text(yaml.dump(records, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def append_register_row(data_dir: Path, **values) -> None:
    path = data_dir / "register_actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        fields = csv.DictReader(handle).fieldnames
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields, lineterminator="\n").writerow(values)


# --- the shipped regions ----------------------------------------------------------------------


def test_every_cluster_has_a_region_that_holds_its_seat(dataset):
    assert set(dataset.regions) == set(dataset.clusters)
    for cluster_id, region in dataset.regions.items():
        assert covers(region, dataset.clusters[cluster_id].seat), cluster_id
        assert district_codes(region) <= set(geodata.districts()), cluster_id
        assert region.basis.en and region.basis.de and region.seed.quote


def test_named_regions_cite_the_page_that_lists_their_districts(dataset):
    for cluster_id in ("bio-rn", "medical-valley-emn", "bio-m", "bioregio-stern", "biolago", "biopark-regensburg"):
        region = dataset.regions[cluster_id]
        assert region.definitions and all(d.url.startswith("http") and d.quote for d in region.definitions)
    assert len(dataset.regions["medical-valley-emn"].districts) == 34  # 11 cities + 23 districts
    assert len(dataset.regions["bio-rn"].districts) == 15 + 3  # the metropolitan region + 3 named cities
    assert dataset.regions["life-science-nord"].states == ["HH", "SH"]


def test_overlaps_are_reported_not_refused(dataset):
    shared = overlaps(dataset.regions)
    # Eastern Bavaria and the Nuremberg metropolitan region share districts; m4 and CNATM lie in BioM's
    # Munich region; the health region KölnBonn lies in North Rhine-Westphalia, which CLIB covers.
    assert ("biopark-regensburg", "medical-valley-emn") in shared
    assert ("bio-m", "m4-personalisierte-medizin") in shared and ("bio-m", "cnatm") in shared
    assert ("clib", "gesundheitsregion-koelnbonn") in shared or ("gesundheitsregion-koelnbonn", "clib") in shared
    assert len(shared) == 72
    # The Upper Palatinate's west: Amberg, Weiden, Amberg-Sulzbach, Neumarkt, Neustadt/WN, Tirschenreuth.
    assert shared[("biopark-regensburg", "medical-valley-emn")] == [
        "09361",
        "09363",
        "09371",
        "09373",
        "09374",
        "09377",
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are absent")
def test_seed_quotes_stand_in_the_seeds(dataset):
    def norm(text):
        return re.sub(r"\s+", " ", text)

    # Only the seed documents have a local copy; a web page's quote is checked against the page.
    documents = [r for r in dataset.regions.values() if dataset.sources[r.seed.file].url is None]
    assert len(documents) >= 12
    for region in documents:
        assert norm(region.seed.quote) in norm((SEEDS / region.seed.file).read_text(encoding="utf-8")), region.cluster


# --- validation that can fail -----------------------------------------------------------------


def test_unknown_district_code_is_reported(data_copy):
    edit_regions(data_copy, lambda rs: rs["bio-m"]["districts"].append("09999"))
    assert any("regions.yaml: record 'bio-m', field 'districts." in p and "09999" in p for p in problems(data_copy))


def test_seat_outside_the_region_is_reported(data_copy):
    edit_regions(data_copy, lambda rs: rs["bio-m"].update(districts=["09564"]))  # Nürnberg, not Munich
    assert any("record 'bio-m'" in p and "seat München" in p and "outside its region" in p for p in problems(data_copy))


def test_cluster_without_region_is_reported(data_copy):
    path = data_copy / "regions.yaml"
    records = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) if r["cluster"] != "biolago"]
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("record 'biolago'" in p and "no region" in p for p in problems(data_copy))


def test_region_of_unknown_cluster_is_reported(data_copy):
    edit_regions(data_copy, lambda rs: rs["bio-m"].update(cluster="atlantis-valley"))
    found = problems(data_copy)
    assert any("regions.yaml: record 'atlantis-valley', field 'cluster'" in p for p in found)


# --- the outlines the map draws ---------------------------------------------------------------


def test_shipped_outlines_match_the_region_definitions(dataset):
    features = {f["properties"]["id"]: f for f in geodata.regions_geojson()["features"]}
    assert set(features) == set(dataset.regions)
    for cluster_id, region in dataset.regions.items():
        assert features[cluster_id]["properties"]["districts"] == sorted(district_codes(region)), cluster_id
        seat = dataset.clusters[cluster_id].seat
        outline = shape(features[cluster_id]["geometry"])
        assert outline.buffer(0.02).contains(Point(seat.lon, seat.lat)), cluster_id
    assert geodata.region_outline("bio-m") is features["bio-m"] and geodata.region_outline("nowhere") is None


def test_outline_file_is_small_enough_for_the_browser():
    assert REGIONS_FILE.stat().st_size < 200_000


@pytest.mark.skipif(not (DEFAULT_SRC / "VG5000_KRS.shp").exists(), reason="the BKG shapefiles are absent")
def test_outline_build_reproduces_the_shipped_file():
    built = build_region_outlines(REGIONS_YAML)
    shipped = geodata.regions_geojson()["features"]
    assert json.loads(json.dumps(built)) == shipped
    # Dissolving leaves one outline per connected area, not one ring per district.
    munich = shape(next(f for f in built if f["properties"]["id"] == "bio-m")["geometry"])
    assert munich.geom_type == "Polygon" and not list(munich.interiors) and shapely.is_valid(munich)


def test_district_table_and_state_of_ags():
    assert len(geodata.districts()) == 401 and geodata.districts()["09162"].name == "München"
    assert geodata.state_of_ags("16072") == "TH" and geodata.state_of_ags("02000000") == "HH"
    with pytest.raises(KeyError):
        geodata.state_of_ags("99000")


def test_region_districts_expand_whole_states():
    by_state = {"HH": ["02000"], "SH": ["01001", "01002"]}
    codes = region_districts([{"cluster": "x", "states": ["HH", "SH"], "districts": ["01002"]}], by_state)
    assert codes == {"x": ["01001", "01002", "02000"]}


# --- 'in the region': listed actors counted by type, apart from named members ------------------


def test_region_counts_come_from_the_listings_only(dataset):
    munich = dataset.region_counts("bio-m")
    assert munich["university_hospital"] == 2  # LMU and TUM hospitals
    assert {a.short_name for a in dataset.region_actors("bio-m") if a.type.value == "university_hospital"} == {
        "U München (Klinikum)",
        "TU München in München (Klinikum)",
    }
    assert munich["research_institute"] >= 3  # MPI Biochemie (Planegg), Helmholtz Munich, MPI Psychiatrie
    # Bio^M's cluster management lies in the region but is named, not listed: it is no region count.
    assert all(a.listing is not None for a in dataset.region_actors("bio-m"))
    assert "bio-m-cluster-management" in {a.id for a in dataset.region_actors("bio-m", listed_only=False)}
    assert dataset.region_counts("life-science-nord")["university_hospital"] == 2  # UKE and UKSH
    assert dataset.region_counts("no-such-cluster") == {}


def test_a_listed_actor_counts_in_the_region_it_lies_in(data_copy, dataset):
    before_munich = dataset.region_counts("bio-m")["university_hospital"]
    before_nuremberg = dataset.region_counts("medical-valley-emn")["university_hospital"]
    append_register_row(
        data_copy,
        id="test-klinikum-nuernberg",
        name="Test Klinikum",
        short_name="Test (Klinikum)",
        type="university_hospital",
        sponsor="public",
        city="Nürnberg",
        state="BY",
        ags="09564000",
        lat="49.45390",
        lon="11.07730",
        register_key="19999990",
    )
    moved = load_dataset(data_copy)
    assert moved.region_counts("bio-m")["university_hospital"] == before_munich
    assert moved.region_counts("medical-valley-emn")["university_hospital"] == before_nuremberg + 1
    # Forum MedTech Pharma's region is all of Bavaria.
    assert moved.clusters_with_actor_in_region(moved.actors["test-klinikum-nuernberg"]) == [
        "medical-valley-emn",
        "forum-medtech-pharma",
    ]
    assert "test-klinikum-nuernberg" not in {a.id for a in moved.actors_of("medical-valley-emn")}


def test_register_row_in_the_wrong_state_is_reported(data_copy):
    append_register_row(
        data_copy,
        id="test-misplaced",
        name="Test",
        short_name="Test",
        type="university",
        sponsor="public",
        city="Nürnberg",
        state="SN",
        ags="09564000",
        lat="49.45390",
        lon="11.07730",
        register_key="19999991",
    )
    found = problems(data_copy)
    assert any(
        "register_actors.csv: record 'test-misplaced', field 'place.state'" in p and "lies in BY" in p for p in found
    )
    assert any("register_actors.csv: record 'test-misplaced', field 'place.ags'" in p for p in found)


def test_an_unquoted_district_code_is_refused_with_where_and_why(synthetic_copy):
    path = synthetic_copy / "regions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"09178"', "05334", 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_dataset(synthetic_copy)
    [issue] = raised.value.issues
    assert (issue.file, issue.record, issue.field) == ("regions.yaml", "alpha-bio", "districts")
    assert "2780" in issue.message and "quotes" in issue.message


def test_an_unquoted_district_code_that_yaml_would_read_as_text_is_refused_too(synthetic_copy):
    path = synthetic_copy / "regions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"09178"', "09178", 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_dataset(synthetic_copy)
    [issue] = raised.value.issues
    assert (issue.record, issue.field) == ("alpha-bio", "districts") and issue.message.startswith(
        "09178 is not in quotes"
    )
