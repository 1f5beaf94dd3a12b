"""axe-core on every page in both languages: no serious or critical violation (issue 11).

axe-core comes inside axe-playwright-python and is injected from disk: nothing is downloaded. It is
injected into every frame as well, because axe only checks an iframe (the st_folium map) that runs
axe itself; otherwise the frame would be reported as untested and its content would pass unseen."""

from __future__ import annotations

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import map_frame, wait_for_app

pytestmark = pytest.mark.browser

PAGES = {
    "atlas": "/",
    "atlas-selected": "/?cluster=alpha-bio",
    "benchmark": "/benchmark",
    "lighthouses": "/lighthouses",
    "lighthouse-profile": "/lighthouses?project=beta-telemed",
    "profile": "/profile?cluster=alpha-bio",
    "clusters": "/clusters",
    "booth": "/booth?dwell=600",
    # The second slide (a cluster: figures, its region's map, QR code), shown for 8 s: long enough to scan.
    "booth-cluster": "/booth?dwell=8&clusters=alpha-bio&qr_base=https://atlas.example.org",
    "booth-chooser": "/booth?dwell=600",
    "data": "/data",
}
BLOCKING = {"serious", "critical"}
# Elements of Streamlit's own frontend that the app cannot change; each names its upstream component.
EXCLUDED: list[str] = []

axe = Axe()


def scan(page) -> dict:
    for frame in page.frames[1:]:
        frame.evaluate(axe.axe_script)
    context = {"include": [["html"]], "exclude": [[selector] for selector in EXCLUDED]}
    page.evaluate(axe.axe_script)
    return page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, {"resultTypes": ["violations"], "iframes": True}]
    )


def wait_for_drawings(page) -> None:
    """Charts are drawn after the script run ends; axe must see them, not their placeholders."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".every(chart => chart.querySelector('svg, canvas'))",
        timeout=30_000,
    )


def first_heading(page) -> str:
    """The first visible h1 of the page or of its frames; in the booth's tour, the h1 of the slide
    shown (the one before it stays visible while it fades out)."""
    for frame in page.frames:
        for selector in (".panel.is-shown h1", "h1:visible"):
            heading = frame.locator(selector).first
            if heading.count():
                return heading.inner_text()
    return ""


def summary(results: dict) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    blocking = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation["impact"]
            counts[f"{violation['id']}/{impact}"] += 1
            if impact in BLOCKING:
                message = " ".join(node.get("failureSummary", "").split())
                blocking.append(f"{violation['id']} ({impact}) {node['target']}: {message}")
    return counts, blocking


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(offline_page, app_url, name, lang):
    path = PAGES[name]
    offline_page.goto(f"{app_url}{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_for_app(offline_page)
    if name.startswith("atlas"):
        # The actor groups are drawn after the first paint; axe should see the finished map.
        map_frame(offline_page).wait_for_selector(".marker-cluster", timeout=30_000)
    if name.startswith("booth"):
        tour = offline_page.frame_locator("iframe")
        tour.locator("#tour[data-shown]").wait_for(timeout=30_000)
        if name == "booth-cluster":
            tour.locator('#tour[data-slide="cluster"]').wait_for(timeout=30_000)
        if name == "booth-chooser":
            tour.locator("#touch").click()
            tour.locator("#chooser:not([hidden])").wait_for(timeout=30_000)
    wait_for_drawings(offline_page)
    heading = first_heading(offline_page)
    results = scan(offline_page)
    assert first_heading(offline_page) == heading, "the page changed while axe ran"
    assert not [rule for rule in results["incomplete"] if rule["id"] == "frame-tested"], "a frame went unchecked"
    counts, blocking = summary(results)
    report = f"{name} {lang}: " + (", ".join(f"{kind} ×{n}" for kind, n in sorted(counts.items())) or "none")
    print(report)
    assert not blocking, report + "\n" + "\n".join(blocking)
