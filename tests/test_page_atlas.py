"""AppTest: the atlas page — filters narrow the list, search ignores diacritics, deep links select
and filter, unknown ids give a notice, and the map loads no asset from the internet."""

import json

import pytest
from conftest import SYNTHETIC_DIR, open_app, shown

from clusters import load_dataset
from clusters.filters import AtlasFilter, apply_filter


def run_app(**query):
    return open_app(None, **query)


def cluster_table(at) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("| ")), None)


def cluster_names(at) -> list[str]:
    """The clusters the list shows: the names in its table, which match the pills to select them."""
    table = cluster_table(at)
    if table is None:
        return []
    rows = table.splitlines()[2:]
    names = [shown(row.split(" | ")[0].removeprefix("| ")) for row in rows]
    short = {c.short_name: c.name for c in load_dataset(SYNTHETIC_DIR).clusters.values()}
    assert [short[shown(option)] for option in at.pills(key="atlas_pick").options] == names
    return names


def counts(at) -> str:
    return next(c.value for c in at.caption if "clusters ·" in c.value or "Cluster ·" in c.value)


def test_atlas_is_the_default_page_and_lists_every_cluster(synthetic):
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Atlas of German life-science clusters"
    assert sorted(cluster_names(at)) == sorted(c.name for c in synthetic.clusters.values())
    shown = apply_filter(synthetic, AtlasFilter()).actors  # life science first, current actors only
    assert counts(at) == f"5 clusters · {len(shown)} actors · 6 projects"
    assert len(shown) < len(synthetic.actors)


def test_map_assets_are_local():
    at = run_app()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    links = args["js_links"] + args["css_links"]
    assert (
        "/app/static/leaflet/leaflet.js" in links
        and "/app/static/leaflet.markercluster/leaflet.markercluster.js" in links
    )
    assert all(link.startswith("/app/static/") for link in links), links


def map_component(at):
    """The st_folium element: `id` names the map in the browser (a new id is a new map), `args`
    is what the browser gets."""
    element = at.get("component_instance")[0].proto
    return element.id, json.loads(element.json_args)


def test_pan_and_zoom_do_not_rerun_the_script():
    _, args = map_component(run_app())
    assert args["returned_objects"] == ["last_active_drawing"]


def test_a_filter_change_swaps_the_layers_of_the_same_map():
    at = run_app()
    first_id, first = map_component(at)
    at.multiselect(key="atlas_states").set_value(["BY"]).run()
    bavaria_id, bavaria = map_component(at)
    assert bavaria_id == first_id and bavaria["script"] == first["script"]
    assert bavaria["feature_group"] != first["feature_group"]
    at.run()  # a rerun with the same view sends the same map and layers: nothing to redraw
    assert map_component(at) == (bavaria_id, bavaria)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("atlas_focus", ["pharma"], {"Alpha Bio Testcluster", "Epsilon Pharma Testforum"}),
        ("atlas_states", ["SN"], {"Gamma MedTech Testverbund"}),
        ("atlas_themes", ["digital-health"], {"Beta Health Testnetz"}),
    ],
)
def test_each_filter_narrows_the_list(key, value, expected):
    at = run_app()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception and set(cluster_names(at)) == expected
    assert at.query_params[{"atlas_focus": "focus", "atlas_states": "state", "atlas_themes": "theme"}[key]] == ",".join(
        value
    )


def test_type_filter_narrows_actors_only(synthetic):
    at = run_app()
    at.multiselect(key="atlas_types").set_value(["university"]).run()
    universities = apply_filter(synthetic, AtlasFilter(types=("university",))).actors
    assert universities and counts(at).startswith(f"5 clusters · {len(universities)} actors")
    at.toggle(key="atlas_higher_education").set_value(True).run()  # the register's other sites too
    everyone = apply_filter(synthetic, AtlasFilter(types=("university",), higher_education=True)).actors
    assert len(everyone) > len(universities) and counts(at).startswith(f"5 clusters · {len(everyone)} actors")
    assert at.query_params["layer"] == "higher-education"


def test_kind_filter_keeps_companies_of_that_kind():
    at = run_app(kind="biotech")
    assert counts(at).startswith("5 clusters · 1 actor")
    at.multiselect(key="atlas_kinds").set_value(["biotech", "cro_cdmo"]).run()
    assert counts(at).startswith("5 clusters · 2 actors")


def test_search_ignores_diacritics():
    at = run_app()
    at.text_input(key="atlas_q").input("munchen").run()
    assert cluster_names(at) == ["Alpha Bio Testcluster"]  # seated in München
    assert at.query_params["q"] == "munchen"


def test_deep_link_filters_and_selects():
    at = run_app(focus="medtech", cluster="epsilon-pharma", size="smes")
    assert not at.exception
    assert set(cluster_names(at)) == {"Beta Health Testnetz", "Gamma MedTech Testverbund", "Epsilon Pharma Testforum"}
    panel = [h.value for h in at.header]
    assert "Epsilon Pharma Testforum" in panel
    assert at.segmented_control(key="atlas_size").value == "smes"


def test_selection_panel_shows_qualified_sourced_figures():
    at = run_app(cluster="alpha-bio")
    sources = next(df.value for df in at.dataframe if "Source wording" in df.value.columns)
    actors = sources[sources["Figure"] == "Actors"].iloc[0]
    assert actors["Value"] == ">300" and actors["Year"] == "2022"
    assert actors["Source wording"] == "synthetische Angabe mehr als 300"
    assert actors["Source"].startswith("Testverband Nord: Synthetic test source — not real data: Teststrategie, ")
    assert ".txt" not in actors["Source"]


