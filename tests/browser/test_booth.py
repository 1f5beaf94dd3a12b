"""The booth tour in Chromium: it advances by itself, a touch pauses it, idle resumes it, and
nothing leaves localhost all the while."""

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_app

pytestmark = pytest.mark.browser

OVERVIEW = "Life science in Germany"
# Every run of the tour (its fragment reruns every `dwell` seconds, paused or not) takes the app's
# script state from "running" back to "notRunning": record the heading each run leaves behind.
RECORD_TOUR_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.tourRuns = [];
    new MutationObserver(records => {
        const states = [...records.slice(1).map(r => r.oldValue), app.getAttribute('data-test-script-state')];
        records.forEach((record, i) => {
            if (record.oldValue === 'running' && states[i] === 'notRunning') {
                window.tourRuns.push(document.querySelector('h1')?.innerText ?? null);
            }
        });
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
}"""


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
    wait_for_app(offline_page)
    paused_at = heading(offline_page)
    assert paused_at != OVERVIEW  # else "resumes at the overview" would prove nothing
    offline_page.evaluate(RECORD_TOUR_RUNS)

    # A paused tour stays put: the tour's own timer fires (a slide's time has passed) and leaves
    # the visitor's view as it was. The idle resume needs 4 s, two slides: the first run is paused.
    offline_page.wait_for_function("() => window.tourRuns.length >= 1", timeout=15_000)
    assert offline_page.evaluate("() => window.tourRuns[0]") == paused_at
    expect(back).to_be_visible()
    assert heading(offline_page) == paused_at

    # Idle for 4 s: the tour starts again from the overview, and never showed another slide before.
    offline_page.wait_for_function(
        "overview => document.querySelector('h1')?.innerText === overview", arg=OVERVIEW, timeout=20_000
    )
    runs = offline_page.evaluate("() => window.tourRuns")
    paused_runs = runs[: runs.index(OVERVIEW)] if OVERVIEW in runs else runs
    assert paused_runs and set(paused_runs) == {paused_at}, runs
    offline_page.get_by_text("Touch here to explore").wait_for(timeout=10_000)
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not network.outside


def test_german_booth(offline_page, app_url):
    offline_page.goto(f"{app_url}/booth?lang=de&dwell=30")
    wait_for_app(offline_page)
    offline_page.wait_for_selector("text=Life Science in Deutschland")
    offline_page.get_by_text("Hier tippen und entdecken").wait_for(timeout=10_000)
