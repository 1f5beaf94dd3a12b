"""Orderings, indicators and comparisons over clusters: pure functions, unknowns kept unknown."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .dataset import Dataset, Population
from .records.model import FIGURE_FIELDS, SIZE_FIELDS, Cluster, Counts, Figure, Qualifier

OLD_AFTER_YEARS = 5
"""A figure more than this many years older than today is marked "old" wherever it is compared."""

PER_INHABITANTS = 100_000


def today() -> dt.date:
    """The date the "old" mark is measured from (tests pin it, so their expectations do not age)."""
    return dt.date.today()


def is_old(year: int | None, on: dt.date | None = None) -> bool:
    return year is not None and year < (on or today()).year - OLD_AFTER_YEARS


def sort_clusters(clusters: Iterable[Cluster], by: str = "name", descending: bool = False) -> list[Cluster]:
    """Order by name or by a key figure; clusters whose figure is unknown always come last.

    Bounded figures sort by their printed number (">250" as 250): the table shows the qualifier,
    and ranks that respect bounds are the benchmark's job.
    """
    clusters = list(clusters)
    if by == "name":
        return sorted(clusters, key=lambda c: c.name.casefold(), reverse=descending)
    if by not in FIGURE_FIELDS:
        raise ValueError(f"cannot sort by '{by}'")
    known = [c for c in clusters if c.figure(by) is not None]
    unknown = [c for c in clusters if c.figure(by) is None]
    known.sort(key=lambda c: c.name.casefold())
    known.sort(key=lambda c: c.figure(by).value, reverse=descending)  # stable: ties stay by name
    return known + sorted(unknown, key=lambda c: c.name.casefold())


# --- honest arithmetic on qualified figures ---------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why an indicator is unknown, as a code the UI words in its language: `unknown` (a figure
    is not given), `zero` (a divisor is 0), `both_lower_bounds` / `both_upper_bounds`,
    `bounds_over_time` (a change between two bounds of the same direction).
    `figures` are the figure ids concerned."""

    code: str
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    """A computed indicator: a value with the qualifier its inputs allow, or unknown with why."""

    value: float | None
    qualifier: Qualifier = Qualifier.EXACT
    reason: Reason | None = None
    years: tuple[int, ...] = ()
    """The years of the figures it is computed from, so a comparison shows when it mixes years."""

    @property
    def known(self) -> bool:
        return self.value is not None


def _as_derived(figure: Figure | Derived | None, name: str) -> Derived:
    if figure is None:
        return Derived(None, reason=Reason("unknown", (name,)))
    if isinstance(figure, Derived):
        return figure
    return Derived(float(figure.value), figure.qualifier, years=(figure.year,))


_DIRECTION = {Qualifier.MORE_THAN: 1, Qualifier.LESS_THAN: -1}


def _combined(
    value: float, grows_with: Derived, shrinks_with: Derived, names: tuple[str, str], years: tuple[int, ...]
) -> Derived:
    """The qualifier of a result that grows with one input and shrinks with the other: a lower bound
    on the growing side (or an upper bound on the shrinking side) makes the result a lower bound; two
    bounds pulling the same way leave it without a direction (unknown, with the reason)."""
    up = _DIRECTION.get(grows_with.qualifier, 0) - _DIRECTION.get(shrinks_with.qualifier, 0)
    if grows_with.qualifier in _DIRECTION and shrinks_with.qualifier in _DIRECTION and up == 0:
        bounds = "both_lower_bounds" if grows_with.qualifier is Qualifier.MORE_THAN else "both_upper_bounds"
        return Derived(None, reason=Reason(bounds, names), years=years)
    if up > 0:
        return Derived(value, Qualifier.MORE_THAN, years=years)
    if up < 0:
        return Derived(value, Qualifier.LESS_THAN, years=years)
    if Qualifier.ABOUT in (grows_with.qualifier, shrinks_with.qualifier):
        return Derived(value, Qualifier.ABOUT, years=years)
    return Derived(value, years=years)


