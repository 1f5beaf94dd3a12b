"""AppTest: the cluster table page renders every cluster, and search narrows it."""

from conftest import open_app


def run_app(**query):
    return open_app("clusters", **query)


def table(at):
    return at.dataframe[0].value


def test_table_lists_all_clusters_with_qualifiers(synthetic):
    at = run_app()
    assert not at.exception
    frame = table(at)
    assert len(frame) == 5
    assert set(frame["Cluster"]) == {c.name for c in synthetic.clusters.values()}
    alpha = frame[frame["Cluster"] == "Alpha Bio Testcluster"].iloc[0]
    assert alpha["Actors"] == ">300 (2022)" and alpha["SMEs"] == ">120 (2022)" and alpha["Founded"] == "2001"
    beta = frame[frame["Cluster"] == "Beta Health Testnetz"].iloc[0]
    assert beta["Actors"] == "~180 (2022)" and beta["SMEs"] == "<90 (2022)"
    assert frame[frame["Cluster"] == "Gamma MedTech Testverbund"].iloc[0]["Actors"] == "<90 (2018, old)"
    assert frame[frame["Cluster"] == "Delta Life Testregion"].iloc[0]["Actors"] == "n/a"
    assert any("5 of 5 clusters" in c.value for c in at.caption)


def test_search_narrows_ignoring_diacritics():
    at = run_app()
    at.text_input(key="clusters_query").input("munchen").run()
    assert not at.exception
    assert list(table(at)["Cluster"]) == ["Alpha Bio Testcluster"]  # seated in München
    assert at.query_params["q"] == "munchen"


def test_search_from_the_url_and_no_match_message():
    at = run_app(q="sachsen")
    assert list(table(at)["Cluster"]) == ["Gamma MedTech Testverbund"]
    at.text_input(key="clusters_query").input("xyz-nothing").run()
    assert not at.exception and len(at.dataframe) == 0
    assert "xyz-nothing" in at.info[0].value


def test_sort_by_actors_puts_unknown_last():
    at = run_app()
    at.selectbox(key="clusters_sort").set_value("actors").run()
    at.toggle(key="clusters_descending").set_value(True).run()
    names = list(table(at)["Cluster"])
    assert names[0] == "Epsilon Pharma Testforum"  # 410
    assert names[-1] == "Delta Life Testregion"  # unknown


def test_german_interface_and_number_format():
    at = run_app(lang="de")
    assert not at.exception
    frame = table(at)
    assert "Akteure" in frame.columns and "Gründung" in frame.columns
    beta = frame[frame["Cluster"] == "Beta Health Testnetz"].iloc[0]
    assert beta["Beschäftigte im Clustermanagement"] == "6,5 (2020, alt)"
    assert frame[frame["Cluster"] == "Delta Life Testregion"].iloc[0]["Akteure"] == "k. A."