def test_unknown_ids_give_a_notice_and_the_unfiltered_view():
    at = run_app(cluster="atlantis", focus="telepathy", state="XX")
    assert not at.exception
    assert len(cluster_names(at)) == 5
    notice = at.info[0].value
    assert "cluster:atlantis" in notice and "focus:telepathy" in notice and "state:XX" in notice


def test_clear_selection_and_filters():
    at = run_app(cluster="alpha-bio", state="BY")
    at.button(key="atlas_clear_selection").click().run()
    assert "cluster" not in at.query_params
    at.multiselect(key="atlas_states").set_value([]).run()
    assert len(cluster_names(at)) == 5 and "state" not in at.query_params


def test_german_atlas():
    at = run_app(lang="de")
    assert at.title[0].value == "Karte der deutschen Life-Science-Cluster"
    assert cluster_table(at).startswith("| Cluster | Sitz |")
    assert any("Akteure" in c.value for c in at.caption)


def test_broken_data_files_give_a_clear_message_not_an_exception(synthetic_copy, monkeypatch):
    (synthetic_copy / "clusters.yaml").write_text("- id: alpha-bio\n  name: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("CLUSTER_ATLAS_DATA", str(synthetic_copy))
    at = run_app()
    assert not at.exception
    assert at.error[0].value.startswith("The dataset could not be loaded. Nothing was changed.")
    assert "clusters.yaml" in at.code[0].value


def test_language_control_switches_and_cannot_be_emptied():
    at = run_app()
    at.segmented_control(key="language").set_value("de").run()
    assert at.query_params["lang"] == "de" and at.title[0].value.startswith("Karte")
    # A click on the chosen option cannot clear a required control (the browser test clicks it).
    assert at.segmented_control(key="language").proto.required


def test_size_control_cannot_be_emptied():
    at = run_app(size="smes")
    assert at.segmented_control(key="atlas_size").value == "smes" and at.query_params["size"] == "smes"
    assert at.segmented_control(key="atlas_size").proto.required


def test_deep_links_select_an_actor_or_a_project():
    at = run_app(actor="alpha-biolab")
    assert not at.exception
    assert shown(at.header[0].value) == "Biolab Alpha GmbH"
    assert any("Alpha Bio Testcluster" in m.value and "(member)" in m.value for m in at.markdown)
    assert at.query_params["actor"] == "alpha-biolab"
    at.button(key="atlas_clear_selection").click().run()
    assert "actor" not in at.query_params and not at.header
    at = run_app(project="beta-telemed", lang="de")
    assert shown(at.header[0].value) == "Beta Telemedizin-Test"
    assert any("/lighthouses?project=beta-telemed&lang=de" in m.value for m in at.markdown)
    # One selection at a time: a cluster in the link wins over an actor.
    at = run_app(cluster="gamma-med", actor="alpha-biolab")
    assert shown(at.header[0].value) == "Gamma MedTech Testverbund" and "actor" not in at.query_params


def test_clusters_set_aside_for_comparison_stay_in_the_url_up_to_four():
    at = run_app(cluster="alpha-bio")
    at.button(key="atlas_compare_toggle").click().run()
    assert at.query_params["compare"] == "alpha-bio"
    at.button(key="atlas_compare_toggle").click().run()  # the same button now takes it out again
    assert "compare" not in at.query_params
    at = run_app(cluster="epsilon-pharma", compare="alpha-bio,beta-health,gamma-med,delta-life")
    assert at.button(key="atlas_compare_toggle").disabled  # four already
    at = run_app(compare="alpha-bio,beta-health,gamma-med,delta-life,epsilon-pharma")
    assert at.query_params["compare"] == "alpha-bio,beta-health,gamma-med,delta-life"
    assert "compare:epsilon-pharma" in at.info[0].value
    at.button(key="atlas_compare_clear").click().run()
    assert "compare" not in at.query_params


def test_a_pill_selects_its_cluster_and_shows_the_selection_the_map_made():
    at = run_app()
    at.pills(key="atlas_pick").set_value("gamma-med").run()
    assert shown(at.header[0].value) == "Gamma MedTech Testverbund" and at.query_params["cluster"] == "gamma-med"
    at.button(key="atlas_clear_selection").click().run()
    assert at.pills(key="atlas_pick").value is None and not at.header
    assert run_app(cluster="beta-health").pills(key="atlas_pick").value == "beta-health"


def test_the_filters_button_counts_the_active_filters():
    # The filter widgets sit in a pop-over (mounted when it opens); its label says how many apply.
    assert run_app().get("popover")[0].proto.popover.label == "Filters"
    assert run_app(state="BY", q="bio").get("popover")[0].proto.popover.label == "Filters (2 active)"


def test_actor_panel_shows_the_page_its_words_year_and_place_precision():
    at = run_app(actor="test-cro-planegg")
    assert not at.exception
    texts = [shown(m.value) for m in at.markdown] + [shown(c.value) for c in at.caption]
    assert any("Test-CRO Planegg hat seinen Sitz in Planegg" in value for value in texts)
    page = next(value for value in texts if value.startswith("Named on:"))
    assert "(https://example.org/test-cro-planegg)" in page and page.endswith(", 2023")
    assert any("As of 2023" in value and "placed at its postcode" in value for value in texts)
    assert any("Contract research" in value and "82152" in value for value in texts)


def test_a_historical_actor_is_marked_where_a_link_opens_it():
    at = run_app(actor="alte-testpharma-muenchen")
    assert not at.exception
    assert any("No longer exists under this name (acquired)" in w.value for w in at.warning)
    assert any("Now: Testbiotech München GmbH" in w.value for w in at.warning)
