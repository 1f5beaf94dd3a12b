"""Clicks that drive the atlas, in headless Chromium: a click on an actor or a project selects it
(panel and URL) once, and again after clearing; pan and zoom run no script; the compare action
opens the benchmark with the clusters set aside."""

import pytest

from .conftest import map_frame, wait_for_app

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def marker_point(page, frame, find_marker: str) -> tuple[float, float]:
    """Page coordinates of the centre of the marker that `find_marker` (JS returning a Leaflet
    marker) picks, once the map shows it on its own and has stopped moving."""
    iframe = page.locator(MAP_IFRAME)
    iframe.evaluate("element => element.scrollIntoView({block: 'center'})")
    frame.wait_for_function("() => window.ClusterAtlas.actors && window.ClusterAtlas.actors.drawn", timeout=30_000)
    frame.evaluate("() => { window.lastMarkerPoint = undefined; }")
    point = frame.wait_for_function(
        f"""() => {{
            const marker = ({find_marker})();
            if (!marker) return null;
            const group = window.ClusterAtlas.actors;
            if (group.hasLayer(marker) && !window.map.hasLayer(marker)) {{
                if (!window.zoomingToMarker) {{
                    window.zoomingToMarker = true;
                    group.zoomToShowLayer(marker, () => {{ window.zoomingToMarker = false; }});
                }}
                return null;
            }}
            if (window.map._animatingZoom || window.zoomingToMarker) return null;
            const p = window.map.latLngToContainerPoint(marker.getLatLng());
            const point = [Math.round(p.x), Math.round(p.y)];
            // Nothing else (another marker, a cluster bubble) may lie on top of it there.
            const hit = document.elementFromPoint(point[0], point[1]);
            if (!marker.getElement() || !marker.getElement().contains(hit)) return null;
            const same = JSON.stringify(point) === JSON.stringify(window.lastMarkerPoint);
            window.lastMarkerPoint = point;
            return same && point;
        }}""",
        polling=250,
        timeout=30_000,
    ).json_value()
    box = iframe.bounding_box()
    return box["x"] + point[0], box["y"] + point[1]


ACTOR = """() => {
    let found = null;
    window.ClusterAtlas.actors.eachLayer(m => { if (m.options.row[3] === "Biolab Alpha GmbH") found = m; });
    return found;
}"""

PROJECT = """() => {
    let found = null;
    window.map.eachLayer(m => { if (m.feature && m.feature.properties.project && m.getElement
        && m.getElement() && m.getElement().getAttribute("aria-label").includes("Beta Telemedizin-Test")) found = m; });
    return found;
}"""


def clear_selection(page) -> None:
    page.locator(".st-key-atlas_clear_selection button").click()
    page.wait_for_url(lambda url: "actor=" not in url and "project=" not in url and "cluster=" not in url)
    wait_for_app(page)


def test_a_click_on_an_actor_selects_it_once_and_again_after_clearing(offline_page, app_url):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    panel = offline_page.locator(".st-key-atlas_selection")
    for _ in range(2):  # the second click on the same marker, after clearing, selects again
        offline_page.mouse.click(*marker_point(offline_page, frame, ACTOR))
        panel.wait_for(timeout=30_000)
        assert "Biolab Alpha GmbH" in panel.inner_text() and "Alpha Bio Testcluster (member)" in panel.inner_text()
        offline_page.wait_for_url("**actor=alpha-biolab**", timeout=30_000)
        clear_selection(offline_page)
        assert panel.count() == 0


def test_a_click_on_a_project_selects_it(offline_page, app_url):
    # Public bodies only: no actor lies on the project's place (an actor-type filter keeps projects).
    offline_page.goto(f"{app_url}/?type=public_body")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    offline_page.mouse.click(*marker_point(offline_page, frame, PROJECT))
    panel = offline_page.locator(".st-key-atlas_selection")
    panel.wait_for(timeout=30_000)
    assert "Beta Telemedizin-Test" in panel.inner_text()
    offline_page.wait_for_url("**project=beta-telemed**", timeout=30_000)


