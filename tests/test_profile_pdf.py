"""The one-page PDF profile: generated for every cluster, one A4 page, text intact, nothing drawn
over anything (checked on the words' and characters' boxes, as a reader's eye would)."""

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pdfplumber
import pypdf
import pytest

from clusters.readers.datafiles import load_dataset
from presentation.citations import cite_document
from presentation.pdf import BUDGETS, profile_pdf

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_IDS = tuple(load_dataset().clusters)  # at collection time, so each profile is its own test
KEY = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
MARGIN = 14 * 72 / 25.4  # the layout's left and right margins, in points
TOLERANCE = 0.5  # points; glyph boxes of neighbouring letters touch but never overlap by this much


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _boxes(items) -> np.ndarray:
    return np.array([[i["x0"], i["top"], i["x1"], i["bottom"]] for i in items], dtype=float).reshape(-1, 4)


def _overlaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairs (i, j) whose boxes share more than TOLERANCE in both directions."""
    width = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    height = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return np.argwhere((width > TOLERANCE) & (height > TOLERANCE))


def layout_problems(content: bytes) -> list[str]:
    problems = []
    with pdfplumber.open(io.BytesIO(content)) as document:
        if len(document.pages) != 1:
            problems.append(f"{len(document.pages)} pages")
        for number, page in enumerate(document.pages, start=1):
            words = page.extract_words()
            # Words drawn over each other can merge into one "word"; their characters still overlap.
            chars = [c for c in page.chars if c["text"].strip()]
            for kind, items in (("words", words), ("characters", chars)):
                boxes = _boxes(items)
                for i, j in _overlaps(boxes, boxes):
                    if i < j:
                        problems.append(f"p{number}: {kind} {items[i]['text']!r} and {items[j]['text']!r} overlap")
            for i, k in _overlaps(_boxes(words), _boxes(page.images)):
                problems.append(f"p{number}: {words[i]['text']!r} is drawn over image {k}")
            for word in words:
                if word["x1"] > page.width - MARGIN + TOLERANCE or word["x0"] < MARGIN - TOLERANCE:
                    problems.append(
                        f"p{number}: {word['text']!r} runs into the margin (x {word['x0']:.1f}–"
                        f"{word['x1']:.1f} of {page.width:.1f})"
                    )
                if word["top"] < 0 or word["bottom"] > page.height:
                    problems.append(f"p{number}: {word['text']!r} is off the page")
    return problems


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("cluster_id", CLUSTER_IDS)
def test_profile_is_one_clean_page(dataset, cluster_id, lang):
    cluster = dataset.clusters[cluster_id]
    content = profile_pdf(dataset, cluster, lang)
    problems = layout_problems(content)
    assert not problems, "\n".join(problems[:15]) + (f"\n… {len(problems)} in all" if len(problems) > 15 else "")
    _, text = pdf_text(content)
    assert cluster.name.split(" – ")[0] in text
    assert "GeoBasis-DE / BKG 2021" in text
    date = dataset.data_date
    assert (f"{date.day} {date:%b %Y}" if lang == "en" else f"{date:%d.%m.%Y}") in text  # as the language writes it
    assert ".txt" not in text and not KEY.search(text)  # readers get citations, not the data's file keys
    compact = "".join(text.split())  # a citation may wrap anywhere it has a space
    for file in cluster.sources:
        source = dataset.sources[file]
        assert "".join(cite_document(source, lang).split()) in compact
        assert source.cited_publisher in text


def test_long_lists_shrink_to_one_page(dataset):
    """A cluster with far more actors and projects than a page holds keeps to one page and says what it left out."""
    cluster = dataset.clusters["life-science-nord"]
    # Names that wrap to two lines, so the first, roomiest budget overflows and a tighter one is used.
    long = " – Kompetenzzentrum für translationale Medizin, Diagnostik und Versorgungsforschung"
    actors = [a.model_copy(update={"name": a.name + long}) for a in dataset.actors_of(cluster.id) * 9]
    projects = dataset.projects_of(cluster.id) * 6

    class Crowded:
        def __getattr__(self, name):
            return getattr(dataset, name)

        def actors_of(self, cluster_id):
            return actors

        def projects_of(self, cluster_id):
            return projects

    content = profile_pdf(Crowded(), cluster, "de")
    assert not layout_problems(content)
    _, text = pdf_text(content)
    total = len(actors)
    shown = int(re.search(rf"Akteure \((\d+) von {total} im Datensatz\)", text).group(1))
    assert shown < BUDGETS[0].actors and f"+ {total - shown} weitere" in text


def test_presentation_and_cli_import_no_streamlit():
    """The CLI renders PDFs and words messages too: the presentation layer must not pull in the UI framework."""
    probe = "import sys, cli.__main__, presentation.pdf, presentation.views; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_layout_check_sees_overlaps():
    """The checker itself: two words printed on the same spot, and a word over an image, are caught."""
    from fpdf import FPDF

    from geodata.locator import locator_png

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(30, 30, "Clustermanagement")
    pdf.text(50, 30, "16")
    pdf.image(locator_png(((53.55, 10.0),)), x=100, y=40, w=40)
    pdf.text(110, 60, "under")
    problems = "\n".join(layout_problems(bytes(pdf.output())))
    assert "overlap" in problems and "drawn over image" in problems


def test_pdf_keeps_qualifiers_and_umlauts(synthetic):
    _, text = pdf_text(profile_pdf(synthetic, synthetic.clusters["alpha-bio"], "de"))
    assert ">300" in text and ">120" in text and "~30" in text  # never plain 300
    assert "München" in text and "Großunternehmen" in text  # umlaut and ß intact
    assert not re.search(r"S\d{2}_synthetic", text) and "Testverband Nord: Synthetic test source" in text


def test_unknown_figures_print_as_not_given(synthetic):
    _, text = pdf_text(profile_pdf(synthetic, synthetic.clusters["delta-life"], "en"))
    assert "n/a" in text and "not given in the sources" in text


def test_cli_writes_the_pdf(tmp_path):
    out = tmp_path / "stern.pdf"
    subprocess.run(
        [sys.executable, "-m", "cli", "profile-pdf", "bioregio-stern", "--lang", "de", "--out", str(out)],
        cwd=ROOT,
        check=True,
    )
    pages, text = pdf_text(out.read_bytes())
    assert pages == 1 and "BioRegio STERN" in text and ">360" in text


def test_cli_rejects_unknown_cluster(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cli", "profile-pdf", "atlantis", "--out", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "unknown cluster 'atlantis'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_sets_the_cluster_against_its_region_population(synthetic):
    _, text = pdf_text(profile_pdf(synthetic, synthetic.clusters["alpha-bio"], "de"))
    flat = " ".join(text.split())
    assert "Einwohner in der Region (31.12.2023)" in flat and "Mitglieder je 100.000 Einwohner: >14,6" in flat
    assert "Destatis" in flat and "aktiv (2022)" in flat and "Akteure (Mitglieder)" in flat