def ratio(
    numerator: Figure | Derived | None,
    denominator: Figure | Derived | None,
    numerator_name: str = "numerator",
    denominator_name: str = "denominator",
) -> Derived:
    """numerator / denominator with bounds propagated.

    `>250` actors over exactly 16 staff is `>15.6`; over `>16` it has no direction (n/a, with the
    reason). An approximate input (`~`) makes an exact result approximate."""
    top, bottom = _as_derived(numerator, numerator_name), _as_derived(denominator, denominator_name)
    if not top.known or not bottom.known:
        return Derived(None, reason=top.reason or bottom.reason)
    if bottom.value == 0:
        return Derived(None, reason=Reason("zero", (denominator_name,)))
    years = tuple(sorted(set(top.years + bottom.years)))
    return _combined(top.value / bottom.value, top, bottom, (numerator_name, denominator_name), years)


def change(earlier: Figure, later: Figure, name: str) -> Derived:
    """later − earlier with bounds propagated like `ratio`: from `~350` to exactly 410 is `~+60`;
    from `>250` to `>360` has no direction (unknown, with the reason)."""
    newer, older = _as_derived(later, name), _as_derived(earlier, name)
    result = _combined(newer.value - older.value, newer, older, (name, name), (earlier.year, later.year))
    return result if result.known else replace(result, reason=Reason("bounds_over_time", (name,)))


def figure_change(cluster: Cluster, name: str) -> Derived | None:
    """The change of a key figure from its previous value to the newest; None with only one year,
    or where the two count different things (250 partners then 220 companies is no decline)."""
    earlier, later = cluster.previous(name), cluster.figure(name)
    if earlier is None or earlier.counts != later.counts:
        return None
    return change(earlier, later, name)


def share(part: Figure | None, whole: Figure | None, part_name: str, whole_name: str = "actors") -> Derived:
    """part / whole as a percentage, with bounds propagated like `ratio`."""
    result = ratio(part, whole, part_name, whole_name)
    return result if not result.known else replace(result, value=result.value * 100)


def age_in_years(founded: Figure | None, today: dt.date | None = None) -> Derived:
    if founded is None:
        return Derived(None, reason=Reason("unknown", ("founded",)))
    year = (today or dt.date.today()).year
    return Derived(float(year - founded.value), founded.qualifier)


def share_of_actors(cluster: Cluster, part_name: str) -> Derived:
    """A part of the actors as a percentage, only where both count the same kind of thing: 200
    companies in the region are no share of 250 association members."""
    part, whole = cluster.figure(part_name), cluster.actors
    if part is not None and whole is not None and part.counts != whole.counts:
        return Derived(None, reason=Reason("different_kinds", (part_name, "actors")))
    return share(part, whole, part_name)


INDICATORS: dict[str, Callable[[Cluster], Derived]] = {
    "sme_share": lambda c: share_of_actors(c, "smes"),
    "large_company_share": lambda c: share_of_actors(c, "large_companies"),
    "research_share": lambda c: share_of_actors(c, "research_institutions"),
    "actors_per_staff": lambda c: ratio(c.actors, c.management_staff, "actors", "management_staff"),
    "age_years": lambda c: age_in_years(c.founded),
}
"""Indicator id -> function of a cluster. Units: % for shares, actors per person, years."""


def indicators(cluster: Cluster) -> dict[str, Derived]:
    return {name: compute(cluster) for name, compute in INDICATORS.items()}


# --- the region's size: per-capita context from official statistics ---------------------------


def population_measure(population: Population | None) -> Derived:
    if population is None:
        return Derived(None, reason=Reason("unknown", ("region_population",)))
    return Derived(float(population.inhabitants), years=(population.year,))


def per_inhabitants(count: Figure | Derived | None, population: Population | None, name: str) -> Derived:
    """count per 100,000 inhabitants of the region, with the count's bounds and both years."""
    result = ratio(count, population_measure(population), name, "region_population")
    return result if not result.known else replace(result, value=result.value * PER_INHABITANTS)


