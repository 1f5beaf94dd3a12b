"""Inhabitants of every German district on 31.12.2023, offline (`geodata/district_population.csv`,
built by `python -m geodata.build_population` from the Destatis municipality register GV-ISys: its
municipality rows added up to the 400 districts).

The figures are the official population update based on Census 2011 (Fortschreibung auf Basis
Zensus 2011); the district keys are those of the BKG 2021 boundaries the map draws.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path

POPULATION_FILE = Path(__file__).resolve().parent / "district_population.csv"
COLUMNS = ("district", "name", "population")
REFERENCE_DATE = dt.date(2023, 12, 31)
PUBLISHED = dt.date(2024, 10, 1)
ATTRIBUTION = {
    "en": "Data: © Statistisches Bundesamt (Destatis), 2024, Gemeindeverzeichnis 31.12.2023,"
    " dl-de/by-2-0; own aggregation to districts",
    "de": "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand"
    " 31.12.2023; Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0); eigene"
    " Berechnung (Aggregation auf Kreise)",
}
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


@cache
def district_population() -> dict[str, int]:
    """Inhabitants by 5-digit district key."""
    with POPULATION_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["district"]: int(row["population"]) for row in csv.DictReader(handle)}


def population_of(districts: frozenset[str] | set[str]) -> int | None:
    """Inhabitants of the given districts together; None if any of them is not in the register
    (a partial sum would understate the region without saying so)."""
    counts = district_population()
    if not districts or any(code not in counts for code in districts):
        return None
    return sum(counts[code] for code in districts)
