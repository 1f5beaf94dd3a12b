"""Cluster regions: which districts a region covers, whether a place lies in it, where regions overlap.

A region is whole states and/or districts (5-digit AGS of BKG VG5000 `KRS`). A place lies in it when
the AGS of its municipality starts with one of the region's districts or states: a lookup in a set,
no geometry, because every actor's municipality AGS is known after loading (the register's from the
build, named actors' from the BKG municipality table).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

import geodata
from geodata.population import district_population, population_of

from .records.model import Actor, Place, Region


def district_codes(region: Region) -> frozenset[str]:
    """The region's districts, whole states expanded to all their districts."""
    states = set(region.states)
    return frozenset(region.districts) | {code for code, d in geodata.districts().items() if d.state in states}


def population_districts(region: Region) -> frozenset[str]:
    """The region's districts as the population register keys them: whole states as every district
    of the state in the register (the register has merged Eisenach into the Wartburgkreis, which the
    2021 boundaries still draw apart)."""
    states = set(region.states)
    in_states = {code for code in district_population() if geodata.state_of_ags(code) in states}
    return frozenset(region.districts) | in_states


def region_population(region: Region) -> int | None:
    """Inhabitants of the region on the register's reference date; None when a district of the
    region is not in the register."""
    return population_of(population_districts(region))


def place_ags(place: Place) -> str | None:
    """The municipality AGS of a located place; looked up from the point where it is missing."""
    if place.ags:
        return place.ags
    if place.lat is None or place.lon is None:
        return None
    found = geodata.district_of_point(place.lat, place.lon)
    return None if found is None else found["ags"]


def covers(region: Region, place: Place) -> bool:
    ags = place_ags(place)
    return ags is not None and (ags[:5] in region.districts or geodata.state_of_ags(ags) in region.states)


def region_problems(region: Region, seat: Place | None) -> list[tuple[str, str]]:
    """(field, message) for each district that BKG does not know and for a seat outside the region."""
    known = geodata.districts()
    problems = [
        (f"districts.{i}", f"no BKG district (KRS) has the AGS {code}")
        for i, code in enumerate(region.districts)
        if code not in known
    ]
    problems += [
        (f"states.{i}", f"unknown state code '{code}'")
        for i, code in enumerate(region.states)
        if code not in geodata.STATE_CODES
    ]
    if seat is not None and not problems and not covers(region, seat):
        where = f"{seat.city} (AGS {place_ags(seat) or 'unknown'})"
        problems.append(("districts", f"the cluster's seat {where} lies outside its region"))
    return problems


def overlaps(regions: Mapping[str, Region]) -> dict[tuple[str, str], list[str]]:
    """Pairs of clusters whose regions share districts, with the shared AGS codes (sorted). Overlaps
    are allowed (BioPark Regensburg's eastern Bavaria and the Nuremberg region share the Upper
    Palatinate's west); this is for showing them, not for refusing them."""
    codes = {cluster_id: district_codes(region) for cluster_id, region in regions.items()}
    shared = {}
    for first, second in combinations(sorted(codes), 2):
        common = codes[first] & codes[second]
        if common:
            shared[(first, second)] = sorted(common)
    return shared


class RegionIndex:
    """Which actors lie in which region, computed once per dataset."""

    def __init__(self, regions: Mapping[str, Region], actors: Iterable[Actor]):
        self._inside: dict[str, list[Actor]] = {cluster_id: [] for cluster_id in regions}
        self._clusters: dict[str, list[str]] = {}
        for actor in actors:
            for cluster_id, region in regions.items():
                if covers(region, actor.place):
                    self._inside[cluster_id].append(actor)
                    self._clusters.setdefault(actor.id, []).append(cluster_id)

    def actors_in(self, cluster_id: str, listed_only: bool = True) -> list[Actor]:
        return [a for a in self._inside.get(cluster_id, []) if a.listing is not None or not listed_only]

    def clusters_of(self, actor: Actor) -> list[str]:
        return list(self._clusters.get(actor.id, []))
