"""/lighthouses, /profile and /data render in Chromium with no request leaving localhost."""

from pathlib import Path

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "text", "pictures"),
    [
        ("/lighthouses?theme=digital-health", "Digital Health · 2 projects", 0),
        ("/lighthouses?project=beta-telemed&lang=de", "Fakten und ihre Quellen", 1),
        ("/profile?cluster=gamma-med&lang=de", "Gamma MedTech Testverbund", 1),
        ("/profile?cluster=atlantis", "There is no cluster with the id atlantis", 0),
        ("/data", "Source documents", 0),
    ],
)
def test_page_renders_offline(offline_page, app_url, network, path, text, pictures):
    offline_page.goto(f"{app_url}{path}")
    wait_for_app(offline_page)
    offline_page.wait_for_selector(f"text={text}", timeout=30_000)
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    # Locator maps are drawn by the server and sent inline: every picture decodes, none is fetched.
    offline_page.wait_for_function(
        "n => { const images = [...document.querySelectorAll('[data-testid=\"stImage\"] img')];"
        " return images.length >= n && images.every("
        "img => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/png')); }",
        arg=pictures,
        timeout=30_000,
    )
    assert not network.outside
    # Regression (CI, lighthouses): pictures handed to st.image as bytes were media files that a
    # quick rerun dropped before the browser fetched them (404).
    assert not network.bad_responses


def test_profile_pdf_downloads(offline_page, app_url):
    offline_page.goto(f"{app_url}/profile?cluster=alpha-bio")
    wait_for_app(offline_page)
    with offline_page.expect_download() as download:
        offline_page.get_by_text("Download PDF profile (A4)").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF") and download.value.suggested_filename == "alpha-bio-en.pdf"


def test_project_pdf_downloads(offline_page, app_url):
    offline_page.goto(f"{app_url}/lighthouses?project=beta-telemed")
    wait_for_app(offline_page)
    with offline_page.expect_download() as download:
        offline_page.get_by_text("Profile as PDF (A4)").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF") and download.value.suggested_filename == "beta-telemed-en.pdf"
