"""The loaded dataset and its queries: one immutable `Dataset` of validated records.

`DataIssue` names the file, record and field of a problem in the data files; the readers and the
checks report them, `DataValidationError` carries all of them at once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from geodata.population import REFERENCE_DATE as POPULATION_DATE

from .records.model import (
    FIGURE_FIELDS,
    STORED_RELATIONS,
    Actor,
    ActorType,
    Cluster,
    Figure,
    FocusArea,
    Initiative,
    LighthouseProject,
    Listing,
    Region,
    Relation,
    Source,
    Theme,
)
from .regions import RegionIndex, region_population

DATA_DIR = Path(__file__).parent / "data"

FILES = {
    "sources": "sources.yaml",
    "focus_areas": "focus_areas.yaml",
    "themes": "themes.yaml",
    "clusters": "clusters.yaml",
    "initiatives": "initiatives.yaml",
    "actors": "actors.csv",
    "register_actors": "register_actors.csv",
    "institutes": "institutes.csv",
    "companies": "companies.csv",
    "projects": "lighthouses.yaml",
    "regions": "regions.yaml",
}

LISTED_TYPES: tuple[ActorType, ...] = (
    ActorType.COMPANY,
    ActorType.RESEARCH_INSTITUTE,
    ActorType.UNIVERSITY_HOSPITAL,
    ActorType.UNIVERSITY,
)
"""The life-science actors the listings hold (companies and institutes from their pages, university
hospitals and the universities that run one from the register), in the order counts are given.
The register's other higher-education sites (all subjects) are counted apart."""

# Record ids come from the files; a long one would be repeated in every message about its record.
_MAX_SHOWN_ID = 100


@dataclass(frozen=True)
class DataIssue:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record '{self.record}', field '{self.field}': {self.message}"


class DataValidationError(Exception):
    def __init__(self, issues: Iterable[DataIssue]):
        self.issues = list(issues)
        noun = "problem" if len(self.issues) == 1 else "problems"
        super().__init__(f"{len(self.issues)} {noun} in the dataset:\n" + "\n".join(f"- {i}" for i in self.issues))


