"""What the atlas shows: one filter applied to clusters, actors and projects alike, so that the
map and the list always show the same set. Pure functions over the dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .dataset import Dataset
from .records.model import Actor, ActorType, Cluster, CompanyKind, LighthouseProject
from .search import cluster_search_texts, matches

SIZE_FIGURES: tuple[str, ...] = ("actors", "smes", "research_institutions", "management_staff")
COMPARE_LIMIT = 4
"""How many clusters the atlas hands to the benchmark at once: more no longer read side by side."""
ACTOR_TYPES: tuple[str, ...] = tuple(t.value for t in ActorType)
COMPANY_KINDS: tuple[str, ...] = tuple(k.value for k in CompanyKind)
KIND_FOCUS = {
    CompanyKind.BIOTECH: "biotechnology",
    CompanyKind.PHARMA: "pharma",
    CompanyKind.MEDTECH: "medtech",
    CompanyKind.DIAGNOSTICS: "diagnostics",
    CompanyKind.DIGITAL_HEALTH: "digital-health",
}
"""A company's kind is its focus area where the vocabulary has one, so focus and theme filters keep it."""


@dataclass(frozen=True)
class AtlasFilter:
    """Empty selections mean "no restriction"."""

    focus: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    query: str = ""
    kinds: tuple[str, ...] = ()
    """Company kinds: when given, only companies of these kinds among the actors."""
    higher_education: bool = False
    """Also the register's other higher-education sites (all subjects); life science first without."""


@dataclass(frozen=True)
class Selection:
    clusters: tuple[Cluster, ...]
    actors: tuple[Actor, ...]
    projects: tuple[LighthouseProject, ...]

    @property
    def total(self) -> int:
        return len(self.clusters) + len(self.actors) + len(self.projects)


def themes_of_areas(dataset: Dataset, areas: Iterable[str]) -> set[str]:
    return {theme for area in areas for theme in dataset.focus_areas[area].themes}


def main_theme(cluster: Cluster, dataset: Dataset) -> str | None:
    """The theme most of a cluster's focus areas map to (ties: the earlier-named area wins)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, area in enumerate(cluster.focus_areas):
        for theme in dataset.focus_areas[area].themes:
            counts[theme] += 1
            first_seen.setdefault(theme, index)
    if not counts:
        return None
    return min(counts, key=lambda theme: (-counts[theme], first_seen[theme]))


def _cluster_passes(cluster: Cluster, f: AtlasFilter, dataset: Dataset) -> bool:
    if f.focus and not set(f.focus) & set(cluster.focus_areas):
        return False
    if f.states and not set(f.states) & set(cluster.state_codes):
        return False
    if f.themes and not set(f.themes) & themes_of_areas(dataset, cluster.focus_areas):
        return False
    return matches(f.query, cluster_search_texts(cluster, dataset))


def _actor_areas(actor: Actor, dataset: Dataset) -> set[str]:
    """Its own focus areas, else its kind's, else its clusters' (an actor without any keeps them)."""
    if actor.focus_areas:
        return set(actor.focus_areas)
    if actor.kind in KIND_FOCUS and KIND_FOCUS[actor.kind] in dataset.focus_areas:
        return {KIND_FOCUS[actor.kind]}
    return {a for c in actor.clusters for a in dataset.clusters[c].focus_areas}


def _actor_passes(actor: Actor, f: AtlasFilter, dataset: Dataset) -> bool:
    if not actor.is_current:  # the past appears only beside a source of its time
        return False
    if not f.higher_education and dataset.is_other_higher_education(actor):
        return False
    if f.types and actor.type.value not in f.types:
        return False
    if f.kinds and (actor.kind is None or actor.kind.value not in f.kinds):
        return False
    if f.states and actor.place.state not in f.states:
        return False
    if f.focus or f.themes:
        areas = _actor_areas(actor, dataset)
        if f.focus and not set(f.focus) & areas:
            return False
        if f.themes and not set(f.themes) & themes_of_areas(dataset, areas):
            return False
    return matches(f.query, [actor.name, actor.place.city, *actor.clusters])


def _project_passes(project: LighthouseProject, f: AtlasFilter, dataset: Dataset) -> bool:
    if f.focus and not set(f.focus) & set(project.focus_areas):
        return False
    if f.states and project.place.state not in f.states:
        return False
    if f.themes and not set(f.themes) & set(dataset.project_themes(project)):
        return False
    return matches(f.query, [project.name, project.place.city])


def apply_filter(dataset: Dataset, f: AtlasFilter) -> Selection:
    """Clusters, actors and projects that pass the filter. An actor-type filter restricts only
    actors (clusters and projects have no actor type)."""
    return Selection(
        clusters=tuple(c for c in dataset.clusters.values() if _cluster_passes(c, f, dataset)),
        actors=tuple(a for a in dataset.actors.values() if _actor_passes(a, f, dataset)),
        projects=tuple(p for p in dataset.projects.values() if _project_passes(p, f, dataset)),
    )
