"""Read a cluster staff member's own figures (CSV or XLSX, the export's columns) into clusters
marked "yours". Never raises on bad input: every problem becomes a message naming the row and
column and what to do; valid rows of a partly bad file are kept. Nothing is written anywhere.

The file is read by the hardened table reader (`clusters.readers.tables`); numbers are held to
the rules of `clusters.records.numbers` and to the model's own bounds.

Messages carry a code and plain values, never English: the UI words them
(`presentation.messages`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

import geodata

from ..dataset import Dataset
from ..readers.exports import CLUSTER_COLUMNS, CLUSTER_CONTEXT_COLUMNS
from ..readers.tables import MAX_CELL_CHARS, TableRejected, UploadMessage, read_table
from ..records.citation import upload_ref
from ..records.model import (
    FIGURE_FIELDS,
    FIGURE_LIMIT,
    FIRST_YEAR,
    SIZE_FIELDS,
    Cluster,
    Counts,
    Figure,
    FocusRef,
    Place,
    Qualifier,
    parts_exceed_actors,
)
from ..records.numbers import NumberError, check_number, parse_figure_text
from ..records.text import control_character, mixed_script_words, neutralised

REQUIRED_COLUMNS = ("id", "name")
COUNTS_COLUMNS: tuple[str, ...] = tuple(f"{name}_counts" for name in SIZE_FIELDS)
"""What each size figure counts (`members`, `companies_in_region` …); optional: a row for a published
cluster takes what that cluster's figure counts."""
UPLOAD_COLUMNS: tuple[str, ...] = (*CLUSTER_COLUMNS, *COUNTS_COLUMNS)
"""Every column an upload may hold: the export's (its context columns are read past) and the counts."""
TEMPLATE_COLUMNS: tuple[str, ...] = tuple(c for c in CLUSTER_COLUMNS if c not in CLUSTER_CONTEXT_COLUMNS)
YOURS_PREFIX = "yours-"
"""Ids of uploaded clusters start with it; names stay as written, the UI marks them as the visitor's."""
MAX_MESSAGES = 50
"""Per list; a file with a mistake in every row would otherwise bury the page in alerts."""


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
    example = {
        "id": "my-cluster",
        "name": "My Cluster e. V.",
        "founded": "2010",
        "management_staff": "7",
        "actors": "150",
        "smes": "120",
        "large_companies": "5",
        "research_institutions": "12",
        "city": "Kiel",
        "state": "SH",
        "focus_areas": "medtech;digital-health",
        "actors_q": ">",
        "actors_counts": "members",
        "smes_counts": "members",
        "large_companies_counts": "members",
        "research_institutions_counts": "members",
    }
    columns = [*TEMPLATE_COLUMNS, *COUNTS_COLUMNS]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: example.get(column, "") for column in columns})
    return buffer.getvalue()


# --- turning rows into clusters ------------------------------------------------------------------


def parse_upload(filename: str, content: bytes, dataset: Dataset, today: dt.date | None = None) -> UploadResult:
    result = UploadResult()
    try:
        table = read_table(filename, content)
        result.warnings.extend(table.warnings)
    except TableRejected as rejected:
        result.errors.append(rejected.message)
        return result
    columns = [str(c).strip().lower() for c in table.header]
    named = [c for c in columns if c]
    duplicates = sorted({c for c in named if named.count(c) > 1})
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if duplicates:
        result.errors.append(UploadMessage(None, None, "duplicate_columns", {"columns": duplicates}))
    if missing:
        result.errors.append(UploadMessage(None, None, "missing_columns", {"columns": missing}))
    if not any(c in columns for c in FIGURE_FIELDS):
        result.errors.append(UploadMessage(None, None, "missing_figure_columns", {"columns": list(FIGURE_FIELDS)}))
    if result.errors:
        return result
    if not table.rows:
        result.errors.append(UploadMessage(None, None, "no_data_rows"))
        return result
    unknown_columns = [c for c in named if c not in UPLOAD_COLUMNS]
    if unknown_columns:
        result.warnings.append(UploadMessage(None, None, "ignored_columns", {"columns": unknown_columns}))

    year = (today or dt.date.today()).year
    seen: dict[str, int] = {}
    for row, cells in table.rows:
        record = {column: cell for column, cell in zip(columns, cells, strict=False) if column}
        cluster = _row_to_cluster(record, row, filename, year, dataset, seen, result)
        if cluster is not None:
            result.clusters.append(cluster)
    result.errors = _capped(result.errors)
    result.warnings = _capped(result.warnings)
    return result


def _capped(messages: list[UploadMessage]) -> list[UploadMessage]:
    if len(messages) <= MAX_MESSAGES:
        return messages
    return [*messages[:MAX_MESSAGES], UploadMessage(None, None, "more_messages", {"n": len(messages) - MAX_MESSAGES})]


def _text(record: dict[str, object], column: str) -> str:
    value = record.get(column, "")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id or a year typed into a number cell
    return str(value).strip()


