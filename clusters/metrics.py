"""Orderings, indicators and comparisons over clusters: pure functions, unknowns kept unknown."""

from __future__ import annotations

from collections.abc import Iterable

from .model import FIGURE_FIELDS, Cluster


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
