import datetime as dt
import shutil
from pathlib import Path

import pytest

import clusters.metrics
from clusters.dataset import DATA_DIR
from clusters.readers.datafiles import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_DIR = ROOT / "tests" / "data" / "synthetic"
"""Invented data the pages run on in tests (see its README.md); data tests check `clusters/data`."""


@pytest.fixture(scope="session")
def dataset():
    """The shipped data, for the tests that check it."""
    return load_dataset()


@pytest.fixture(scope="session")
def synthetic():
    """The synthetic dataset the app shows in page tests: their expected values come from here."""
    return load_dataset(SYNTHETIC_DIR)


TODAY = dt.date(2026, 12, 7)
"""The day tests see as today: a figure of 2020 or before is "old" (more than five years), however
late the tests run."""


@pytest.fixture(autouse=True)
def _app_on_synthetic_data(monkeypatch):
    """Every app a test runs reads the synthetic folder unless the test points CLUSTER_ATLAS_DATA
    elsewhere: a correction of the shipped data must not break a UI test. Today is `TODAY`."""
    monkeypatch.setenv("CLUSTER_ATLAS_DATA", str(SYNTHETIC_DIR))
    monkeypatch.setattr(clusters.metrics, "today", lambda: TODAY)


@pytest.fixture
def synthetic_copy(tmp_path: Path) -> Path:
    """A private copy of the synthetic data files that a page test may break."""
    target = tmp_path / "synthetic"
    shutil.copytree(SYNTHETIC_DIR, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data files that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def open_app(page: str | None = None, **query: str):
    """Run the app in AppTest with these URL parameters, on `page` (a file in pages/) or the default."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    return at.run()


def make_figure(value, qualifier="", **extra):
    """A sourced Figure for unit tests (year 2019, the LSN strategy's appendix)."""
    from clusters.records.model import Figure, SourceRef

    return Figure(
        value=value,
        qualifier=qualifier,
        year=2019,
        source=SourceRef(file="001_90e1c9aa8b0c2cd0.txt", section="Anlagen"),
        **extra,
    )


def shown(markdown: str) -> str:
    """What a reader sees of Markdown made by `presentation.safe_text.plain`: escapes resolved,
    the zero-width spaces that break autolinks removed."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")
