"""The atlas in headless Chromium: drawn offline, clickable, and hostile names stay text."""

import re
import shutil

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import SYNTHETIC_DIR, cluster_marker_point, map_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

HOSTILE_CLUSTER = "<img src=x onerror=alert(1)>Epsilon Pharma Testforum"
HOSTILE_ACTOR = "<script>alert(2)</script>`${alert(3)}`"
HOSTILE_SHORT = "![p](http://evil.example/p.png) **Eps**"


def test_atlas_draws_states_clusters_and_actors_offline(offline_page, app_url, network, synthetic):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    paths = frame.locator("path.leaflet-interactive").count()
    assert paths >= 16 + len(synthetic.clusters)  # states + cluster circles
    frame.wait_for_selector(".marker-cluster", timeout=30_000)  # actors, grouped client-side after the first paint
    assert frame.locator(".atlas-project").count() > 0  # lighthouse projects
    attribution = frame.locator(".leaflet-control-attribution a")
    assert attribution.inner_text() == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    assert attribution.get_attribute("href") == "https://www.bkg.bund.de"
    page_text = offline_page.locator('[data-testid="stMain"]').inner_text()
    assert "5 clusters" in page_text
    names = offline_page.locator(".st-key-atlas_cluster_table table").evaluate(
        "t => Array.from(t.querySelectorAll('tbody tr td:first-child')).map(c => c.textContent)"
    )
    assert names == [c.name for c in synthetic.clusters.values()]
    pills = offline_page.locator(".st-key-atlas_pick button").all_inner_texts()
    assert pills == [c.short_name for c in synthetic.clusters.values()]
    assert not network.outside


def test_clicking_a_cluster_marker_opens_its_panel_once_per_click(offline_page, app_url):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    panel, size = offline_page.locator(".st-key-atlas_selection"), offline_page.locator(".st-key-atlas_size")
    for _ in range(2):  # the second click on the same circle, after clearing, selects again
        x, y = cluster_marker_point(offline_page, frame, "Epsilon")
        offline_page.mouse.click(x, y)
        panel.wait_for(timeout=30_000)
        assert "Epsilon Pharma Testforum" in panel.inner_text()
        # The URL is written at the end of the script run, after the panel: wait for it, don't race it.
        offline_page.wait_for_url("**cluster=epsilon-pharma**", timeout=30_000)
        offline_page.locator(".st-key-atlas_clear_selection button").click()
        offline_page.wait_for_url(lambda url: "cluster=" not in url, timeout=30_000)
        wait_for_app(offline_page)
        # The map still returns the old click; it must not select again on this or a later run.
        size.get_by_role("radio", name="SMEs", exact=True).click()
        offline_page.wait_for_url("**size=smes**", timeout=30_000)
        wait_for_app(offline_page)
        assert panel.count() == 0
        size.get_by_role("radio", name="Actors", exact=True).click()
        offline_page.wait_for_url(lambda url: "size=" not in url, timeout=30_000)
        wait_for_app(offline_page)


def test_a_filter_change_redraws_the_layers_not_the_map(offline_page, app_url):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    frame.evaluate("() => { window.mapBeforeTheFilter = window.map; }")
    zoom = frame.evaluate("() => window.map.getZoom()")
    offline_page.get_by_role("button", name="Filters").click()  # the filters sit in a pop-over
    offline_page.locator(".st-key-atlas_states input").click()
    offline_page.keyboard.type("Saxony")  # the option list shows only its first entries
    # In the pop-over, the option list is outside the accessibility tree Playwright's roles read.
    offline_page.locator('[role="option"]').filter(has_text=re.compile("^Saxony$")).click()
    offline_page.keyboard.press("Escape")
    offline_page.wait_for_url("**state=SN**", timeout=30_000)
    circles = "let n = 0; window.map.eachLayer(l => { n += Boolean(l.feature && l.feature.properties.cluster); })"
    frame.wait_for_function(f"() => {{ {circles}; return n === 1; }}", timeout=30_000)  # Gamma only
    assert frame.evaluate("() => window.map === window.mapBeforeTheFilter")  # same map, same frame
    assert frame.evaluate("() => window.map.getZoom()") > zoom  # fitted to Saxony


