"""Every figure's value must agree with its quote, read by the project's number reader.

A figure keeps the source's own wording in `quote`; this check reads that wording with
`clusters.records.numbers` (the same rules as uploads, in the source's language) and asks two things:

* the quote holds a number equal to the figure's value ("rund 49.900" is 49900, "13,5" is 13.5,
  "4,3 Mrd." with unit bn EUR is 4.3);
* the qualifier worded right before that number ("mehr als 250", "rund 500", "knapp 49.900") is
  the figure's qualifier. Only a qualifier right before the number counts: in "über 600 Firmen mit
  50.000 Arbeitsplätzen" the 50.000 is exact.

What the reader deliberately does not read is declared below as data: spelled-out numbers by a
rule, everything else figure by figure, each with its reason. Problems are `DataIssue`s whose
message is a code with plain values (see `quote_problems`), never a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..dataset import FILES, DataIssue, Dataset
from ..records.model import FIGURE_FIELDS, Figure
from ..records.numbers import NUMBER_IN_TEXT, NumberError, Qualifier, parse_figure_text, parse_number

FigureKey = tuple[str, str, str]
"""(file, record, field) of a figure, as its `DataIssue` names it: `("clusters.yaml", "bio-m", "actors")`."""

# --- the deliberate exceptions ----------------------------------------------------------------

# Rule: sources spell small counts out ("neun Personen", "zehn Großunternehmen", "seven regional
# universities"); the number reader reads digits only, so these words count as their numbers.
NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(("ein", "eine", "eins", "one"), 1),
    **{"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9},
    **{"zehn": 10, "elf": 11, "zwölf": 12, "dutzend": 12},
    **{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9},
    **{"ten": 10, "eleven": 11, "twelve": 12, "dozen": 12},
}

# Rule: a founding year may be quoted inside a date ("seit dem 18.03.2015"), which is no number;
# for `founded` (and its history) the date's year counts.
DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{4})", re.ASCII)
YEAR_FIELDS = ("founded", "history.founded.")

# Figure by figure: (file, record, field) -> the value the exception is for. When the value
# changes, the exception no longer applies and the new value is checked against its quote again.
EXCEPTIONS: dict[FigureKey, float | int] = {
    # A sum: "zwei Universitäten sowie 12 außeruniversitäre Forschungseinrichtungen" are 2 + 12.
    ("clusters.yaml", "biosaxony", "research_institutions"): 14,
    # The web page groups thousands with a plain space ("50 000"): in prose the reader reads 50 and 0.
    ("clusters.yaml", "biovalley-deutschland", "region_figures.1"): 50000,
}

# --- the check ----------------------------------------------------------------------------------

_NUMBER_WORD = re.compile(
    r"(?<![^\W\d_])(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![^\W\d_])", re.IGNORECASE
)
# A qualifier stands before its number after a space or an opening bracket or quotation mark.
_WORD_START = re.compile(r"(?<![^\s(\[„“\"‚'])[^\s(\[„“\"‚']")
# A currency sign may stand between qualifier and number: "approximately €9.5 billion".
_CURRENCY_AT_END = re.compile(r"[€$£]\s*$")
_LETTER_BEFORE = re.compile(r"[^\W\d_]$")
_NEAREST_WORDS = 3
"""How many words before a number may hold its qualifier: "mehr als" and "more than" are two."""


@dataclass(frozen=True)
class QuotedNumber:
    """A number read from a quote: where it stands, its value, and the qualifier worded right before it."""

    start: int
    end: int
    value: float | int
    qualifier: Qualifier


def quoted_numbers(quote: str, lang: str = "de", years_in_dates: bool = False) -> list[QuotedNumber]:
    """Every number in `quote` in reading order: digits read by `parse_number` in the writer's
    language `lang`, spelled-out `NUMBER_WORDS`, and with `years_in_dates` the year of a date.
    Digits that are part of a word ("CI3") and tokens the reader refuses are left out."""
    found: list[tuple[int, int, float | int, str]] = []  # start, end, value, the number as digits
    for match in NUMBER_IN_TEXT.finditer(quote):
        token = match.group(0)
        if _LETTER_BEFORE.search(quote[: match.start()]):
            continue
        date = DATE.fullmatch(token)
        if date:
            if years_in_dates:
                found.append((match.start(), match.end(), int(date.group(1)), date.group(1)))
            continue
        try:
            found.append((match.start(), match.end(), parse_number(token, lang), token))
        except NumberError:
            continue
    for match in _NUMBER_WORD.finditer(quote):
        value = NUMBER_WORDS[match.group(1).lower()]
        found.append((match.start(), match.end(), value, str(value)))
    found.sort()
    numbers, previous_end = [], 0
    for start, end, value, digits in found:
        before = quote[previous_end:start]
        numbers.append(QuotedNumber(start, end, value, _qualifier_before(before, digits, lang)))
        previous_end = end
    return numbers


def _qualifier_before(text: str, digits: str, lang: str) -> Qualifier:
    """The qualifier that ends `text` right before a number, as `parse_figure_text` reads a cell
    ("mehr als 250"): tried from the nearest word back, at most `_NEAREST_WORDS` words."""
    text = _CURRENCY_AT_END.sub(" ", text)
    starts = [match.start() for match in _WORD_START.finditer(text)][-_NEAREST_WORDS:]
    for start in reversed(starts):
        try:
            _, qualifier = parse_figure_text(text[start:] + digits, lang)
        except NumberError:
            continue
        if qualifier is not Qualifier.EXACT:
            return qualifier
    return Qualifier.EXACT


def figure_problem(figure: Figure, lang: str = "de", field: str = "") -> str | None:
    """Why `figure` disagrees with its quote, as a code with values, or None when it agrees:

    * `quote-missing: value V` — the figure has no quote;
    * `quote-disagrees: value V, numbers in quote: A, B` (`-` for none) — no number equals V;
    * `qualifier-disagrees: value V, qualifier Q, in quote R` — the quote words V with another
      qualifier (`>`, `<`, `~`, `=` for exact).

    `lang` is the source's language; `field` is the figure's path (dates count only for `founded`).
    """
    value = figure.value
    if not figure.quote.strip():
        return f"quote-missing: value {value}"
    numbers = quoted_numbers(figure.quote, lang, years_in_dates=field.startswith(YEAR_FIELDS))
    equal = [number for number in numbers if number.value == value]
    if not equal:
        read = ", ".join(str(n) for n in dict.fromkeys(number.value for number in numbers)) or "-"
        return f"quote-disagrees: value {value}, numbers in quote: {read}"
    if any(number.qualifier is figure.qualifier for number in equal):
        return None
    return (
        f"qualifier-disagrees: value {value}, qualifier {_shown(figure.qualifier)}, "
        f"in quote {_shown(equal[0].qualifier)}"
    )


def _shown(qualifier: Qualifier) -> str:
    return qualifier.value or "="


def quoted_figures(dataset: Dataset) -> Iterator[tuple[FigureKey, Figure]]:
    """Every figure with a quote, keyed by (file, record, field): a cluster's key figures
    (`actors`), their earlier values (`history.actors.0`), its further figures (`more_figures.3`) and
    those about its region (`region_figures.0`),
    and an initiative's further figures. Paths are written as the loader writes them."""
    for cluster in dataset.clusters.values():
        for name in FIGURE_FIELDS:
            figure = cluster.figure(name)
            if figure is not None:
                yield (FILES["clusters"], cluster.id, name), figure
            for index, earlier in enumerate(cluster.history.get(name, [])):
                yield (FILES["clusters"], cluster.id, f"history.{name}.{index}"), earlier
        for listed in ("more_figures", "region_figures"):
            for index, figure in enumerate(getattr(cluster, listed)):
                yield (FILES["clusters"], cluster.id, f"{listed}.{index}"), figure
    for initiative in dataset.initiatives.values():
        for index, figure in enumerate(initiative.more_figures):
            yield (FILES["initiatives"], initiative.id, f"more_figures.{index}"), figure


