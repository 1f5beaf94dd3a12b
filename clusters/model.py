"""Records of the Cluster Atlas domain: sourced figures, clusters, actors, projects.

Every number that the app shows is a `Figure`: it knows its qualifier ("mehr als 250" is
`>250`, not 250), its year and the document section it was read from. Unknown is `None`,
never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

RecordId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]

FIGURE_FIELDS: tuple[str, ...] = (
    "founded",
    "management_staff",
    "actors",
    "smes",
    "large_companies",
    "research_institutions",
)
"""The key figures that every cluster has a slot for, in display/export order."""

COUNT_FIELDS: tuple[str, ...] = FIGURE_FIELDS[1:]


class Qualifier(str, Enum):
    EXACT = ""
    MORE_THAN = ">"
    LESS_THAN = "<"
    ABOUT = "~"

    @property
    def is_bound(self) -> bool:
        return self in (Qualifier.MORE_THAN, Qualifier.LESS_THAN)


# Longest phrases first so that "mehr als" wins over a bare "als" and "knapp unter" over "unter".
_QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
    ("mehr als", Qualifier.MORE_THAN),
    ("more than", Qualifier.MORE_THAN),
    ("über", Qualifier.MORE_THAN),
    ("ueber", Qualifier.MORE_THAN),
    ("over", Qualifier.MORE_THAN),
    (">", Qualifier.MORE_THAN),
    ("knapp", Qualifier.LESS_THAN),
    ("fast", Qualifier.LESS_THAN),
    ("unter", Qualifier.LESS_THAN),
    ("almost", Qualifier.LESS_THAN),
    ("under", Qualifier.LESS_THAN),
    ("<", Qualifier.LESS_THAN),
    ("rund", Qualifier.ABOUT),
    ("ca.", Qualifier.ABOUT),
    ("circa", Qualifier.ABOUT),
    ("etwa", Qualifier.ABOUT),
    ("about", Qualifier.ABOUT),
    ("around", Qualifier.ABOUT),
    ("~", Qualifier.ABOUT),
)


def parse_qualifier(text: str) -> Qualifier:
    """The qualifier a source's wording implies: "mehr als 250" -> `>`, "rund 500" -> `~`."""
    lowered = " " + " ".join(text.lower().split()) + " "
    for word, qualifier in _QUALIFIER_WORDS:
        if word in "<>~":
            if lowered.strip().startswith(word):
                return qualifier
        elif re.search(r"(?<![\w.])" + re.escape(word) + r"(?![\w])", lowered):
            return qualifier
    return Qualifier.EXACT


