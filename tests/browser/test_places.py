"""Place names and water on the offline atlas map: readable by zoom, and never in the way."""

import pytest

from .conftest import cluster_marker_point, map_frame, wait_for_app

pytestmark = pytest.mark.browser

SHOWN_NAMES = """() => Array.from(document.querySelectorAll('.atlas-place'))
    .filter(label => label.style.visibility !== 'hidden')
    .filter(label => {
        const box = label.firstChild.getBoundingClientRect();
        return box.width > 0 && box.left >= 0 && box.top >= 0
            && box.right <= innerWidth && box.bottom <= innerHeight;
    })
    .map(label => [label.textContent, Number(label.className.match(/atlas-place-(\\d)/)[1])])"""


def shown_names(frame) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for name, rank in frame.evaluate(SHOWN_NAMES):
        names.setdefault(rank, set()).add(name)
    return names


def test_capitals_at_first_and_districts_when_zoomed_in_all_offline(offline_page, app_url, network):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    frame.wait_for_function(
        f"() => ['Berlin', 'München', 'Hamburg'].every(name => ({SHOWN_NAMES})().some(([n]) => n === name))",
        timeout=30_000,
    )
    names = shown_names(frame)
    assert frame.evaluate("() => window.map.getZoom()") <= 6
    assert len(names[1]) >= 12 and 3 not in names  # capitals, no district names over all of Germany
    # The names are text in a pane under the circles that takes no pointer events.
    assert frame.evaluate("() => getComputedStyle(window.map.getPane('atlasLabels')).pointerEvents") == "none"
    assert frame.evaluate("() => Number(window.map.getPane('atlasLabels').style.zIndex)") < 400
    assert frame.locator(".atlas-place img, .atlas-place script").count() == 0
    # The coastal waters are drawn (not interactive: the states keep their hover).
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-atlasBase-pane path:not(.leaflet-interactive)').length >= 2",
        timeout=30_000,
    )

    frame.evaluate("() => window.map.setView([48.45, 11.7], 9, {animate: false})")  # Upper Bavaria
    frame.wait_for_function(f"() => ({SHOWN_NAMES})().filter(([, rank]) => rank === 3).length >= 5", timeout=30_000)
    names = shown_names(frame)
    assert {"Freising", "Erding"} <= names[3]
    assert "München" in names[1]
    boxes = frame.evaluate(
        """() => Array.from(document.querySelectorAll('.atlas-place'))
            .filter(label => label.style.visibility !== 'hidden')
            .map(label => label.firstChild.getBoundingClientRect().toJSON())"""
    )
    overlaps = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]
    assert not overlaps  # shown names never overlap
    assert not network.outside


def test_a_name_over_a_circle_does_not_catch_its_click(offline_page, app_url):
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    frame = map_frame(offline_page)
    frame.wait_for_function(f"() => ({SHOWN_NAMES})().some(([n]) => n === 'München')", timeout=30_000)
    x, y = cluster_marker_point(offline_page, frame, "Alpha Bio")  # the cluster seated in München
    box = offline_page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    inside = (x - box["x"], y - box["y"])
    # Put the name "München" right over that point of the circle, as a crowded view could.
    covered = frame.evaluate(
        """([x, y]) => {
            const label = Array.from(document.querySelectorAll('.atlas-place'))
                .find(l => l.textContent === 'München' && l.style.visibility !== 'hidden');
            const text = label.firstChild, box = text.getBoundingClientRect();
            text.style.left = (parseFloat(text.style.left || 0) + x - (box.left + box.right) / 2) + 'px';
            text.style.top = (parseFloat(text.style.top || 0) + y - (box.top + box.bottom) / 2) + 'px';
            const moved = text.getBoundingClientRect();
            return moved.left < x && x < moved.right && moved.top < y && y < moved.bottom
                && document.elementFromPoint(x, y).tagName.toLowerCase() === 'path';
        }""",
        list(inside),
    )
    assert covered  # the name lies over the point, and the point still belongs to the circle
    offline_page.mouse.click(x, y)
    panel = offline_page.locator(".st-key-atlas_selection")
    panel.wait_for(timeout=30_000)
    assert "Alpha Bio Testcluster" in panel.inner_text()
