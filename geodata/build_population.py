"""Build `geodata/district_population.csv` from the Destatis municipality register (dl-de/by-2-0).

    python -m geodata.build_population [--src FILE]

Reads `../shared/registers/destatis-population/31122023_Auszug_GV.xlsx` (see its SOURCE.md): the
second sheet, data from row 7, municipality rows (Satzart 60) only; a district's key is Land + RB +
Kreis, its population the sum of its municipalities' column J, its name that of its Satzart-40 row.
The two pseudo-districts 07000 and 13000 (no inhabitants) are dropped. Deterministic output.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from .population import COLUMNS, POPULATION_FILE

DEFAULT_SRC = (
    Path(__file__).resolve().parents[2] / "shared" / "registers" / "destatis-population" / "31122023_Auszug_GV.xlsx"
)
PSEUDO_DISTRICTS = frozenset({"07000", "13000"})
MUNICIPALITY, DISTRICT = "60", "40"


def district_rows(src: Path = DEFAULT_SRC) -> list[dict[str, str]]:
    workbook = load_workbook(src, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[1]
        names: dict[str, str] = {}
        population: dict[str, int] = {}
        for row in sheet.iter_rows(min_row=7, values_only=True):
            kind = str(row[0] or "").strip()
            if kind not in (MUNICIPALITY, DISTRICT):
                continue
            key = f"{row[2]}{row[3]}{row[4]}"
            if kind == DISTRICT:
                names[key] = " ".join(str(row[7]).split())
            else:
                population[key] = population.get(key, 0) + int(row[9] or 0)
    finally:
        workbook.close()
    keys = sorted(set(population) - PSEUDO_DISTRICTS)
    missing = [key for key in keys if key not in names]
    if missing:
        raise ValueError(f"municipalities of districts without a district row: {missing}")
    return [{"district": key, "name": names[key], "population": str(population[key])} for key in keys]


def population_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="the Destatis GV-ISys extract (xlsx)")
    args = parser.parse_args(argv)
    rows = district_rows(args.src)
    POPULATION_FILE.write_text(population_csv(rows), encoding="utf-8")
    total = sum(int(row["population"]) for row in rows)
    print(f"{POPULATION_FILE}: {len(rows)} districts, {total:,} inhabitants")


if __name__ == "__main__":
    main()
