"""Sources are cited as readers know them (publisher, short title, date, section), never by the
document key; downloads carry the sources and the licences (issue 11)."""

import io
import re
import zipfile

import openpyxl
import pytest
from conftest import open_app, shown

from clusters.readers.exports import csv_bundle, export
from clusters.records.citation import citation_text, upload_ref
from clusters.records.model import SourceRef
from presentation.citations import cite, cite_document, source_line

# Document keys of the shipped data and of the synthetic data the pages show.
KEY = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|S\d{2}_synthetic_\w+\.txt")


def test_citation_in_both_languages(dataset):
    ref = SourceRef(file="001_90e1c9aa8b0c2cd0.txt", section="Anlagen")
    assert cite(ref, dataset, "en") == "Life Science Nord: Clusterstrategie 2024, Feb 2019 — Anlagen"
    assert cite(ref, dataset, "de") == "Life Science Nord: Clusterstrategie 2024, Feb. 2019 — Anlagen"
    assert citation_text(ref, dataset.sources) == "Life Science Nord: Clusterstrategie 2024, 2019-02-01 — Anlagen"


def test_short_forms_of_long_titles_and_publishers(dataset):
    berlin = cite_document(dataset.sources["004_b5954f37f8bbf0de.txt"], "en")
    assert (
        berlin == "Senatsverwaltung für Wirtschaft, Arbeit und Frauen Berlin: Masterplan Medizintechnik Berlin "
        "2005–2010, Nov 2005"
    )


def test_an_upload_is_cited_by_its_file_and_row(dataset):
    assert cite(upload_ref("mine.csv", 3), dataset, "de") == "Ihr Upload mine.csv, Zeile 3"
    assert (
        source_line(["upload:mine.csv", "001_90e1c9aa8b0c2cd0.txt"], dataset, "en")
        == "Sources: Life Science Nord: Clusterstrategie 2024, Feb 2019; your upload"
    )


@pytest.mark.parametrize(
    "page,query",
    [
        ("profile", {"cluster": "beta-health"}),
        ("profile", {"cluster": "gamma-med", "lang": "de"}),
        ("lighthouses", {}),
        ("benchmark", {}),
        ("clusters", {}),
        (None, {"cluster": "alpha-bio"}),
    ],
)
def test_no_page_shows_a_document_key(page, query):
    at = open_app(page, **query)
    assert not at.exception
    texts = [shown(e.value) for kind in ("markdown", "caption", "title", "subheader", "header") for e in at.get(kind)]
    texts += [df.value.to_csv() for df in at.dataframe]
    found = [KEY.search(text).group(0) for text in texts if KEY.search(text)]
    assert not found, found
    if page == "lighthouses":
        assert any("Testamt Süd: Synthetic test source — not real data: Testbericht" in text for text in texts)


def test_exports_cite_documents_not_keys(dataset):
    for kind in ("clusters", "actors", "lighthouses"):
        assert not KEY.search(export(dataset, kind, "csv", with_sources=True))
    assert "Clusterstrategie 2024, 2019-02-01" in export(dataset, "actors", "csv")


def test_workbook_has_a_sources_sheet_with_licences(dataset):
    book = openpyxl.load_workbook(io.BytesIO(export(dataset, "clusters", "xlsx", with_sources=True)))
    assert book.sheetnames == ["clusters", "sources"]
    rows = list(book["sources"].iter_rows(values_only=True))
    assert rows[0][:2] == ("key", "publisher") and len(rows) == 1 + len(dataset.sources) + 1
    assert any("dl-de/by-2-0" in str(cell) for cell in rows[-1])


def test_csv_zip_carries_readme_with_sources_and_licences(dataset):
    bundle = zipfile.ZipFile(io.BytesIO(csv_bundle(dataset)))
    assert sorted(bundle.namelist()) == ["README.md", "actors.csv", "clusters.csv", "lighthouses.csv", "sources.csv"]
    readme = bundle.read("README.md").decode()
    assert all(source.cited_title in readme for source in dataset.sources.values())
    assert "dl-de/by-2-0" in readme and "copyright stays with the publisher" in readme