def _figure_value(column: str, cell: object, year: int) -> tuple[float | int, Qualifier]:
    """The cell's number and qualifier, held to plausible bounds; raises NumberError."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value, qualifier = check_number(cell), Qualifier.EXACT
    else:
        value, qualifier = parse_figure_text(str(cell))
    shown = _text({column: cell}, column)
    if column == "founded":
        if not (float(value).is_integer() and FIRST_YEAR <= value <= year):
            raise NumberError("year_out_of_range", text=shown, first_year=FIRST_YEAR, last_year=year)
    elif value >= FIGURE_LIMIT:
        raise NumberError("too_large", text=shown, limit=FIGURE_LIMIT)
    return value, qualifier


@dataclass
class _Row:
    """One row of the file while it becomes a cluster: its number, cells and the result to report into."""

    record: dict[str, object]
    number: int
    result: UploadResult

    def error(self, column: str | None, code: str, **params: object) -> None:
        self.result.errors.append(UploadMessage(self.number, column, code, params))

    def text(self, column: str) -> str:
        return _text(self.record, column)


def _counts(row: _Row, column: str, published: Cluster | None) -> Counts | None:
    """What the row's figure counts: its `<figure>_counts` cell, else what the published cluster of the
    same id counts for that figure (newer figures of one's own cluster count the same thing)."""
    given = row.text(f"{column}_counts").lower()
    if given:
        try:
            return Counts(given)
        except ValueError:
            row.error(f"{column}_counts", "bad_counts", text=given, allowed=", ".join(c.value for c in Counts))
            return None
    figure = published.figure(column) if published is not None else None
    return None if figure is None else figure.counts


def _figures(row: _Row, source, year: int, published: Cluster | None = None) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for column in FIGURE_FIELDS:
        cell = row.record.get(column, "")
        if cell == "":
            continue
        try:
            value, qualifier = _figure_value(column, cell, year)
        except NumberError as problem:
            row.error(column, problem.code, **problem.params)
            continue
        explicit = row.text(f"{column}_q")
        if explicit and explicit not in (">", "<", "~"):
            row.error(f"{column}_q", "bad_qualifier", text=explicit)
            continue
        counts = _counts(row, column, published) if column in SIZE_FIELDS else None
        try:
            figures[column] = Figure(
                value=value, qualifier=Qualifier(explicit or qualifier), year=year, source=source, counts=counts
            )
        except ValidationError:
            row.error(column, "invalid_figure", text=row.text(column))
    smes, large, actors = (figures.get(part) for part in ("smes", "large_companies", "actors"))
    if parts_exceed_actors(smes, large, actors):
        row.error("smes", "parts_exceed_actors", smes=smes.value, large_companies=large.value, actors=actors.value)
    return figures


def _focus(row: _Row, dataset: Dataset) -> list[FocusRef]:
    focus = []
    for area in [a.strip() for a in re.split(r"[;,]", row.text("focus_areas")) if a.strip()]:
        if area in dataset.focus_areas:
            focus.append(FocusRef(area=area, wording=area))
        else:
            row.result.warnings.append(UploadMessage(row.number, "focus_areas", "unknown_focus_area", {"area": area}))
    return focus


def _seat(row: _Row, published: Cluster | None) -> Place | None:
    """The row's city and state, placed with the BKG table; a published cluster's seat when none is given."""
    city = row.text("city")
    state = row.text("state").upper().removeprefix("DE-")
    if published and not city:
        return published.seat
    if not city or not state:
        row.error("city", "seat_missing")
        return None
    if state not in geodata.STATE_CODES:
        row.error("state", "unknown_state", state=state)
        return None
    try:
        town = geodata.find_municipality(city, state=state)
    except LookupError:
        return Place(city=city, state=state, precision="state")
    return Place(city=city, state=state, ags=town.ags, lat=town.lat, lon=town.lon)


def _check_cells(row: _Row) -> None:
    """Cells too long to be a name or a figure, and control characters (a workbook cannot hold them)."""
    for column, value in row.record.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            row.error(column, "cell_too_long", limit=MAX_CELL_CHARS)
        elif isinstance(value, str) and (character := control_character(value)):
            row.error(column, "control_character", character=character)


def _row_to_cluster(
    record: dict[str, object],
    number: int,
    filename: str,
    year: int,
    dataset: Dataset,
    seen: dict[str, int],
    result: UploadResult,
) -> Cluster | None:
    errors_before = len(result.errors)
    row = _Row(record, number, result)
    _check_cells(row)
    if len(result.errors) > errors_before:
        return None

    raw_id, name = row.text("id"), neutralised(row.text("name"))
    if look_alikes := mixed_script_words(name):
        result.warnings.append(UploadMessage(number, "name", "mixed_scripts", {"words": look_alikes}))
    if not raw_id:
        row.error("id", "empty_id")
    elif raw_id in seen:
        row.error("id", "duplicate_id", id=raw_id, first_row=seen[raw_id])
    if not name:
        row.error("name", "empty_name")
    slug = re.sub(r"[^a-z0-9]+", "-", raw_id.lower()).strip("-")[:60].strip("-") or "row"
    if raw_id and raw_id not in seen:
        seen[raw_id] = number

    source = upload_ref(filename, number)
    figures = _figures(row, source, year, dataset.clusters.get(raw_id))
    focus = _focus(row, dataset)
    seat = _seat(row, dataset.clusters.get(raw_id))
    if len(result.errors) > errors_before or seat is None:
        return None
    try:
        return Cluster(
            id=f"{YOURS_PREFIX}{slug}",
            name=name,
            short_name=name[:30],
            seat=seat,
            states=[seat.state],
            focus=focus,
            sources=[source.file],
            **figures,
        )
    except ValidationError as exc:
        # The checks above cover every rule the model knows; this is a net for new ones.
        for problem in exc.errors():
            # A field's own error has its location; the model's cross-checks name it as "field: ...".
            location = [str(part) for part in problem.get("loc", ())]
            named = problem.get("msg", "").removeprefix("Value error, ").partition(": ")[0]
            row.error(location[0] if location else (named if named in UPLOAD_COLUMNS else None), "invalid_row")
        return None
