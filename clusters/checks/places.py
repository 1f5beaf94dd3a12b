"""Places of records: coordinates from the BKG municipality table, checked against their state."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

import geodata
from geodata.postcodes import PRECISION as POSTCODE_PRECISION
from geodata.postcodes import postcode_points

from ..dataset import DataIssue
from ..records.model import Actor, Place, SourceRef

M = TypeVar("M", bound=BaseModel)

_STATE_AGS = {state.ags: state.code for state in geodata.STATES}


def locate_place(place: Place, file: str, record: str, issues: list[DataIssue], attr: str = "place") -> Place:
    """Give a place its coordinates from the BKG municipality table and check them."""
    resolved = place
    ags_state = _STATE_AGS.get((place.ags or "")[:2])
    if place.lat is not None and place.lon is not None and ags_state and ags_state != place.state:
        # Only generated rows give a point and an AGS together: this one was edited by hand.
        issues.append(
            DataIssue(
                file,
                record,
                f"{attr}.ags",
                f"AGS {place.ags} lies in {ags_state}, not in the declared state {place.state}",
            )
        )
    if place.lat is None or place.lon is None:
        try:
            town = geodata.find_municipality(place.city, state=place.state, ags=place.ags)
        except LookupError as exc:
            try:  # a unique town in another state: report the state mismatch below, more helpfully
                town = geodata.find_municipality(place.city, ags=place.ags)
            except LookupError:
                issues.append(DataIssue(file, record, f"{attr}.city", str(exc)))
                return place
        resolved = place.model_copy(update={"lat": town.lat, "lon": town.lon, "ags": town.ags})
    if not geodata.in_germany(resolved.lat, resolved.lon):
        issues.append(
            DataIssue(file, record, f"{attr}.lat", f"coordinates ({resolved.lat}, {resolved.lon}) lie outside Germany")
        )
    else:
        found = geodata.state_of_point(resolved.lat, resolved.lon)
        if found != place.state:
            issues.append(
                DataIssue(
                    file,
                    record,
                    f"{attr}.state",
                    f"point ({resolved.lat}, {resolved.lon}) lies in {found}, not in the declared state {place.state}",
                )
            )
    return resolved


def locate_all(items: dict[str, M], attr: str, file: str, issues: list[DataIssue]) -> dict[str, M]:
    return {
        key: item.model_copy(update={attr: locate_place(getattr(item, attr), file, key, issues, attr)})
        for key, item in items.items()
    }


def at_postcode(actor: Actor, file: str, issues: list[DataIssue], postcode_source: str) -> Actor:
    """A named actor with a postcode sits at that postcode's GeoNames point in its municipality's
    district (precision "postcode"); a postcode of another district is reported, never guessed."""
    if actor.postcode is None or actor.place.precision != "municipality" or not actor.place.ags:
        return actor
    points = [p for p in postcode_points(actor.postcode) if p.district == actor.place.ags[:5]]
    if not points:
        issues.append(
            DataIssue(
                file, actor.id, "postcode", f"postcode {actor.postcode} does not lie in {actor.place.city}'s district"
            )
        )
        return actor
    point = next((p for p in points if p.place == actor.place.city), points[0])
    place = actor.place.model_copy(update={"lat": point.lat, "lon": point.lon, "precision": POSTCODE_PRECISION})
    return actor.model_copy(
        update={"place": place, "location_source": SourceRef(file=postcode_source, section=point.postcode)}
    )
