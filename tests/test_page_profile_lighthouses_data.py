"""AppTest for /profile, /lighthouses and /data."""

import pytest
from conftest import open_app, shown


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_cluster_renders_a_profile(dataset, lang):
    for cluster in dataset.clusters.values():
        at = open_app("profile", cluster=cluster.id, lang=lang)
        assert not at.exception, cluster.id
        assert shown(at.title[0].value) == cluster.name
        assert at.get("download_button")


def test_profile_shows_qualified_sourced_figures_and_time_series(dataset):
    at = open_app("profile", cluster="life-science-nord")
    figures = next(df.value for df in at.dataframe if "Source wording" in df.value.columns)
    assert figures[figures["Figure"] == "Actors"].iloc[0]["Value"] == "~250"
    assert [h.value for h in at.header].count("Over time") == 1
    assert any("Success and impact monitoring" in m.value for m in at.markdown)


def test_unknown_or_missing_id_shows_notice_and_valid_clusters(dataset):
    for query in ({"cluster": "atlantis"}, {}):
        at = open_app("profile", **query)
        assert not at.exception
        assert at.warning
        links = " ".join(m.value for m in at.markdown)
        assert all(f"cluster={c}" in links for c in dataset.clusters)
    assert "atlantis" in open_app("profile", cluster="atlantis").warning[0].value


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_lighthouses_grouped_by_theme_and_filtered(dataset):
    at = open_app("lighthouses")
    assert not at.exception
    assert [h.split(" (")[0] for h in headers(at)] == [t.label.en for t in dataset.themes.values()]
    at.multiselect(key="lh_themes").set_value(["digital-health"]).run()
    digital = [p for p in dataset.projects.values() if "digital-health" in dataset.project_themes(p)]
    assert headers(at) == [f"Digital Health ({len(digital)})"]
    assert at.query_params["theme"] == "digital-health"
    at.multiselect(key="lh_clusters").set_value(["life-science-nord"]).run()
    narrowed = [p for p in digital if "life-science-nord" in p.clusters]
    assert headers(at) == [f"Digital Health ({len(narrowed)})"] and len(narrowed) < len(digital)


def test_lighthouse_deep_links(dataset):
    at = open_app("lighthouses", project="aktionsplan-medizintechnik", lang="de")
    assert not at.exception
    themes = dataset.project_themes(dataset.projects["aktionsplan-medizintechnik"])
    assert sum(int(h.split("(")[1].rstrip(")")) for h in headers(at)) == len(themes)
    at = open_app("lighthouses", theme="space,medtech", project="nope")
    assert "theme:space" in at.info[0].value and "project:nope" in at.info[0].value
    assert headers(at)[0].startswith("MedTech")


def test_data_page_lists_all_five_sources_and_coverage(dataset):
    at = open_app("data")
    assert not at.exception
    sources = next(df.value for df in at.dataframe if "File" in df.value.columns)
    assert list(sources["File"]) == list(dataset.sources)
    assert sources["Figures"].sum() == dataset.figure_count()
    coverage = next(df.value for df in at.dataframe if "Founded" in df.value.columns)
    assert len(coverage) == 12
    nrw = coverage[coverage["Cluster"].str.startswith("BIO.NRW")].iloc[0]
    assert nrw["Actors"] == "unknown" and nrw["Founded"] == "exact · 001"
    assert len(at.get("download_button")) == 11
    assert list(sources["Cited as"])[1] == "Life Science Nord: Clusterstrategie 2024, Feb 2019"
    assert open_app("data", lang="de").title[0].value == "Quellen und Daten"