# st_folium sends the map's state 250 ms after the last move (debounced), and only when it differs
# from what it sent before. Its update reads __GLOBAL_DATA__.previous_data first, sent or not: count
# those reads as the updates it decided, after which moves, and the values it did send.
WATCH_MAP_UPDATES = """() => {
    const data = window.__GLOBAL_DATA__;
    const watch = {moves: [], updates: [], sent: 0};
    window.map.on('moveend', () => watch.moves.push(performance.now()));
    let previous = data.previous_data;
    Object.defineProperty(data, 'previous_data', {
        configurable: true,
        get() { watch.updates.push(performance.now()); return previous; },
        set(value) { previous = value; },
    });
    const send = window.Streamlit.setComponentValue;
    window.Streamlit.setComponentValue = (...args) => { watch.sent += 1; return send.apply(window.Streamlit, args); };
    window.mapWatch = watch;
}"""

# The map has stopped after more than `moves` moves, and st_folium has decided on its update since.
MAP_SETTLED = """(moves) => {
    const watch = window.mapWatch;
    return !window.map._animatingZoom && watch.moves.length > moves
        && watch.updates.length > 0 && watch.updates.at(-1) > watch.moves.at(-1);
}"""


def settled_after(frame, gesture) -> None:
    """Make the gesture, then wait until the map has moved, stopped, and st_folium has decided
    whether to send its state."""
    moves = frame.evaluate("() => window.mapWatch.moves.length")
    gesture()
    frame.wait_for_function(MAP_SETTLED, arg=moves, polling=100, timeout=15_000)


def test_pan_and_zoom_run_no_script(offline_page, app_url):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    frame.wait_for_function("() => window.ClusterAtlas.actors && window.ClusterAtlas.actors.drawn", timeout=30_000)
    # Every script run sets the app's state to "running": count them from here on.
    offline_page.evaluate(
        """() => {
            window.scriptRuns = 0;
            const app = document.querySelector('[data-testid="stApp"]');
            new MutationObserver(() => {
                if (app.getAttribute('data-test-script-state') === 'running') window.scriptRuns += 1;
            }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
        }"""
    )
    assert frame.evaluate("() => typeof window.Streamlit.setComponentValue === 'function' && !!window.__GLOBAL_DATA__")
    frame.evaluate(WATCH_MAP_UPDATES)
    iframe = offline_page.locator(MAP_IFRAME)
    iframe.evaluate("element => element.scrollIntoView({block: 'center'})")
    box = iframe.bounding_box()
    # A drag on the empty sea in the map's top-left corner, then wheel zooms in and out.
    x, y = box["x"] + 60, box["y"] + 60
    centre = frame.evaluate("() => window.map.getCenter()")
    zoom = frame.evaluate("() => window.map.getZoom()")

    def drag():
        offline_page.mouse.move(x, y)
        offline_page.mouse.down()
        offline_page.mouse.move(x + 120, y + 80, steps=8)
        offline_page.mouse.up()

    settled_after(frame, drag)
    settled_after(frame, lambda: offline_page.mouse.wheel(0, -300))
    zoomed_in = frame.evaluate("() => window.map.getZoom()")
    settled_after(frame, lambda: offline_page.mouse.wheel(0, 300))
    assert frame.evaluate("() => window.map.getCenter()") != centre  # the map did move
    assert zoomed_in > zoom and frame.evaluate("() => window.map.getZoom()") < zoomed_in  # and zoom
    # st_folium has decided after the last move: it sent nothing, so no script runs.
    assert frame.evaluate("() => window.mapWatch.sent") == 0
    assert offline_page.evaluate("() => window.scriptRuns") == 0


def test_the_compare_action_opens_the_benchmark_with_the_chosen_clusters(offline_page, app_url):
    offline_page.goto(f"{app_url}/?cluster=gamma-med&compare=alpha-bio,beta-health")
    wait_for_app(offline_page)
    offline_page.get_by_role("button", name="Add to comparison").click()
    offline_page.wait_for_url("**compare=alpha-bio%2Cbeta-health%2Cgamma-med**", timeout=30_000)
    wait_for_app(offline_page)
    bar = offline_page.locator(".st-key-atlas_compare")
    assert "To compare (3 of 4)" in bar.inner_text()
    bar.get_by_role("link", name="Compare these 3 in the benchmark").click()
    offline_page.wait_for_url("**/benchmark?clusters=alpha-bio%2Cbeta-health%2Cgamma-med**", timeout=30_000)
    wait_for_app(offline_page)
    names = offline_page.locator('[data-testid="stDataFrame"] table').first.evaluate(
        "t => Array.from(t.querySelectorAll('tbody tr td:first-child')).map(c => c.textContent)"
    )
    assert names == ["Alpha Bio Testcluster", "Beta Health Testnetz", "Gamma MedTech Testverbund"]
