import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from clusters.readers.exports import CLUSTER_COLUMNS, export, read_clusters_csv, spreadsheet_safe, to_csv
from clusters.records.model import FIGURE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = (
    "id,name,founded,management_staff,actors,smes,large_companies,research_institutions,city,state,"
    "lat,lon,focus_areas,founded_q,management_staff_q,actors_q,smes_q,large_companies_q,"
    "research_institutions_q,status,status_year,part_of,kind,region_population,region_population_year,"
)


def run_cli(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def test_cluster_columns_follow_the_contract():
    assert ",".join(CLUSTER_COLUMNS) + "," == CONTRACT


def test_cli_exports_every_cluster_as_csv(dataset):
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "clusters"))))
    assert [r["id"] for r in rows] == list(dataset.clusters)  # one row each, in the order of clusters.yaml
    by_id = {r["id"]: r for r in rows}
    # Figures and qualifiers exactly as the appendix words them.
    assert (by_id["bio-m"]["actors"], by_id["bio-m"]["actors_q"]) == ("220", ">")  # BioM's page, 2022
    assert (by_id["bio-m"]["large_companies"], by_id["bio-m"]["large_companies_q"]) == ("20", "")
    assert (by_id["medical-valley-emn"]["actors"], by_id["medical-valley-emn"]["actors_q"]) == ("220", ">")
    assert (by_id["medical-valley-emn"]["smes"], by_id["medical-valley-emn"]["smes_q"]) == ("150", "~")
    assert (by_id["bioregio-stern"]["research_institutions"], by_id["bioregio-stern"]["research_institutions_q"]) == (
        "55",
        ">",
    )
    assert by_id["biocon-valley"]["founded"] == "2001" and by_id["biocon-valley"]["management_staff"] == "16"
    assert by_id["life-science-nord"]["management_staff"] == "13.5"
    # Unknown stays empty, never 0.
    assert by_id["bio-nrw"]["actors"] == "" and by_id["bio-nrw"]["actors_q"] == ""
    assert by_id["healthcapital"]["management_staff"] == ""
    assert by_id["biolago"]["state"] == "BW" and by_id["life-science-nord"]["state"] == "HH"
    assert by_id["biolago"]["focus_areas"].split(";") == [
        "diagnostics",
        "lab-automation",
        "pharma",
        "medtech",
        "biotechnology",
    ]


def test_csv_round_trip(dataset):
    frame = read_clusters_csv(export(dataset, "clusters"))
    assert list(frame["id"]) == list(dataset.clusters)
    for cluster in dataset.clusters.values():
        row = frame[frame["id"] == cluster.id].iloc[0]
        for name in FIGURE_FIELDS:
            figure = cluster.figure(name)
            if figure is None:
                assert str(row[name]) in ("nan", "<NA>") and row[f"{name}_q"] == ""
            else:
                assert float(row[name]) == float(figure.value)
                assert row[f"{name}_q"] == figure.qualifier.value
        assert row["lat"] == pytest.approx(cluster.seat.lat)


def test_actors_export_columns(dataset):
    rows = list(csv.DictReader(io.StringIO(export(dataset, "actors"))))
    assert list(rows[0]) == [
        "id",
        "name",
        "type",
        "city",
        "state",
        "lat",
        "lon",
        "precision",
        "clusters",
        "relations",
        "in_region",
        "listing",
        "short_name",
        "sponsor",
        "source",
        "location_source",
        "kind",
        "status",
        "status_reason",
        "successor",
        "as_of",
        "postcode",
        "source_url",
        "quote",
    ]
    assert len(rows) == len(dataset.actors) >= 400
    assert all(r["lat"] and r["lon"] and r["source"] and r["location_source"] for r in rows)
    # Every actor is as of the year of the newest page naming it; unknown only where that page is undated.
    undated = {key for key, source in dataset.sources.items() if source.date is None}
    assert all(r["as_of"] or dataset.actors[r["id"]].source.file in undated for r in rows)
    assert {r["precision"] for r in rows} == {"municipality", "100 m grid cell", "postcode"}
    by_id = {r["id"]: r for r in rows}
    assert by_id["bmwi"]["relations"] == "biosaxony:funder;bioregio-stern:funder"
    assert by_id["bmwi"]["clusters"] == "biosaxony;bioregio-stern"
    freiburg = by_id["universitaet-freiburg-im-breisgau-klinikum"]
    assert (freiburg["precision"], freiburg["listing"], freiburg["short_name"]) == (
        "100 m grid cell",
        "higher_education_register",
        "U Freiburg i.Br. (Klinikum)",
    )
    assert "Hochschulverzeichnis WS 2021/22" in freiburg["source"] and freiburg["relations"] == ""
    assert by_id["dkfz"]["source_url"] == dataset.actors["dkfz"].page.url and by_id["dkfz"]["source"].endswith(
        by_id["dkfz"]["source_url"]
    )
    assert by_id["dkfz"]["precision"] == "postcode" and "GeoNames" in by_id["dkfz"]["location_source"]
    # A named actor placed by the register keeps its own source and cites the register for its point.
    assert "Masterplan" in by_id["charite"]["source"] and "Sortierschlüssel" in by_id["charite"]["location_source"]
    assert "healthcapital" in by_id["charite"]["in_region"].split(";") and by_id["charite"]["relations"] == ""


def test_cluster_export_with_sources_says_what_a_figure_means(dataset):
    rows = list(csv.DictReader(io.StringIO(export(dataset, "clusters", with_sources=True))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["life-science-nord"]["management_staff_unit"] == "FTE"
    assert by_id["bio-m"]["management_staff_unit"] == "persons"
    assert "merger" in by_id["life-science-nord"]["founded_note"]
    assert "office" in by_id["bio-nrw"]["founded_note"] and by_id["bio-nrw"]["seat_inferred"] == "True"
    assert "BioPark" in by_id["biopark-regensburg"]["founded_note"]
    assert by_id["biosaxony"]["seat_inferred"] == "False" and by_id["biosaxony"]["seat_note"] == ""


def test_geojson_export_has_points(dataset):
    collection = json.loads(run_cli("export", "clusters", "--format", "geojson"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(dataset.clusters)
    munich = next(f for f in collection["features"] if f["properties"]["id"] == "bio-m")
    lon, lat = munich["geometry"]["coordinates"]
    assert 48.0 < lat < 48.3 and 11.3 < lon < 11.8
    assert munich["properties"]["actors"] == 220 and munich["properties"]["actors_q"] == ">"


def test_json_export_keeps_unknown_as_null(dataset):
    records = json.loads(export(dataset, "clusters", "json"))
    nrw = next(r for r in records if r["id"] == "bio-nrw")
    assert nrw["actors"] is None and nrw["founded"] == 2008


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell


def test_plain_cells_and_numbers_stay(dataset):
    assert spreadsheet_safe("Bio^M") == "Bio^M" and spreadsheet_safe(-1) == -1


def test_csv_export_neutralises_hostile_names():
    import pandas as pd

    text = to_csv(pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "fine"], "actors": [1, 2]}))
    assert "'=cmd" in text and "\nfine,2" in text


def test_xlsx_export(tmp_path, dataset):
    out = tmp_path / "clusters.xlsx"
    run_cli("export", "clusters", "--format", "xlsx", "--out", str(out), "--with-sources")
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[: len(CLUSTER_COLUMNS)] == list(CLUSTER_COLUMNS)
    assert "actors_source" in header and sheet.max_row == len(dataset.clusters) + 1  # a header and a row per cluster
