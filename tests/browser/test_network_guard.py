"""The localhost guard itself: it must catch a request to the internet (else the offline
checks of every other browser test could not fail)."""

import pytest

from .conftest import NetworkLog, guard_localhost

pytestmark = pytest.mark.browser


def test_guard_records_and_blocks_outside_requests(browser, app_url):
    log = NetworkLog()
    context = browser.new_context()
    guard_localhost(context, log)
    page = context.new_page()
    page.goto(f"{app_url}/_stcore/health")
    outcome = page.evaluate(
        "fetch('https://unpkg.com/leaflet@1.9.4/dist/leaflet.js').then(() => 'loaded', () => 'blocked')"
    )
    context.close()
    assert outcome == "blocked"
    assert log.outside == ["https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"]
