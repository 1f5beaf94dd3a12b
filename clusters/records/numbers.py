"""The one reader of numbers written by people: data files' source wordings and uploaded cells.

"mehr als 1.250" and "more than 1,250.5" come from German and English writers, so a separator
alone does not say what it means. The rules:

* a space (also no-break or narrow no-break space) always groups thousands: ``1 250`` is 1250;
* with both ``.`` and ``,`` the last one is the decimal mark: ``1.250,5`` and ``1,250.5`` are 1250.5;
* a mark used twice or more groups thousands: ``1,250,000`` and ``1.250.000`` are 1250000;
* a single mark before other than exactly three digits is the decimal mark: ``13,5``, ``13.5``, ``1,25``;
* a single mark before exactly three digits could be either. ``1.250`` is read as 1250 (German
  grouping; English writers do not pad decimals with zeros), but ``1,250`` is 1.25 in German and
  1250 in English, so it is an error unless the writer's language is known (``lang``).

Errors are `NumberError`s with a code and plain values, never an English sentence: the UI
words them in the reader's language.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from enum import Enum

MAX_DIGITS = 15
"""A double holds 15 significant decimal digits exactly; more would be silently changed."""


class Qualifier(str, Enum):
    EXACT = ""
    MORE_THAN = ">"
    LESS_THAN = "<"
    ABOUT = "~"

    @property
    def is_bound(self) -> bool:
        return self in (Qualifier.MORE_THAN, Qualifier.LESS_THAN)


QUALIFIER_WORDS: dict[str, Qualifier] = {
    "mehr als": Qualifier.MORE_THAN,
    "über": Qualifier.MORE_THAN,
    "ueber": Qualifier.MORE_THAN,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    ">": Qualifier.MORE_THAN,
    "rund": Qualifier.ABOUT,
    "ca.": Qualifier.ABOUT,
    "circa": Qualifier.ABOUT,
    "etwa": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    "fast": Qualifier.LESS_THAN,
    "knapp": Qualifier.LESS_THAN,
    "almost": Qualifier.LESS_THAN,
    "unter": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "<": Qualifier.LESS_THAN,
}
_SYMBOLS = {word for word in QUALIFIER_WORDS if not word[0].isalpha()}
# Longest first, so that "more than" is tried before a shorter word at the same place.
_ALTERNATIVES = "|".join(re.escape(word) for word in sorted(QUALIFIER_WORDS, key=len, reverse=True))
# A cell starts with its qualifier; a word must not run on into letters ("overall" is not "over").
_LEADING_QUALIFIER = re.compile(rf"^({_ALTERNATIVES})(?![^\W\d_])\s*", re.IGNORECASE)
# In running text a word must stand alone ("Überblick" holds no "über"); symbols count only at
# the very start, since "<" and "~" in prose are arrows and ranges more often than qualifiers.
_WORD_IN_TEXT = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True) if w not in _SYMBOLS)
    + r")(?!\w)",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"\d(?:[\d., ]*\d)?", re.ASCII)
# In prose only no-break spaces group digits: "im Jahr 2018 250 Akteure" holds two numbers.
NUMBER_IN_TEXT = re.compile(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*", re.ASCII)
_MINUS = ("-", "\u2212", "\u2013")
_NOT_FINITE = {"inf", "infinity", "nan", "∞", "+inf", "+infinity", "+∞"}


class NumberError(ValueError):
    """Why a text is no usable number: `code` names the rule, `params` holds plain values for the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def parse_figure_text(text: str, lang: str | None = None) -> tuple[float | int, Qualifier]:
    """A cell such as "mehr als 1.250", "~150", "about 13.5" as (value, qualifier).

    `lang` ("en"/"de") is the writer's language when it is known; it only settles "1,250".
    """
    flat = " ".join(str(text).split())
    if not flat:
        raise NumberError("not_a_number", text=text)
    qualifier = Qualifier.EXACT
    match = _LEADING_QUALIFIER.match(flat)
    if match:
        qualifier = QUALIFIER_WORDS[match.group(1).lower()]
        flat = flat[match.end() :]
    return parse_number(flat, lang, original=text), qualifier


