"""Read a cluster staff member's own figures (CSV or XLSX, the export's columns) into clusters
marked "yours". Never raises on bad input: every problem becomes a message naming the row and
column and what to do; valid rows of a partly bad file are kept. Nothing is written anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd
from pydantic import ValidationError

import geodata

from .io import CLUSTER_COLUMNS
from .load import Dataset
from .model import FIGURE_FIELDS, Cluster, Figure, FocusRef, Place, Qualifier, SourceRef, Text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
REQUIRED_COLUMNS = ("id", "name")
YOURS_PREFIX = "yours-"
_NUMBER = re.compile(r"^\s*(>|<|~|mehr als|über|fast|knapp|rund|ca\.)?\s*(\d+(?:[.,]\d+)?)\s*$", re.IGNORECASE)
_QUALIFIER_WORDS = {">": ">", "mehr als": ">", "über": ">", "<": "<", "fast": "<", "knapp": "<", "~": "~",
                    "rund": "~", "ca.": "~"}


@dataclass(frozen=True)
class UploadMessage:
    row: int | None  # 1-based data row as a spreadsheet shows it (header = row 1), None for the file
    column: str | None
    text: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return (", ".join(where) + ": " if where else "") + self.text


@dataclass
class UploadResult:
    clusters: list[Cluster] = field(default_factory=list)
    errors: list[UploadMessage] = field(default_factory=list)
    warnings: list[UploadMessage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.clusters)


def template_csv() -> str:
    """The columns to fill, with one example row (what `export clusters` writes)."""
    example = {"id": "my-cluster", "name": "My Cluster e. V.", "founded": "2010", "management_staff": "7",
               "actors": "150", "smes": "120", "large_companies": "5", "research_institutions": "12",
               "city": "Kiel", "state": "SH", "focus_areas": "medtech;digital-health", "actors_q": ">"}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CLUSTER_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: example.get(column, "") for column in CLUSTER_COLUMNS})
    return buffer.getvalue()


def _looks_binary(content: bytes) -> bool:
    sample = content[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls > len(sample) * 0.05


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")  # German Excel's "ANSI" CSV


def _read_table(filename: str, content: bytes) -> pd.DataFrame | UploadMessage:
    if len(content) > MAX_BYTES:
        return UploadMessage(None, None, f"the file has {len(content) / 1e6:.1f} MB; the limit is 5 MB. "
                                         "Upload only the clusters you want to compare.")
    if not content.strip():
        return UploadMessage(None, None, "the file is empty. Download the template and fill in your figures.")
    if content[:4] == b"PK\x03\x04":
        try:
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
            return UploadMessage(None, None, f"the Excel file cannot be read ({exc}). Save it again as .xlsx or CSV.")
        return frame.fillna("")
    if _looks_binary(content):
        return UploadMessage(None, None, f"'{filename}' is not a CSV or Excel (.xlsx) file. "
                                         "Download the template and save your table in that format.")
    text = _decode(content)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    separator = max(";,\t", key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    except csv.Error as exc:
        return UploadMessage(None, None, f"the CSV cannot be read ({exc}).")
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in body]
    return pd.DataFrame(body, columns=[h.strip() for h in header], dtype=str)


def _number(cell: str) -> tuple[float | int, str] | str:
    """(value, qualifier) from "250", "13,5", ">250", "mehr als 250"; or an error text."""
    match = _NUMBER.match(cell)
    if not match:
        if re.match(r"^\s*-\s*\d", cell):
            return f"'{cell}' is negative; counts and years cannot be below 0"
        return f"'{cell}' is not a number (write e.g. 250, 13.5 or >250)"
    word, digits = match.groups()
    value = float(digits.replace(",", "."))
    return (int(value) if value.is_integer() else value), _QUALIFIER_WORDS.get((word or "").lower(), "")


def parse_upload(filename: str, content: bytes, dataset: Dataset, today: dt.date | None = None) -> UploadResult:
    result = UploadResult()
    table = _read_table(filename, content)
    if isinstance(table, UploadMessage):
        result.errors.append(table)
        return result
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    figures_present = [c for c in FIGURE_FIELDS if c in table.columns]
    if missing or not figures_present:
        needed = missing + ([] if figures_present else ["at least one of " + ", ".join(FIGURE_FIELDS)])
        result.errors.append(UploadMessage(None, None, "missing column(s): " + "; ".join(needed) +
                                           ". Use the template's column names (first row)."))
        return result
    if len(table) > MAX_ROWS:
        result.errors.append(UploadMessage(None, None, f"the file has {len(table)} rows; the limit is {MAX_ROWS}."))
        return result
    unknown_columns = [c for c in table.columns if c not in CLUSTER_COLUMNS]
    if unknown_columns:
        result.warnings.append(UploadMessage(None, None, "ignored column(s): " + ", ".join(unknown_columns)))

    year = (today or dt.date.today()).year
    seen: dict[str, int] = {}
    for index, record in enumerate(table.to_dict(orient="records")):
        row = index + 2  # as a spreadsheet numbers it, below the header
        cluster = _row_to_cluster(record, row, filename, year, dataset, seen, result)
        if cluster is not None:
            result.clusters.append(cluster)
    return result


def _row_to_cluster(record: dict, row: int, filename: str, year: int, dataset: Dataset, seen: dict[str, int],
                    result: UploadResult) -> Cluster | None:
    errors_before = len(result.errors)

    def error(column: str | None, text: str) -> None:
        result.errors.append(UploadMessage(row, column, text + " — this row was skipped."))

    raw_id = str(record.get("id", "")).strip()
    name = str(record.get("name", "")).strip()
    if not raw_id:
        error("id", "the id is empty")
    elif raw_id in seen:
        error("id", f"the id '{raw_id}' is already used in row {seen[raw_id]}")
    if not name:
        error("name", "the name is empty")
    slug = re.sub(r"[^a-z0-9]+", "-", raw_id.lower()).strip("-") or "row"
    if raw_id and raw_id not in seen:
        seen[raw_id] = row

    source = SourceRef(file=f"your upload: {filename}", section=f"row {row}")
    figures: dict[str, Figure] = {}
    for column in FIGURE_FIELDS:
        cell = str(record.get(column, "") or "").strip()
        if not cell:
            continue
        parsed = _number(cell)
        if isinstance(parsed, str):
            error(column, parsed)
            continue
        value, qualifier = parsed
        explicit = str(record.get(f"{column}_q", "") or "").strip()
        if explicit and explicit not in (">", "<", "~"):
            error(f"{column}_q", f"'{explicit}' is no qualifier; leave it empty or use >, < or ~")
            continue
        try:
            figures[column] = Figure(value=value, qualifier=Qualifier(explicit or qualifier), year=year,
                                     source=source, note="your figure")
        except ValidationError:
            error(column, f"'{cell}' is not a valid figure")
    if "founded" in figures and figures["founded"].value > year:
        error("founded", f"the founding year {figures['founded'].value} lies in the future")

    focus = []
    for area in [a.strip() for a in re.split(r"[;,]", str(record.get("focus_areas", "") or "")) if a.strip()]:
        if area in dataset.focus_areas:
            focus.append(FocusRef(area=area, wording=area))
        else:
            result.warnings.append(UploadMessage(row, "focus_areas", f"unknown focus area '{area}' was left out "
                                                 "(see the template's vocabulary ids)"))

    published = dataset.clusters.get(raw_id)
    city = str(record.get("city", "") or "").strip()
    state = str(record.get("state", "") or "").strip().upper().removeprefix("DE-")
    seat = published.seat if published and not city else None
    if seat is None:
        if not city or not state:
            error("city", "city and state are needed (or use the id of a published cluster)")
        elif state not in geodata.STATE_CODES:
            error("state", f"'{state}' is no German state code; use e.g. BY, NW, SH")
        else:
            try:
                town = geodata.find_municipality(city, state=state)
                seat = Place(city=city, state=state, ags=town.ags, lat=town.lat, lon=town.lon)
            except LookupError:
                seat = Place(city=city, state=state, precision="state")
    if len(result.errors) > errors_before:
        return None
    try:
        return Cluster(
            id=f"{YOURS_PREFIX}{slug}", name=f"{name} (yours)", short_name=f"{name[:30]} (yours)", seat=seat,
            states=[seat.state], focus=focus, region=Text(en="Your own figures", de="Ihre eigenen Zahlen"),
            sources=[source.file], **figures)
    except ValidationError as exc:
        for problem in exc.errors():
            message = problem["msg"].removeprefix("Value error, ")
            column, _, text = message.partition(": ")
            result.errors.append(UploadMessage(row, column if text else None,
                                               (text or message) + " — this row was skipped."))
        return None
