"""Read a cluster staff member's own figures (CSV or XLSX, the export's columns) into clusters
marked "yours". Never raises on bad input: every problem becomes a message naming the row and
column and what to do; valid rows of a partly bad file are kept. Nothing is written anywhere.

The file comes from anyone, so reading it costs bounded time and memory whatever it holds: a
workbook's parts are checked (declared sizes, compression, element counts) before a parser sees
them, rows are read as a stream and reading stops after the row limit, and numbers are held to
the rules of `clusters.numbers` and to plausible bounds.

Messages carry a code and plain values, never English: the UI words them
(`components.upload_messages`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import ValidationError

import geodata

from .citation import upload_ref
from .io import CLUSTER_COLUMNS
from .load import Dataset
from .model import FIGURE_FIELDS, Cluster, Figure, FocusRef, Place, Qualifier, Text
from .numbers import NumberError, check_number, parse_figure_text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
REQUIRED_COLUMNS = ("id", "name")
YOURS_PREFIX = "yours-"
"""Ids of uploaded clusters start with it; names stay as written, the UI marks them as the visitor's."""
UPLOAD_NOTE = Text(en="Your own figure", de="Ihre eigene Zahl")
UPLOAD_REGION = Text(en="Your own figures", de="Ihre eigenen Zahlen")

MAX_COLUMNS = 100
"""Columns beyond this are not read (the template has 19)."""
MAX_CELL_CHARS = 1000
MAX_COUNT = 10**9
"""Counts must stay below this: the largest published count is in the hundreds."""
FIRST_FOUNDING_YEAR = 1800
MAX_MESSAGES = 50
"""Per list; a file with a mistake in every row would otherwise bury the page in alerts."""
MAX_SCANNED_ROWS = 10 * (MAX_ROWS + 1)
"""Blank (e.g. only formatted) rows below the table are skipped up to this row, then reading stops."""

# A workbook is a zip of XML parts. openpyxl builds whole trees of some parts (styles, workbook)
# and of each worksheet row, so what must be bounded before it runs is the number of XML
# elements, not only the bytes. Legitimate uploads (1,000 rows of the template) stay far below.
MAX_PARTS = 1000
MAX_DIRECTORY_BYTES = 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
MAX_PART_ELEMENTS = 150_000
MAX_ELEMENTS = 300_000
MAX_TREE_PART_ELEMENTS = 30_000
"""For the parts openpyxl parses into one tree and objects (styles: 100,000 elements take 1.4 s)."""
_TREE_PARTS = re.compile(r"\[Content_Types\]\.xml|xl/styles\.xml|xl/workbook\.xml|docProps/.*|.*\.rels")
_CHUNK = 1024 * 1024
# Excel writes UTF-8; another encoding could hide markup from the byte counts below.
_XML_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252"}
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\x00\x00\xfe\xff")
_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")

# Everything openpyxl and zipfile raise on malformed input; the file is untrusted, so any of
# them means "damaged", never a crash of the page.
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    InvalidFileException,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    struct.error,
)


@dataclass(frozen=True)
class UploadMessage:
    """A problem in the file: `code` names it (its text is the UI catalogue's `upload.<code>`),
    `params` holds plain values to fill in (cell contents, names, numbers)."""

    row: int | None  # 1-based row as a spreadsheet shows it (header = row 1), None for the file
    column: str | None
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class UploadResult:
    clusters: list[Cluster] = field(default_factory=list)
    errors: list[UploadMessage] = field(default_factory=list)
    warnings: list[UploadMessage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.clusters)


