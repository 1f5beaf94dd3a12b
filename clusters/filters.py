"""What the atlas shows: one filter applied to clusters, actors and projects alike, so that the
map and the list always show the same set. Pure functions over the dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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
class AtlasView:
    """What the atlas shows: the filter, at most one selected cluster, actor or project, the size
    figure, and up to COMPARE_LIMIT clusters set aside for the benchmark."""

    filter: AtlasFilter = AtlasFilter()
    cluster: str | None = None
    size: str = "actors"
    notices: tuple[str, ...] = field(default=(), compare=False)
    actor: str | None = None
    project: str | None = None
    compare: tuple[str, ...] = ()


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


def _split_param(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def parse_view(params: Mapping[str, str | list[str]], dataset: Dataset) -> AtlasView:
    """Read the atlas view from URL parameters. Unknown ids and values are dropped with a notice
    (the view then falls back to "unfiltered" for that parameter), never an exception."""
    notices: list[str] = []

    def known(name: str, valid: Iterable[str], normalise=lambda v: v) -> tuple[str, ...]:
        valid = list(valid)
        chosen, unknown = [], []
        for value in _split_param(params.get(name)):
            value = normalise(value)
            (chosen if value in valid else unknown).append(value)
        if unknown:
            notices.append(f"{name}:{','.join(unknown)}")
        return tuple(dict.fromkeys(chosen))

    query = " ".join(_split_param(params.get("q")))[:100]
    view_filter = AtlasFilter(
        focus=known("focus", dataset.focus_areas),
        types=known("type", ACTOR_TYPES),
        states=known(
            "state",
            sorted(
                {a.place.state for a in dataset.actors.values()}
                | {s for c in dataset.clusters.values() for s in c.state_codes}
            ),
            normalise=lambda v: v.upper().removeprefix("DE-"),
        ),
        themes=known("theme", dataset.themes),
        query=query,
    )
    cluster_ids = known("cluster", dataset.clusters)
    actor_ids = known("actor", dataset.actors)
    project_ids = known("project", dataset.projects)
    size = known("size", SIZE_FIGURES)
    compare = known("compare", dataset.clusters)
    if len(compare) > COMPARE_LIMIT:
        notices.append(f"compare:{','.join(compare[COMPARE_LIMIT:])}")
    # One selection at a time: a cluster before an actor before a project.
    cluster = cluster_ids[0] if cluster_ids else None
    actor = actor_ids[0] if actor_ids and not cluster else None
    project = project_ids[0] if project_ids and not (cluster or actor) else None
    return AtlasView(
        view_filter,
        cluster,
        size[0] if size else "actors",
        tuple(notices),
        actor=actor,
        project=project,
        compare=compare[:COMPARE_LIMIT],
    )


def view_params(view: AtlasView) -> dict[str, str]:
    """The URL parameters that reproduce a view (only what differs from the default)."""
    f = view.filter
    params = {
        "focus": ",".join(f.focus),
        "type": ",".join(f.types),
        "state": ",".join(f.states),
        "theme": ",".join(f.themes),
        "q": f.query,
        "cluster": view.cluster or "",
        "actor": view.actor or "",
        "project": view.project or "",
        "size": "" if view.size == "actors" else view.size,
        "compare": ",".join(view.compare),
    }
    return {key: value for key, value in params.items() if value}
