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
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Bidi marks, embeddings, overrides and isolates, and zero-width characters: invisible, they reorder
the text around them or hide what a name is."""
_LETTERS_BY_SCRIPT = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
}


def has_control_or_bidi(text: str) -> bool:
    """Control characters or bidi overrides: a name holding one would reorder or hide text around it."""
    return _CONTROL_OR_BIDI.search(text) is not None


def control_character(text: str) -> str | None:
    """The first control character (other than tab and line breaks) as `U+000B`, or None: a
    spreadsheet refuses them, and they have no place in a name."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def neutralised(text: str) -> str:
    """`text` without bidi controls and zero-width characters, which change how the text around
    them reads but show nothing themselves."""
    return _INVISIBLE.sub("", text)


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin with Greek or Cyrillic letters ("Ваyer" with a Cyrillic В): look-alikes
    that pass for another name."""
    return [
        word for word in text.split() if sum(1 for letters in _LETTERS_BY_SCRIPT.values() if letters.search(word)) > 1
    ]