class TableRejected(Exception):
    """The whole file is refused; carries the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.message = UploadMessage(None, None, code, params)


@dataclass
class _Table:
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)


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
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CLUSTER_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: example.get(column, "") for column in CLUSTER_COLUMNS})
    return buffer.getvalue()


# --- reading the file ------------------------------------------------------------------------


def read_table(filename: str, content: bytes) -> _Table:
    if len(content) > MAX_BYTES:
        raise TableRejected("file_too_large", size=round(len(content) / 1e6, 1), limit=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise TableRejected("empty")
    if content[:4] == b"PK\x03\x04":
        return _read_workbook(content)
    return _read_csv(filename, content)


def _decode(content: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):  # Excel's "Unicode text" and "CSV UTF-8" carry a BOM
            return content.decode(encoding, errors="replace").removeprefix("\ufeff")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")  # German Excel's "ANSI" CSV


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r")
    return controls > len(sample) * 0.05


def _read_csv(filename: str, content: bytes) -> _Table:
    text = _decode(content)
    if _looks_binary(text):
        raise TableRejected("not_csv", file=filename)
    first_line = text[:4096].lstrip("\r\n").split("\n", 1)[0]
    separator = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header: list[str] | None = None
    rows: list[tuple[int, list[object]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = record[:MAX_COLUMNS]
            elif len(rows) == MAX_ROWS:
                raise TableRejected("too_many_rows", limit=MAX_ROWS)
            else:
                rows.append((number, [cell.strip() for cell in record[:MAX_COLUMNS]]))
    except csv.Error:  # e.g. a cell beyond csv's field size limit (128 KiB)
        raise TableRejected("csv_unreadable", line=reader.line_num) from None
    if header is None:
        raise TableRejected("empty")
    return _Table(header, rows)


def _read_workbook(content: bytes) -> _Table:
    try:
        _check_package(content)
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
        try:
            if not book.worksheets:
                raise TableRejected("xlsx_no_sheet")
            sheet = book.worksheets[0]
            # As openpyxl read it (the package check only looks at the start of each part).
            _check_dimension(sheet.max_row or 0, sheet.max_column or 0)
            # A small dimension may lie as well; forget it and count the rows that come.
            sheet.reset_dimensions()
            return _read_sheet_rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            book.close()
    except _WORKBOOK_ERRORS:
        raise TableRejected("xlsx_unreadable") from None


def _read_sheet_rows(values) -> _Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[object]]] = []
    for number, row in enumerate(values, start=1):
        cells = [_cell(value) for value in row]
        if not any(cell != "" for cell in cells):
            if number >= MAX_SCANNED_ROWS:  # openpyxl yields every row up to the last one it finds
                raise TableRejected("rows_beyond_limit", limit=MAX_SCANNED_ROWS)
            continue
        if header is None:
            header = [str(cell) for cell in cells]
        elif len(rows) == MAX_ROWS:
            raise TableRejected("too_many_rows", limit=MAX_ROWS)
        else:
            rows.append((number, cells))
    if header is None:
        raise TableRejected("empty")
    return _Table(header, rows)


def _cell(value: object) -> object:
    """A worksheet value as text, except numbers, which stay numbers (13.5 must not become "13.5"
    and then be read by the rules for written numbers, where "1.125" is 1125)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _check_package(content: bytes) -> None:
    """Refuse a workbook whose parts would take unbounded time or memory to unpack or parse."""
    _check_directory(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise TableRejected("xlsx_too_many_parts", limit=MAX_PARTS)
        total = 0
        for part in parts:
            if part.file_size > MAX_PART_BYTES:
                raise TableRejected(
                    "xlsx_part_too_large", part=part.filename, size=_mb(part.file_size), limit=_mb(MAX_PART_BYTES)
                )
            if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise TableRejected(
                    "xlsx_compressed_too_much",
                    part=part.filename,
                    ratio=part.file_size // max(part.compress_size, 1),
                    limit=MAX_RATIO,
                )
            total += part.file_size
        if total > MAX_UNPACKED_BYTES:
            raise TableRejected("xlsx_unpacked_too_large", size=_mb(total), limit=_mb(MAX_UNPACKED_BYTES))
        elements = 0
        for part in parts:
            tree = _TREE_PARTS.fullmatch(part.filename) is not None
            elements += _count_elements(archive, part, MAX_TREE_PART_ELEMENTS if tree else MAX_PART_ELEMENTS)
            if elements > MAX_ELEMENTS:
                raise TableRejected("xlsx_too_complex", limit=MAX_ELEMENTS)


def _check_directory(content: bytes) -> None:
    """The zip's own table of contents is parsed whole by zipfile, so bound it first."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 65_557))
    if end < 0 or end + 22 > len(content):
        raise zipfile.BadZipFile("no end of central directory")
    entries, directory_bytes = struct.unpack("<HI", content[end + 10 : end + 16])
    if entries > MAX_PARTS or directory_bytes > MAX_DIRECTORY_BYTES:
        raise TableRejected("xlsx_too_many_parts", limit=MAX_PARTS)


def _count_elements(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limit: int) -> int:
    """Start tags in a part, read as a stream (zipfile stops at the declared size and checks the
    CRC, so a part cannot unpack to more than it declares). Binary parts count a few stray "<"."""
    count = 0
    tail = b""
    with archive.open(part) as stream:
        chunk = stream.read(_CHUNK)
        _check_encoding(chunk)
        declared = _DIMENSION.search(chunk)
        if declared:
            # Read before the sheet's rows: one cell can claim (and make a grid-filling reader
            # allocate) all 17 billion cells of a sheet.
            _, _, max_column, max_row = range_boundaries(declared.group(1).decode("ascii"))
            _check_dimension(max_row or 0, max_column or 0)
        while chunk:
            # XML parts never need a DTD, and its entities could expand past every count here.
            if any(marker in chunk or marker in tail + chunk[:16] for marker in (b"<!DOCTYPE", b"<!ENTITY")):
                raise TableRejected("xlsx_unreadable")
            count += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            if count > limit:
                raise TableRejected("xlsx_too_complex", limit=limit)
            tail = chunk[-16:]
            chunk = stream.read(_CHUNK)
    return count


def _check_dimension(rows: int, columns: int) -> None:
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise TableRejected(
            "sheet_too_large", rows=rows, columns=columns, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS
        )


def _check_encoding(head: bytes) -> None:
    if head.startswith(_WIDE_BOMS) or head[:2] in (b"<\x00", b"\x00<"):
        raise TableRejected("xlsx_unreadable")
    declared = _DECLARED_ENCODING.match(head.removeprefix(codecs.BOM_UTF8)[:512])
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _XML_ENCODINGS:
        raise TableRejected("xlsx_unreadable")


def _mb(size: int) -> float:
    return round(size / (1024 * 1024), 1)


# --- turning rows into clusters ------------------------------------------------------------------


def parse_upload(filename: str, content: bytes, dataset: Dataset, today: dt.date | None = None) -> UploadResult:
    result = UploadResult()
    try:
        table = read_table(filename, content)
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
    unknown_columns = [c for c in named if c not in CLUSTER_COLUMNS]
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
        if not (float(value).is_integer() and FIRST_FOUNDING_YEAR <= value <= year):
            raise NumberError("year_out_of_range", text=shown, first_year=FIRST_FOUNDING_YEAR, last_year=year)
    elif value >= MAX_COUNT:
        raise NumberError("too_large", text=shown, limit=MAX_COUNT)
    return value, qualifier


def _row_to_cluster(
    record: dict[str, object],
    row: int,
    filename: str,
    year: int,
    dataset: Dataset,
    seen: dict[str, int],
    result: UploadResult,
) -> Cluster | None:
    errors_before = len(result.errors)

    def error(column: str | None, code: str, **params: object) -> None:
        result.errors.append(UploadMessage(row, column, code, params))

    for column, value in record.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            error(column, "cell_too_long", limit=MAX_CELL_CHARS)
    if len(result.errors) > errors_before:
        return None

    raw_id = _text(record, "id")
    name = _text(record, "name")
    if not raw_id:
        error("id", "empty_id")
    elif raw_id in seen:
        error("id", "duplicate_id", id=raw_id, first_row=seen[raw_id])
    if not name:
        error("name", "empty_name")
    slug = re.sub(r"[^a-z0-9]+", "-", raw_id.lower()).strip("-")[:60].strip("-") or "row"
    if raw_id and raw_id not in seen:
        seen[raw_id] = row

    source = upload_ref(filename, row)
    figures: dict[str, Figure] = {}
    for column in FIGURE_FIELDS:
        cell = record.get(column, "")
        if cell == "":
            continue
        try:
            value, qualifier = _figure_value(column, cell, year)
        except NumberError as problem:
            error(column, problem.code, **problem.params)
            continue
        explicit = _text(record, f"{column}_q")
        if explicit and explicit not in (">", "<", "~"):
            error(f"{column}_q", "bad_qualifier", text=explicit)
            continue
        try:
            figures[column] = Figure(
                value=value, qualifier=Qualifier(explicit or qualifier), year=year, source=source, note=UPLOAD_NOTE
            )
        except ValidationError:
            error(column, "invalid_figure", text=_text(record, column))
    smes, large, actors = (figures.get(part) for part in ("smes", "large_companies", "actors"))
    if all(f is not None and f.is_exact for f in (smes, large, actors)) and smes.value + large.value > actors.value:
        error("smes", "parts_exceed_actors", smes=smes.value, large_companies=large.value, actors=actors.value)

    focus = []
    for area in [a.strip() for a in re.split(r"[;,]", _text(record, "focus_areas")) if a.strip()]:
        if area in dataset.focus_areas:
            focus.append(FocusRef(area=area, wording=area))
        else:
            result.warnings.append(UploadMessage(row, "focus_areas", "unknown_focus_area", {"area": area}))

    published = dataset.clusters.get(raw_id)
    city = _text(record, "city")
    state = _text(record, "state").upper().removeprefix("DE-")
    seat = published.seat if published and not city else None
    if seat is None:
        if not city or not state:
            error("city", "seat_missing")
        elif state not in geodata.STATE_CODES:
            error("state", "unknown_state", state=state)
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
            id=f"{YOURS_PREFIX}{slug}",
            name=name,
            short_name=name[:30],
            seat=seat,
            states=[seat.state],
            focus=focus,
            region=UPLOAD_REGION,
            sources=[source.file],
            **figures,
        )
    except ValidationError as exc:
        # The checks above cover every rule the model knows; this is a net for new ones.
        for problem in exc.errors():
            # A field's own error has its location; the model's cross-checks name it as "field: ...".
            location = [str(part) for part in problem.get("loc", ())]
            named = problem.get("msg", "").removeprefix("Value error, ").partition(": ")[0]
            column = location[0] if location else (named if named in CLUSTER_COLUMNS else None)
            error(column, "invalid_row")
        return None
