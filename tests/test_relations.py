"""Typed links between actors and clusters, and the corrections made against the seeds."""

import csv
from pathlib import Path

import pytest
from pydantic import ValidationError

from clusters.dataset import DataValidationError
from clusters.readers.datafiles import load_dataset
from clusters.records.model import ClusterLink, Listing, Relation

FUNDERS_AND_SHAREHOLDERS = {"bmwi", "freistaat-sachsen", "mwide-nrw", "hamburg-fhh", "land-schleswig-holstein"}
NOT_MEMBERS = FUNDERS_AND_SHAREHOLDERS | {"wm-mv", "iit-berlin", "gesundheitswirtschaft-hamburg"}


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [str(issue) for issue in caught.value.issues]


def edit_actor(data_dir: Path, actor_id: str, **values) -> None:
    path = data_dir / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    next(r for r in rows if r["id"] == actor_id).update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_no_funder_shareholder_or_partner_is_a_member(dataset):
    for cluster_id in dataset.clusters:
        members = {a.id for a in dataset.members_of(cluster_id)}
        assert not members & NOT_MEMBERS, cluster_id
        assert all(Relation.MEMBER in a.relations_to(cluster_id) for a in dataset.members_of(cluster_id))
    assert {a.id for a in dataset.members_of("biosaxony")} == {"xotonicsmed"}


def test_relations_follow_the_seeds(dataset):
    relations = {a.id: {(link.cluster, link.relation.value) for link in a.links} for a in dataset.actors.values()}
    assert relations["bmwi"] == {("biosaxony", "funder"), ("bioregio-stern", "funder")}
    assert relations["freistaat-sachsen"] == {("biosaxony", "funder")}
    assert relations["mwide-nrw"] == {("bio-nrw", "funder")}
    assert relations["hamburg-fhh"] == relations["land-schleswig-holstein"] == {("life-science-nord", "shareholder")}
    assert relations["iit-berlin"] == {("life-science-nord", "partner")}
    assert relations["gesundheitswirtschaft-hamburg"] == {("life-science-nord", "partner")}
    assert relations["wm-mv"] == set()  # author of the master plan only
    assert relations["forschungszentrum-juelich"] == {("bio-nrw", "cluster_management")}
    # The source names these as strengths of the HealthCapital region, not as members.
    for actor_id in ("charite", "vivantes", "helios", "klinikum-ernst-von-bergmann", "carl-thiem-klinikum"):
        assert relations[actor_id] == set(), actor_id
        assert "healthcapital" in dataset.clusters_with_actor_in_region(dataset.actors[actor_id])


def test_actors_of_keeps_every_named_link_with_its_relation(dataset):
    # Call sites listing "actors of a cluster" still get funders, but can tell them apart.
    biosaxony = {a.id: a.relations_to("biosaxony") for a in dataset.actors_of("biosaxony")}
    assert biosaxony["bmwi"] == [Relation.FUNDER] and biosaxony["biosaxony-ev"] == [Relation.CLUSTER_MANAGEMENT]
    assert {a.id for a in dataset.actors_of("biosaxony", [Relation.FUNDER])} == {"bmwi", "freistaat-sachsen"}
    pairs = dataset.members_named("life-science-nord")
    assert [r.value for _, r in pairs] == sorted(
        (r.value for _, r in pairs), key=["member", "cluster_management", "shareholder", "funder", "partner"].index
    )
    assert ("hamburg-fhh", Relation.SHAREHOLDER) in {(a.id, r) for a, r in pairs}
    # Only stored links are named: no register row turns up because it lies in the region.
    assert all(a.links for a, _ in pairs) and len(pairs) == 9  # T5 Interface left out: no page gives its place


def test_projects_and_leads_follow_the_seeds(dataset):
    berlin = {p.id for p in dataset.projects.values() if p.initiative == "berlin-medtech-masterplan"}
    assert berlin == {
        "berlin-imaging-measure",
        "berlin-proton-therapy",
        "berlin-telemedicine",
        "berlin-key-account-strategy",
    }
    assert not berlin & {p.id for p in dataset.projects_of("healthcapital")}  # a 2005 plan, HealthCapital is 2007
    # A lead beyond the seeds only where a quote names it: the lead actor of each project is quoted.
    assert dataset.projects["lsn-hiheal"].lead is None and dataset.projects["lsn-northopedics"].lead is None
    assert dataset.projects["berlin-telemedicine"].lead == "tsb"
    assert dataset.projects["berlin-telemedicine"].partners == ["investitionsbank-berlin"]


def test_what_a_year_or_a_seat_means_is_carried(dataset):
    assert dataset.clusters["bio-nrw"].seat.inferred and "office" in dataset.clusters["bio-nrw"].seat.note.en
    assert not dataset.clusters["biosaxony"].seat.inferred
    assert dataset.clusters["life-science-nord"].management_staff.unit == "FTE"
    area = dataset.focus_areas["health-data-security"]
    assert "IT-Sicherheit" not in area.wordings and "own term" in area.note.en


def test_named_actor_takes_the_register_point_it_is_the_same_as(dataset):
    charite = dataset.actors["charite"]
    assert charite.listing is Listing.HIGHER_EDUCATION_REGISTER and charite.place.precision == "100 m grid cell"
    assert charite.register_key == "10315000" and charite.location_source.file.startswith("734349_")
    assert charite.source.file.startswith("004_")  # still named by the master plan
    assert "charite-universitaetsmedizin-berlin" not in dataset.actors  # one actor, not two dots
    assert dataset.actors["max-delbrueck-centrum"].listing is Listing.RESEARCH_INSTITUTES


def test_in_region_is_never_stored():
    with pytest.raises(ValidationError, match="never written"):
        ClusterLink(cluster="bio-m", relation="in_region")


@pytest.mark.parametrize(
    "cell, words",
    [
        ("bio-m", ("'bio-m' has no relation", "bio-m:member")),
        ("bio-m:in_region", ("never written",)),
        ("bio-m:sponsor", ("unknown relation 'sponsor'",)),
        ("atlantis:member", ("unknown cluster 'atlantis'",)),
    ],
)
def test_bad_relation_cells_are_reported(data_copy, cell, words):
    edit_actor(data_copy, "oncampus", clusters=cell)
    hits = [p for p in problems(data_copy) if p.startswith("actors.csv: record 'oncampus', field 'clusters'")]
    assert hits and any(all(w in p for w in words) for p in hits), hits


def test_same_as_to_an_unknown_or_mismatched_row_is_reported(data_copy):
    edit_actor(data_copy, "oncampus", same_as="no-such-row")
    edit_actor(data_copy, "tu-berlin", same_as="universitaet-freiburg-im-breisgau")
    found = problems(data_copy)
    assert any(
        "record 'oncampus', field 'same_as': unknown register or institute row 'no-such-row'" in p for p in found
    )
    assert any("record 'tu-berlin', field 'same_as'" in p and "in BW" in p for p in found)
