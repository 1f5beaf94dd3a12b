import json
import re

import pytest
from conftest import make_figure

from clusters.filters import AtlasFilter, apply_filter
from components.map_layers import (
    MAX_RADIUS,
    MIN_RADIUS,
    THEME_COLOURS,
    ProjectLayer,
    actor_table,
    build_map,
    circle_style,
    cluster_colour,
    cluster_from_click,
    cluster_tooltip,
    markup_text,
    script_json,
    shown_actor_indices,
    view_bounds,
)
from components.offline import LEAFLET_JS, OfflineMap, asset_links, publish_static

fig = make_figure


def test_circle_area_grows_with_the_figure():
    small, large = circle_style(fig(100), 400), circle_style(fig(400), 400)
    assert large.radius == MAX_RADIUS and MIN_RADIUS < small.radius < large.radius
    assert small.radius - MIN_RADIUS == pytest.approx((MAX_RADIUS - MIN_RADIUS) / 2)  # sqrt: area ∝ value


def test_bounds_are_not_drawn_as_exact():
    exact, lower, upper, about = (circle_style(fig(200, q), 400) for q in ("", ">", "<", "~"))
    assert exact.fill_opacity > about.fill_opacity > lower.fill_opacity
    assert lower.dash_array is None and lower.weight > exact.weight  # open, heavier ring
    assert upper.dash_array  # dashed ring
    assert exact.radius == lower.radius == upper.radius == about.radius


def test_unknown_is_the_small_dotted_ring():
    style = circle_style(None, 400)
    assert style.radius == MIN_RADIUS and style.fill_opacity == 0 and style.dash_array


def test_cluster_colour_follows_main_theme(dataset):
    assert cluster_colour(dataset.clusters["medical-valley-emn"], dataset) == THEME_COLOURS["medtech"]
    assert cluster_colour(dataset.clusters["bio-m"], dataset) == THEME_COLOURS["life-science"]


@pytest.mark.parametrize("hostile", ["<img src=x onerror=alert(1)>", "`);alert(1);(`", "${alert(1)}", "a\\`b"])
def test_markup_text_cannot_leave_the_tooltip(hostile):
    safe = markup_text(hostile)
    assert not re.search(r"[<>`$\\]", safe)


def test_map_uses_only_local_assets_and_is_deterministic(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    first = build_map(dataset, shown, "actors", "en").get_root().render()
    second = build_map(dataset, shown, "actors", "en").get_root().render()
    assert first == second
    links = asset_links(build_map(dataset, shown, "actors", "en"))
    assert LEAFLET_JS in links and all(link.startswith("/app/static/") for link in links)
    assert "cdn" not in first and "jquery" not in first.lower()


def test_online_tiles_are_opt_in(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    assert "tile.openstreetmap" not in build_map(dataset, shown, "actors", "en").get_root().render()
    assert "tile.openstreetmap" in build_map(dataset, shown, "actors", "en", online_tiles=True).get_root().render()


def test_every_cluster_and_actor_is_on_the_map(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    html = build_map(dataset, shown, "actors", "en").get_root().render()
    assert html.count("L.circleMarker(") >= len(dataset.clusters)
    for actor in dataset.actors.values():
        assert script_json(actor.name) in html


def test_actors_from_a_static_file_leave_only_indices_in_the_map_script(dataset):
    rows = json.loads(actor_table(dataset))
    assert [row[3] for row in rows] == [actor.name for actor in dataset.actors.values()]
    everyone = apply_filter(dataset, AtlasFilter())
    assert shown_actor_indices(dataset, everyone) is None
    in_saxony = apply_filter(dataset, AtlasFilter(states=("SN",)))
    indices = shown_actor_indices(dataset, in_saxony)
    assert [rows[i][3] for i in indices] == [actor.name for actor in in_saxony.actors]
    html = build_map(dataset, in_saxony, "actors", "en", actors_url="/app/static/generated/actors-x.json"
                     ).get_root().render()
    assert '"/app/static/generated/actors-x.json"' in html and json.dumps(indices, separators=(",", ":")) in html
    assert not [row for row in rows if json.dumps(row, ensure_ascii=False, separators=(",", ":")) in html]
    inline = build_map(dataset, in_saxony, "actors", "en").get_root().render()
    assert all(script_json(rows[i]) in inline for i in indices)


def test_published_static_files_are_named_by_content_and_written_once(tmp_path):
    url = publish_static("actors", b"[1]", static_dir=tmp_path)
    assert url == publish_static("actors", b"[1]", static_dir=tmp_path) != publish_static("actors", b"[2]", static_dir=tmp_path)
    name = url.rsplit("/", 1)[1]
    assert url.startswith("/app/static/generated/actors-") and (tmp_path / "generated" / name).read_bytes() == b"[1]"
    assert not list((tmp_path / "generated").glob("*.part"))
    (tmp_path / "blocked").write_text("a file where the folder should be")
    assert publish_static("actors", b"[1]", static_dir=tmp_path / "blocked") is None


def test_names_pasted_into_the_map_script_cannot_end_it():
    hostile = '</script><img src=x onerror=alert(1)> & "quoted"'
    pasted = script_json([hostile])
    assert "<" not in pasted and ">" not in pasted and "&" not in pasted
    assert json.loads(pasted) == [hostile]


def test_click_on_tooltip_selects_the_cluster(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    tooltip = cluster_tooltip(dataset.clusters["bio-m"], "actors", "en")
    assert cluster_from_click(tooltip, shown, "actors", "en") == "bio-m"
    assert cluster_from_click("  " + tooltip.replace("&#94;", "^") + "\n", shown, "actors", "en") == "bio-m"
    assert cluster_from_click("Something else", shown, "actors", "en") is None
    assert cluster_from_click(None, shown, "actors", "en") is None


def test_the_view_fits_what_a_filter_leaves(dataset):
    import geodata

    assert view_bounds(dataset, apply_filter(dataset, AtlasFilter())) == {"bounds": [list(p) for p in geodata.germany_bounds()]}
    assert view_bounds(dataset, apply_filter(dataset, AtlasFilter(query="no such name"))) == view_bounds(
        dataset, apply_filter(dataset, AtlasFilter()))
    saxony = view_bounds(dataset, apply_filter(dataset, AtlasFilter(states=("SN",))))
    (south, west), (north, east) = saxony["bounds"]
    assert 50.1 <= south <= north <= 51.7 and 11.8 <= west <= east <= 15.1  # inside Saxony
    assert saxony["max_zoom"] <= 9  # one town must not zoom in to street level


def test_project_labels_reach_the_map_as_data_and_become_text(dataset):
    hostile = "Projekt <img src=x onerror=alert(1)>"
    fmap = OfflineMap(location=[51, 10], zoom_start=6)
    ProjectLayer([[51.0, 10.0, hostile]], name="Lighthouse projects").add_to(fmap)
    html = fmap.get_root().render()
    assert hostile not in html and script_json(hostile) in html
    assert "tip.textContent = row[2]" in html and ".addTo(" in html
    shown = apply_filter(dataset, AtlasFilter())
    full = build_map(dataset, shown, "actors", "en").get_root().render()
    assert all(script_json(f"Project: {p.name}") in full for p in shown.projects)
