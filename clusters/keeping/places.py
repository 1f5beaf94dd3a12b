"""Places of a member list, found offline in the BKG municipality table: exact, a variant or a
misspelling that fits one municipality only, or a problem (ambiguous, unknown) — never a guess."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

import geodata

from ..records.text import fold

CLOSE_MATCH_CUTOFF = 0.9
"""difflib's similarity a misspelt place must reach ("Munchen" ~ "München" is 0.93)."""
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class PlaceMatch:
    """`status`: exact, corrected (a variant or misspelling that fits one municipality only),
    ambiguous (several fit: `candidates`), unknown."""

    written: str
    status: str
    municipality: geodata.Municipality | None = None
    candidates: tuple[geodata.Municipality, ...] = ()

    @property
    def found(self) -> bool:
        return self.municipality is not None


@cache
def _towns() -> tuple[geodata.Municipality, ...]:
    rows = geodata.municipalities().itertuples(index=False)
    return tuple(geodata.Municipality(r.ags, r.name, r.bez, r.state, float(r.lat), float(r.lon)) for r in rows)


@cache
def _town_index() -> tuple[dict[str, list], dict[str, list], dict[str, list], dict[int, list[str]]]:
    exact: dict[str, list] = {}
    folded_case: dict[str, list] = {}
    folded: dict[str, list] = {}
    for town in _towns():
        names = {town.name, town.name.split(",")[0].strip()}
        for name in names:
            exact.setdefault(" ".join(name.split()), []).append(town)
            folded_case.setdefault(" ".join(name.split()).casefold(), []).append(town)
            folded.setdefault(fold(name), []).append(town)
    by_length: dict[int, list[str]] = {}
    for key in folded:
        by_length.setdefault(len(key), []).append(key)
    return exact, folded_case, folded, by_length


def _distinct(towns, state: str | None) -> tuple[geodata.Municipality, ...]:
    unique = {town.ags: town for town in towns if state is None or town.state == state}
    return tuple(sorted(unique.values(), key=lambda town: (town.name, town.state)))


@cache
def locate(written: str, state: str | None = None) -> PlaceMatch:
    """The municipality a written place name means, offline: the exact BKG name first, then the
    same name in other case, then with umlauts and punctuation folded, then the one name that
    starts with it ("Frankfurt" -> "Frankfurt am Main", only if no other does), then a close
    spelling (difflib, high cutoff). The first of these that finds anything decides: one town is a
    match, several are reported, never chosen from."""
    text = " ".join(written.split())
    exact, folded_case, folded, by_length = _town_index()
    key = fold(text)

    def starting_with() -> list:
        return [town for name, towns in folded.items() if name.startswith(key + " ") for town in towns]

    def close() -> list:
        near = [k for size in range(len(key) - 3, len(key) + 4) for k in by_length.get(size, [])]
        names = difflib.get_close_matches(key, near, n=20, cutoff=CLOSE_MATCH_CUTOFF)
        return [town for name in names for town in folded[name]]

    tiers = (
        lambda: exact.get(text, []),
        lambda: folded_case.get(text.casefold(), []),
        lambda: folded.get(key, []),
        starting_with,
        close,
    )
    for number, tier in enumerate(tiers):
        if number == 3 and len(key) < 3:
            break
        towns = _distinct(tier(), state)
        if len(towns) == 1:
            return PlaceMatch(text, "exact" if number == 0 else "corrected", towns[0])
        if towns:
            return PlaceMatch(text, "ambiguous", candidates=towns)
    return PlaceMatch(text, "unknown")


def stored_city(town: geodata.Municipality) -> str:
    """The name the loader will find again: the table's name, or its part before a comma."""
    short = town.name.split(",")[0].strip()
    for name in (short, town.name):
        try:
            if geodata.find_municipality(name, state=town.state).ags == town.ags:
                return name
        except LookupError:
            continue
    return town.name


def state_code(text: str) -> str | None:
    """A state as code (BY, DE-BY) or name (Bayern, Bavaria); None if it is none."""
    wanted = fold(text)
    for state in geodata.STATES:
        if wanted in {fold(state.code), fold(state.iso), fold(state.name_de), fold(state.name_en)}:
            return state.code
    return None