def quote_problems(dataset: Dataset, exceptions: Mapping[FigureKey, float | int] = EXCEPTIONS) -> list[DataIssue]:
    """One `DataIssue` for each figure whose value or qualifier disagrees with its quote (see
    `figure_problem` for the messages), except the declared `exceptions` for their values."""
    issues = []
    for key, figure in quoted_figures(dataset):
        if key in exceptions and exceptions[key] == figure.value:
            continue
        source = dataset.sources.get(figure.source.file)
        problem = figure_problem(figure, source.language if source else "de", key[2])
        if problem:
            issues.append(DataIssue(*key, problem))
    return issues


def unused_exceptions(dataset: Dataset, exceptions: Mapping[FigureKey, float | int] = EXCEPTIONS) -> list[FigureKey]:
    """The declared exceptions that no longer excuse anything in `dataset`: the figure is gone,
    has another value, or agrees with its quote now. Meant for the shipped data (other datasets
    lack its records)."""
    figures = dict(quoted_figures(dataset))
    unused = []
    for key, value in exceptions.items():
        figure = figures.get(key)
        source = dataset.sources.get(figure.source.file) if figure else None
        lang = source.language if source else "de"
        if figure is None or figure.value != value or figure_problem(figure, lang, key[2]) is None:
            unused.append(key)
    return unused


def fact_problems(dataset: Dataset) -> list[DataIssue]:
    """A project fact's number must stand in its quote (read in German or English, a date's year
    counting as a year): `fact-number-not-in-quote: number N, numbers in quote: A, B`."""
    issues = []
    for project in dataset.projects.values():
        for index, fact in enumerate(project.facts):
            if fact.number is None:
                continue
            read = {n.value for lang in ("de", "en") for n in quoted_numbers(fact.quote, lang, years_in_dates=True)}
            if fact.number not in read:
                shown = ", ".join(str(n) for n in sorted(read)) or "-"
                issues.append(
                    DataIssue(
                        FILES["projects"],
                        project.id,
                        f"facts.{index}.number",
                        f"fact-number-not-in-quote: number {fact.number}, numbers in quote: {shown}",
                    )
                )
    return issues
