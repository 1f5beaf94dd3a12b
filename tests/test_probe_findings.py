"""Regression tests for the probe's findings (issue 26), each named after what it guards."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time

import openpyxl
import pytest
from conftest import ROOT
from test_profile_pdf import layout_problems, pdf_text
from test_validation import by_id, edit_yaml, problems

from clusters.keeping.edit import CHECK_PREFIX, EditError, data_lock, remove_stale_copies
from clusters.keeping.upload import parse_upload
from clusters.readers.exports import to_xlsx
from clusters.readers.tables import TableRejected, read_table
from presentation.pdf import MISSING_GLYPH, profile_pdf
from presentation.safe_text import literal, plain

# --- 1. control characters -------------------------------------------------------------------------


def test_control_characters_in_an_upload_are_refused_with_row_and_column(synthetic):
    rows = "id,name,actors,city,state\nx,Ctrl\x01Name\x0bVT,80,Kiel,SH\ny,Fine,90,Kiel,SH\n"
    result = parse_upload("ours.csv", rows.encode(), synthetic)
    [error] = result.errors
    assert (error.row, error.column, error.code, error.params) == (
        2,
        "name",
        "control_character",
        {"character": "U+0001"},
    )
    assert [c.name for c in result.clusters] == ["Fine"]


def test_control_characters_never_reach_a_workbook():
    import pandas as pd

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"t": pd.DataFrame({"name": ["Ctrl\x01Name\x0bVT"]})})))
    assert book.active["A2"].value == "Ctrl\ufffdName\ufffdVT"


def test_control_characters_in_a_data_file_are_refused_with_file_record_and_field(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "beta-health").update(name="Beta\x0bHealth"))
    found = problems(synthetic_copy)
    assert any(p.startswith("clusters.yaml: record 'beta-health', field 'name'") and "U+000B" in p for p in found)


def test_a_nul_byte_late_in_a_csv_is_refused_with_its_line():
    content = ("id,name\n" + "".join(f"r{i},Name {i}\n" for i in range(400)) + "bad,Na\x00me\n").encode()
    assert len(content) > 4096
    with pytest.raises(TableRejected) as refused:
        read_table("members.csv", content)
    assert refused.value.message.code == "nul_byte" and refused.value.message.params == {"line": 402}


def test_a_csv_mixing_utf8_and_latin1_rows_gets_a_warning_with_the_line():
    content = "id,name\na,München\n".encode() + "b,Köln\n".encode("latin-1")
    table = read_table("mixed.csv", content)
    [warning] = table.warnings
    assert warning.code == "mixed_encoding" and warning.params == {"line": 3}


def test_zero_width_and_bidi_controls_are_dropped_from_names_and_shown_text(synthetic):
    result = parse_upload("ours.csv", "id,name,actors,city,state\nx,Bio\u200bM\u202e,80,Kiel,SH\n".encode(), synthetic)
    assert result.clusters[0].name == "BioM"
    assert "\u202e" not in plain("abc\u202edef") and "\u202e" not in literal("\u202eabc")


def test_look_alike_letters_in_a_name_get_a_warning(synthetic):
    result = parse_upload("ours.csv", "id,name,actors,city,state\nx,Вayer,80,Kiel,SH\n".encode(), synthetic)
    assert [w.code for w in result.warnings] == ["mixed_scripts"]


# --- 2. the loader reads only the data folder's own regular files ---------------------------------------


def test_a_data_file_that_is_a_link_is_refused_without_showing_the_target(synthetic_copy, tmp_path):
    secret = tmp_path / "secrets.env"
    secret.write_text("SECRET_TOKEN=abc123: [\n", encoding="utf-8")
    (synthetic_copy / "clusters.yaml").unlink()
    (synthetic_copy / "clusters.yaml").symlink_to(secret)
    found = problems(synthetic_copy)
    assert any("clusters.yaml" in p and "is a link" in p for p in found)
    assert not any("SECRET_TOKEN" in p for p in found)


def test_a_yaml_error_names_line_and_column_but_quotes_no_content(synthetic_copy):
    (synthetic_copy / "themes.yaml").write_text("- id: x\n  label: {en: SECRET_VALUE: [\n", encoding="utf-8")
    found = [p for p in problems(synthetic_copy) if p.startswith("themes.yaml")]
    assert found and "line 2" in found[0] and "SECRET_VALUE" not in " ".join(found)


# --- 3. one writer at a time ----------------------------------------------------------------------------


def test_a_second_writer_waits_for_the_lock_and_is_refused_with_a_message(tmp_path):
    holding = threading.Event()
    release = threading.Event()

    def first_writer():
        with data_lock(tmp_path):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=first_writer)
    thread.start()
    holding.wait(5)
    started = time.monotonic()
    with pytest.raises(EditError) as refused, data_lock(tmp_path, wait=0.3):
        pass
    assert refused.value.code == "locked" and time.monotonic() - started >= 0.3
    release.set()
    thread.join()
    with data_lock(tmp_path, wait=0.3):  # free again
        pass


def test_set_figure_refuses_to_write_while_another_command_holds_the_lock(data_copy):
    command = [sys.executable, "-m", "cli", "--data", str(data_copy), "set-figure", "bio-m", "management_staff", "17"]
    command += ["--year", "2026", "--source", "001_90e1c9aa8b0c2cd0.txt", "--section", "Anlagen"]
    command += ["--quote", "17 Personen"]
    before = (data_copy / "clusters.yaml").read_bytes()
    with data_lock(data_copy):
        result = subprocess.run(
            [*command, "--apply"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "CLUSTER_ATLAS_LOCK_WAIT": "0.5"},
        )
    assert result.returncode != 0 and "another data command is writing" in result.stdout + result.stderr
    assert (data_copy / "clusters.yaml").read_bytes() == before


# --- 6. the PDF shortens what would overflow ------------------------------------------------------------


def test_the_pdf_stays_one_page_with_a_huge_name_many_focus_areas_and_sources_and_marks_emoji(synthetic):
    cluster = synthetic.clusters["alpha-bio"]
    focus = cluster.focus * 250  # 500 focus areas
    sources = [*cluster.sources * 39]  # 78 sources
    huge = cluster.model_copy(
        update={"name": "Alpha 🧬 " + "Biotechnologie-Netzwerk " * 40, "focus": focus, "sources": sources}
    )
    content = profile_pdf(synthetic, huge, "de")
    assert layout_problems(content) == []
    pages, text = pdf_text(content)
    assert pages == 1 and MISSING_GLYPH in text


# --- 7. temporary copies are cleaned up -----------------------------------------------------------------


def test_stale_check_copies_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    stale, fresh = tmp_path / f"{CHECK_PREFIX}old", tmp_path / f"{CHECK_PREFIX}new"
    for folder in (stale, fresh):
        (folder / "data").mkdir(parents=True)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    remove_stale_copies()
    assert not stale.exists() and fresh.exists()


def test_the_architecture_note_says_how_repeated_parameters_are_read(synthetic):
    from presentation.views import AtlasView

    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "`?focus=a&focus=b`, like `?focus=a,b`" in text and "`?cluster=a&cluster=b` is `a`" in text
    # …and the views do what it says.
    view = AtlasView.parse({"focus": ["medtech", "pharma"], "cluster": ["alpha-bio", "beta-health"]}, synthetic)
    assert set(view.filter.focus) == {"medtech", "pharma"} and view.cluster == "alpha-bio"


def test_import_refuses_zero_width_characters_and_look_alike_letters_in_names(tmp_path, dataset):
    from clusters.keeping.importer import review_import

    members = tmp_path / "members.csv"
    members.write_text(
        "name,type,city\nBio\u200bTech GmbH,company,Kiel\nВayer AG,company,Leverkusen\n", encoding="utf-8"
    )
    review = review_import(members, dataset, "life-science-nord")
    codes = {row.code for row in review.rows}
    assert {"name_has_controls", "name_mixes_scripts"} <= codes
