"""The cluster table in a real browser, with no request leaving localhost."""

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser


def table_rows(page) -> list[list[str]]:
    """Cells from st.dataframe's hidden accessible table (the visible grid is a canvas).

    The grid virtualises columns: only those in view are in the DOM, so tests read names."""
    page.wait_for_selector('[data-testid="stDataFrame"] table [role="gridcell"]', state="attached")
    return (
        page.locator('[data-testid="stDataFrame"]')
        .first.locator("table tr")
        .evaluate_all(
            "rows => rows.filter(r => r.querySelector('td'))"
            "            .map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent.trim()))"
        )
    )


def test_table_page_renders_offline(offline_page, app_url, network):
    offline_page.goto(f"{app_url}/clusters")
    wait_for_app(offline_page)
    offline_page.wait_for_selector('[data-testid="stDataFrame"]')
    offline_page.get_by_text("5 of 5 clusters").wait_for(timeout=10_000)
    rows = table_rows(offline_page)
    grid = offline_page.locator('[data-testid="stDataFrame"] table').first
    assert grid.get_attribute("aria-rowcount") == "6"  # header + the synthetic data's 5 clusters
    assert any(row[0] == "Alpha Bio Testcluster" for row in rows)
    assert not network.outside


def test_search_from_deep_link_in_german(offline_page, app_url):
    offline_page.goto(f"{app_url}/clusters?lang=de&q=dresden")
    wait_for_app(offline_page)
    offline_page.wait_for_selector("text=Life-Science-Cluster in Deutschland")
    offline_page.get_by_text("1 von 5 Clustern").wait_for(timeout=10_000)
    assert offline_page.get_by_text("Page not found").count() == 0
    rows = table_rows(offline_page)
    assert len(rows) == 1 and "Gamma MedTech Testverbund" in rows[0]


def test_deep_link_is_the_first_request_after_a_server_start(browser, network):
    """A booth laptop or a shared link opens /clusters before anything else: it must show the
    page itself, not Streamlit's "Page not found" (the file name matches the URL path)."""
    from .conftest import SYNTHETIC_DIR, guard_localhost, streamlit_server

    with streamlit_server(CLUSTER_ATLAS_DATA=str(SYNTHETIC_DIR)) as url:
        context = browser.new_context()
        guard_localhost(context, network)
        page = context.new_page()
        page.goto(f"{url}/clusters?q=hamburg")
        wait_for_app(page)
        page.wait_for_selector("text=Life-science clusters in Germany")
        assert page.get_by_text("Page not found").count() == 0
        page.get_by_text("1 of 5 clusters").wait_for(timeout=10_000)
        context.close()
    assert not network.outside


def test_language_switch_is_kept_across_pages(offline_page, app_url):
    offline_page.goto(f"{app_url}/clusters")
    wait_for_app(offline_page)
    offline_page.locator('[data-testid="stSidebar"]').get_by_text("Deutsch", exact=True).click()
    offline_page.wait_for_selector("text=Life-Science-Cluster in Deutschland", timeout=30_000)
    offline_page.wait_for_url("**lang=de**", timeout=10_000)
    # A second click on the chosen language keeps it (the control is required, never empty).
    offline_page.locator('[data-testid="stSidebar"]').get_by_text("Deutsch", exact=True).click()
    wait_for_app(offline_page)
    assert "lang=de" in offline_page.url and offline_page.get_by_text("Life-Science-Cluster in Deutschland").count()
    offline_page.locator('[data-testid="stSidebarNav"]').get_by_text("Vergleich", exact=True).click()
    offline_page.wait_for_selector("text=Cluster vergleichen", timeout=30_000)
    offline_page.wait_for_url("**/benchmark?**lang=de**", timeout=10_000)