def members_per_inhabitants(cluster: Cluster, data: Dataset) -> Derived:
    """Members per 100,000 inhabitants, only where the size figure counts members."""
    actors = cluster.actors
    if actors is not None and actors.counts is not Counts.MEMBERS:
        return Derived(None, reason=Reason("not_members", ("actors",)))
    return per_inhabitants(actors, data.region_population(cluster.id), "actors")


def listed_per_inhabitants(cluster: Cluster, data: Dataset, kind: str | None = None) -> Derived:
    """Listed actors in the region (of one type, or all) per 100,000 inhabitants: one list for every
    region, so these compare across clusters."""
    counts = data.region_counts(cluster.id)
    population = data.region_population(cluster.id)
    if not counts:
        return Derived(None, reason=Reason("unknown", ("region_population",)))
    number = counts[kind] if kind else sum(counts.values())
    dated = Derived(float(number), years=() if population is None else (population.year,))
    return per_inhabitants(dated, population, "listed_actors")


REGION_MEASURES: dict[str, Callable[[Cluster, Dataset], Derived]] = {
    "region_population": lambda c, d: population_measure(d.region_population(c.id)),
    "members_per_100k": members_per_inhabitants,
    "listed_per_100k": listed_per_inhabitants,
}
"""Measures that set a cluster against its region's size (Destatis population of its districts)."""


def kind_of(cluster: Cluster, name: str) -> Counts | None:
    """What a measure counts for this cluster: a size figure's own `counts`, a share's or a ratio's
    that of the actors it divides; None where no source says."""
    source = name if name in SIZE_FIELDS else "actors"
    figure = cluster.figure(source)
    return None if figure is None else figure.counts


KIND_BOUND_MEASURES: frozenset[str] = frozenset(
    {*SIZE_FIELDS, "sme_share", "large_company_share", "research_share", "actors_per_staff"}
)
"""Measures that compare only between clusters whose figures count the same kind of thing."""


# --- ranks that respect bounds and ties --------------------------------------------------------


@dataclass(frozen=True)
class Rank:
    best: int
    worst: int
    of: int
    kind: Counts | None = None
    """What the ranked values count, where the ranking is among figures of one kind."""

    def __str__(self) -> str:
        return str(self.best) if self.best == self.worst else f"{self.best}–{self.worst}"

    @property
    def percentile_range(self) -> tuple[float, float]:
        """Share of the ranked clusters this one is at least as large as, best and worst case."""
        if self.of <= 1:
            return 100.0, 100.0
        return (100.0 * (self.of - self.best) / (self.of - 1), 100.0 * (self.of - self.worst) / (self.of - 1))


def _interval(value: Derived | Figure | None) -> tuple[float, float] | None:
    derived = _as_derived(value, "value")
    if not derived.known:
        return None
    if derived.qualifier is Qualifier.MORE_THAN:
        return derived.value, math.inf
    if derived.qualifier is Qualifier.LESS_THAN:
        return 0.0, derived.value
    return derived.value, derived.value


def ranks(values: dict[str, Derived | Figure | None]) -> dict[str, Rank | None]:
    """Rank 1 = largest. A bounded value gets the range of ranks its true value allows; exact
    ties share a range ("2–3"); unknown values are not ranked (None)."""
    intervals = {key: _interval(value) for key, value in values.items()}
    known = {key: interval for key, interval in intervals.items() if interval is not None}
    result: dict[str, Rank | None] = {key: None for key in values}
    for key, (low, high) in known.items():
        others = [interval for other, interval in known.items() if other != key]
        certainly_larger = sum(1 for other_low, _ in others if other_low > high)
        possibly_larger_or_equal = sum(1 for _, other_high in others if other_high >= low)
        result[key] = Rank(1 + certainly_larger, 1 + possibly_larger_or_equal, len(known))
    return result


