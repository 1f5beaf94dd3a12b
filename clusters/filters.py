"""What the atlas shows: one filter applied to clusters, actors and projects alike, so that the
map and the list always show the same set. Pure functions over the dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .dataset import Dataset
from .records.model import Actor, ActorType, Cluster, LighthouseProject
from .search import cluster_search_texts, matches

SIZE_FIGURES: tuple[str, ...] = ("actors", "smes", "research_institutions", "management_staff")
COMPARE_LIMIT = 4
"""How many clusters the atlas hands to the benchmark at once: more no longer read side by side."""
ACTOR_TYPES: tuple[str, ...] = tuple(t.value for t in ActorType)


@dataclass(frozen=True)
class AtlasFilter:
    """Empty selections mean "no restriction"."""

    focus: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    query: str = ""


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


def _actor_passes(actor: Actor, f: AtlasFilter, dataset: Dataset) -> bool:
    if f.types and actor.type.value not in f.types:
        return False
    if f.states and actor.place.state not in f.states:
        return False
    if f.focus or f.themes:
        # An actor without own focus areas inherits its clusters' ones, so focus filters keep it.
        areas = set(actor.focus_areas) or {a for c in actor.clusters for a in dataset.clusters[c].focus_areas}
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
