"""Status, kind and what a figure counts: contradictions are refused with file, record and field;
the shipped set is complete enough to compare; ranks compare like with like."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT
from test_validation import assert_reported, by_id, edit_yaml

from clusters.metrics import comparable_ranks, kind_of, mixed_kinds
from clusters.records.model import Counts, Lifecycle

WEB = "web-synthetic-epsilon"


def _status(value: str, **more) -> dict:
    return {"value": value, "source": {"file": WEB, "section": "Geschichte"}, "quote": "synthetisch", **more}


def test_a_part_of_an_unknown_cluster_is_refused(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "delta-life").update(status=_status("part_of", part_of="atlantis")),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "delta-life", "status.part_of", "unknown cluster 'atlantis'")


def test_a_part_of_an_ended_cluster_is_refused(synthetic_copy):
    def change(records):
        by_id(records, "alpha-bio").update(status=_status("ended", year=2023))

    edit_yaml(synthetic_copy, "clusters.yaml", change)
    assert_reported(synthetic_copy, "clusters.yaml", "delta-life", "status.part_of", "'alpha-bio'", "ended")


def test_a_figure_newer_than_the_end_is_refused(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "epsilon-pharma").update(status=_status("ended", year=2021)),
    )
    assert_reported(
        synthetic_copy, "clusters.yaml", "epsilon-pharma", "actors.year", "2023", "newer than the cluster's end (2021)"
    )


def test_an_end_in_the_future_is_refused(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "epsilon-pharma").update(status=_status("ended", year=2099)),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "epsilon-pharma", "status.year", "2099", "lies ahead")


@pytest.mark.parametrize(
    ("status", "field", "words"),
    [
        ({"value": "ended", "source": {"file": WEB, "section": "x"}, "quote": "q"}, "status", ("when it ended",)),
        (
            {"value": "merged", "year": 2020, "source": {"file": WEB, "section": "x"}, "quote": "q"},
            "status",
            ("into what",),
        ),
        ({"value": "ended", "year": 2020}, "status", ("needs the source and its words",)),
        ({"value": "active", "part_of": "alpha-bio"}, "status", ("part_of",)),
        ({"value": "dormant"}, "status.value", ("active",)),
    ],
)
def test_a_status_that_contradicts_itself_is_refused(synthetic_copy, status, field, words):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "gamma-med").update(status=status))
    assert_reported(synthetic_copy, "clusters.yaml", "gamma-med", field, *words)


def test_an_unknown_kind_or_count_is_refused(synthetic_copy):
    def change(records):
        by_id(records, "gamma-med")["kind"] = "chemistry"
        by_id(records, "beta-health")["actors"]["counts"] = "visitors"

    edit_yaml(synthetic_copy, "clusters.yaml", change)
    assert_reported(synthetic_copy, "clusters.yaml", "gamma-med", "kind", "biotech")
    assert_reported(synthetic_copy, "clusters.yaml", "beta-health", "actors.counts", "members")


def test_ranks_compare_like_with_like_and_skip_clusters_that_are_not_active(synthetic):
    clusters = list(synthetic.clusters.values())
    values = {c.id: c.actors for c in clusters}
    ranked = comparable_ranks(clusters, "actors", values)
    members = {cid: rank for cid, rank in ranked.items() if rank and rank.kind is Counts.MEMBERS}
    assert set(members) == {"alpha-bio", "beta-health", "epsilon-pharma"} and {r.of for r in members.values()} == {3}
    assert ranked["gamma-med"].of == 1 and ranked["gamma-med"].kind is Counts.COMPANIES_IN_REGION
    assert ranked["delta-life"] is None  # part of Alpha: no rank, whatever its figures
    assert mixed_kinds(clusters, "actors") == [Counts.MEMBERS, Counts.COMPANIES_IN_REGION]
    assert kind_of(synthetic.clusters["alpha-bio"], "sme_share") is Counts.MEMBERS


def _export_rows(*args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "export", "clusters", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_shipped_set_is_complete_and_no_active_cluster_is_part_of_another(dataset):
    rows = _export_rows("--with-sources")
    status = Counter(row["status"] for row in rows)
    assert len(rows) >= 38 and status["active"] >= 32
    assert not [row["id"] for row in rows if row["status"] == "active" and row["part_of"]]
    assert all(row["kind"] for row in rows)  # every record says what kind of cluster it is
    # Every size figure says what it counts.
    for row in rows:
        for name in ("actors", "smes", "large_companies", "research_institutions"):
            assert not row[name] or row[f"{name}_counts"] in {c.value for c in Counts}, (row["id"], name)
    ended = {row["id"] for row in rows if row["status"] == Lifecycle.ENDED.value}
    assert {"ci3", "m4-personalisierte-medizin"} <= ended and all(
        row["status_year"] for row in rows if row["id"] in ended
    )
    # State-wide statistics are the region's, not the cluster's own figures.
    assert not [f for f in dataset.clusters["medways"].more_figures if "Thuringia" in f.label.en]
    assert [f for f in dataset.clusters["medways"].region_figures if "Thuringia" in f.label.en]
