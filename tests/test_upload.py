"""The upload parser: every bad input gives a message naming row and column, never an exception."""

import io

import openpyxl
import pytest

from clusters.model import Qualifier
from clusters.upload import MAX_BYTES, parse_upload, template_csv

HEADER = "id,name,founded,management_staff,actors,smes,large_companies,research_institutions,city,state,focus_areas"


def parse(text: str | bytes, dataset, name="mine.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return parse_upload(name, content, dataset)


def messages(result) -> list[str]:
    return [str(m) for m in result.errors + result.warnings]


def test_template_round_trips(dataset):
    result = parse(template_csv(), dataset)
    assert not result.errors and len(result.clusters) == 1
    mine = result.clusters[0]
    assert mine.id == "yours-my-cluster" and mine.name == "My Cluster e. V. (yours)"
    assert mine.actors.value == 150 and mine.actors.qualifier is Qualifier.MORE_THAN
    assert mine.seat.state == "SH" and mine.focus_areas == ["medtech", "digital-health"]
    assert mine.actors.source.file == "your upload: mine.csv" and mine.actors.source.section == "row 2"


def test_semicolon_separator_and_german_decimal(dataset):
    text = "id;name;management_staff;actors;city;state\nnord;Nord;13,5;>250;Kiel;SH\n"
    result = parse(text, dataset)
    assert not result.errors
    assert result.clusters[0].management_staff.value == 13.5
    assert result.clusters[0].actors.qualifier is Qualifier.MORE_THAN


def test_latin1_with_umlauts(dataset):
    content = "id;name;actors;city;state\nm;Münchner Gründer;12;München;BY\n".encode("latin-1")
    result = parse(content, dataset)
    assert not result.errors and result.clusters[0].name == "Münchner Gründer (yours)"


def test_utf8_bom(dataset):
    content = "\ufeffid,name,actors,city,state\nk,Kölner Netz,5,Köln,NW\n".encode("utf-8")
    result = parse(content, dataset)
    assert not result.errors and result.clusters[0].seat.city == "Köln"


def test_binary_garbage(dataset):
    result = parse(bytes(range(256)) * 40, dataset, name="photo.jpg")
    assert not result.clusters
    assert messages(result) == ["'photo.jpg' is not a CSV or Excel (.xlsx) file. Download the template and save "
                                "your table in that format."]


def test_broken_xlsx(dataset):
    result = parse(b"PK\x03\x04 this is no zip", dataset, name="broken.xlsx")
    assert not result.clusters and "Excel file cannot be read" in messages(result)[0]


def test_real_xlsx(dataset):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name", "actors", "actors_q", "city", "state"])
    sheet.append(["x", "X-Cluster", 300, ">", "Dresden", "SN"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = parse(buffer.getvalue(), dataset, name="mine.xlsx")
    assert not result.errors and result.clusters[0].actors.qualifier is Qualifier.MORE_THAN


def test_missing_columns(dataset):
    result = parse("name,city\nA,Kiel\n", dataset)
    assert not result.clusters
    assert "missing column(s): id; at least one of founded" in messages(result)[0]


def test_words_and_negative_numbers_name_row_and_column(dataset):
    text = f"{HEADER}\na,A,2000,5,viele,10,1,2,Kiel,SH,\nb,B,2001,5,100,-5,1,2,Kiel,SH,\nc,C,2002,5,100,10,1,2,Kiel,SH,\n"
    result = parse(text, dataset)
    found = messages(result)
    assert "row 2, column 'actors': 'viele' is not a number (write e.g. 250, 13.5 or >250) — this row was skipped." \
        in found
    assert any(m.startswith("row 3, column 'smes': '-5' is negative") for m in found)
    assert [c.id for c in result.clusters] == ["yours-c"]  # the valid row is kept


def test_unknown_focus_area_is_a_warning_and_left_out(dataset):
    result = parse(f"{HEADER}\na,A,2000,5,100,10,1,2,Kiel,SH,medtech;telepathy\n", dataset)
    assert result.clusters[0].focus_areas == ["medtech"]
    assert messages(result) == ["row 2, column 'focus_areas': unknown focus area 'telepathy' was left out "
                                "(see the template's vocabulary ids)"]


def test_duplicate_ids(dataset):
    result = parse(f"{HEADER}\na,A,,,100,,,,Kiel,SH,\na,Again,,,100,,,,Kiel,SH,\n", dataset)
    assert len(result.clusters) == 1
    assert messages(result) == ["row 3, column 'id': the id 'a' is already used in row 2 — this row was skipped."]


def test_sum_check_and_future_year(dataset):
    result = parse(f"{HEADER}\na,A,2999,,10,9,5,,Kiel,SH,\n", dataset)
    found = messages(result)
    assert any("row 2, column 'founded': the founding year 2999 lies in the future" in m for m in found)
    result = parse(f"{HEADER}\na,A,2000,,10,9,5,,Kiel,SH,\n", dataset)
    assert any(m.startswith("row 2, column 'smes'") and "exceed actors (10)" in m for m in messages(result))


def test_too_many_rows(dataset):
    rows = "\n".join(f"r{i},R{i},,,1,,,,Kiel,SH," for i in range(1001))
    result = parse(f"{HEADER}\n{rows}\n", dataset)
    assert not result.clusters and messages(result) == ["the file has 1001 rows; the limit is 1000."]


def test_too_large(dataset):
    result = parse(b"id,name,actors\n" + b"x" * (MAX_BYTES + 1), dataset)
    assert not result.clusters and "the limit is 5 MB" in messages(result)[0]


def test_empty_file(dataset):
    assert "the file is empty" in messages(parse(b"", dataset))[0]


def test_published_id_takes_the_published_seat(dataset):
    result = parse("id,name,actors\nbio-m,Bio^M 2026,280\n", dataset)
    assert not result.errors and result.clusters[0].seat.city == "München"


def test_unknown_state_and_missing_seat(dataset):
    found = messages(parse("id,name,actors,city,state\nq,Q,5,Paris,FR\nz,Z,5,,\n", dataset))
    assert found == ["row 2, column 'state': 'FR' is no German state code; use e.g. BY, NW, SH — this row was skipped.",
                     "row 3, column 'city': city and state are needed (or use the id of a published cluster) — "
                     "this row was skipped."]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0"])
def test_hostile_names_are_kept_as_plain_text(dataset, payload):
    result = parse(f'id,name,actors,city,state\nh,"{payload}",5,Kiel,SH\n', dataset)
    assert result.clusters[0].name == f"{payload} (yours)"


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
