"""AppTest: the benchmark page — all clusters, choices change the charts' data, uploads add
"yours" rows, bad uploads show an error and the page keeps working."""

import datetime as dt

from conftest import open_app

from clusters.keeping.upload import template_csv


def open_page(**query):
    return open_app("benchmark", **query)


def frame_with(at, column: str):
    """The first table that has this column (plain st.dataframe elements have no key in AppTest)."""
    return next(df.value for df in at.dataframe if any(column in str(c) for c in df.value.columns))


def table(at):
    return frame_with(at, "Rank by") if at.query_params.get("lang") != "de" else frame_with(at, "Rang nach")


def test_table_renders_all_clusters_with_qualifiers_and_ranks(synthetic):
    at = open_page()
    assert not at.exception
    frame = table(at)
    assert set(frame["Cluster"]) == {c.name for c in synthetic.clusters.values()}
    alpha = frame[frame["Cluster"] == "Alpha Bio Testcluster"].iloc[0]
    # >300 may be above Epsilon's exact 410: the rank is a range, among the three that count members.
    assert alpha["Actors"] == ">300 (2022)" and alpha["Actors: counts"] == "members"
    assert alpha["Rank by Actors"] == "1–2 of 3 (members)" and alpha["Percentile"] == "50–100 %"
    assert alpha["SME share"] == "n/a (“SMEs” and “Actors” are both lower bounds)"
    assert alpha["Actors per staff member"] == ">33.3 (2022)"
    beta = frame[frame["Cluster"] == "Beta Health Testnetz"].iloc[0]
    # Beta's staff figure is of 2020, more than five years before the tests' today: marked old.
    assert beta["Actors per staff member"] == "~27.7 (2020/2022, old)" and beta["SME share"] == "<50 % (2022)"
    # Gamma counts the companies in its region: ranked with nothing the others count.
    gamma = frame[frame["Cluster"] == "Gamma MedTech Testverbund"].iloc[0]
    assert gamma["Actors"] == "<90 (2018, old)" and gamma["Actors: counts"] == "companies in the region"
    assert gamma["Rank by Actors"] == "1 of 1 (companies in the region)"
    delta = frame[frame["Cluster"] == "Delta Life Testregion"].iloc[0]
    assert delta["Status"] == "part of Alpha Bio Testcluster" and delta["Rank by Actors"] == "n/a"
    assert "What the figures count differs between clusters (members, companies in the region) in “Actors”" in " ".join(
        c.value for c in at.caption
    )


def open_chart_data(at):
    """The charts' data tables are made only while their expander is open."""
    assert not any("Qualifier" in str(c) for df in at.dataframe for c in df.value.columns)
    at.session_state["bench_chart_data"] = True
    return at.run()


def test_choosing_clusters_and_figures_changes_the_chart_data():
    at = open_chart_data(open_page())
    at.multiselect(key="bench_clusters").set_value(["beta-health", "epsilon-pharma"]).run()
    bars = frame_with(at, "Qualifier")
    assert sorted(bars["Cluster"]) == ["Beta Health Testnetz", "Epsilon Pharma Testforum"]
    at.selectbox(key="bench_figure").set_value("sme_share").run()
    bars = frame_with(at, "Qualifier")
    assert sorted(round(v, 1) for v in bars["SME share"]) == [48.8, 50.0]
    # Epsilon's SMEs (2022) and actors (2023) come from different years: the label says so.
    assert sorted(bars["As shown"]) == ["<50 % (2022) · members", ">48.8 % (2022/2023) · members"]
    at.selectbox(key="bench_x").set_value("smes").run()
    points = frame_with(at, "Horizontal axis: SMEs, as shown")
    assert sorted(points["Horizontal axis: SMEs"]) == [90, 200]
    assert sorted(points["Horizontal axis: SMEs, as shown"]) == ["<90", ">200"]
    assert at.query_params["clusters"] == "beta-health,epsilon-pharma" and at.query_params["figure"] == "sme_share"


def test_deep_link_restores_the_view():
    at = open_page(clusters="alpha-bio,epsilon-pharma", figure="actors_per_staff", peer="alpha-bio")
    assert len(table(at)) == 2
    assert at.selectbox(key="bench_figure").value == "actors_per_staff"
    assert at.selectbox(key="bench_peer").value == "alpha-bio"
    partners = frame_with(at, "They add")
    assert partners.iloc[0]["Cluster"] == "Epsilon Pharma Testforum"
    assert partners.iloc[0]["They add"] == "Medical technology" and partners.iloc[0]["You add"] == "Biotechnology"