@pytest.fixture(scope="module")
def hostile_app_url(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(SYNTHETIC_DIR, data)
    clusters = yaml.safe_load((data / "clusters.yaml").read_text(encoding="utf-8"))
    epsilon = next(c for c in clusters if c["id"] == "epsilon-pharma")
    epsilon["name"], epsilon["short_name"] = HOSTILE_CLUSTER, HOSTILE_SHORT
    (data / "clusters.yaml").write_text(yaml.safe_dump(clusters, allow_unicode=True), encoding="utf-8")
    actors = (data / "actors.csv").read_text(encoding="utf-8")
    hostile = actors.replace("Neckar Testpharma GmbH,", '"' + HOSTILE_ACTOR + '",', 1)
    (data / "actors.csv").write_text(hostile, encoding="utf-8")
    with streamlit_server(CLUSTER_ATLAS_DATA=str(data)) as url:
        yield url


def test_hostile_names_are_shown_as_text_and_never_run(offline_page, hostile_app_url):
    dialogs = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    offline_page.goto(f"{hostile_app_url}/?state=BW")
    wait_for_app(offline_page)
    frame = map_frame(offline_page, minimum_paths=17)
    panel = offline_page.locator(".st-key-atlas_selection")
    # In loaded clean-clone CI runs the first hover or click right after the page loaded got no
    # answer twice (the view gliding to the filter's bounds, or the map document being replaced by
    # the first rerun); a visitor would point again, and so does the test, at the circle's new place.
    for _ in range(3):
        x, y = cluster_marker_point(offline_page, frame, HOSTILE_CLUSTER)
        offline_page.mouse.move(x, y)
        tooltip = frame.locator(".leaflet-tooltip").first
        try:
            tooltip.wait_for(timeout=10_000)
            assert HOSTILE_CLUSTER in tooltip.inner_text()
            assert frame.locator(".leaflet-tooltip img").count() == 0
            offline_page.mouse.click(x, y)
            panel.wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            offline_page.mouse.move(1, 1)
            frame = map_frame(offline_page, minimum_paths=17)
    else:
        pytest.fail(f"hovering and clicking the circle of {HOSTILE_CLUSTER!r} never opened its panel")
    assert HOSTILE_CLUSTER in panel.inner_text()
    pills = offline_page.locator(".st-key-atlas_pick").inner_text().replace("\u200b", "")  # breaks autolinks
    assert HOSTILE_SHORT in pills  # a pill's label is Markdown: shown as typed, no image, no bold
    table = offline_page.locator(".st-key-atlas_cluster_table").inner_text()
    assert HOSTILE_CLUSTER in table and "Eps" not in offline_page.locator(".st-key-atlas_pick strong").all_inner_texts()
    assert offline_page.locator("img[src=x]").count() == 0
    assert frame.locator("img[src=x]").count() == 0
    offline_page.goto(f"{hostile_app_url}/?q=alert(2)")
    wait_for_app(offline_page)
    offline_page.get_by_text("Actors (1)", exact=True).click()
    offline_page.wait_for_function(
        "name => Array.from(document.querySelectorAll('[data-testid=stDataFrame] td'))"
        "          .some(c => c.textContent === name)",
        arg=HOSTILE_ACTOR,
        timeout=30_000,
    )
    frame = map_frame(offline_page, minimum_paths=16)
    actor_layer = "window.ClusterAtlas.actors"
    frame.wait_for_function(f"() => {actor_layer}.getLayers().length === 1", timeout=30_000)
    frame.evaluate(f"() => {actor_layer}.getLayers()[0].openTooltip()")
    actor_tooltip = frame.locator(".leaflet-tooltip", has_text="alert(2)")
    actor_tooltip.wait_for()
    assert HOSTILE_ACTOR in actor_tooltip.inner_text()
    assert frame.locator(".leaflet-tooltip img, .leaflet-tooltip script").count() == 0
    # The name reaches the map only as data: no script in the map's document holds it raw.
    assert not frame.locator("script").evaluate_all(
        "scripts => scripts.some(s => s.textContent.includes('<script>alert(2)'))"
    )
    assert dialogs == []
