"""Text search that ignores case and diacritics: "munchen" finds "München", "Lubeck" "Lübeck"."""

from __future__ import annotations

from collections.abc import Iterable

import geodata

from .records.text import fold, without_umlaut_spelling


def matches(query: str, texts: Iterable[str]) -> bool:
    """True when every word of the query occurs in one of the texts (empty query matches all).

    Umlauts may be typed as ä, as ae or as a plain vowel: "munchen", "muenchen" and "München" all
    find "München".
    """
    words = fold(query).split()
    if not words:
        return True
    haystack = without_umlaut_spelling(" | ".join(fold(t) for t in texts if t))
    return all(without_umlaut_spelling(word) in haystack for word in words)


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
