"""The synthetic dataset page tests run on (tests/data/synthetic): valid, marked as invented, covering
what the pages must show — and the page tests name nothing of the shipped data, so correcting a real
figure or name cannot break a UI test (issue 12)."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT, SYNTHETIC_DIR

from clusters.dataset import FILES
from clusters.readers.datafiles import load_dataset
from clusters.records.model import FIGURE_FIELDS, STORED_RELATIONS, Qualifier

PAGE_TESTS = sorted(
    [
        *ROOT.glob("tests/test_page_*.py"),
        ROOT / "tests/test_booth.py",
        ROOT / "tests/test_german_pages.py",
        ROOT / "tests/test_region_view.py",
        # test_readme_links.py checks the README's links against the shipped data on purpose.
        *(path for path in ROOT.glob("tests/browser/test_*.py") if path.name != "test_readme_links.py"),
    ]
)


def test_the_folder_has_every_data_file_and_validates(synthetic):
    assert sorted(p.name for p in SYNTHETIC_DIR.iterdir()) == sorted([*FILES.values(), "README.md"])
    result = subprocess.run(
        [sys.executable, "-m", "cli", "validate", "--data", str(SYNTHETIC_DIR)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_is_marked_synthetic(synthetic):
    titles = [source.title for source in synthetic.sources.values()]
    assert all(title.startswith("Synthetic test source — not real data") for title in titles)
    assert "not real data" in (SYNTHETIC_DIR / "README.md").read_text(encoding="utf-8")


def test_it_covers_what_the_pages_show(synthetic):
    figures = [cluster.figure(name) for cluster in synthetic.clusters.values() for name in FIGURE_FIELDS]
    assert {f.qualifier for f in figures if f} == set(Qualifier)
    assert any(f is None for f in figures)  # unknown
    assert any(f and f.unit == "FTE" for f in figures)
    assert any(c.founded and c.founded.note for c in synthetic.clusters.values())
    years = {}
    for cluster in synthetic.clusters.values():
        for figure in cluster.more_figures:
            years.setdefault((cluster.id, figure.key), set()).add(figure.year)
    assert any(len(found) >= 2 for found in years.values())  # a time series
    relations = {link.relation for actor in synthetic.actors.values() for link in actor.links}
    assert relations == set(STORED_RELATIONS)
    assert any(re.search(r"[<>*\[]", actor.name) for actor in synthetic.actors.values())  # hostile names
    assert sum(actor.listing is not None for actor in synthetic.actors.values()) >= 25
    assert {t for p in synthetic.projects.values() for t in synthetic.project_themes(p)} >= {
        "digital-health",
        "life-science",
        "medtech",
    }


def shipped_names() -> set[str]:
    """Ids, names and source titles of the shipped data: none may appear in a page test."""
    shipped = load_dataset()
    names = {*shipped.clusters, *shipped.projects, *shipped.initiatives, *shipped.sources}
    for records in (shipped.clusters, shipped.projects, shipped.initiatives):
        names |= {record.name for record in records.values()}
    names |= {cluster.short_name for cluster in shipped.clusters.values()}
    names |= {actor.name for actor in shipped.actors.values() if actor.listing is None}
    for source in shipped.sources.values():
        names |= {source.title, source.short_title or source.title, source.publisher}
    names |= {f"{shipped.data_date:%-d %b %Y}", f"{shipped.data_date:%d.%m.%Y}"}
    # Listings keep the loader's fixed file names, and vocabularies are shared, not data figures
    # (a web page may be titled like a focus area: "Medical technology").
    vocabularies = (*shipped.focus_areas.values(), *shipped.themes.values())
    vocabulary = {text for record in vocabularies for text in (record.label.en, record.label.de)}
    return names - {"734349_HochschulFachbereich_WS2021.xlsx", "institute-pages"} - vocabulary


@pytest.mark.parametrize("path", PAGE_TESTS, ids=lambda path: str(path.relative_to(ROOT / "tests")))
def test_page_tests_name_nothing_of_the_shipped_data(path):
    text = path.read_text(encoding="utf-8")
    found = sorted(name for name in shipped_names() if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text))
    assert not found, f"{path.name} depends on the shipped data: {found}"
    assert "load_dataset()" not in text and "DATA_DIR" not in text
