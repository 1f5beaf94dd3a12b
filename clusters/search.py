"""Text search that ignores case and diacritics: "munchen" finds "München", "Lubeck" "Lübeck"."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import geodata

# Letters that Unicode does not decompose into base letter + accent.
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip accents and umlaut dots, collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def matches(query: str, texts: Iterable[str]) -> bool:
    """True when every word of the query occurs in one of the texts (empty query matches all).

    Umlauts are also accepted in their spelled-out form, so "muenchen" finds "München" too.
    """
    words = fold(query).split()
    if not words:
        return True
    haystack = " | ".join(fold(t) for t in texts if t)
    return all(word in haystack or _umlaut_spelled_out(word) in haystack for word in words)


def _umlaut_spelled_out(word: str) -> str:
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def cluster_search_texts(cluster, dataset) -> list[str]:
    """What a cluster can be found by: names, seat, states (both languages), focus areas."""
    texts = [cluster.id, cluster.name, cluster.short_name, cluster.seat.city]
    for code in cluster.state_codes:
        state = geodata.state_by_code(code)
        texts += [code, state.name_de, state.name_en]
    for ref in cluster.focus:
        area = dataset.focus_areas[ref.area]
        texts += [ref.wording, area.label.en, area.label.de]
    return texts