def parse_number(token: str, lang: str | None = None, original: str | None = None) -> float | int:
    """A bare number ("1.250", "13,5", "1 250") as int (when whole) or float; see the module rules."""
    original = token if original is None else original
    flat = " ".join(token.split())
    if flat.startswith(_MINUS) and len(flat) > 1 and (flat[1].isdigit() or flat[1] in ".,"):
        raise NumberError("negative", text=original)
    if flat.lower().lstrip("-\u2212") in _NOT_FINITE:
        raise NumberError("not_finite", text=original)
    if not _TOKEN.fullmatch(flat):
        raise NumberError("not_a_number", text=original)
    whole, fraction = _split(flat, lang, original)
    return _value(whole, fraction, original)


def check_number(value: float) -> float | int:
    """A number a spreadsheet stored as a number, held to the same rules as a written one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NumberError("not_a_number", text=str(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise NumberError("not_finite", text=str(value))
    if value < 0:
        raise NumberError("negative", text=str(value))
    if value == 0:
        return 0
    if isinstance(value, int):
        if value >= 10**MAX_DIGITS:  # no str(): it refuses ints of more than 4,300 digits
            digits = int(value.bit_length() * math.log10(2)) + 1
            raise NumberError("too_many_digits", text=f"~1e{digits - 1}", digits=digits, limit=MAX_DIGITS)
        return value
    # A formula's result (=A1/3) carries 17 digits; like the spreadsheet, show and keep 15.
    written = format(Decimal(f"{value:.{MAX_DIGITS}g}"), "f")
    whole, _, fraction = written.partition(".")
    return _value(whole, fraction, written)


def _split(flat: str, lang: str | None, original: str) -> tuple[str, str]:
    """(whole digits, fraction digits) of a token of digits, spaces, dots and commas."""
    marks = [char for char in flat if char in ".,"]
    if " " in flat:
        if len(marks) > 1:
            raise NumberError("not_a_number", text=original)
        whole, _, fraction = re.split(r"([.,])", flat) if marks else (flat, "", "")
        if not re.fullmatch(r"[0-9]*", fraction):
            raise NumberError("not_a_number", text=original)
        return _grouped(whole, " ", original), fraction
    if not marks:
        return flat, ""
    if len(set(marks)) == 2:
        decimal_mark = marks[-1]
        if marks.count(decimal_mark) > 1:
            raise NumberError("not_a_number", text=original)
        whole, fraction = flat.split(decimal_mark)
        return _grouped(whole, marks[0], original), fraction
    mark = marks[0]
    if len(marks) > 1:
        return _grouped(flat, mark, original), ""
    whole, fraction = flat.split(mark)
    # A group of thousands has exactly three digits and never follows a lone leading zero.
    could_be_grouping = len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0")
    if not could_be_grouping:
        return whole, fraction
    if mark == "." and lang != "en":
        return whole + fraction, ""
    if mark == "," and lang == "en":
        return whole + fraction, ""
    if mark == "," and lang != "de":
        raise NumberError(
            "ambiguous", text=original, grouped=int(whole + fraction), decimal=float(f"{whole}.{fraction}")
        )
    return whole, fraction


def _grouped(whole: str, separator: str, original: str) -> str:
    if not re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(separator) + r"\d{3})+", whole):
        raise NumberError("not_a_number", text=original)
    return whole.replace(separator, "")


def _value(whole: str, fraction: str, original: str) -> float | int:
    fraction = fraction.rstrip("0")
    significant = (whole + fraction).lstrip("0")
    if len(significant) > MAX_DIGITS:
        raise NumberError("too_many_digits", text=original, digits=len(significant), limit=MAX_DIGITS)
    return float(f"{whole}.{fraction}") if fraction else int(whole)


def find_qualifier(text: str) -> Qualifier:
    """The qualifier that a running text's first qualifying word or leading symbol implies."""
    stripped = text.strip()
    if stripped[:1] in _SYMBOLS:
        return QUALIFIER_WORDS[stripped[:1]]
    match = _WORD_IN_TEXT.search(text)
    return QUALIFIER_WORDS[match.group(1).lower()] if match else Qualifier.EXACT
