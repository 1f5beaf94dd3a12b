"""Cross-record checks: every id a record refers to exists, and every cluster has a region that fits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import geodata

from ..dataset import FILES, DataIssue, Dataset
from ..records.model import Cluster, LighthouseProject, Region
from ..regions import region_problems


def check_references(
    ds: Dataset,
    broken: frozenset[str] = frozenset(),
    unreadable: frozenset[str] = frozenset(),
    actor_files: Mapping[str, str] | None = None,
) -> list[DataIssue]:
    """Every id a record refers to must exist. References to records that already failed
    validation (`broken`), or into a file that could not be read at all (`unreadable`, keys of
    FILES), are not reported again, so one mistake gives one message. `actor_files` names the
    file each actor comes from (default: actors.csv)."""
    issues: list[DataIssue] = []
    f = FILES
    skipped = [getattr(ds, kind) for kind in unreadable if hasattr(ds, kind)]
    actor_files = actor_files or {}

    def need(known: Iterable[str], ids: Iterable[str], file: str, record: str, name: str, what: str):
        if any(known is gone for gone in skipped):
            return
        known = set(known)
        for value in ids:
            if value not in known and value not in broken:
                issues.append(DataIssue(file, record, name, f"unknown {what} '{value}'"))

    for area in ds.focus_areas.values():
        need(ds.themes, area.themes, f["focus_areas"], area.id, "themes", "theme")
    for cluster in ds.clusters.values():
        need(ds.focus_areas, cluster.focus_areas, f["clusters"], cluster.id, "focus", "focus area")
        need(ds.sources, cluster.sources, f["clusters"], cluster.id, "sources", "source file")
        for index, award in enumerate(cluster.awards):
            need(ds.sources, [award.source.file], f["clusters"], cluster.id, f"awards.{index}.source", "source file")
        need(geodata.STATE_CODES, cluster.states, f["clusters"], cluster.id, "states", "state")
    for initiative in ds.initiatives.values():
        need(ds.themes, initiative.themes, f["initiatives"], initiative.id, "themes", "theme")
        need(ds.sources, [initiative.source.file], f["initiatives"], initiative.id, "source", "source file")
    for actor in ds.actors.values():
        file = actor_files.get(actor.id, f["actors"])
        need(ds.clusters, actor.clusters, file, actor.id, "clusters", "cluster")
        need(ds.initiatives, actor.initiatives, file, actor.id, "initiatives", "initiative")
        need(ds.focus_areas, actor.focus_areas, file, actor.id, "focus_areas", "focus area")
        need(ds.sources, [actor.source.file], file, actor.id, "source", "source file")
    for region in ds.regions.values():
        need(ds.clusters, [region.cluster], f["regions"], region.cluster, "cluster", "cluster")
        need(ds.sources, [region.seed.file], f["regions"], region.cluster, "seed.file", "source file")
    for project in ds.projects.values():
        need(ds.focus_areas, project.focus_areas, f["projects"], project.id, "focus_areas", "focus area")
        need(ds.clusters, project.clusters, f["projects"], project.id, "clusters", "cluster")
        need(
            ds.initiatives,
            [project.initiative] if project.initiative else [],
            f["projects"],
            project.id,
            "initiative",
            "initiative",
        )
        need(ds.actors, [project.lead] if project.lead else [], f["projects"], project.id, "lead", "actor")
        need(ds.actors, project.partners, f["projects"], project.id, "partners", "actor")
        _fact_sources(project, ds, need)
    return issues


def _fact_sources(project: LighthouseProject, ds: Dataset, need) -> None:
    """A fact from a source document names a document of sources.yaml."""
    for index, fact in enumerate(project.facts):
        if fact.source is not None:
            need(ds.sources, [fact.source.file], FILES["projects"], project.id, f"facts.{index}.source", "source file")


def check_regions(
    regions: dict[str, Region],
    clusters: dict[str, Cluster],
    broken: set[str],
    unreadable: set[str],
    issues: list[DataIssue],
) -> None:
    file = FILES["regions"]
    for cluster_id, region in regions.items():
        cluster = clusters.get(cluster_id)
        seat = cluster.seat if cluster is not None and cluster.seat.lat is not None else None
        for field_name, message in region_problems(region, seat):
            issues.append(DataIssue(file, cluster_id, field_name, message))
    if "regions" in unreadable:
        return
    for cluster_id in clusters:
        if cluster_id not in regions and f"region:{cluster_id}" not in broken:
            issues.append(DataIssue(file, cluster_id, "-", "the cluster has no region: add one (districts or states)"))
