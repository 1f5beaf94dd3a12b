"""Build `geodata/postcodes.csv` from the GeoNames postal-code table (CC BY 4.0).

    python -m geodata.build_postcodes [--src FILE]

Reads `../shared/registers/geonames-postcodes/zipcodes.de.2026-03-30.csv` (see its SOURCE.md: the
2024 GeoNames rows plus the large-customer postcodes, whose `state_code` is numeric and whose
`place` is an organisation). Keeps postcode, place, district key, point and whether the row names
an organisation; drops the Austrian enclave without a district. Deterministic: sorted, same bytes
on every run.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from .postcodes import COLUMNS, POSTCODES_FILE

DEFAULT_SRC = (
    Path(__file__).resolve().parents[2] / "shared" / "registers" / "geonames-postcodes" / "zipcodes.de.2026-03-30.csv"
)


def postcode_rows(src: Path = DEFAULT_SRC) -> list[dict[str, str]]:
    rows = []
    with src.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            district = row["community_code"].strip()
            if len(district) != 5 or not district.isdigit():
                continue  # 87491 Jungholz: a Tyrolean enclave with a German postcode and no district
            rows.append(
                {
                    "postcode": row["zipcode"].strip(),
                    "place": " ".join(row["place"].split()),
                    "district": district,
                    "lat": f"{float(row['latitude']):.4f}",
                    "lon": f"{float(row['longitude']):.4f}",
                    "organisation": "1" if row["state_code"].strip().isdigit() else "0",
                }
            )
    unique = {tuple(row.values()): row for row in rows}
    return sorted(unique.values(), key=lambda r: (r["postcode"], r["organisation"], r["place"], r["district"]))


def postcodes_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="the GeoNames postal-code CSV")
    args = parser.parse_args(argv)
    POSTCODES_FILE.write_text(postcodes_csv(postcode_rows(args.src)), encoding="utf-8")
    print(f"{POSTCODES_FILE}: {POSTCODES_FILE.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