def test_upload_adds_your_rows_everywhere():
    at = open_page(clusters="gamma-med")
    at.file_uploader(key="bench_upload").set_value(("mine.csv", template_csv().encode(), "text/csv")).run()
    assert not at.exception and not at.error
    names = list(table(at)["Cluster"])
    assert names == ["Gamma MedTech Testverbund", "My Cluster e. V. (yours)"]
    bars = frame_with(open_chart_data(at), "Qualifier")
    # An upload's figures count as this year's.
    assert bars[bars["Your figures"]]["As shown"].tolist() == [f">150 ({dt.date.today().year}) · members"]


def test_bad_upload_shows_an_error_and_the_page_works():
    at = open_page()
    at.file_uploader(key="bench_upload").set_value(("x.csv", b"\x00\x01\x02garbage\xff" * 50, "text/csv")).run()
    assert not at.exception
    assert "is not a CSV or Excel" in at.error[0].value
    assert len(table(at)) == 5
    at.file_uploader(key="bench_upload").set_value(
        ("w.csv", b"id,name,actors,city,state\nw,W,lots,Kiel,SH\n", "text/csv")
    ).run()
    assert "row 2, column 'actors': 'lots' is not a number" in at.error[0].value
    assert len(table(at)) == 5


def test_german_benchmark():
    at = open_page(lang="de")
    assert at.title[0].value == "Cluster vergleichen"
    frame = table(at)
    assert "Akteure" in frame.columns and "KMU-Anteil" in frame.columns
    beta = frame[frame["Cluster"] == "Beta Health Testnetz"].iloc[0]
    assert beta["Beschäftigte im Clustermanagement"] == "6,5 (2020, alt)" and beta["Akteure"] == "~180 (2022)"
    assert beta["Status"] == "aktiv (2022)" and beta["Akteure: zählt"] == "Mitglieder"
    gamma = frame[frame["Cluster"] == "Gamma MedTech Testverbund"].iloc[0]
    assert gamma["Status"] == "aktiv, soweit bekannt (keine aktuelle Seite gefunden)"


def test_a_figure_with_two_years_shows_its_change_and_the_newest_is_compared():
    at = open_page(clusters="alpha-bio,epsilon-pharma")
    frame = table(at)
    epsilon = frame[frame["Cluster"] == "Epsilon Pharma Testforum"].iloc[0]
    assert epsilon["Actors"] == "410 (2023)"
    assert epsilon["Change in Actors"] == "~+60 since 2019 (~350)"
    assert frame[frame["Cluster"] == "Alpha Bio Testcluster"].iloc[0]["Change in Actors"] == "—"
    german = table(open_page(clusters="epsilon-pharma", lang="de")).iloc[0]
    assert german["Veränderung Akteure"] == "~+60 seit 2019 (~350)"


def test_the_figures_sources_are_drawn_while_their_list_is_open():
    at = open_page(clusters="alpha-bio,beta-health")
    assert not any("Source wording" in map(str, df.value.columns) for df in at.dataframe)
    at.session_state["bench_sources"] = True
    at.run()
    sources = [df.value for df in at.dataframe if "Source wording" in map(str, df.value.columns)]
    assert len(sources) == 2 and not at.exception
    assert at.get("download_button")  # the CSV and workbook are made on a click, not here


def test_per_capita_indicators_stand_in_the_table_the_charts_and_the_region_comparison(synthetic):
    at = open_chart_data(open_page(figure="members_per_100k"))
    frame = table(at)
    alpha = frame[frame["Cluster"] == "Alpha Bio Testcluster"].iloc[0]
    population = synthetic.region_population("alpha-bio")
    members = 300 / population.inhabitants * 100_000
    assert alpha["Inhabitants of the region"] == f"{population.inhabitants:,} (2023)"
    assert alpha["Members per 100,000 inhabitants"] == f">{members:.1f} (2022/2023)"
    gamma = frame[frame["Cluster"] == "Gamma MedTech Testverbund"].iloc[0]
    assert gamma["Members per 100,000 inhabitants"] == "n/a (“Actors” does not count members)"
    bars = frame_with(at, "Qualifier")
    assert round(
        bars[bars["Cluster"] == "Alpha Bio Testcluster"].iloc[0]["Members per 100,000 inhabitants"], 1
    ) == round(members, 1)
    region = next(df.value for df in at.dataframe if "Companies per 100,000 inhabitants" in df.value.columns)
    assert set(region["Cluster"]) == {c.name for c in synthetic.clusters.values()}
    assert any("Destatis" in c.value for c in at.caption)


def test_german_per_capita_figures_are_written_the_german_way(synthetic):
    frame = table(open_page(lang="de", clusters="alpha-bio"))
    inhabitants = synthetic.region_population("alpha-bio").inhabitants
    assert frame.iloc[0]["Einwohner der Region"] == f"{inhabitants:,} (2023)".replace(",", ".")
    assert frame.iloc[0]["Mitglieder je 100.000 Einwohner"].startswith(">14,6 (")
