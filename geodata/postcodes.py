"""German postcodes with their GeoNames points, offline (`geodata/postcodes.csv`, built by
`python -m geodata.build_postcodes` from the GeoNames postal-code table, CC BY 4.0).

A postcode can cover several places and even several districts: `postcode_points` returns all
of them, and the caller decides (one district: a point of precision "postcode"; several: a
problem to report, never a guess). Large-customer postcodes name an organisation instead of a
place (`67056 BASF SE`); `organisation_point` finds such a row by the organisation's name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

POSTCODES_FILE = Path(__file__).resolve().parent / "postcodes.csv"
COLUMNS = ("postcode", "place", "district", "lat", "lon", "organisation")
ATTRIBUTION = "Postal codes: GeoNames (https://www.geonames.org), CC BY 4.0"
ATTRIBUTION_URL = "https://www.geonames.org"
PRECISION = "postcode"


@dataclass(frozen=True)
class PostcodePoint:
    postcode: str
    place: str
    district: str
    """The 5-digit district key (Kreis-AGS) the point lies in."""
    lat: float
    lon: float
    organisation: bool
    """A large-customer postcode: `place` names an organisation, not a town."""


@cache
def _by_postcode() -> dict[str, tuple[PostcodePoint, ...]]:
    rows: dict[str, list[PostcodePoint]] = {}
    with POSTCODES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            point = PostcodePoint(
                row["postcode"],
                row["place"],
                row["district"],
                float(row["lat"]),
                float(row["lon"]),
                row["organisation"] == "1",
            )
            rows.setdefault(point.postcode, []).append(point)
    return {postcode: tuple(points) for postcode, points in rows.items()}


def postcode_points(postcode: str) -> tuple[PostcodePoint, ...]:
    """Every place row of a postcode (organisation rows left out); empty for an unknown one."""
    return tuple(p for p in _by_postcode().get(postcode.strip(), ()) if not p.organisation)


def postcode_districts(postcode: str) -> frozenset[str]:
    return frozenset(p.district for p in postcode_points(postcode))


def organisation_points() -> tuple[PostcodePoint, ...]:
    """The large-customer rows, each naming an organisation."""
    return tuple(p for points in _by_postcode().values() for p in points if p.organisation)
