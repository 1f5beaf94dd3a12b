"""Relations between records: the stored cluster links of an actor, and a named actor that is a
listed one (`same_as`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..dataset import FILES, DataIssue
from ..records.model import STORED_RELATIONS, Actor, Relation

_RELATION_NAMES = ", ".join(r.value for r in STORED_RELATIONS)
_STORED_VALUES = frozenset(r.value for r in STORED_RELATIONS)


def checked_links(record: dict, report: Callable[[str, str], None]) -> dict:
    """Keep the links with a stored relation; report the others in the words of the CSV column."""
    kept = []
    for link in record.get("links", []):
        cluster, relation = link["cluster"], link["relation"]
        if relation in _STORED_VALUES:
            kept.append(link)
        elif not relation:
            report("clusters", f"'{cluster}' has no relation: write {cluster}:member, or another of {_RELATION_NAMES}")
        elif relation == Relation.IN_REGION.value:
            report(
                "clusters",
                f"'{cluster}:{relation}': 'in_region' follows from the cluster's region "
                "and is never written in the data",
            )
        else:
            report("clusters", f"'{cluster}:{relation}': unknown relation '{relation}'; use one of {_RELATION_NAMES}")
    return {**record, "links": kept}


def merge_same_as(
    named: dict[str, Actor],
    listed: dict[str, Actor],
    same_as: Mapping[str, str],
    broken: set[str],
    issues: list[DataIssue],
) -> tuple[dict[str, Actor], set[str]]:
    """A named actor that is a listed one (`same_as`) takes its point and register details; the
    listed row then is not a second actor at the same place. Returns the named actors and the ids
    of the listed rows they took."""
    merged, taken = dict(named), set()

    def report(actor_id: str, message: str) -> None:
        issues.append(DataIssue(FILES["actors"], actor_id, "same_as", message))

    for actor_id, target in same_as.items():
        if actor_id not in named or target in broken:
            continue
        if target not in listed:
            report(actor_id, f"unknown register or institute row '{target}'")
            continue
        if target in taken:
            report(actor_id, f"'{target}' is already the same place as another actor")
            continue
        actor, row = named[actor_id], listed[target]
        if (actor.type, actor.place.state) != (row.type, row.place.state):
            report(
                actor_id,
                f"'{target}' is a {row.type.value} in {row.place.state}, this actor a "
                f"{actor.type.value} in {actor.place.state}",
            )
            continue
        taken.add(target)
        merged[actor_id] = actor.model_copy(
            update={
                "place": row.place,
                "listing": row.listing,
                "short_name": row.short_name,
                "sponsor": row.sponsor,
                "register_key": row.register_key,
                "location_source": row.location_source or row.source,
                **_newer_page(actor, row),
            }
        )
    return merged, taken


_PAGE_FIELDS = ("page", "quote", "as_of", "kind", "postcode")


def _newer_page(actor: Actor, row: Actor) -> dict:
    """What the listed row's page says, where it is newer than what names the actor (a company of a
    2005 plan that a 2021 page still names is current as of 2021)."""
    if row.as_of is None or (actor.as_of is not None and actor.as_of >= row.as_of):
        return {}
    return {name: getattr(row, name) or getattr(actor, name) for name in _PAGE_FIELDS}