def parse_quantity(text: str) -> tuple[float | int, Qualifier]:
    """Number and qualifier from a German wording: "mehr als 250" -> (250, >), "13,5" -> 13.5."""
    match = re.search(r"\d[\d.]*(?:,\d+)?", text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    digits = match.group(0)
    if "," in digits:
        number: float | int = float(digits.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        number = int(digits.replace(".", ""))  # German thousands separator: 18.500
    elif "." in digits:
        number = float(digits)
    else:
        number = int(digits)
    return number, parse_qualifier(text[: match.start()] + " " + text[match.start() :])


class Text(BaseModel):
    """A text the UI shows, in both languages. Proper names need no translation."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    en: str
    de: str

    def get(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


class SourceRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    file: str = Field(min_length=1)
    section: str = Field(min_length=1)


class Figure(BaseModel):
    """One sourced number. `quote` keeps the source's own wording."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    value: float | int = Field(ge=0)
    qualifier: Qualifier = Qualifier.EXACT
    unit: str = ""
    year: int
    source: SourceRef
    quote: str = ""
    note: str = ""

    @field_validator("value")
    @classmethod
    def _integral_values_are_ints(cls, value: float | int) -> float | int:
        return int(value) if float(value).is_integer() else value

    @property
    def is_exact(self) -> bool:
        return self.qualifier is Qualifier.EXACT

    def format(self, number_format=None) -> str:
        return format_figure(self, number_format)


def _plain_number(value: float | int) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def format_figure(figure: Figure | None, number_format=None) -> str:
    """`>250`, `~150`, `<200`, `13.5`; unknown is `n/a`, never 0.

    `number_format` turns a number into text for the UI language (e.g. Babel's); without it
    numbers get an English thousands separator.
    """
    if figure is None:
        return "n/a"
    text = (number_format or _plain_number)(figure.value)
    return f"{figure.qualifier.value}{text}"


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    file: str
    title: str
    publisher: str
    date: dt.date
    language: str = "de"
    kind: Text
    takes: Text


class FocusRef(BaseModel):
    """A focus area as the source words it, mapped to the controlled vocabulary."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    area: str
    wording: str


class Place(BaseModel):
    """A city-level location. Coordinates come from the BKG municipality table, not by hand."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    city: str
    state: str = Field(pattern=r"^[A-Z]{2}$")
    ags: str | None = Field(default=None, pattern=r"^\d{8}$")
    lat: float | None = None
    lon: float | None = None
    precision: str = "municipality"


class ExtraFigure(Figure):
    """A figure beyond the key figures (employees, value added, FTE over time ...)."""

    key: str
    label: Text


class Cluster(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    short_name: str
    seat: Place
    states: list[str] = Field(default_factory=list)
    founded: Figure | None = None
    management_staff: Figure | None = None
    actors: Figure | None = None
    smes: Figure | None = None
    large_companies: Figure | None = None
    research_institutions: Figure | None = None
    focus: list[FocusRef] = Field(default_factory=list)
    focus_source: SourceRef | None = None
    region: Text
    website: str | None = None
    sources: list[str] = Field(min_length=1)
    more_figures: list[ExtraFigure] = Field(default_factory=list)
    context: list[Text] = Field(default_factory=list)

    @property
    def state(self) -> str:
        return self.seat.state

    @property
    def focus_areas(self) -> list[str]:
        """Vocabulary ids in source order, each once."""
        return list(dict.fromkeys(ref.area for ref in self.focus))

    def figure(self, name: str) -> Figure | None:
        return getattr(self, name)

    @model_validator(mode="after")
    def _figures_agree(self) -> Cluster:
        if self.founded is not None and self.founded.value > dt.date.today().year:
            raise ValueError(f"founded: founding year {self.founded.value} lies in the future")
        parts = (self.smes, self.large_companies, self.actors)
        if all(f is not None and f.is_exact for f in parts):
            if self.smes.value + self.large_companies.value > self.actors.value:
                raise ValueError(
                    f"smes: SMEs ({self.smes.value}) + large companies ({self.large_companies.value})"
                    f" exceed actors ({self.actors.value})"
                )
        return self


class ActorType(str, Enum):
    COMPANY = "company"
    UNIVERSITY = "university"
    UNIVERSITY_HOSPITAL = "university_hospital"
    HOSPITAL = "hospital"
    RESEARCH_INSTITUTE = "research_institute"
    NETWORK = "network"
    PUBLIC_BODY = "public_body"
    TECHNOLOGY_PARK = "technology_park"


class Actor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    type: ActorType
    place: Place
    clusters: list[str] = Field(default_factory=list)
    initiatives: list[str] = Field(default_factory=list)
    focus_areas: list[str] = Field(default_factory=list)
    source: SourceRef
    note: str = ""


class LighthouseProject(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    lead: str | None = None
    partners: list[str] = Field(default_factory=list)
    place: Place
    focus_areas: list[str] = Field(min_length=1)
    clusters: list[str] = Field(default_factory=list)
    initiative: str | None = None
    description: Text
    status: str | None = None
    start: str | None = None
    end: str | None = None
    source: SourceRef


class Initiative(BaseModel):
    """A regional initiative that is not one of the compared clusters (e.g. International Health Ruhr)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    organisation: str
    place: Place
    description: Text
    themes: list[str] = Field(default_factory=list)
    more_figures: list[ExtraFigure] = Field(default_factory=list)
    source: SourceRef


class FocusArea(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    label: Text
    wordings: list[str] = Field(default_factory=list)
    themes: list[str] = Field(min_length=1)


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    label: Text
    description: Text
    source: SourceRef
