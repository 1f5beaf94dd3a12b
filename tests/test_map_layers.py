import html
import json
import re
from dataclasses import replace

import folium
import pytest
import streamlit_folium
import yaml
from conftest import ROOT, make_figure

from clusters.filters import AtlasFilter, apply_filter
from clusters.readers.datafiles import load_dataset
from components.map_layers import (
    MAX_RADIUS,
    MIN_RADIUS,
    THEME_COLOURS,
    ProjectMarkers,
    actor_table,
    atlas_map_args,
    circle_style,
    clicked_item,
    cluster_colour,
    cluster_features,
    script_json,
    shown_actor_indices,
    view_bounds,
)
from components.offline import LEAFLET_JS, STATIC_DIR, STATIC_URL, OfflineMap, asset_links, publish_static

fig = make_figure
ATLAS_JS = (ROOT / "static" / "atlas" / "atlas.js").read_text(encoding="utf-8")


@pytest.fixture
def component_args(monkeypatch):
    """What st_folium sends to the browser for the atlas map of a view (its component call
    replaced by a recorder): `script` of the base map, `key` (a hash of it: a new key is a new
    map in the browser), the layers as `feature_group`, `layer_control`, asset links."""

    def args(
        dataset,
        view_filter=None,
        size_by="actors",
        lang="en",
        online_tiles=False,
        actors_url="/app/static/generated/actors-x.json",
    ) -> dict:
        view_filter = view_filter or AtlasFilter()
        recorded = {}
        monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: recorded.update(kwargs))
        parts = atlas_map_args(dataset, apply_filter(dataset, view_filter), size_by, lang, online_tiles, actors_url)
        streamlit_folium.st_folium(**parts, key="atlas_map", returned_objects=["last_active_drawing"])
        recorded.pop("on_change")
        return recorded

    return args


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


def test_same_view_gives_the_same_map_so_a_rerun_redraws_nothing(dataset, component_args):
    first, second = component_args(dataset), component_args(dataset)
    assert first == second  # streamlit-folium #239: a changed script or layer would redraw on every rerun


def test_a_filter_change_swaps_the_layers_and_keeps_the_map(dataset, component_args):
    everything = component_args(dataset)
    bavaria = component_args(dataset, AtlasFilter(states=("BY",)))
    by_smes = component_args(dataset, AtlasFilter(states=("BY",)), size_by="smes")
    assert everything["key"] == bavaria["key"] == by_smes["key"]  # the same map in the browser
    assert len({everything["feature_group"], bavaria["feature_group"], by_smes["feature_group"]}) == 3
    assert everything["key"] != component_args(dataset, lang="de")["key"]  # state names change with the language


def test_the_states_come_from_a_static_file_named_in_the_pages_language(dataset, component_args):
    """The map script is sent and rendered on every rerun of every visitor: it names the states
    file instead of carrying 16 outlines (it was 108 KB with them inline)."""
    import geodata

    for lang, field in (("en", "name_en"), ("de", "name")):
        script = component_args(dataset, lang=lang)["script"]
        assert len(script) < 20_000 and '"coordinates"' not in script
        states = json.loads(re.search(r'"states":(\{[^}]*\})', script).group(1))
        assert states == {"url": geodata.STATES_URL, "nameField": field}
    assert f"{STATIC_URL}/{geodata.STATES_FILE.relative_to(STATIC_DIR).as_posix()}" == geodata.STATES_URL
    names = {f["properties"]["name_en"] for f in geodata.states_geojson()["features"]}
    assert len(names) == 16 and "Bavaria" in names


def test_map_uses_only_local_assets_that_exist(dataset, component_args):
    args = component_args(dataset)
    links = args["js_links"] + args["css_links"]
    assert LEAFLET_JS in links and all(link.startswith(f"{STATIC_URL}/") for link in links), links
    for link in links:
        assert (STATIC_DIR / link.removeprefix(f"{STATIC_URL}/").split("?")[0]).is_file(), link
    parts = atlas_map_args(dataset, apply_filter(dataset, AtlasFilter()), "actors", "en")
    for layer in parts["feature_group_to_add"]:
        layer.add_to(parts["fig"])
    assert set(asset_links(parts["fig"])) == set(links)  # the same answer without st_folium
    sent = json.dumps(args)
    assert "jquery" not in sent.lower() and set(re.findall(r"https?://[\w.-]+", sent)) == {"https://www.bkg.bund.de"}


