"""A cluster's status must agree with itself and with the other records: a part belongs to a known,
active cluster; an ended cluster has no figure from after its end and did not end in the future."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dataset import FILES, DataIssue, Dataset
from ..records.model import FIGURE_FIELDS, Cluster, Figure, Lifecycle


def _dated_figures(cluster: Cluster) -> Iterator[tuple[str, Figure]]:
    for name in FIGURE_FIELDS:
        figure = cluster.figure(name)
        if figure is not None and name != "founded":
            yield name, figure
    for index, figure in enumerate(cluster.more_figures):
        yield f"more_figures.{index}", figure


STATUS = "status"
"""The record's field these problems are about; its parts are named `status.part_of`, `status.year` …"""


def status_problems(dataset: Dataset, today: dt.date | None = None) -> list[DataIssue]:
    issues: list[DataIssue] = []
    file = FILES["clusters"]
    this_year = (today or dt.date.today()).year
    for cluster in dataset.clusters.values():
        status = cluster.status

        def report(field: str, message: str, record: str = cluster.id) -> None:
            issues.append(DataIssue(file, record, field, message))

        if status.source is not None and status.source.file not in dataset.sources:
            report(f"{STATUS}.source", f"unknown source file '{status.source.file}'")
        if status.value is Lifecycle.PART_OF:
            parent = dataset.clusters.get(status.part_of)
            if status.part_of == cluster.id:
                report(f"{STATUS}.part_of", "a cluster cannot be a part of itself")
            elif parent is None:
                report(f"{STATUS}.part_of", f"unknown cluster '{status.part_of}'")
            elif not parent.is_active:
                report(
                    f"{STATUS}.part_of",
                    f"part of '{parent.id}', whose status is '{parent.status.value.value}':"
                    " a part belongs to an active cluster",
                )
        if status.value is Lifecycle.ENDED and status.year is not None:
            if status.year > this_year:
                report(
                    f"{STATUS}.year",
                    f"ended in {status.year}, which lies ahead: an active record says when its funding ends",
                )
            for field, figure in _dated_figures(cluster):
                if figure.year > status.year:
                    report(
                        f"{field}.year", f"a figure from {figure.year} is newer than the cluster's end ({status.year})"
                    )
    return issues
