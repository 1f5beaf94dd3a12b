"""AppTest: the cluster table page renders every cluster, and search narrows it."""


from conftest import open_app


def run_app(**query):
    return open_app('clusters', **query)


def table(at):
    return at.dataframe[0].value


def test_table_lists_all_twelve_clusters_with_qualifiers(dataset):
    at = run_app()
    assert not at.exception
    frame = table(at)
    assert len(frame) == 12
    assert set(frame["Cluster"]) == {c.name for c in dataset.clusters.values()}
    bio_m = frame[frame["Cluster"] == dataset.clusters["bio-m"].name].iloc[0]
    assert bio_m["Actors"] == ">250" and bio_m["SMEs"] == ">200" and bio_m["Founded"] == "1997"
    nrw = frame[frame["Cluster"] == dataset.clusters["bio-nrw"].name].iloc[0]
    assert nrw["Actors"] == "n/a"
    assert any("12 of 12 clusters" in c.value for c in at.caption)


def test_search_narrows_ignoring_diacritics():
    at = run_app()
    at.text_input(key="clusters_query").input("munchen").run()
    assert not at.exception
    assert list(table(at)["Cluster"]) == ["Bio^M – Münchner Biotech Cluster"]
    assert at.query_params["q"] == "munchen"


def test_search_from_the_url_and_no_match_message():
    at = run_app(q="sachsen")
    assert list(table(at)["Cluster"]) == ["biosaxony e. V."]
    at.text_input(key="clusters_query").input("xyz-nothing").run()
    assert not at.exception and len(at.dataframe) == 0
    assert "xyz-nothing" in at.info[0].value


def test_sort_by_actors_puts_unknown_last():
    at = run_app()
    at.selectbox(key="clusters_sort").set_value("actors").run()
    at.toggle(key="clusters_descending").set_value(True).run()
    names = list(table(at)["Cluster"])
    assert names[0] == "BioRegio STERN"  # >360
    assert names[-1].startswith("BIO.NRW")  # unknown


def test_german_interface_and_number_format():
    at = run_app(lang="de")
    assert not at.exception
    frame = table(at)
    assert "Akteure" in frame.columns and "Gründung" in frame.columns
    lsn = frame[frame["Cluster"] == "Life Science Nord"].iloc[0]
    assert lsn["Beschäftigte im Clustermanagement"] == "13,5"
    assert frame[frame["Cluster"].str.startswith("BIO.NRW")].iloc[0]["Akteure"] == "k. A."
