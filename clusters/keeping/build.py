"""Build the shipped files that come from sources outside the repository.

    python -m clusters.keeping.build registers [--register DIR] [--bkg DIR]
    python -m clusters.keeping.build regions [--bkg DIR]
    python -m clusters.keeping.build            # both

`registers` reads the Destatis higher-education register (`../shared/registers/destatis-hochschulen/`)
and the BKG VG5000 shapefiles and writes `clusters/data/register_actors.csv`: universities,
universities of applied sciences and university hospitals, one row per site, with the point of
the site's 100 m grid cell, its municipality and state. `regions` reads `clusters/data/regions.yaml`
and writes the dissolved, simplified region outlines to `static/geo/regions.geojson`. The output
is the same bytes on every run; the app reads only the output.

Which register rows become actors (the register lists institutions, their sites and statistical
parts of them, so several rows can describe one place):
- types 1 (Universitäten), 2 (Gesamthochschulen, none in WS 2021/22) and 6 (Fachhochschulen);
  not 3 (teacher training), 4 (theology), 5 (art and music), 7 (public administration), 8
  ("Sonstige": two summary rows without a site, neither a medical school), 9 (abroad) or `B`
  (Berufsakademien and academies, which are not higher-education institutions);
- every university hospital as its own actor: rows ending in "(Klinikum)" or "(Klinikum-LKH)" and
  rows named Universitätsklinikum / Universitätsmedizin (Charité, Mainz, Schleswig-Holstein,
  Gießen und Marburg), whatever their type digit;
- "(ohne Klinikum)" rows are left out: they are the rest of a university whose site is already
  its own row; so are rows that are no teaching site (a library, a president's office) and parts
  listed separately at the same site (see `NOT_A_SITE`);
- within one institution, rows in the same grid cell are one site: the first row (by key) stands
  for it, e.g. "TU München" and "TU München in München".
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "clusters" / "data"
REGISTER_DIR = ROOT.parent / "shared" / "registers" / "destatis-hochschulen"
REGISTER_FILE = "734349_HochschulFachbereich_WS2021.xlsx"
REGISTER_ACTORS = DATA_DIR / "register_actors.csv"
REGIONS_YAML = DATA_DIR / "regions.yaml"

REGISTER_COLUMNS = ("id", "name", "short_name", "type", "sponsor", "city", "state", "ags", "lat", "lon", "register_key")

# Characters 2-3 of the sort key (SOURCE.md); they follow the register's own order, not the AGS.
STATE_BY_SORT_KEY = {
    "01": "BW",
    "02": "BY",
    "03": "BE",
    "04": "BB",
    "05": "HB",
    "06": "HH",
    "07": "HE",
    "08": "MV",
    "09": "NI",
    "10": "NW",
    "11": "RP",
    "12": "SL",
    "13": "SN",
    "14": "ST",
    "15": "SH",
    "16": "TH",
}
KEPT_TYPES = {"1": "university", "2": "university", "6": "university_of_applied_sciences"}
# Trägerschaft: 1 Bund, 2 Land, 3 Kommune, 4 Privat, 5 Kirchlich (6 Sonstige only on summary rows).
SPONSOR_BY_CODE = {"1": "public", "2": "public", "3": "public", "4": "private", "5": "church"}

NOT_A_SITE = {
    "10605200": "Staats- und Universitätsbibliothek Hamburg: a library",
    "11110100": "U Koblenz-Landau in Mainz, Präsidialamt: the president's office; the sites are Koblenz and Landau",
    "60142503": "DHBW Präsidium, Stuttgart: the president's office beside the Stuttgart campus",
    "10725102": "U Kassel (Kunsthochschule): the art school within U Kassel's Kassel site; art colleges are left out",
    "10725103": "U Kassel (Intern. Management School): a school within U Kassel's Kassel site",
}

# Colleges the register types as universities or Fachhochschulen but that are, by their own name,
# theology, art or public-administration colleges, which this atlas leaves out like types 4, 5 and 7.
OUT_OF_SCOPE = {
    "10425000": "Filmuniversität Babelsberg: an art (film) college",
    "11080000": "Deutsche Hochschule der Polizei: a police college (public administration)",
    "60129000": "Hochschule der Bundesagentur für Arbeit in Mannheim: the Federal Employment Agency's own college",
    "60825000": "Hochschule der Bundesagentur für Arbeit in Schwerin: the Federal Employment Agency's own college",
    "60152000": "H für Gestaltung Schwäbisch Gmünd: an art and design college",
    "60186000": "Merz Akademie Hochschule für Gestaltung, Kunst und Medien: an art college",
    "60192000": "Theologisches Seminar Reutlingen: a theology college",
    "60430000": "Theologische Hochschule Elstal: a theology college",
    "60930000": "FH für Interkulturelle Theologie Hermannsburg: a theology college",
}
# The register gives each of these two sites the other's grid cell (each cell lies in the other
# town); the build exchanges them, and fails if a row's "in <town>" and its cell disagree otherwise.
SWAPPED_CELLS = {"60106100": "60106200", "60106200": "60106100"}
TOWN_IN_TEXT = re.compile(r"\bin ([A-ZÄÖÜ][\w.\-]+)")
# "in <place>" that is not the municipality the grid cell lies in: a part of it (Weihenstephan in
# Freising, Triesdorf in Weidenbach), a campus named after the nearby town (Umwelt-Campus Birkenfeld)
# or the first of two towns named together (Velbert/Heiligenhaus).
PLACE_PARTS = {
    "Weihenstephan": "Freising",
    "Triesdorf": "Weidenbach",
    "Birkenfeld": "Hoppstädten-Weiersbach",
    "Velbert": "Heiligenhaus",
}

HOSPITAL = re.compile(r"\(Klinikum(?:-LKH)?\)\s*$|Universitätsklinikum|Universitätsmedizin")
WITHOUT_HOSPITAL = re.compile(r"\(ohne Klinikum\)\s*$")
UMLAUTS = {"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
GRID_CELL = re.compile(r"^CRS3035RES100mN(\d+)E(\d+)$")
GRID_HALF_CELL_M = 50
MAX_ID_LENGTH = 72
# A site on the water's edge can fall just outside VG5000's generalised coastline; a grid cell
# reaches 71 m from its centre, and the generalisation moves borders by a few hundred metres.
MAX_PLACE_DISTANCE_M = 1000

# The register's short forms, written out. Type markers in parentheses ("(FH)", "(Priv. U)") are
# dropped from the display name: the type and sponsor columns say the same in words.
TYPE_MARKER = re.compile(r"\s*\((?:Priv\.|Kirchl\.)?\s*(?:U|FH|H|Fern-FH)\)|\s*\(Priv\.\s?FH\)")
PART_MARKER = re.compile(r"\s*\((?:FB [^)]*|ohne Kunsthochschule)\)")
WORDS = (
    (r"\bTU\b", "Technische Universität"),
    (r"\bTH\b", "Technische Hochschule"),
    (r"\bFU\b", "Freie Universität"),
    (r"\bPH\b", "Pädagogische Hochschule"),
    (r"\bFH\b", "Fachhochschule"),
    (r"\bU\b(?!\.)", "Universität"),
    (r"\bH\b(?!\.)", "Hochschule"),
    (r"\bPriv\.\s?", "Private "),
    (r"\bKirchl\.\s?", "Kirchliche "),
    (r"\bKath\.\s?", "Katholische "),
    (r"\bEvang\.\s?", "Evangelische "),
    (r"\bMed\.\s?", "Medizinische "),
    (r"\bEurop\.\s?", "European "),
    (r"\bIntern\.\s?", "International "),
    (r"\bi\.\s?Br\.", "im Breisgau"),
    (r"\ba\.\s?M\.", "am Main"),
    (r"\ba\. d\.\s?", "an der "),
    (r"\bi\.d\.OPf\.", "in der Oberpfalz"),
    (r"\böff\.\s?", "öffentliche "),
    (r"\böffentl\.\s?", "öffentliche "),
)


@dataclass(frozen=True)
class RegisterRow:
    key: str
    text: str
    sponsor_code: str
    cell: str


def read_register(folder: Path = REGISTER_DIR) -> list[RegisterRow]:
    import pandas as pd

    frame = pd.read_excel(folder / REGISTER_FILE, sheet_name=0, dtype=str)
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    rows = []
    for record in frame.to_dict("records"):
        cell = record.get("Gitterzelle")
        rows.append(
            RegisterRow(
                key=str(record["Sortierschl."]).strip(),
                text=" ".join(str(record["Text"]).split()),
                sponsor_code=str(record["Träger- schaft"]).strip(),
                cell="" if not isinstance(cell, str) else cell.strip(),
            )
        )
    return rows


def readable_name(text: str) -> str:
    """`U Freiburg i.Br. (Klinikum)` -> `Universität Freiburg im Breisgau (Klinikum)`."""
    name = PART_MARKER.sub("", TYPE_MARKER.sub("", text))
    for pattern, words in WORDS:
        name = re.sub(pattern, words, name)
    return " ".join(name.replace(" ,", ",").split())


def slug(text: str) -> str:
    spelled = text
    for umlaut, letters in UMLAUTS.items():
        spelled = spelled.replace(umlaut, letters)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def cell_centre_wgs84(cell: str) -> tuple[float, float]:
    """(lat, lon) of the centre of an INSPIRE 100 m grid cell named by its lower-left corner."""
    from pyproj import Transformer

    match = GRID_CELL.match(cell)
    if not match:
        raise ValueError(f"not a 100 m grid cell of EPSG:3035: {cell!r}")
    north, east = (int(v) + GRID_HALF_CELL_M for v in match.groups())
    lon, lat = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True).transform(east, north)
    return round(lat, 5), round(lon, 5)


def actor_type(row: RegisterRow) -> str | None:
    if HOSPITAL.search(row.text):
        return "university_hospital"
    return KEPT_TYPES.get(row.key[0])


def selected_rows(rows: list[RegisterRow]) -> tuple[list[tuple[RegisterRow, str]], Counter]:
    """The rows that become actors, with their type, and why the others were left out."""
    left_out: Counter = Counter()
    kept: list[tuple[RegisterRow, str]] = []
    seen_cells: set[tuple[str, str, str]] = set()
    for row in sorted(rows, key=lambda r: r.key):
        kind = actor_type(row)
        if kind is None:
            left_out[f"type {row.key[0]}"] += 1
        elif kind != "university_hospital" and WITHOUT_HOSPITAL.search(row.text):
            left_out["(ohne Klinikum): the rest of a university listed as its own site"] += 1
        elif row.key in NOT_A_SITE:
            left_out["not a site of its own (NOT_A_SITE)"] += 1
        elif row.key in OUT_OF_SCOPE:
            left_out["theology, art or administration college by name (OUT_OF_SCOPE)"] += 1
        elif not row.cell:
            left_out["no grid cell"] += 1
        elif (row.key[:5], kind, row.cell) in seen_cells:
            left_out["same institution, same grid cell as a row kept before"] += 1
        else:
            seen_cells.add((row.key[:5], kind, row.cell))
            kept.append((row, kind))
    return kept, left_out


def build_register_actors(register: Path = REGISTER_DIR, bkg: Path | None = None) -> tuple[list[dict], Counter]:
    from geodata.build import DEFAULT_SRC, PlaceFinder

    finder = PlaceFinder(bkg or DEFAULT_SRC)
    rows = read_register(register)
    cells = {row.key: row.cell for row in rows}
    kept, left_out = selected_rows(rows)
    records, problems, ids = [], [], Counter()
    for row, kind in kept:
        lat, lon = cell_centre_wgs84(cells[SWAPPED_CELLS.get(row.key, row.key)])
        state = STATE_BY_SORT_KEY[row.key[1:3]]
        place = finder.find(lat, lon, MAX_PLACE_DISTANCE_M)
        if place is None:
            problems.append(f"{row.key} {row.text}: ({lat}, {lon}) lies in no municipality")
            continue
        if place.state != state:
            problems.append(f"{row.key} {row.text}: the key says {state}, the point lies in {place.state}")
            continue
        towns = TOWN_IN_TEXT.findall(row.text)  # the last "in <town>" names the site
        named = towns and PLACE_PARTS.get(towns[-1], towns[-1])
        if named and named.split("/")[0].replace("-", " ") not in place.name.replace("-", " "):
            problems.append(f"{row.key} {row.text}: the text names {named}, the point lies in {place.name}")
            continue
        name = readable_name(row.text)
        base = slug(name)
        if len(base) > MAX_ID_LENGTH:  # record ids stay short enough to read in a link
            base = f"{base[: MAX_ID_LENGTH - 9].rsplit('-', 1)[0]}-{row.key}"
        ids[base] += 1
        records.append(
            {
                "id": base,
                "name": name,
                "short_name": row.text,
                "type": kind,
                "sponsor": SPONSOR_BY_CODE[row.sponsor_code],
                "city": place.name.split(",")[0].strip(),
                "state": state,
                "ags": place.ags,
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "register_key": row.key,
            }
        )
    if problems:
        raise ValueError("register rows that cannot be placed:\n" + "\n".join(problems))
    for record in records:  # the same readable name twice: tell them apart by the register key
        if ids[record["id"]] > 1:
            record["id"] = f"{record['id']}-{record['register_key']}"
    return records, left_out


def register_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def region_districts(regions: list[dict], by_state: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each region's district codes, whole states expanded to their districts."""
    return {
        r["cluster"]: sorted({*r.get("districts", []), *(d for s in r.get("states", []) for d in by_state[s])})
        for r in regions
    }


