"""The cluster table in a real browser, with no request leaving localhost."""

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser


def table_rows(page) -> list[list[str]]:
    """Cells from st.dataframe's hidden accessible table (the visible grid is a canvas)."""
    return page.locator('[data-testid="stDataFrame"]').first.locator("table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('td, th')).map(c => c.innerText.trim()))")


def test_table_page_renders_offline(offline_page, app_url, network):
    offline_page.goto(f"{app_url}/clusters")
    wait_for_app(offline_page)
    offline_page.wait_for_selector('[data-testid="stDataFrame"]')
    assert offline_page.get_by_text("12 of 12 clusters").is_visible()
    rows = table_rows(offline_page)
    assert len(rows) == 12
    assert any("Bio^M – Münchner Biotech Cluster" in row and ">250" in row for row in rows)
    assert not network.outside


def test_search_from_deep_link_in_german(offline_page, app_url):
    offline_page.goto(f"{app_url}/clusters?lang=de&q=dresden")
    wait_for_app(offline_page)
    offline_page.wait_for_selector("text=Life-Science-Cluster in Deutschland")
    assert offline_page.get_by_text("1 von 12 Clustern").is_visible()
    rows = table_rows(offline_page)
    assert len(rows) == 1 and "biosaxony e. V." in rows[0]
