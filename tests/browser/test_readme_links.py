"""Every deep link the README documents opens its view on the shipped data: no notice about
unknown values, no exception, nothing fetched from outside localhost (issue 12). This test is
about the README and the shipped data together, so — unlike the page tests — it serves
clusters/data."""

import re

import pytest

from .conftest import ROOT, map_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHIPPED = ROOT / "clusters" / "data"


def readme_links() -> list[str]:
    """Paths with queries: the pages table's `?…` examples under their row's path, full `/path?…`
    examples, and the booth's kiosk address. Placeholders (`<id>`, `…`) and the hostile example
    of the hardening section are left out."""
    links = []
    for line in README.splitlines():
        row = re.match(r"\| `(/[a-z]*)", line)
        for code in re.findall(r"`([/?][^`]*=[^`]*)`", line):
            if code.startswith("?") and row:
                links.append(row.group(1).split("?")[0] + code)
            elif code.startswith("/") and "?" in code:
                links.append(code)
        links += [m.removeprefix("http://localhost:8501") for m in re.findall(r"http://localhost:8501/[^\"` ]+", line)]
    return [link for link in dict.fromkeys(links) if not re.search(r"[<…]|%0A|=$|=&", link)]


@pytest.fixture(scope="module")
def shipped_url():
    with streamlit_server(CLUSTER_ATLAS_DATA=str(SHIPPED)) as url:
        yield url


def test_the_readme_documents_deep_links():
    links = readme_links()
    assert "/profile?cluster=bio-m" in links and any(link.startswith("/?cluster=") for link in links)
    assert any(link.startswith("/benchmark?") for link in links) and any(link.startswith("/booth?") for link in links)


@pytest.mark.parametrize("link", ["/", *readme_links()])
def test_a_readme_link_opens_its_view(offline_page, network, shipped_url, link):
    offline_page.goto(shipped_url + link)
    wait_for_app(offline_page)
    if link.startswith("/?") or link == "/":
        frame = map_frame(offline_page, minimum_paths=16)
        if link == "/":  # every actor of the shipped data, register sites included, drawn (grouped) offline
            frame.wait_for_selector(".marker-cluster", timeout=30_000)
    text = offline_page.locator('[data-testid="stMain"]').inner_text()
    assert "Ignored unknown value" not in text and "Unbekannte Angabe" not in text, link
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not network.outside