@dataclass(frozen=True)
class Population:
    """Inhabitants of a cluster's region on the register's reference date (Destatis, see
    `geodata.population`)."""

    inhabitants: int
    date: dt.date

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class Dataset:
    sources: dict[str, Source]
    focus_areas: dict[str, FocusArea]
    themes: dict[str, Theme]
    clusters: dict[str, Cluster]
    initiatives: dict[str, Initiative]
    actors: dict[str, Actor]
    projects: dict[str, LighthouseProject]
    data_dir: Path = field(default=DATA_DIR, compare=False)
    regions: dict[str, Region] = field(default_factory=dict)

    @cached_property
    def data_date(self) -> dt.date:
        """The date of the newest source document: what the dataset is 'as of'. Listings (the
        register, the institute pages) carry their own dates and are left out."""
        dated = [s for s in self.sources.values() if s.date is not None]
        documents = [s.date for s in dated if not s.listing] or [s.date for s in dated]
        return max(documents)

    def project_themes(self, project: LighthouseProject) -> list[str]:
        """Themes follow from the project's focus areas via the documented taxonomy mapping."""
        themes = {theme for area in project.focus_areas for theme in self.focus_areas[area].themes}
        return [theme for theme in self.themes if theme in themes]

    @cached_property
    def projects_by_theme(self) -> dict[str, list[LighthouseProject]]:
        """The projects under each theme, for the themes that have any, in the vocabulary's order."""
        grouped: dict[str, list[LighthouseProject]] = {theme: [] for theme in self.themes}
        for project in self.projects.values():
            for theme in self.project_themes(project):
                grouped[theme].append(project)
        return {theme: projects for theme, projects in grouped.items() if projects}

    def actors_of(self, cluster_id: str, relations: Iterable[Relation] | None = None) -> list[Actor]:
        """The actors a source links to the cluster, with any stored relation or only `relations`.
        Not the actors in its region: those are `region_actors`."""
        wanted = set(STORED_RELATIONS if relations is None else relations)
        return [
            actor
            for actor in self.actors.values()
            if any(link.cluster == cluster_id and link.relation in wanted for link in actor.links)
        ]

    def members_of(self, cluster_id: str) -> list[Actor]:
        """Only the actors a source names as members: never a funder, shareholder or partner."""
        return self.actors_of(cluster_id, [Relation.MEMBER])

    def members_named(self, cluster_id: str) -> list[tuple[Actor, Relation]]:
        """Every stored link to the cluster as (actor, relation), by relation then name; an actor
        with two relations (e.g. shareholder and funder) appears twice."""
        order = {relation: i for i, relation in enumerate(STORED_RELATIONS)}
        pairs = [
            (actor, link.relation)
            for actor in self.actors.values()
            for link in actor.links
            if link.cluster == cluster_id
        ]
        return sorted(pairs, key=lambda pair: (order[pair[1]], pair[0].name.casefold()))

    def region_of(self, cluster_id: str) -> Region | None:
        return self.regions.get(cluster_id)

    @cached_property
    def _populations(self) -> dict[str, Population | None]:
        populations = {}
        for cluster_id, region in self.regions.items():
            inhabitants = region_population(region)
            populations[cluster_id] = None if inhabitants is None else Population(inhabitants, POPULATION_DATE)
        return populations

    def region_population(self, cluster_id: str) -> Population | None:
        """Inhabitants of the cluster's region (the sum of its districts in the register); None
        without a region."""
        return self._populations.get(cluster_id)

    @cached_property
    def _region_index(self) -> RegionIndex:
        return RegionIndex(self.regions, self.actors.values())

    @cached_property
    def _hospital_institutions(self) -> frozenset[str]:
        """Register institutions (the first five digits of the sort key) that run a university hospital."""
        return frozenset(
            actor.register_key[:5]
            for actor in self.actors.values()
            if actor.type is ActorType.UNIVERSITY_HOSPITAL and actor.register_key
        )

    def is_other_higher_education(self, actor: Actor) -> bool:
        """A register site that is no life-science actor by itself: a university of applied sciences
        (the register holds all subjects alike) or a university that runs no university hospital."""
        if actor.listing is not Listing.HIGHER_EDUCATION_REGISTER:
            return False
        if actor.type is ActorType.UNIVERSITY:
            return (actor.register_key or "")[:5] not in self._hospital_institutions
        return actor.type is ActorType.UNIVERSITY_OF_APPLIED_SCIENCES

    def region_actors(self, cluster_id: str, listed_only: bool = True) -> list[Actor]:
        """Actors from the listings (Destatis register, research institutes) whose place lies in the
        cluster's region: related to it only by location, never counted as its members. With
        `listed_only=False` also the actors named in the sources that lie there (e.g. the hospitals
        HealthCapital's source names as strengths of its region)."""
        return [
            actor
            for actor in self._region_index.actors_in(cluster_id, listed_only)
            if actor.is_current and not self.is_other_higher_education(actor)
        ]

    def other_higher_education(self, cluster_id: str) -> list[Actor]:
        """The register's other higher-education sites in the region, counted apart."""
        return [a for a in self._region_index.actors_in(cluster_id, True) if self.is_other_higher_education(a)]

    def region_counts(self, cluster_id: str) -> dict[str, int]:
        """Listed actors in the region by type (every listed type, 0 where there is none); empty for a
        cluster without a region. One source for every cluster, so the counts compare."""
        if cluster_id not in self.regions:
            return {}
        counts = Counter(actor.type for actor in self.region_actors(cluster_id))
        return {kind.value: counts.get(kind, 0) for kind in LISTED_TYPES}

    def clusters_with_actor_in_region(self, actor: Actor) -> list[str]:
        """The clusters whose region holds the actor's place (its derived `in_region` relations)."""
        return self._region_index.clusters_of(actor)

    def projects_of(self, cluster_id: str) -> list[LighthouseProject]:
        return [p for p in self.projects.values() if cluster_id in p.clusters]

    def figures_by_source(self) -> dict[str, int]:
        """How many sourced figures each document gives the dataset."""
        counts = dict.fromkeys(self.sources, 0)
        for cluster in self.clusters.values():
            for figure in cluster_figures(cluster):
                counts[figure.source.file] += 1
        for initiative in self.initiatives.values():
            for figure in initiative.more_figures:
                counts[figure.source.file] += 1
        return counts

    def figure_count(self) -> int:
        """How many sourced figures the dataset holds (key figures and further figures)."""
        figures = sum(len(cluster_figures(c)) for c in self.clusters.values())
        return figures + sum(len(i.more_figures) for i in self.initiatives.values())


def cluster_figures(cluster: Cluster) -> list[Figure]:
    """Every sourced figure of a cluster: key figures with their earlier values, the others, then
    those about its region."""
    return [
        *(f for name in FIGURE_FIELDS for f in cluster.figure_over_time(name)),
        *cluster.more_figures,
        *cluster.region_figures,
    ]


def shown_id(value: str) -> str:
    return value if len(value) <= _MAX_SHOWN_ID else value[:_MAX_SHOWN_ID] + "…"


def record_id(raw: Any, index: int | None = None) -> str:
    # Only scalars: str() of a nested value built from YAML aliases can expand to gigabytes.
    value = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value != "":
        return shown_id(str(value))
    return "-" if index is None else f"#{index + 1}"
