"""AppTest for /profile, /lighthouses and /data, on the synthetic data."""

import pytest
from conftest import SYNTHETIC_DIR, open_app, shown

from clusters.readers.datafiles import load_dataset
from presentation.formatters import format_number

SYNTHETIC_CLUSTERS = list(load_dataset(SYNTHETIC_DIR).clusters.values())


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("cluster", SYNTHETIC_CLUSTERS, ids=lambda cluster: cluster.id)
def test_every_cluster_renders_a_profile(cluster, lang):
    at = open_app("profile", cluster=cluster.id, lang=lang)
    assert not at.exception, cluster.id
    assert shown(at.title[0].value) == cluster.name
    assert at.get("download_button")


def test_profile_shows_qualified_sourced_figures_and_time_series():
    at = open_app("profile", cluster="beta-health")
    figures = next(df.value for df in at.dataframe if "Source wording" in df.value.columns)
    assert figures[figures["Figure"] == "Actors"].iloc[0]["Value"] == "~180"
    assert [h.value for h in at.header].count("Over time") == 1
    assert any("Synthetic monitoring note" in m.value for m in at.markdown)


@pytest.mark.parametrize("query", [{"cluster": "atlantis"}, {}], ids=["unknown", "missing"])
def test_unknown_or_missing_id_shows_notice_and_valid_clusters(synthetic, query):
    at = open_app("profile", **query)
    assert not at.exception
    assert at.warning
    links = " ".join(m.value for m in at.markdown)
    assert all(f"cluster={c}" in links for c in synthetic.clusters)
    assert "atlantis" in at.warning[0].value or not query


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_lighthouses_grouped_by_theme_and_filtered(synthetic):
    at = open_app("lighthouses")
    assert not at.exception
    assert [h.split(" · ")[0] for h in headers(at)] == [t.label.en for t in synthetic.themes.values()]
    at.multiselect(key="lh_themes").set_value(["digital-health"]).run()
    assert headers(at) == ["Digital Health · 2 projects"]  # beta-telemed, omega-data
    assert at.query_params["theme"] == "digital-health"
    at.multiselect(key="lh_clusters").set_value(["beta-health"]).run()
    assert headers(at) == ["Digital Health · 1 project"]


def test_a_card_shows_the_key_facts_and_opens_the_profile(synthetic):
    at = open_app("lighthouses", theme="digital-health")
    text_shown = " ".join(shown(m.value) for m in at.markdown)
    assert "**Start:** 2019–2023" in text_shown and "Funded with 1.5 million euros. (2023)" in text_shown
    at.button(key="lh_card_digital-health_beta-telemed_open").click().run()
    assert at.query_params["project"] == "beta-telemed"
    assert [shown(h) for h in headers(at)] == ["Beta Telemedizin-Test"]


def test_lighthouse_deep_links_open_the_full_profile(synthetic):
    at = open_app("lighthouses", project="beta-telemed", lang="de")
    assert not at.exception
    assert [shown(h) for h in headers(at)] == ["Beta Telemedizin-Test"]
    facts = next(df.value for df in at.dataframe if "Wortlaut der Quelle" in df.value.columns)
    assert len(facts) == len(synthetic.projects["beta-telemed"].facts)
    assert "synthetische Förderung von 1,5 Millionen Euro" in set(facts["Wortlaut der Quelle"])
    assert at.get("download_button")
    at.button(key="lh_show_all").click().run()
    assert "project" not in at.query_params and len(headers(at)) == len(synthetic.themes)
    at = open_app("lighthouses", theme="space,medtech", project="nope")
    assert "theme:space" in at.info[0].value and "project:nope" in at.info[0].value
    assert headers(at)[0].startswith("MedTech")


def test_data_page_lists_all_sources_and_coverage(synthetic):
    at = open_app("data")
    assert not at.exception
    sources = next(df.value for df in at.dataframe if "File" in df.value.columns)
    assert list(sources["File"]) == list(synthetic.sources)
    assert sources["Figures"].sum() == synthetic.figure_count()
    coverage = next(df.value for df in at.dataframe if "Founded" in df.value.columns)
    assert len(coverage) == 5
    delta = coverage[coverage["Cluster"] == "Delta Life Testregion"].iloc[0]
    assert delta["Actors"] == "unknown" and delta["Founded"] == "exact · S01"
    assert len(at.get("download_button")) == 11
    cited = "Testverband Nord: Synthetic test source — not real data: Teststrategie, Jun 2022"
    assert sources["Cited as"].iloc[0] == cited
    assert open_app("data", lang="de").title[0].value == "Quellen und Daten"


def test_a_repeated_parameter_counts_with_its_first_value(synthetic):
    # Regression (issue 10): the atlas took the first value, /profile and /booth the last.
    first, second = list(synthetic.clusters)[:2]
    at = open_app("profile", cluster=[first, second])
    assert not at.exception and shown(at.title[0].value) == synthetic.clusters[first].name


@pytest.mark.parametrize(
    ("lang", "heading", "population", "members"),
    [
        (
            "en",
            "Biotechnology · Founded 2001 · active (2022)",
            "inhabitants in the region (31 Dec 2023)",
            "Members per 100,000 inhabitants",
        ),
        (
            "de",
            "Biotechnologie · Gründung 2001 · aktiv (2022)",
            "Einwohner in der Region (31.12.2023)",
            "Mitglieder je 100.000 Einwohner",
        ),
    ],
)
def test_profile_sets_the_cluster_against_its_region_population(synthetic, lang, heading, population, members):
    at = open_app("profile", cluster="alpha-bio", lang=lang)
    assert not at.exception
    assert heading in shown(at.caption[0].value)
    inhabitants = format_number(synthetic.region_population("alpha-bio").inhabitants, lang)
    assert any(f"{inhabitants} {population}" in shown(m.value) for m in at.markdown)
    assert any(members in set(df.value.iloc[:, 0].astype(str)) for df in at.dataframe if len(df.value.columns) == 2)
    assert any("Destatis" in shown(c.value) for c in at.caption)


def test_profile_of_a_part_says_whose_part_it_is_and_keeps_region_statistics_apart():
    at = open_app("profile", cluster="delta-life")
    assert "part of Alpha Bio Testcluster" in shown(at.caption[0].value) and "Founded 1999 (renamed)" in shown(
        at.caption[0].value
    )
    assert "About the state or region (not the cluster's own figures)" in [s.value for s in at.subheader]
