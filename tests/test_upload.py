"""The upload parser: every bad input gives a message naming row and column, never an exception;
hostile files are refused in bounded time and memory."""

import io
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from conftest import ROOT, shown

from clusters.keeping.upload import parse_upload, template_csv
from clusters.readers.tables import MAX_BYTES, MAX_ROWS, UploadMessage
from clusters.records.citation import upload_ref, uploaded_file
from clusters.records.model import Qualifier
from presentation.messages import upload_message_text

HEADER = "id,name,founded,management_staff,actors,smes,large_companies,research_institutions,city,state,focus_areas"


def parse(text: str | bytes, dataset, name="mine.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return parse_upload(name, content, dataset)


def codes(result) -> list[tuple]:
    return [(m.row, m.column, m.code) for m in result.errors + result.warnings]


def messages(result, lang="en") -> list[str]:
    """What a reader sees in the alerts."""
    return [shown(upload_message_text(m, lang)) for m in result.errors + result.warnings]


# --- files by hand: the smallest package openpyxl opens, so each test controls every byte ----------

_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET = "xl/worksheets/sheet1.xml"


def sheet_xml(rows: bytes, dimension: str | None = None) -> bytes:
    declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">' + declared + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )


def row_xml(number: int, *cells) -> bytes:
    """A <row> of inline strings and numbers (bytes: a number cell's text as is), from column A on."""
    out = []
    for index, value in enumerate(cells):
        ref = f"{chr(65 + index)}{number}"
        if isinstance(value, str):
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            text = value.decode() if isinstance(value, bytes) else value
            out.append(f'<c r="{ref}"><v>{text}</v></c>')
    return f'<row r="{number}">{"".join(out)}</row>'.encode()


def workbook(sheet: bytes | None = None, parts: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if sheet is not None:
            archive.writestr(SHEET, sheet)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD_ROWS = row_xml(1, "id", "name", "actors", "city", "state") + row_xml(2, "x", "X-Cluster", 300, "Dresden", "SN")


def declare_size(package: bytes, name: str, size: int) -> bytes:
    """The package with `name`'s declared uncompressed size changed (a zip may lie about it)."""
    data = bytearray(package)
    encoded = name.encode()
    for signature, size_at, name_length_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = int.from_bytes(data[start + name_length_at : start + name_length_at + 2], "little")
            if data[start + name_at : start + name_at + length] == encoded:
                data[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start += 4
    return bytes(data)


# --- measuring a parse in a fresh process -----------------------------------------------------------

_MEASURE = r"""
import json, resource, sys, time
from clusters.readers.datafiles import load_dataset
from clusters.keeping.upload import parse_upload

def status(field):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field + ":")) / 1024

path, name = sys.argv[1], sys.argv[2]
with open(path, "rb") as file:
    content = file.read()
dataset = load_dataset()
parse_upload("warm.csv", b"id,name,actors,city,state\nx,X,1,Kiel,SH\n", dataset)
# A parser that regresses must fail this test, not take the machine down with it.
ceiling = int((status("VmSize") + 2048) * 1024 * 1024)
resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
before = status("VmRSS")
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # VmHWM := VmRSS, so VmHWM after the parse is this parse's peak
    def peak():
        return status("VmHWM")
except OSError:  # no clear_refs: the process's peak so far, an overestimate
    def peak():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
try:
    result = parse_upload(name, content, dataset)
    codes = [message.code for message in result.errors + result.warnings]
except BaseException as exc:
    codes = ["raised " + type(exc).__name__]
print(json.dumps({"codes": codes, "seconds": time.perf_counter() - start, "megabytes": peak() - before}))
"""


def measured(tmp_path, content: bytes, name: str = "hostile.xlsx") -> dict:
    """parse_upload of `content` in a child process: its message codes, seconds and peak memory
    growth (MB). A child, because a peak of resident memory can only be read per process."""
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_refused_cheaply(tmp_path, content: bytes, code: str, name: str = "hostile.xlsx") -> None:
    outcome = measured(tmp_path, content, name)
    assert outcome["codes"] == [code]
    assert outcome["seconds"] < 2, outcome
    assert outcome["megabytes"] < 200, outcome


# --- ordinary files ------------------------------------------------------------------------------------


def test_template_round_trips(dataset):
    result = parse(template_csv(), dataset)
    assert not result.errors and len(result.clusters) == 1
    mine = result.clusters[0]
    assert mine.id == "yours-my-cluster" and mine.name == "My Cluster e. V."  # the UI marks it as yours
    assert mine.actors.value == 150 and mine.actors.qualifier is Qualifier.MORE_THAN
    assert mine.seat.state == "SH" and mine.focus_areas == ["medtech", "digital-health"]
    assert mine.actors.source == upload_ref("mine.csv", 2) and uploaded_file(mine.actors.source) == "mine.csv"
    assert mine.actors.note is None  # "your own figure" is the UI's wording, not the record's


def test_semicolon_separator_and_german_numbers(dataset):
    text = "id;name;management_staff;actors;smes;city;state\nnord;Nord;13,5;mehr als 1.250;1 000;Kiel;SH\n"
    result = parse(text, dataset)
    assert not result.errors
    mine = result.clusters[0]
    assert mine.management_staff.value == 13.5 and mine.smes.value == 1000
    assert mine.actors.value == 1250 and mine.actors.qualifier is Qualifier.MORE_THAN


def test_english_qualifier_words(dataset):
    result = parse("id,name,actors,smes,city,state\ne,E,about 250,almost 20,Kiel,SH\n", dataset)
    assert result.clusters[0].actors.qualifier is Qualifier.ABOUT
    assert result.clusters[0].smes.qualifier is Qualifier.LESS_THAN


def test_latin1_with_umlauts(dataset):
    content = "id;name;actors;city;state\nm;Münchner Gründer;12;München;BY\n".encode("latin-1")
    result = parse(content, dataset)
    assert not result.errors and result.clusters[0].name == "Münchner Gründer"


def test_utf8_bom(dataset):
    content = "\ufeffid,name,actors,city,state\nk,Kölner Netz,5,Köln,NW\n".encode()
    result = parse(content, dataset)
    assert not result.errors and result.clusters[0].seat.city == "Köln"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_read(dataset, encoding):
    """Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated. It used to be refused as binary."""
    text = "id\tname\tactors\tcity\tstate\nk\tKölner Netz\t5\tKöln\tNW\n"
    content = text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding)
    result = parse(content, dataset, name="unicode.txt")
    assert not result.errors and result.clusters[0].name == "Kölner Netz"


def test_binary_garbage(dataset):
    result = parse(bytes(range(256)) * 40, dataset, name="photo.jpg")
    assert not result.clusters and codes(result) == [(None, None, "not_csv")]
    assert messages(result) == [
        ("'photo.jpg' is not a CSV or Excel (.xlsx) file. Download the template and save your table in that format.")
    ]


def test_broken_xlsx(dataset):
    result = parse(b"PK\x03\x04 this is no zip", dataset, name="broken.xlsx")
    assert not result.clusters and codes(result) == [(None, None, "xlsx_unreadable")]


def test_real_xlsx(dataset):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name", "actors", "actors_q", "management_staff", "city", "state"])
    sheet.append(["x", "X-Cluster", 300, ">", 1.125, "Dresden", "SN"])
    sheet.append([17, "Numbered", 40, None, 2, "Kiel", "SH"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = parse(buffer.getvalue(), dataset, name="mine.xlsx")
    assert not result.errors and result.clusters[0].actors.qualifier is Qualifier.MORE_THAN
    # A number cell stays a number: 1.125 is not read as the written "1.125" (1125).
    assert result.clusters[0].management_staff.value == 1.125
    assert result.clusters[1].id == "yours-17"


def test_hand_made_workbook_is_read(dataset):
    """The packages below are hostile only in what each test changes."""
    result = parse(workbook(sheet_xml(GOOD_ROWS, "A1:E2")), dataset, name="hand.xlsx")
    assert not result.errors and result.clusters[0].actors.value == 300


def test_missing_columns(dataset):
    result = parse("name,city\nA,Kiel\n", dataset)
    assert not result.clusters
    assert codes(result) == [(None, None, "missing_columns"), (None, None, "missing_figure_columns")]
    assert messages(result)[0] == "Missing column(s): id. Use the template's column names (first row)."
    assert messages(result)[1].startswith("There is no figure column: add at least one of founded, management")


def test_duplicate_columns(dataset):
    result = parse("id,name,actors,Actors,city,state\na,A,1,2,Kiel,SH\n", dataset)
    assert codes(result) == [(None, None, "duplicate_columns")] and not result.clusters


@pytest.mark.parametrize("content", [b"id,name,actors\n", b"\n\nid;name;actors;city;state\n\n"])
def test_header_only_says_there_are_no_data_rows(dataset, content):
    result = parse(content, dataset)
    assert codes(result) == [(None, None, "no_data_rows")]
    assert messages(result) == [
        ("The file has column names but no data rows. Add one row per cluster below the header.")
    ]


def test_header_only_workbook(dataset):
    result = parse(workbook(sheet_xml(row_xml(1, "id", "name", "actors"), "A1:C1")), dataset, name="h.xlsx")
    assert codes(result) == [(None, None, "no_data_rows")]


def test_words_and_negative_numbers_name_row_and_column(dataset):
    text = (
        f"{HEADER}\na,A,2000,5,viele,10,1,2,Kiel,SH,\nb,B,2001,5,100,-5,1,2,Kiel,SH,\nc,C,2002,5,100,10,1,2,Kiel,SH,\n"
    )
    result = parse(text, dataset)
    assert codes(result) == [(2, "actors", "not_a_number"), (3, "smes", "negative")]
    assert messages(result) == [
        "row 2, column 'actors': 'viele' is not a number (write e.g. 250, 13.5 or >250) — this row was skipped.",
        "row 3, column 'smes': '-5' is negative; counts and years cannot be below 0 — this row was skipped.",
    ]
    assert [c.id for c in result.clusters] == ["yours-c"]  # the valid row is kept


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("9" * 33, "too_many_digits"),  # used to pass, then raise decimal.InvalidOperation on /benchmark
        ("9" * 400, "too_many_digits"),  # used to become inf and show "∞"
        ("inf", "not_finite"),
        ("NaN", "not_finite"),
        ("1000000000", "too_large"),
        ("1,250", "ambiguous"),
        ("1e5", "not_a_number"),
    ],
)
def test_implausible_numbers_are_refused_with_row_and_column(dataset, cell, code):
    result = parse(f'id,name,actors,city,state\na,A,"{cell}",Kiel,SH\nb,B,7,Kiel,SH\n', dataset)
    assert codes(result) == [(2, "actors", code)]
    assert [c.actors.value for c in result.clusters] == [7]


def test_number_cells_of_a_workbook_are_bounded_too(dataset):
    rows = (
        row_xml(1, "id", "name", "actors", "city", "state")
        + row_xml(2, "a", "A", int("9" * 400), "Kiel", "SH")
        + row_xml(3, "b", "B", 1e308, "Kiel", "SH")
        + row_xml(4, "c", "C", b"1E+400", "Kiel", "SH")
        + row_xml(5, "d", "D", 12, "Kiel", "SH")
    )
    result = parse(workbook(sheet_xml(rows)), dataset, name="n.xlsx")
    assert codes(result) == [
        (2, "actors", "too_many_digits"),
        (3, "actors", "too_many_digits"),
        (4, "actors", "not_finite"),
    ]
    assert [c.actors.value for c in result.clusters] == [12]


@pytest.mark.parametrize("founded", ["1799", "2999", "2010,5"])
def test_founding_year_must_be_plausible(dataset, founded):
    result = parse(f'id,name,founded,actors,city,state\na,A,"{founded}",5,Kiel,SH\n', dataset)
    assert codes(result) == [(2, "founded", "year_out_of_range")]


def test_ambiguous_number_explains_both_readings(dataset):
    result = parse('id,name,actors,city,state\na,A,"1,250",Kiel,SH\n', dataset)
    assert messages(result) == [
        (
            "row 2, column 'actors': '1,250' is ambiguous: 1250 in English, 1.25 in German. "
            "Write 1250 or 1.25 — this row was skipped."
        )
    ]
    assert messages(result, "de") == [
        (
            "Zeile 2, Spalte „actors“: „1,250“ ist mehrdeutig: im Englischen 1250, im "
            "Deutschen 1,25. Schreiben Sie 1250 oder 1,25 — diese Zeile wurde übersprungen."
        )
    ]


def test_the_hint_for_an_ambiguous_number_is_not_ambiguous_itself(dataset):
    from clusters.records.numbers import parse_figure_text

    result = parse('id,name,actors,city,state\na,A,"1,234",Kiel,SH\n', dataset)
    assert "Write 1234 or 1.2340 — " in messages(result)[0]
    assert "Schreiben Sie 1234 oder 1,2340 — " in messages(result, "de")[0]
    assert parse_figure_text("1.2340")[0] == parse_figure_text("1,2340")[0] == 1.234


def test_unknown_focus_area_is_a_warning_and_left_out(dataset):
    result = parse(f"{HEADER}\na,A,2000,5,100,10,1,2,Kiel,SH,medtech;telepathy\n", dataset)
    assert result.clusters[0].focus_areas == ["medtech"]
    assert messages(result) == [
        ("row 2, column 'focus_areas': unknown focus area 'telepathy' was left out (see the template's vocabulary ids)")
    ]


def test_duplicate_ids(dataset):
    result = parse(f"{HEADER}\na,A,,,100,,,,Kiel,SH,\na,Again,,,100,,,,Kiel,SH,\n", dataset)
    assert len(result.clusters) == 1
    assert messages(result) == ["row 3, column 'id': the id 'a' is already used in row 2 — this row was skipped."]


def test_sum_check_and_future_year(dataset):
    result = parse(f"{HEADER}\na,A,2999,,10,9,5,,Kiel,SH,\n", dataset)
    assert (2, "founded", "year_out_of_range") in codes(result)
    result = parse(f"{HEADER}\na,A,2000,,10,9,5,,Kiel,SH,\n", dataset)
    assert codes(result) == [(2, "smes", "parts_exceed_actors")]
    assert messages(result, "de") == [
        (
            "Zeile 2, Spalte „smes“: KMU (9) und Großunternehmen (5) ergeben zusammen "
            "mehr als die Akteure (10) — diese Zeile wurde übersprungen."
        )
    ]


def test_a_rule_of_the_model_that_the_upload_does_not_know_still_gives_a_message(dataset):
    import datetime as dt

    # The upload allows founding years up to `today`; the model up to the real date.
    next_year = dt.date.today().year + 1
    result = parse_upload(
        "a.csv",
        f"id,name,founded,actors,city,state\na,A,{next_year},5,Kiel,SH\n".encode(),
        dataset,
        today=dt.date(next_year, 1, 1),
    )
    assert codes(result) == [(2, "founded", "invalid_row")]


def test_too_many_rows(dataset):
    rows = "\n".join(f"r{i},R{i},,,1,,,,Kiel,SH," for i in range(MAX_ROWS + 1))
    result = parse(f"{HEADER}\n{rows}\n", dataset)
    assert not result.clusters and codes(result) == [(None, None, "too_many_rows")]
    assert messages(result) == ["The file has more than 1,000 data rows. Upload at most 1,000 clusters at a time."]
    assert messages(result, "de") == [
        ("Die Datei hat mehr als 1.000 Datenzeilen. Laden Sie höchstens 1.000 Cluster auf einmal hoch.")
    ]


def test_blank_lines_keep_the_spreadsheet_row_numbers(dataset):
    result = parse("id,name,actors,city,state\n\na,A,many,Kiel,SH\n", dataset)
    assert codes(result) == [(3, "actors", "not_a_number")]


def test_too_large(dataset):
    result = parse(b"id,name,actors\n" + b"x" * (MAX_BYTES + 1), dataset)
    assert not result.clusters and codes(result) == [(None, None, "file_too_large")]
    assert messages(result, "de") == [
        (
            "Die Datei hat 5,2 MB; erlaubt sind höchstens 5 MB. Laden Sie nur die Cluster "
            "hoch, die Sie vergleichen möchten."
        )
    ]


def test_empty_file(dataset):
    assert codes(parse(b"", dataset)) == [(None, None, "empty")]
    assert codes(parse(b"\xff\xfe", dataset)) == [(None, None, "empty")]


def test_overlong_cell(dataset):
    result = parse(f"id,name,actors,city,state\na,{'A' * 5000},5,Kiel,SH\n", dataset)
    assert codes(result) == [(2, "name", "cell_too_long")]


def test_a_mistake_in_every_row_gives_a_bounded_list(dataset):
    rows = "\n".join(f"r{i},R{i},lots,Kiel,SH" for i in range(300))
    result = parse(f"id,name,actors,city,state\n{rows}\n", dataset)
    assert len(result.errors) == 51 and result.errors[-1] == UploadMessage(None, None, "more_messages", {"n": 250})


def test_published_id_takes_the_published_seat(dataset):
    result = parse("id,name,actors\nbio-m,Bio^M 2026,280\n", dataset)
    assert not result.errors and result.clusters[0].seat.city == "München"


def test_unknown_state_and_missing_seat(dataset):
    found = messages(parse("id,name,actors,city,state\nq,Q,5,Paris,FR\nz,Z,5,,\n", dataset))
    assert found == [
        "row 2, column 'state': 'FR' is no German state code; use e.g. BY, NW, SH — this row was skipped.",
        (
            "row 3, column 'city': city and state are needed (or use the id of a published cluster) — "
            "this row was skipped."
        ),
    ]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0"])
def test_hostile_names_are_kept_as_plain_text(dataset, payload):
    result = parse(f'id,name,actors,city,state\nh,"{payload}",5,Kiel,SH\n', dataset)
    assert result.clusters[0].name == payload


@pytest.mark.parametrize("lang", ["en", "de"])
def test_values_from_the_file_cannot_become_markdown(dataset, lang):
    payload = "x\n\n# Expired ![](http://evil.example/p.png) [a](javascript:alert(1)) **b**"
    result = parse(
        f'id,name,actors,city,state,focus_areas\na,A,5,Kiel,SH,"{payload}"\nb,B,"{payload}",Kiel,SH,\n',
        dataset,
        name="[x](http://evil.example).csv",
    )
    texts = [upload_message_text(m, lang) for m in result.errors + result.warnings]
    assert len(texts) == 2
    for text in texts:
        assert "\n" not in text and "](" not in text and "**" not in text
        assert r"\# Expired \!\[\]\(http" in text and r"\*\*b\*\*" in text
        assert "# Expired ![](http://evil.example/p.png) [a](javascript:alert(1)) **b**" in shown(text)
    garbage = parse(b"\x00" * 100, dataset, name="**bold**.csv")
    assert upload_message_text(garbage.errors[0], lang).startswith(("'\\*\\*bold\\*\\*\\.csv'", "„\\*\\*bold"))


def test_every_message_code_has_english_and_german_text(dataset):
    from presentation.catalogue import CATALOGUE

    used = {
        "at_cell",
        "at_row",
        "file_too_large",
        "empty",
        "not_csv",
        "csv_unreadable",
        "xlsx_unreadable",
        "xlsx_no_sheet",
        "xlsx_too_many_parts",
        "xlsx_part_too_large",
        "xlsx_unpacked_too_large",
        "xlsx_compressed_too_much",
        "xlsx_too_complex",
        "sheet_too_large",
        "rows_beyond_limit",
        "too_many_rows",
        "no_data_rows",
        "missing_columns",
        "missing_figure_columns",
        "duplicate_columns",
        "ignored_columns",
        "more_messages",
        "empty_id",
        "empty_name",
        "duplicate_id",
        "not_a_number",
        "negative",
        "ambiguous",
        "not_finite",
        "too_many_digits",
        "too_large",
        "year_out_of_range",
        "bad_qualifier",
        "bad_counts",
        "control_character",
        "mixed_scripts",
        "nul_byte",
        "mixed_encoding",
        "invalid_figure",
        "parts_exceed_actors",
        "seat_missing",
        "unknown_state",
        "cell_too_long",
        "invalid_row",
        "unknown_focus_area",
    }
    assert {key.removeprefix("upload.") for key in CATALOGUE if key.startswith("upload.")} == used
    source = "".join(
        (ROOT / "clusters" / part).read_text()
        for part in ("keeping/upload.py", "readers/tables.py", "records/numbers.py")
    )
    for code in used - {"at_cell", "at_row"}:
        assert f'"{code}"' in source, code


def test_nothing_is_written(dataset, tmp_path, monkeypatch):
    """Uploaded figures stay in memory: no file anywhere is opened for writing while they are parsed."""
    import builtins

    book = openpyxl.Workbook()
    book.active.append(["id", "name", "actors", "city", "state"])
    book.active.append(["x", "X-Cluster", 300, "Dresden", "SN"])
    xlsx = io.BytesIO()
    book.save(xlsx)

    writes = []
    real_open, real_io_open = builtins.open, io.open

    def guarded(opener):
        def open_for_reading_only(file, mode="r", *args, **kwargs):
            if any(flag in mode for flag in "wax+"):
                writes.append(str(file))
            return opener(file, mode, *args, **kwargs)

        return open_for_reading_only

    monkeypatch.setattr(builtins, "open", guarded(real_open))
    monkeypatch.setattr(io, "open", guarded(real_io_open))
    monkeypatch.chdir(tmp_path)
    assert parse(template_csv(), dataset).clusters
    assert parse(xlsx.getvalue(), dataset, name="mine.xlsx").clusters
    assert writes == [] and list(tmp_path.iterdir()) == []


# --- hostile workbooks: refused before they cost time or memory ------------------------------------
# Each assertion on seconds and megabytes is one the previous parser (pandas.read_excel of the
# whole sheet, the row limit checked afterwards) failed: 2.7 GB for the one-cell sheet, 26 s and
# 3.3 GB for the zip bomb, 15.7 s for 200,000 rows, an uncaught ParseError for a cut-off sheet.

ONE_CELL_AT_THE_END = (
    row_xml(1, "id", "name", "actors") + b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
)


def test_one_cell_declaring_the_whole_grid(tmp_path):
    content = workbook(sheet_xml(ONE_CELL_AT_THE_END, dimension="A1:XFD1048576"))
    assert len(content) < 5000
    assert_refused_cheaply(tmp_path, content, "sheet_too_large")


def test_one_cell_at_the_end_without_a_dimension(tmp_path):
    assert_refused_cheaply(tmp_path, workbook(sheet_xml(ONE_CELL_AT_THE_END)), "rows_beyond_limit")


def test_sheet_too_large_names_its_size(dataset):
    result = parse(workbook(sheet_xml(ONE_CELL_AT_THE_END, dimension="A1:XFD1048576")), dataset, name="g.xlsx")
    assert messages(result, "de") == [
        (
            "Das Tabellenblatt reicht über 1.048.576 Zeilen und 16.384 Spalten; gelesen werden höchstens 1.001 Zeilen "
            "und 100 Spalten. Löschen Sie alles unterhalb und rechts Ihrer Tabelle (auch Formatierungen) oder "
            "speichern Sie sie als CSV."
        )
    ]


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """1 GiB of sheet rows in ~3.6 MB, written as a stream so that the test itself stays small."""
    rows = b"".join(row_xml(2, "bomb", 1) for _ in range(8192))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in (
            ("[Content_Types].xml", _TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _WORKBOOK),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ):
            archive.writestr(name, data)
        with archive.open(SHEET, "w") as sheet:
            sheet.write(sheet_xml(b"").split(b"<sheetData>")[0] + b"<sheetData>" + row_xml(1, "id", "name", "actors"))
            for _ in range(2**30 // len(rows)):
                sheet.write(rows)
            sheet.write(b"</sheetData></worksheet>")
    content = buffer.getvalue()
    assert len(content) < MAX_BYTES
    return content


def test_zip_bomb(tmp_path, zip_bomb):
    assert_refused_cheaply(tmp_path, zip_bomb, "xlsx_part_too_large")


def test_zip_bomb_that_understates_its_size(tmp_path, zip_bomb):
    """Declared just under the part limit: the rows counted in what it may unpack are already too many."""
    assert_refused_cheaply(tmp_path, declare_size(zip_bomb, SHEET, 19 * 1024 * 1024), "xlsx_too_complex")


def test_part_that_unpacks_to_more_than_it_declares(dataset):
    """zipfile stops at the declared size and then finds the checksum wrong."""
    content = workbook(sheet_xml(GOOD_ROWS + b"<!-- " + b"padding " * 5000 + b"-->"))
    result = parse(declare_size(content, SHEET, 2000), dataset, name="liar.xlsx")
    assert codes(result) == [(None, None, "xlsx_unreadable")]


def test_compression_ratio(tmp_path):
    padding = b"<!-- " + b"A" * (15 * 1024 * 1024) + b" -->"
    assert_refused_cheaply(tmp_path, workbook(sheet_xml(GOOD_ROWS + padding)), "xlsx_compressed_too_much")


def two_hundred_thousand_rows(dimension: str | None) -> bytes:
    """Number cells only, so that the sheet stays below the part size limit (8 MB unpacked)."""
    rows = row_xml(1, "id") + b"".join(row_xml(number, number) for number in range(2, 200_002))
    return workbook(sheet_xml(rows, dimension))


def test_two_hundred_thousand_rows(tmp_path):
    assert_refused_cheaply(tmp_path, two_hundred_thousand_rows("A1:A200001"), "sheet_too_large")


def test_two_hundred_thousand_rows_without_a_dimension(tmp_path):
    assert_refused_cheaply(tmp_path, two_hundred_thousand_rows(None), "xlsx_too_complex")


def test_rows_are_counted_as_they_come_even_under_a_small_dimension(tmp_path):
    """A dimension may lie in the other direction too: reading stops at row 1,002, not at its claim."""
    rows = row_xml(1, "id", "name", "actors", "city", "state") + b"".join(
        row_xml(number, f"r{number}", "R", 1, "Kiel", "SH") for number in range(2, 3002)
    )
    assert_refused_cheaply(tmp_path, workbook(sheet_xml(rows, "A1:E2")), "too_many_rows")


def test_one_row_of_many_cells(tmp_path):
    cells = b"".join(b'<c r="A1"><v>%d</v></c>' % number for number in range(300_000))
    assert_refused_cheaply(
        tmp_path, workbook(sheet_xml(b'<row r="1">' + cells + b"</row>", "A1:A1")), "xlsx_too_complex"
    )


def test_bloated_styles(tmp_path):
    styles = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>'
        + b"".join(b'<xf numFmtId="%d" fontId="%d" fillId="0" borderId="0"/>' % (n % 164, n) for n in range(100_000))
        + b"</cellXfs></styleSheet>"
    )
    assert_refused_cheaply(tmp_path, workbook(sheet_xml(GOOD_ROWS), {"xl/styles.xml": styles}), "xlsx_too_complex")


def test_cut_off_sheet(tmp_path):
    truncated = sheet_xml(GOOD_ROWS)[:-60]
    assert_refused_cheaply(tmp_path, workbook(truncated), "xlsx_unreadable")


@pytest.mark.parametrize(
    "sheet",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "<c/>">]><worksheet>&a;</worksheet>',
        '<?xml version="1.0" encoding="UTF-16"?><worksheet/>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="cp500"?><worksheet/>',
    ],
)
def test_markup_the_counts_cannot_see_is_refused(dataset, sheet):
    assert codes(parse(workbook(sheet), dataset, name="x.xlsx")) == [(None, None, "xlsx_unreadable")]


