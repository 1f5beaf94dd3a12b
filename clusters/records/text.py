"""Text folding: one way to compare names and search words whatever their spelling."""

from __future__ import annotations

import re
import unicodedata

# German umlauts as German writes them without dots; letters Unicode does not decompose likewise.
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "ł": "l", "đ": "d"}
)


def fold(text: str) -> str:
    """Case, umlauts (ä -> ae, ß -> ss), other accents and punctuation folded away; words kept."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("&", " und ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def without_umlaut_spelling(folded: str) -> str:
    """`muenchen` -> `munchen`: a folded text as someone typing without umlauts would write it."""
    return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u")


_CONTROL_OR_BIDI = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_control_or_bidi(text: str) -> bool:
    """Control characters or bidi overrides: a name holding one would reorder or hide text around it."""
    return _CONTROL_OR_BIDI.search(text) is not None
