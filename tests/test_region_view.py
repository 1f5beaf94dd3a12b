"""What users see of regions: named actors with their relation, register counts beside them, never
added together (issue 13). On the synthetic data (tests/data/synthetic)."""

import pytest
from conftest import SYNTHETIC_DIR, open_app

from clusters.readers.datafiles import load_dataset
from components.region_view import named_actors_table, region_comparison_table, region_counts_table

SYNTHETIC_CLUSTERS = list(load_dataset(SYNTHETIC_DIR).clusters)


def test_alpha_profile_lists_university_hospitals_and_universities_in_its_region():
    at = open_app("profile", cluster="alpha-bio")
    assert not at.exception
    counts = next(df.value for df in at.dataframe if list(df.value.columns) == ["Type", "Number"])
    numbers = dict(zip(counts["Type"], counts["Number"], strict=True))
    # München (09162), Landkreis München (09184) and Freising (09178): Kiel's or Dresden's rows stay out.
    assert numbers["University hospital"] == 2 and numbers["University"] == 2
    assert numbers["Company"] == 2 and numbers["Research institute"] == 1
    assert "University of applied sciences" not in numbers  # all subjects alike: counted apart
    assert any("further sites of the higher-education register" in c.value for c in at.caption)

    def region_list():
        return [
            df.value
            for df in at.dataframe
            if len(df.value) == sum(numbers.values()) and "Name" in df.value and "Relation" not in df.value
        ]

    assert not region_list()  # a closed list costs the run nothing
    at.session_state["region_list_alpha-bio"] = True
    at.run()
    listed = region_list()[0]
    assert "Testuniversität München (Klinikum)" in set(listed["Name"])
    assert "Private Testhochschule Garching" not in set(listed["Name"])  # counted apart, not listed as life science
    assert "Testbiotech München GmbH" in set(listed["Name"])
    assert any("Testverzeichnis" in c.value for c in at.caption)


@pytest.mark.parametrize("cluster_id", SYNTHETIC_CLUSTERS)
def test_no_funder_or_shareholder_is_shown_as_a_member(synthetic, cluster_id):
    cluster = synthetic.clusters[cluster_id]
    table = named_actors_table(cluster, synthetic, "en")
    for name, relation in zip(table["Name"], table["Relation"], strict=True):
        actor = next(a for a in synthetic.actors.values() if a.name == name)
        stored = {r.value for r in actor.relations_to(cluster.id)}
        if relation == "member":
            assert "member" in stored, (cluster.id, name)


def test_every_relation_is_shown_and_two_relations_give_two_rows(synthetic):
    table = named_actors_table(synthetic.clusters["alpha-bio"], synthetic, "en")
    rows = list(zip(table["Name"], table["Relation"], strict=True))
    assert {"member", "cluster management", "shareholder", "funder"} <= set(table["Relation"])
    assert ("Alpha Holding Test eG", "shareholder") in rows and ("Alpha Holding Test eG", "funder") in rows
    assert ("Alpha Holding Test eG", "member") not in rows
    assert "partner" in set(named_actors_table(synthetic.clusters["gamma-med"], synthetic, "en")["Relation"])


def test_register_counts_are_kept_apart_from_the_clusters_figures(synthetic):
    cluster = synthetic.clusters["alpha-bio"]
    counts = region_counts_table(cluster, synthetic, "de")
    assert list(counts.columns) == ["Typ", "Anzahl"]
    table = region_comparison_table(synthetic.clusters.values(), synthetic, "en")
    assert "Actors" not in table.columns  # the clusters' own figure is not mixed in
    row = table[table["Cluster"] == cluster.name].iloc[0]
    assert row["Total"] == sum(synthetic.region_counts("alpha-bio").values()) == 7


def test_benchmark_shows_the_register_comparison(synthetic):
    at = open_app("benchmark", clusters="alpha-bio,gamma-med")
    assert not at.exception
    table = next(df.value for df in at.dataframe if "University hospital" in df.value.columns)
    assert list(table["Cluster"]) == ["Alpha Bio Testcluster", "Gamma MedTech Testverbund"]
