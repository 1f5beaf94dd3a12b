"""One hardened reader for tables from outside (CSV or XLSX): uploads on the benchmark page and
member lists for `import-actors` both use it.

The file comes from anyone, so reading it costs bounded time and memory whatever it holds: a
workbook's parts are checked (declared sizes, compression, element counts) before a parser sees
them, rows are read as a stream and reading stops after the row limit. Problems carry a code and
plain values, never English: the presentation layer words them (`presentation.messages`).
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

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000

MAX_COLUMNS = 100
"""Columns beyond this are not read (the template has 19)."""
MAX_CELL_CHARS = 1000
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
class TableRejected(Exception):
    """The whole file is refused; carries the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.message = UploadMessage(None, None, code, params)


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)
    warnings: list[UploadMessage] = field(default_factory=list)
    """What the reader noticed but could read (a file mixing two encodings)."""


def read_table(filename: str, content: bytes) -> Table:
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


_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]")


def _mixed_encoding_line(content: bytes) -> int | None:
    """The first line that is not UTF-8 in a file whose other lines are (rows pasted together from
    two exports): read as Windows-1252 throughout, its UTF-8 rows would turn into "MÃ¼nchen"."""
    lines = content.split(b"\n")
    utf8_letters = False
    first_other = None
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first_other = first_other or number
        else:
            utf8_letters = utf8_letters or bool(_UTF8_LETTER.search(line))
        if utf8_letters and first_other:
            return first_other
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r")
    return controls > len(sample) * 0.05


def _read_csv(filename: str, content: bytes) -> Table:
    text = _decode(content)
    if _looks_binary(text):
        raise TableRejected("not_csv", file=filename)
    if "\x00" in text:  # one stray NUL in a text file: say where, not "not a CSV file"
        raise TableRejected("nul_byte", line=text.count("\n", 0, text.index("\x00")) + 1)
    warnings = []
    if (line := _mixed_encoding_line(content)) is not None:
        warnings.append(UploadMessage(line, None, "mixed_encoding", {"line": line}))
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
    return Table(header, rows, warnings)


def _read_workbook(content: bytes) -> Table:
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


def _read_sheet_rows(values) -> Table:
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
    return Table(header, rows)


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