def build_region_outlines(regions_yaml: Path = REGIONS_YAML, bkg: Path | None = None) -> list[dict]:
    from geodata.build import DEFAULT_SRC, district_codes_by_state, region_outlines

    src = bkg or DEFAULT_SRC
    regions = yaml.safe_load(regions_yaml.read_text(encoding="utf-8"))
    codes = region_districts(regions, district_codes_by_state(src))
    outlines = region_outlines(src, codes)
    return [
        {
            "type": "Feature",
            "properties": {"id": cluster_id, "districts": codes[cluster_id]},
            "geometry": outlines[cluster_id],
        }
        for cluster_id in sorted(codes)
    ]


def main(argv: list[str] | None = None) -> int:
    from geodata.boundaries import REGIONS_FILE
    from geodata.build import DEFAULT_SRC, write_feature_collection

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", choices=("registers", "regions", "all"), default="all")
    parser.add_argument("--register", type=Path, default=REGISTER_DIR, help="folder with the Destatis files")
    parser.add_argument("--bkg", type=Path, default=DEFAULT_SRC, help="folder with the VG5000_*.shp files")
    args = parser.parse_args(argv)
    if args.what in ("registers", "all"):
        records, left_out = build_register_actors(args.register, args.bkg)
        REGISTER_ACTORS.write_text(register_csv(records), encoding="utf-8")
        by_type = Counter(r["type"] for r in records)
        print(f"{REGISTER_ACTORS}: {len(records)} actors ({', '.join(f'{n} {t}' for t, n in sorted(by_type.items()))})")
        for reason, count in sorted(left_out.items()):
            print(f"  left out {count:4d}: {reason}")
    if args.what in ("regions", "all"):
        features = build_region_outlines(REGIONS_YAML, args.bkg)
        write_feature_collection(features, REGIONS_FILE)
        print(f"{REGIONS_FILE}: {len(features)} regions, {REGIONS_FILE.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