def test_huge_csv_stops_at_the_row_limit(tmp_path):
    rows = b"".join(b"r%d,R,1,Kiel,SH\n" % number for number in range(200_000))
    content = b"id,name,actors,city,state\n" + rows
    assert len(content) < MAX_BYTES
    assert_refused_cheaply(tmp_path, content, "too_many_rows", name="huge.csv")


def test_a_single_enormous_csv_cell(tmp_path):
    assert_refused_cheaply(
        tmp_path, b'id,name,actors\na,"' + b"x" * 4_000_000 + b'",1\n', "csv_unreadable", name="cell.csv"
    )


def test_an_own_figure_counts_what_its_published_cluster_counts_unless_the_row_says(synthetic):
    rows = (
        "id,name,actors,actors_counts,city,state\n"
        "alpha-bio,Alpha (ours),320,,München,BY\n"
        "new-one,New,80,partners,Kiel,SH\n"
    )
    result = parse_upload("ours.csv", rows.encode(), synthetic)
    assert not result.errors
    ours = {c.id: c for c in result.clusters}
    assert ours["yours-alpha-bio"].actors.counts.value == "members"
    assert ours["yours-new-one"].actors.counts.value == "partners"


def test_an_unknown_counts_value_is_refused_with_row_and_column(synthetic):
    rows = "id,name,actors,actors_counts,city,state\nx,X,80,visitors,Kiel,SH\n"
    result = parse_upload("ours.csv", rows.encode(), synthetic)
    assert not result.clusters
    [error] = result.errors
    assert (error.row, error.column, error.code) == (2, "actors_counts", "bad_counts")
