"""What users see of regions: named actors with their relation, register counts beside them, never
added together (issue 13)."""

from conftest import open_app

from components.region_view import named_actors_table, region_comparison_table, region_counts_table


def test_bio_m_profile_lists_university_hospitals_and_universities_in_its_region(dataset):
    at = open_app("profile", cluster="bio-m")
    assert not at.exception
    counts = next(df.value for df in at.dataframe if list(df.value.columns) == ["Type", "Number"])
    numbers = dict(zip(counts["Type"], counts["Number"], strict=True))
    assert numbers["University hospital"] >= 2 and numbers["University"] >= 2
    listed = next(df.value for df in at.dataframe if len(df.value) == sum(numbers.values()) and "Name" in df.value)
    assert any("Klinikum" in name or "Universitätsklinikum" in name for name in listed["Name"])
    assert any("Destatis" in c.value for c in at.caption)


def test_no_funder_or_shareholder_is_shown_as_a_member(dataset):
    for cluster in dataset.clusters.values():
        table = named_actors_table(cluster, dataset, "en")
        for name, relation in zip(table["Name"], table["Relation"], strict=True):
            actor = next(a for a in dataset.actors.values() if a.name == name)
            stored = {r.value for r in actor.relations_to(cluster.id)}
            if relation == "member":
                assert "member" in stored, (cluster.id, name)
    biosaxony = named_actors_table(dataset.clusters["biosaxony"], dataset, "en")
    assert "funder" in set(biosaxony["Relation"])


def test_register_counts_are_kept_apart_from_the_clusters_figures(dataset):
    cluster = dataset.clusters["bio-m"]
    counts = region_counts_table(cluster, dataset, "de")
    assert list(counts.columns) == ["Typ", "Anzahl"]
    table = region_comparison_table(dataset.clusters.values(), dataset, "en")
    assert "Actors" not in table.columns  # the clusters' own figure is not mixed in
    row = table[table["Cluster"] == cluster.name].iloc[0]
    assert row["Total"] == sum(dataset.region_counts("bio-m").values())


def test_benchmark_shows_the_register_comparison(dataset):
    at = open_app("benchmark", clusters="bio-m,biosaxony")
    assert not at.exception
    table = next(df.value for df in at.dataframe if "University hospital" in df.value.columns)
    assert list(table["Cluster"]) == [dataset.clusters["bio-m"].name, dataset.clusters["biosaxony"].name]
