"""A real Streamlit server and Debian's headless Chromium, driven by Playwright.

Every request the page makes is checked: anything that leaves localhost is aborted and
recorded, and `offline_page` fails the test if there was any. Waiting is on state (the
health endpoint, the app's script state), never on fixed sleeps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_process

SYNTHETIC_DIR = ROOT / "tests" / "data" / "synthetic"
"""The invented data the app under test shows (tests/conftest.py): no browser test reads clusters/data."""
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def streamlit_server(script: str = "app.py", cwd: Path = ROOT, **env: str) -> Iterator[str]:
    """Run `streamlit run script` on a free localhost port until the block ends."""
    with streamlit_process(script, cwd, **env) as (url, _):
        yield url


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with streamlit_server(CLUSTER_ATLAS_DATA=str(SYNTHETIC_DIR), CLUSTER_ATLAS_QR_HOSTS="atlas.example.org") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class NetworkLog:
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def network() -> NetworkLog:
    return NetworkLog()


def guard_localhost(context, network: NetworkLog) -> None:
    """Let requests to localhost through; abort and record every other one."""

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            network.outside.append(url)
            route.abort()

    context.route("**/*", guard)


@pytest.fixture
def offline_page(browser, network: NetworkLog):
    """A page that may only talk to localhost; the test fails if it tried anything else."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    guard_localhost(context, network)
    page = context.new_page()
    page.on("requestfailed", lambda request: network.failed.append(f"{request.url} {request.failure}"))
    # Streamlit's frontend probes /<page>/_stcore/health before /_stcore/health: those 404s are its own.
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and "/_stcore/" not in response.url
            and network.bad_responses.append(f"{response.status} {response.url}")
        ),
    )
    page.on("console", lambda message: message.type == "error" and network.console_errors.append(message.text))
    page.on("pageerror", lambda error: network.page_errors.append(str(error)))
    yield page
    context.close()
    assert not network.outside, f"requests left localhost: {network.outside}"
    assert not network.page_errors, f"uncaught script errors: {network.page_errors}"


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawn its elements."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)


# 16 states and the synthetic data's 5 cluster circles: also reached by the shipped data's 12.
def map_frame(page, minimum_paths: int = 21, timeout: float = 60_000):
    """The st_folium iframe once Leaflet has drawn the states and the cluster circles."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=timeout)
    frame = next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)
    frame.wait_for_function(
        f"document.querySelectorAll('path.leaflet-interactive').length >= {minimum_paths}", timeout=timeout
    )
    return frame


def cluster_marker_point(page, frame, name_part: str) -> tuple[float, float]:
    """Page coordinates of a point of the cluster circle whose name contains `name_part` that
    nothing covers (actor markers may), once the actors are drawn.

    The map is scrolled into view first: Leaflet focuses the map on a press, and the browser
    would scroll a partly hidden map under the pointer between press and release."""
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]')
    iframe.evaluate("element => element.scrollIntoView({block: 'center'})")
    frame.wait_for_function("() => window.ClusterAtlas.actors && window.ClusterAtlas.actors.drawn", timeout=30_000)
    frame.evaluate("() => { window.lastClusterPoint = undefined; }")
    # Polled until two answers 200 ms apart agree: while the map zooms to the view of a filter and
    # markercluster regroups the actors, neither the circle nor what covers it is where it will be.
    point = frame.wait_for_function(
        """(part) => {
            const settled = (point) => {
                const same = JSON.stringify(point) === JSON.stringify(window.lastClusterPoint);
                window.lastClusterPoint = point;
                return same && point;
            };
            let circle = null;
            window.map.eachLayer(layer => {
                const properties = layer.feature && layer.feature.properties;
                // The tooltip is escaped HTML: DOMParser neither runs scripts nor loads images.
                if (properties && properties.cluster && new DOMParser()
                        .parseFromString(properties.tooltip, 'text/html').body.textContent.includes(part)) {
                    circle = layer;
                }
            });
            if (!circle || window.map._animatingZoom) return settled(null);
            const centre = window.map.latLngToContainerPoint(circle.getLatLng());
            for (const share of [0.85, 0.6, 0.3]) {
                for (let angle = 0; angle < 360; angle += 30) {
                    const x = Math.round(centre.x + circle.getRadius() * share * Math.cos(angle * Math.PI / 180));
                    const y = Math.round(centre.y + circle.getRadius() * share * Math.sin(angle * Math.PI / 180));
                    // With a margin: the pointer lands on whole pixels, and a marker may end next to the point.
                    const margin = [-3, 0, 3];
                    if (margin.every(dx => margin.every(dy =>
                            document.elementFromPoint(x + dx, y + dy) === circle.getElement()))) {
                        return settled([x, y]);
                    }
                }
            }
            return settled(null);
        }""",
        arg=name_part,
        polling=200,
        timeout=30_000,
    ).json_value()
    box = iframe.bounding_box()
    return box["x"] + point[0], box["y"] + point[1]