def test_online_tiles_are_opt_in_with_a_switch_for_every_layer(dataset, component_args):
    offline = component_args(dataset)
    assert "tile.openstreetmap" not in offline["script"] and offline["layer_control"] is None
    online = component_args(dataset, online_tiles=True)
    assert "tile.openstreetmap" in online["script"]
    assert all(
        name in online["layer_control"] for name in ('"OpenStreetMap (online)"', '"Clusters"', '"Lighthouse projects"')
    )


def test_leaflet_code_lives_in_the_static_file(dataset, component_args):
    """Each element of ours renders one call into static/atlas/atlas.js and nothing else."""
    args = component_args(dataset, online_tiles=True)
    rendered = "\n".join(args[part] for part in ("script", "feature_group", "layer_control"))
    calls = re.findall(r"^.*ClusterAtlas\.(\w+)\(\w+, .*$", rendered, flags=re.MULTILINE)
    assert sorted(set(calls)) == [
        "actorLayer",
        "baseDetail",
        "fitView",
        "layersControl",
        "mapControls",
        "projectLayer",
    ]
    for function in calls:
        assert f"atlas.{function} = function" in ATLAS_JS
    # folium's GeoJson calls a named function for each feature (the click count of cluster circles).
    handlers = re.findall(r"^\s*\(ClusterAtlas\.(\w+)\)\(feature, layer\);$", rendered, flags=re.MULTILINE)
    assert handlers and all(f"atlas.{handler} = function (feature, layer)" in ATLAS_JS for handler in handlers)
    for line in (line for line in rendered.splitlines() if "ClusterAtlas." in line):
        if not re.fullmatch(r"\(ClusterAtlas\.\w+\)\(feature, layer\);", line.strip()):
            assert re.fullmatch(r"ClusterAtlas\.\w+\(\w+, [\[{].*[\]}]\);", line.strip()), line[:200]


def test_every_cluster_and_actor_is_on_the_map(dataset, component_args):
    layers = component_args(dataset, actors_url=None)["feature_group"]
    for cluster_id in dataset.clusters:
        assert f'"cluster": {json.dumps(cluster_id)}' in layers
    shown = apply_filter(dataset, AtlasFilter()).actors
    assert len(shown) > len(dataset.actors) / 2
    for actor in shown:
        assert script_json(actor.name) in layers
    for actor in dataset.actors.values():
        if not actor.is_current:  # the past is never on the map
            assert script_json(actor.name) not in layers


def test_a_filter_that_leaves_no_cluster_still_draws_the_rest(dataset, component_args):
    layers = component_args(dataset, AtlasFilter(query="klinikum"))["feature_group"]  # actors only
    assert '"cluster":' not in layers and '"shown":[' in layers


def test_actors_from_a_static_file_leave_only_indices_in_the_map_script(dataset, component_args):
    rows = json.loads(actor_table(dataset))
    assert [row[3] for row in rows] == [actor.name for actor in dataset.actors.values()]
    everyone = apply_filter(dataset, AtlasFilter())
    assert shown_actor_indices(dataset, replace(everyone, actors=tuple(dataset.actors.values()))) is None
    in_saxony = apply_filter(dataset, AtlasFilter(states=("SN",)))
    indices = shown_actor_indices(dataset, in_saxony)
    assert [rows[i][3] for i in indices] == [actor.name for actor in in_saxony.actors]
    layers = component_args(dataset, AtlasFilter(states=("SN",)))["feature_group"]
    assert '"url":"/app/static/generated/actors-x.json"' in layers
    assert f'"shown":{json.dumps(indices, separators=(",", ":"))}' in layers
    assert not [row for row in rows if json.dumps(row, ensure_ascii=False, separators=(",", ":")) in layers]
    inline = component_args(dataset, AtlasFilter(states=("SN",)), actors_url=None)["feature_group"]
    assert all(script_json(rows[i]) in inline for i in indices)


def test_published_static_files_are_named_by_content_and_written_once(tmp_path):
    url = publish_static("actors", b"[1]", static_dir=tmp_path)
    again, other = (publish_static("actors", content, static_dir=tmp_path) for content in (b"[1]", b"[2]"))
    assert url == again != other
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


HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`</script>"


def test_hostile_cluster_names_reach_the_tooltip_as_escaped_text(data_copy, component_args):
    clusters = yaml.safe_load((data_copy / "clusters.yaml").read_text(encoding="utf-8"))
    next(c for c in clusters if c["id"] == "bio-m")["name"] = HOSTILE
    (data_copy / "clusters.yaml").write_text(yaml.safe_dump(clusters, allow_unicode=True), encoding="utf-8")
    hostile = load_dataset(data_copy)
    shown = apply_filter(hostile, AtlasFilter())
    feature = next(f for f in cluster_features(hostile, shown, "actors", "en")["features"] if f["id"] == "bio-m")
    tooltip = feature["properties"]["tooltip"]  # GeoJsonTooltip sets it as innerHTML
    assert not re.search("[<>]", tooltip) and html.unescape(tooltip).startswith(HOSTILE)
    layers = component_args(hostile)["feature_group"]
    assert HOSTILE not in layers and "<img" not in layers


def test_hostile_project_labels_reach_the_map_as_data():
    fmap = OfflineMap(location=[51, 10], zoom_start=6)
    ProjectMarkers([[51.0, 10.0, HOSTILE]]).add_to(fmap)
    rendered = fmap.get_root().render()
    assert HOSTILE not in rendered and script_json([[51.0, 10.0, HOSTILE]]) in rendered
    assert "textNode(row[2])" in ATLAS_JS  # the label becomes text in the browser, never markup


def test_a_click_returns_the_cluster_actor_or_project_it_hit(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    bio_m = next(f for f in cluster_features(dataset, shown, "actors", "en")["features"] if f["id"] == "bio-m")
    # st_folium returns the clicked layer's toGeoJSON(): the feature with its properties.
    assert clicked_item({"last_active_drawing": bio_m}, dataset) == ("cluster", "bio-m")
    second = list(dataset.actors)[1]
    actor = {"type": "Feature", "properties": {"actor": 1, "clicks": 2}, "geometry": None}
    assert clicked_item({"last_active_drawing": actor}, dataset) == ("actor", second)
    project_id = next(iter(dataset.projects))
    project = {"type": "Feature", "properties": {"project": project_id, "clicks": 1}, "geometry": None}
    assert clicked_item({"last_active_drawing": project}, dataset) == ("project", project_id)
    state = {"type": "Feature", "properties": {"name": "Bayern", "name_en": "Bavaria"}, "geometry": None}
    bubble = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [11.5, 48.1]}}
    gone = [{"actor": len(dataset.actors)}, {"actor": -1}, {"actor": "1"}, {"cluster": "atlantis"}, {"project": 3}]
    for feature in [state, bubble, *({"properties": p} for p in gone)]:
        assert clicked_item({"last_active_drawing": feature}, dataset) is None
    assert clicked_item({"last_active_drawing": None}, dataset) is None and clicked_item(None, dataset) is None


def test_clusters_are_drawn_large_first_with_their_style(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    features = cluster_features(dataset, shown, "actors", "en")["features"]
    radii = [f["properties"]["radius"] for f in features]
    assert radii == sorted(radii, reverse=True)  # small circles on top stay clickable
    assert {f["id"] for f in features} == set(dataset.clusters)


def test_the_view_fits_what_a_filter_leaves(dataset, component_args):
    import geodata

    germany = {"bounds": [list(p) for p in geodata.germany_bounds()]}
    assert view_bounds(dataset, apply_filter(dataset, AtlasFilter())) == germany
    assert view_bounds(dataset, apply_filter(dataset, AtlasFilter(query="no such name"))) == view_bounds(
        dataset, apply_filter(dataset, AtlasFilter())
    )
    saxony = view_bounds(dataset, apply_filter(dataset, AtlasFilter(states=("SN",))))
    (south, west), (north, east) = saxony["bounds"]
    assert 50.1 <= south <= north <= 51.7 and 11.8 <= west <= east <= 15.1  # inside Saxony
    assert saxony["max_zoom"] <= 9  # one town must not zoom in to street level
    fit = script_json({"bounds": saxony["bounds"], "padding": [40, 40], "maxZoom": 9})
    layers = component_args(dataset, AtlasFilter(states=("SN",)))["feature_group"]
    assert f"ClusterAtlas.fitView(map_div, {fit});" in layers


def test_the_selected_clusters_region_is_outlined_underneath(dataset):
    from clusters.filters import AtlasFilter, apply_filter
    from components.map_layers import filter_layers

    selection = apply_filter(dataset, AtlasFilter())
    layers = filter_layers(dataset, selection, "actors", "en", selected="bio-m")
    region = layers[0]
    outlines = [child for child in region._children.values() if isinstance(child, folium.GeoJson)]
    data = outlines[0].data
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    assert len(outlines) == 1 and [f["properties"]["id"] for f in features] == ["bio-m"]
    unselected = filter_layers(dataset, selection, "actors", "en")
    assert not [c for c in unselected[0]._children.values() if isinstance(c, folium.GeoJson)]
