"""German boundaries and places from the official BKG VG5000 data (dl-de/by-2-0)."""

from .boundaries import (
    ATTRIBUTION,
    ATTRIBUTION_URL,
    BORDER_TOLERANCE_M,
    DISTRICTS_URL,
    GERMANY_BOUNDS,
    LICENCE,
    LICENCE_URL,
    STATE_CODES,
    STATES,
    Municipality,
    State,
    district_of_point,
    districts_geojson,
    find_municipality,
    germany_bounds,
    in_germany,
    load_districts,
    load_states,
    municipalities,
    state_by_code,
    state_of_point,
    states_geojson,
)

__all__ = [
    "ATTRIBUTION", "ATTRIBUTION_URL", "BORDER_TOLERANCE_M", "DISTRICTS_URL", "GERMANY_BOUNDS", "LICENCE",
    "LICENCE_URL", "STATES", "STATE_CODES", "Municipality", "State",
    "district_of_point", "districts_geojson", "find_municipality", "germany_bounds", "in_germany",
    "load_districts", "load_states", "municipalities", "state_by_code", "state_of_point", "states_geojson",
]