def comparable_ranks(
    clusters: Iterable[Cluster], name: str, values: dict[str, Derived | Figure | None]
) -> dict[str, Rank | None]:
    """Ranks like with like: only active clusters are ranked, and a measure bound to a kind (see
    `KIND_BOUND_MEASURES`) is ranked within the clusters whose figures count the same thing; one
    whose figure says not what it counts is not ranked."""
    clusters = list(clusters)
    result: dict[str, Rank | None] = dict.fromkeys(values)
    groups: dict[Counts | None, dict[str, Derived | Figure | None]] = {}
    for cluster in clusters:
        if cluster.id not in values or not cluster.is_active:
            continue
        kind = kind_of(cluster, name) if name in KIND_BOUND_MEASURES else None
        if name in KIND_BOUND_MEASURES and kind is None:
            continue
        groups.setdefault(kind, {})[cluster.id] = values[cluster.id]
    for kind, members in groups.items():
        for key, rank in ranks(members).items():
            result[key] = None if rank is None else replace(rank, kind=kind)
    return result


def mixed_kinds(clusters: Iterable[Cluster], name: str) -> list[Counts]:
    """The different kinds a column of this measure shows, in first-seen order; more than one means
    the column mixes kinds and says so."""
    if name not in KIND_BOUND_MEASURES:
        return []
    kinds = [kind_of(c, name) for c in clusters if c.figure(name if name in SIZE_FIELDS else "actors")]
    return list(dict.fromkeys(k for k in kinds if k is not None))


# --- peers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Peer:
    cluster: str
    score: float
    shared_focus: tuple[str, ...]
    focus_similarity: float
    size_similarity: float | None


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def size_similarity(a: Cluster, b: Cluster) -> float | None:
    """1 for equal size, falling towards 0 over a factor of 10 (log actors and log SMEs), over
    figures that count the same kind of thing only."""
    distances = []
    for name in ("actors", "smes"):
        x, y = a.figure(name), b.figure(name)
        same_kind = x is not None and y is not None and x.counts is not None and x.counts == y.counts
        if same_kind and x.value > 0 and y.value > 0:
            distances.append(abs(math.log10(x.value) - math.log10(y.value)))
    if not distances:
        return None
    return max(0.0, 1.0 - sum(distances) / len(distances))


def peers(target: Cluster, clusters: Iterable[Cluster], k: int = 3) -> list[Peer]:
    """The k clusters most similar by focus (Jaccard) and, where known, size."""
    found = []
    for other in clusters:
        if other.id == target.id:
            continue
        focus = jaccard(set(target.focus_areas), set(other.focus_areas))
        size = size_similarity(target, other)
        score = focus if size is None else 0.7 * focus + 0.3 * size
        shared = tuple(a for a in target.focus_areas if a in other.focus_areas)
        found.append(Peer(other.id, round(score, 4), shared, round(focus, 4), size))
    return sorted(found, key=lambda p: (-p.score, p.cluster))[:k]


@dataclass(frozen=True)
class Partner:
    cluster: str
    score: float
    shared_focus: tuple[str, ...]
    they_add: tuple[str, ...]
    we_add: tuple[str, ...]


def cooperation_candidates(target: Cluster, clusters: Iterable[Cluster], k: int = 3) -> list[Partner]:
    """Clusters with a common base and complementary strengths: they share focus areas and each
    brings areas the other lacks (as biosaxony and BioRegio STERN did in medical technology,
    seed 003). A cluster that would add nothing, or gain nothing, is no candidate. Score: the
    shared share of both clusters' focus areas, so a broad common base ranks first."""
    mine = set(target.focus_areas)
    found = []
    for other in clusters:
        if other.id == target.id:
            continue
        theirs = set(other.focus_areas)
        shared, they_add, we_add = mine & theirs, theirs - mine, mine - theirs
        if not shared or not they_add or not we_add:
            continue
        score = len(shared) / len(mine | theirs)
        found.append(
            Partner(
                other.id,
                round(score, 4),
                tuple(a for a in target.focus_areas if a in shared),
                tuple(a for a in other.focus_areas if a in they_add),
                tuple(a for a in target.focus_areas if a in we_add),
            )
        )
    return sorted(found, key=lambda p: (-p.score, p.cluster))[:k]
