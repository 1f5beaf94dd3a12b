"""The one-page PDF profile: generated for every cluster, one A4 page, text intact."""

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from components.profile_pdf import profile_pdf

ROOT = Path(__file__).resolve().parent.parent


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_cluster_gets_a_one_page_pdf(dataset, lang):
    for cluster in dataset.clusters.values():
        pages, text = pdf_text(profile_pdf(dataset, cluster, lang))
        assert pages == 1, cluster.id
        assert cluster.name.split(" – ")[0] in text, cluster.id
        assert "GeoBasis-DE / BKG 2021" in text
        assert ("9 Jan 2025" if lang == "en" else "09.01.2025") in text  # the data date, as the language writes it


def test_pdf_keeps_qualifiers_and_umlauts(dataset):
    pages, text = pdf_text(profile_pdf(dataset, dataset.clusters["bio-m"], "de"))
    assert ">250" in text and ">200" in text  # never plain 250
    assert "Münchner" in text and "Großunternehmen" in text  # umlaut and ß intact
    assert "001_90e1c9aa8b0c2cd0.txt" in text


def test_unknown_figures_print_as_not_given(dataset):
    _, text = pdf_text(profile_pdf(dataset, dataset.clusters["bio-nrw"], "en"))
    assert "n/a" in text and "not given in the sources" in text


def test_cli_writes_the_pdf(tmp_path):
    out = tmp_path / "stern.pdf"
    subprocess.run([sys.executable, "-m", "clusters", "profile-pdf", "bioregio-stern", "--lang", "de", "--out",
                    str(out)], cwd=ROOT, check=True)
    pages, text = pdf_text(out.read_bytes())
    assert pages == 1 and "BioRegio STERN" in text and ">360" in text


def test_cli_rejects_unknown_cluster(tmp_path):
    result = subprocess.run([sys.executable, "-m", "clusters", "profile-pdf", "atlantis", "--out",
                             str(tmp_path / "x.pdf")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "unknown cluster 'atlantis'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
