"""The booth tour in Chromium: it advances by itself, a touch pauses it, idle resumes it, and
nothing leaves localhost all the while."""

import time

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


def test_tour_advances_pauses_and_resumes(offline_page, app_url, network):
    offline_page.set_viewport_size({"width": 1920, "height": 1080})
    offline_page.goto(f"{app_url}/booth?dwell=2&idle=4")
    wait_for_app(offline_page)
    first = heading(offline_page)
    offline_page.wait_for_function(
        "first => document.querySelector('h1')?.innerText !== first", arg=first, timeout=30_000
    )  # advanced by itself, no reload
    assert offline_page.locator('[data-testid="stSidebar"]').is_hidden()

    offline_page.get_by_text("Touch here to explore").click()
    back = offline_page.get_by_text("◀ Back to the tour")
    back.wait_for(timeout=15_000)
    paused_at = heading(offline_page)
    assert paused_at != "Life science in Germany"  # else "resumes at the overview" would prove nothing
    time.sleep(2.5)  # longer than a slide: a paused tour stays put
    back.wait_for(timeout=5_000)
    assert heading(offline_page) == paused_at

    # Idle for 4 s: the tour starts again from the overview.
    offline_page.wait_for_function(
        "() => document.querySelector('h1')?.innerText === 'Life science in Germany'", timeout=20_000
    )
    offline_page.get_by_text("Touch here to explore").wait_for(timeout=10_000)
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not network.outside


def test_german_booth(offline_page, app_url):
    offline_page.goto(f"{app_url}/booth?lang=de&dwell=30")
    wait_for_app(offline_page)
    offline_page.wait_for_selector("text=Life Science in Deutschland")
    offline_page.get_by_text("Hier tippen und entdecken").wait_for(timeout=10_000)
