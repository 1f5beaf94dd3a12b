"""Records of the Cluster Atlas domain: sourced figures, clusters, actors, projects.

Every number that the app shows is a `Figure`: it knows its qualifier ("mehr als 250" is
`>250`, not 250), its year and the document section it was read from. Unknown is `None`,
never 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

# Qualifier lives with the number reader (which must not import the models); it is re-exported here.
from .numbers import NUMBER_IN_TEXT, Qualifier, find_qualifier, parse_number

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

SIZE_FIELDS: tuple[str, ...] = ("actors", "smes", "large_companies", "research_institutions")
"""Key figures that count something; each says what (`Figure.counts`), and only like is compared."""

WEBSITE = re.compile(
    r"(?:https?://)?(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#][^\s]*)?",
    re.IGNORECASE,
)
"""A web address as people write it: `https://www.example.de/path` or the bare domain `example.de`."""

FIGURE_LIMIT = 10**9
"""Every figure of the sources is far below this (the largest is a budget of ~300,000); a value
at or above it is a typo or a hostile file, and inf/1e308 break the charts' scales."""

FIRST_YEAR = 1800
LAST_FIGURE_YEAR = 2100
"""A figure's year, e.g. a plan's target year, may lie ahead; a founding year may not."""


def _shown_number(value: float | int) -> str:
    if isinstance(value, int) and value >= 10**15:  # "g" would overflow a float on 400 digits
        if value.bit_length() > 14_000:  # str() refuses ints beyond 4,300 digits
            return "a number of more than 4,000 digits"
        return f"a number of {len(str(value)):,} digits"
    return f"{value:,.6g}"


def _not_nan_or_inf(value):
    """A `mode="before"` check: NaN fails every comparison, so a bound such as `ge=0` would
    report it as a wrong sign; the plain message is clearer."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite number, not {value}")
    return value


def parse_qualifier(text: str) -> Qualifier:
    """The qualifier a source's wording implies: "mehr als 250" -> `>`, "rund 500" -> `~`."""
    return find_qualifier(text)


def parse_quantity(text: str) -> tuple[float | int, Qualifier]:
    """Number and qualifier from a German wording: "mehr als 250" -> (250, >), "13,5" -> 13.5.

    The number is the first one in the text, read by `clusters.records.numbers` (the same rules as
    uploads, with German as the writer's language); its qualifier is the one worded before it.
    Raises ValueError (a `NumberError` when the number itself is unusable).
    """
    match = NUMBER_IN_TEXT.search(text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    return parse_number(match.group(0), lang="de"), find_qualifier(text[: match.start()])


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


class Counts(str, Enum):
    """What a size figure counts, as its source words it: 250 association members and 500 companies
    in the same region are different things, and only like is compared with like."""

    MEMBERS = "members"
    """Members of the cluster association, or the cluster's registered member organisations."""
    PARTNERS = "partners"
    """Cluster or network partners, actors engaged in the cluster (no formal membership stated)."""
    PROJECT_PARTNERS = "project_partners"
    """Partners of a funded project or consortium."""
    COMPANIES_IN_REGION = "companies_in_region"
    """Companies located in the region, members or not."""
    INSTITUTIONS_IN_REGION = "institutions_in_region"
    """Research institutions located in the region."""
    EMPLOYEES = "employees"
    STAFF = "staff"
    """Staff of the cluster management."""
    OTHER = "other"


class FoundingEvent(str, Enum):
    """What a founding year means: a cluster renamed after a merger is not 'founded' that year."""

    FOUNDED = "founded"
    RENAMED = "renamed"
    MERGED = "merged"
    STARTED = "started"
    """A funded project's start."""


class Figure(BaseModel):
    """One sourced number. `quote` keeps the source's own wording."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    value: float | int = Field(ge=0)
    qualifier: Qualifier = Qualifier.EXACT
    unit: str = ""
    year: int
    source: SourceRef
    quote: str = ""
    note: Text | None = None
    counts: Counts | None = None
    """What a size figure counts; None where no source says (then it is compared with nothing)."""
    event: FoundingEvent | None = None
    """For a founding year: what happened that year."""

    _finite_value = field_validator("value", mode="before")(_not_nan_or_inf)

    @field_validator("value")
    @classmethod
    def _plausible_integral_values_are_ints(cls, value: float | int) -> float | int:
        if isinstance(value, float) and not math.isfinite(value):  # "inf" given as text
            raise ValueError(f"must be a finite number, not {value}")
        if value >= FIGURE_LIMIT:  # before float(): a 400-digit int would overflow it
            raise ValueError(f"{_shown_number(value)} is not a plausible figure: it must be below {FIGURE_LIMIT:,}")
        return int(value) if float(value).is_integer() else value

    @field_validator("year")
    @classmethod
    def _plausible_year(cls, year: int) -> int:
        if not FIRST_YEAR <= year <= LAST_FIGURE_YEAR:
            raise ValueError(f"{year} is not a plausible year: it must lie between {FIRST_YEAR} and {LAST_FIGURE_YEAR}")
        return year

    @property
    def is_exact(self) -> bool:
        return self.qualifier is Qualifier.EXACT


class SourceOrigin(str, Enum):
    """Who speaks: readers weigh a cluster's own claim differently from a ministry's or a third party's."""

    CLUSTER = "cluster"
    GOVERNMENT = "government"
    THIRD_PARTY = "third-party"


class Source(BaseModel):
    """A source: a document or a public web page. `file` is the key the records cite it by (the seed
    file's name, or `web-…` for a page); readers see the citation (publisher, short title, date, and
    the page's address), never the key."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    file: str
    title: str
    publisher: str
    date: dt.date | None
    """None for an undated web page: its figures must then name their year themselves."""
    date_is_year: bool = False
    """The page states only a year: the citation shows the year, not 1 January."""
    url: str | None = Field(default=None, pattern=r"^https?://[^\s]+$")
    origin: SourceOrigin
    short_title: str | None = None
    short_publisher: str | None = None
    language: str = "de"
    kind: Text
    takes: Text
    licence: str | None = None
    """Set where the document's licence differs from a quoted public document's (e.g. CC0 data)."""
    listing: bool = False
    """A systematic list of actors (a register), not a document quoted for figures: its date is the
    list's own and does not move the dataset's 'as of' date."""

    @model_validator(mode="after")
    def _listings_and_documents_are_dated(self) -> Source:
        if self.date is None and (self.listing or self.url is None):
            raise ValueError("date: only a web page (with `url`) may be undated")
        return self

    @property
    def cited_title(self) -> str:
        return self.short_title or self.title

    @property
    def cited_publisher(self) -> str:
        return self.short_publisher or self.publisher


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
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: str = "municipality"
    inferred: bool = False
    """True where the source names no such place and the record infers it (say why in `note`)."""
    note: Text | None = None

    _finite_coordinates = field_validator("lat", "lon", mode="before")(_not_nan_or_inf)


class ExtraFigure(Figure):
    """A figure beyond the key figures (employees, value added, FTE over time ...)."""

    key: str
    label: Text


class Programme(str, Enum):
    LEADING_EDGE_CLUSTER = "leading-edge-cluster"
    """BMBF Spitzencluster-Wettbewerb (rounds 2008, 2010, 2012)."""
    CLUSTERS4FUTURE = "clusters4future"
    """BMBF Zukunftscluster-Initiative (rounds 2021, 2023)."""


class Award(BaseModel):
    """A federal programme award, quoted like a figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    programme: Programme
    year: int = Field(ge=1990, le=LAST_FIGURE_YEAR)
    source: SourceRef
    quote: str = Field(min_length=1)
    note: Text | None = None


class ClusterKind(str, Enum):
    """What kind of cluster a record is, by the focus its sources state."""

    BIOTECH = "biotech"
    PHARMA = "pharma"
    MEDTECH = "medtech"
    LIFE_SCIENCES = "life_sciences"
    """Biotech, pharma and medtech together."""
    HEALTH_ECONOMY = "health_economy"
    BIOECONOMY = "bioeconomy"
    PROJECT_CONSORTIUM = "project_consortium"
    """A funded project consortium (a Leading-Edge Cluster or a Clusters4Future project)."""


class Lifecycle(str, Enum):
    ACTIVE = "active"
    ENDED = "ended"
    PART_OF = "part_of"
    """Run by another cluster, over its region: a part, not a peer."""
    RENAMED = "renamed"
    MERGED = "merged"


class ClusterStatus(BaseModel):
    """Whether a cluster works now, and if not since when and into what it went, with the words of the
    page that says so. A record without a stated status is active."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    value: Lifecycle = Lifecycle.ACTIVE
    year: int | None = Field(default=None, ge=FIRST_YEAR, le=LAST_FIGURE_YEAR)
    """The year it ended, was renamed or merged; for an active cluster the year of the page that shows
    it at work."""
    part_of: RecordId | None = None
    """For `part_of`: the cluster (its id) that runs this one."""
    into: str | None = None
    """For `renamed`/`merged`: the name it went into, or that cluster's id."""
    source: SourceRef | None = None
    quote: str = ""
    note: Text | None = None

    @model_validator(mode="after")
    def _says_what_it_needs(self) -> ClusterStatus:
        if (self.value is Lifecycle.PART_OF) != (self.part_of is not None):
            raise ValueError("part_of: names the cluster exactly when the status is part_of")
        if self.value in (Lifecycle.RENAMED, Lifecycle.MERGED) and not self.into:
            raise ValueError(f"into: a {self.value.value} cluster says into what")
        if self.value is Lifecycle.ENDED and self.year is None:
            raise ValueError("year: an ended cluster says when it ended")
        if self.value is not Lifecycle.ACTIVE and (self.source is None or not self.quote):
            raise ValueError(f"source: a status '{self.value.value}' needs the source and its words")
        return self

    @property
    def is_active(self) -> bool:
        return self.value is Lifecycle.ACTIVE


def parts_exceed_actors(smes: Figure | None, large_companies: Figure | None, actors: Figure | None) -> bool:
    """SMEs and large companies are parts of the actors: exact parts may not add up to more."""
    parts = (smes, large_companies, actors)
    return all(f is not None and f.is_exact for f in parts) and smes.value + large_companies.value > actors.value


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
    region: Text | None = None
    """What the sources say of the region; none for a visitor's own uploaded rows."""
    website: str | None = None
    sources: list[str] = Field(min_length=1)
    more_figures: list[ExtraFigure] = Field(default_factory=list)
    context: list[Text] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    history: dict[str, list[Figure]] = Field(default_factory=dict)
    """Earlier values of a key figure (e.g. members in 2011 when the key figure is 2022's), each with
    its own source: the key figure itself is always the newest."""
    kind: ClusterKind | None = None
    status: ClusterStatus = Field(default_factory=ClusterStatus)
    region_figures: list[ExtraFigure] = Field(default_factory=list)
    """Statistics of the cluster's state or region, or of another body (a state-wide industry survey):
    context for the cluster, never its own figures."""

    @property
    def is_active(self) -> bool:
        return self.status.is_active

    @property
    def state(self) -> str:
        return self.seat.state

    @property
    def focus_areas(self) -> list[str]:
        """Vocabulary ids in source order, each once."""
        return list(dict.fromkeys(ref.area for ref in self.focus))

    def figure(self, name: str) -> Figure | None:
        """The newest value of a key figure, or None where no source gives it."""
        return getattr(self, name)

    def figure_over_time(self, name: str) -> list[Figure]:
        """Every value of a key figure, oldest first; the last is `figure(name)`."""
        current = self.figure(name)
        return [*sorted(self.history.get(name, []), key=lambda f: f.year), *([current] if current else [])]

    def previous(self, name: str) -> Figure | None:
        """The value before the newest, where a source gives one."""
        values = self.figure_over_time(name)
        return values[-2] if len(values) > 1 else None

    @property
    def state_codes(self) -> list[str]:
        """The seat's state first, then the other states the cluster covers, each once."""
        return list(dict.fromkeys([self.seat.state, *self.states]))

    @model_validator(mode="after")
    def _history_is_older(self) -> Cluster:
        for name, earlier in self.history.items():
            if name not in FIGURE_FIELDS:
                raise ValueError(f"history: '{name}' is not a key figure ({', '.join(FIGURE_FIELDS)})")
            current = self.figure(name)
            if current is None:
                raise ValueError(f"history.{name}: earlier values without a current {name}")
            years = [f.year for f in earlier]
            if len(set(years)) < len(years):
                raise ValueError(f"history.{name}: two values for the same year")
            if any(year >= current.year for year in years):
                raise ValueError(
                    f"history.{name}: a value from {max(years)} is not older than the current one"
                    f" ({current.year}); the newest value belongs in {name}"
                )
        return self

    @model_validator(mode="after")
    def _figures_agree(self) -> Cluster:
        if self.founded is not None:
            year = self.founded.value
            if not float(year).is_integer():
                raise ValueError(f"founded: founding year {year} is not a whole year")
            if year > dt.date.today().year:
                raise ValueError(f"founded: founding year {year} lies in the future")
            if year < FIRST_YEAR:
                raise ValueError(f"founded: founding year {year} is not plausible: it lies before {FIRST_YEAR}")
        if parts_exceed_actors(self.smes, self.large_companies, self.actors):
            raise ValueError(
                f"smes: SMEs ({self.smes.value}) + large companies ({self.large_companies.value})"
                f" exceed actors ({self.actors.value})"
            )
        return self


class ActorType(str, Enum):
    COMPANY = "company"
    UNIVERSITY = "university"
    UNIVERSITY_OF_APPLIED_SCIENCES = "university_of_applied_sciences"
    UNIVERSITY_HOSPITAL = "university_hospital"
    HOSPITAL = "hospital"
    RESEARCH_INSTITUTE = "research_institute"
    NETWORK = "network"
    PUBLIC_BODY = "public_body"
    TECHNOLOGY_PARK = "technology_park"


class Relation(str, Enum):
    """How an actor relates to a cluster. The first five are stored, as the actor's source states
    them; `in_region` is derived from the cluster's region and never stored. Only `member` makes an
    actor a member: a funder or shareholder supports a cluster without belonging to it, and actors
    in the region are not members either."""

    MEMBER = "member"
    CLUSTER_MANAGEMENT = "cluster_management"
    SHAREHOLDER = "shareholder"
    FUNDER = "funder"
    PARTNER = "partner"
    IN_REGION = "in_region"


STORED_RELATIONS: tuple[Relation, ...] = tuple(r for r in Relation if r is not Relation.IN_REGION)


class ClusterLink(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    cluster: str
    relation: Relation

    @field_validator("relation")
    @classmethod
    def _stored_relation(cls, relation: Relation) -> Relation:
        if relation is Relation.IN_REGION:
            raise ValueError("'in_region' follows from the cluster's region and is never written in the data")
        return relation


class Sponsor(str, Enum):
    """Who runs an institution (the register's Trägerschaft: Bund, Land or Kommune are public)."""

    PUBLIC = "public"
    PRIVATE = "private"
    CHURCH = "church"


class Listing(str, Enum):
    """A systematic list an actor comes from, as opposed to being named in a cluster's source: it
    covers every region the same way, so its counts per region are comparable."""

    HIGHER_EDUCATION_REGISTER = "higher_education_register"
    RESEARCH_INSTITUTES = "research_institutes"
    COMPANY_PAGES = "company_pages"


class CompanyKind(str, Enum):
    """What a life-science company does, as the page naming it says."""

    BIOTECH = "biotech"
    PHARMA = "pharma"
    MEDTECH = "medtech"
    DIAGNOSTICS = "diagnostics"
    CRO_CDMO = "cro_cdmo"
    DIGITAL_HEALTH = "digital_health"
    SUPPLIER = "supplier"
    """Only where the page says it serves life science."""


class ActorStatus(str, Enum):
    ACTIVE = "active"
    HISTORICAL = "historical"
    """A page says it no longer exists as named: `status_reason` says what happened."""


class StatusReason(str, Enum):
    ACQUIRED = "acquired"
    RENAMED = "renamed"
    MERGED = "merged"
    CLOSED = "closed"


POSTCODE = re.compile(r"\d{5}")


class WebPage(BaseModel):
    """The public page that names an actor and its place: its address, title and publisher; the
    year it shows is the actor's `as_of`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    url: str = Field(pattern=r"^https?://\S+$", max_length=2000)
    title: str = ""
    publisher: str = ""
    """Empty where a member list gives only the address."""


class Actor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    type: ActorType
    place: Place
    links: list[ClusterLink] = Field(default_factory=list)
    initiatives: list[str] = Field(default_factory=list)
    focus_areas: list[str] = Field(default_factory=list)
    source: SourceRef
    note: str = ""
    listing: Listing | None = None
    short_name: str | None = None
    """The register's own short name (e.g. `U Freiburg i.Br. (Klinikum)`)."""
    sponsor: Sponsor | None = None
    register_key: str | None = None
    """The Destatis sort key of the register row."""
    location_source: SourceRef | None = None
    """Where the coordinates come from when that is not `source` (a named actor placed by a register)."""
    website: str | None = None
    """The organisation's own address: an http(s) URL or a bare domain (`www.example.de`)."""
    kind: CompanyKind | None = None
    status: ActorStatus = ActorStatus.ACTIVE
    status_reason: StatusReason | None = None
    successor: str | None = None
    """The name a page gives for what became of a historical actor."""
    as_of: int | None = Field(default=None, ge=FIRST_YEAR, le=LAST_FIGURE_YEAR)
    """The year of the newest page naming the actor; none for the official registers."""
    page: WebPage | None = None
    quote: str | None = None
    """The page's own words naming the actor and its place."""
    postcode: str | None = None

    @field_validator("postcode")
    @classmethod
    def _postcode_has_five_digits(cls, postcode: str | None) -> str | None:
        if postcode is not None and not POSTCODE.fullmatch(postcode):
            raise ValueError(f"'{postcode[:20]}' is not a German postcode (five digits)")
        return postcode

    @model_validator(mode="after")
    def _provenance_agrees(self) -> Actor:
        if self.kind is not None and self.type is not ActorType.COMPANY:
            raise ValueError(f"kind: only companies have a kind, this actor is a {self.type.value}")
        if (self.page is None) != (self.quote is None):
            raise ValueError("quote: a page and the page's own words go together (both or neither)")
        if self.page is not None and self.as_of is None:
            raise ValueError("as_of: give the year of the page that names the actor")
        if self.status is ActorStatus.HISTORICAL and self.status_reason is None:
            raise ValueError("status_reason: say what happened (acquired, renamed, merged, closed)")
        if self.status is ActorStatus.ACTIVE and (self.status_reason or self.successor):
            raise ValueError("status: a reason or successor belongs to a historical actor")
        return self

    @property
    def is_current(self) -> bool:
        return self.status is ActorStatus.ACTIVE

    @field_validator("website")
    @classmethod
    def _website_is_an_address(cls, website: str | None) -> str | None:
        if website is None:
            return None
        if not WEBSITE.fullmatch(website):
            raise ValueError(f"'{website[:100]}' is not a web address: write https://… or a domain (www.example.de)")
        return website

    @property
    def clusters(self) -> list[str]:
        """The clusters the actor has a stored link to, each once, whatever the relation."""
        return list(dict.fromkeys(link.cluster for link in self.links))

    def relations_to(self, cluster_id: str) -> list[Relation]:
        return [link.relation for link in self.links if link.cluster == cluster_id]


class FactKind(str, Enum):
    """What a quoted fact of a project says, in the order a profile lists them."""

    WHAT = "what"
    LEAD = "lead"
    PARTNER = "partner"
    PLACE = "place"
    START = "start"
    END = "end"
    STATUS = "status"
    STAFF = "staff"
    SIZE = "size"
    """Beds, patients, users, floor space …"""
    PARTNERS_COUNT = "partners_count"
    FUNDING = "funding"
    PROGRAMME = "programme"
    AWARD = "award"
    OFFER = "offer"
    """What an outside visitor or partner can do with it: partnering, open facilities, calls."""
    CONTACT = "contact"
    """The point of contact a page states for outside partners (an office or a programme, no private data)."""
    WEBSITE = "website"


FACT_ORDER: tuple[FactKind, ...] = tuple(FactKind)
SUMMARY_FACTS = 3
SIZE_FACTS: tuple[FactKind, ...] = (FactKind.FUNDING, FactKind.STAFF, FactKind.PARTNERS_COUNT, FactKind.SIZE)
"""The facts a card shows as the project's size, first found first."""


class ProjectFact(BaseModel):
    """One statement about a project and the words of the page (or source document) that back it.
    `text` says no more than `quote`; `number` is the number the quote states (a year for start and end)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: FactKind
    text: Text
    number: float | int | None = None
    unit: str = ""
    year: int | None = Field(default=None, ge=FIRST_YEAR, le=LAST_FIGURE_YEAR)
    """The page's year (the source document's for a seed fact); None where the page shows no date."""
    quote: str = Field(min_length=1)
    page: WebPage | None = None
    source: SourceRef | None = None
    """A source document (`sources.yaml`) and its section, for facts from the seed documents."""

    _finite_number = field_validator("number", mode="before")(_not_nan_or_inf)

    @model_validator(mode="after")
    def _has_one_source(self) -> ProjectFact:
        if (self.page is None) == (self.source is None):
            raise ValueError("page: a fact needs the address of its page, or else the source document (not both)")
        return self


class LighthouseProject(BaseModel):
    """A flagship project's Steckbrief: everything it says is one of its quoted `facts`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    name: str
    lead: str | None = None
    """An actor id, where the leading organisation is one of the dataset's actors."""
    partners: list[str] = Field(default_factory=list)
    place: Place
    focus_areas: list[str] = Field(min_length=1)
    clusters: list[str] = Field(default_factory=list)
    initiative: str | None = None
    website: str | None = None
    facts: list[ProjectFact] = Field(min_length=1)

    def facts_of(self, *kinds: FactKind) -> list[ProjectFact]:
        return [fact for fact in self.facts if fact.kind in kinds]

    @property
    def summary(self) -> Text:
        """What it is, in the words of its first "what" facts (up to three; the first two facts where
        none says what it is): a profile's opening says nothing its facts do not."""
        opening = self.facts_of(FactKind.WHAT)[:SUMMARY_FACTS] or self.facts[:2]
        return Text(en=" ".join(f.text.en for f in opening), de=" ".join(f.text.de for f in opening))

    def _year(self, kind: FactKind) -> int | None:
        years = [int(f.number) for f in self.facts_of(kind) if f.number is not None]
        return (min if kind is FactKind.START else max)(years) if years else None

    @property
    def start_year(self) -> int | None:
        """The earliest start year its facts state."""
        return self._year(FactKind.START)

    @property
    def end_year(self) -> int | None:
        return self._year(FactKind.END)

    @model_validator(mode="after")
    def _starts_before_it_ends(self) -> LighthouseProject:
        start, end = self.start_year, self.end_year
        if start is not None and end is not None and start > end:
            index = next(i for i, f in enumerate(self.facts) if f.kind is FactKind.START and f.number == start)
            raise ValueError(f"facts.{index}.number: the start year {start} lies after the end year {end}")
        return self


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
    note: Text | None = None
    """E.g. that the label is the atlas's own term, used by no source."""


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: RecordId
    label: Text
    description: Text
    source: SourceRef


class QuotedRef(SourceRef):
    quote: str = Field(min_length=1)


class RegionDefinition(BaseModel):
    """A public page that lists the districts of a named region (a metropolitan or planning region)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    url: str = Field(pattern=r"^https?://")
    publisher: str
    quote: str = Field(min_length=1)
    year: int | None = None
    """The year the page states for its content, if it states one."""
    note: str = ""


class Region(BaseModel):
    """The area a cluster covers: whole states and/or districts (5-digit AGS of BKG VG5000 `KRS`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    cluster: RecordId
    states: list[str] = Field(default_factory=list)
    districts: list[Annotated[str, StringConstraints(pattern=r"^\d{5}$")]] = Field(default_factory=list)
    basis: Text
    seed: QuotedRef
    definitions: list[RegionDefinition] = Field(default_factory=list)

    @field_validator("districts", mode="before")
    @classmethod
    def _codes_are_quoted(cls, codes):
        for code in codes if isinstance(codes, list) else []:
            if not isinstance(code, str) or type(code).__name__ == "PlainDigits":
                raise ValueError(
                    f'{code} is not in quotes: write district codes as quoted text ("05334"); unquoted, YAML'
                    " reads a code with a leading 0 as an octal number (05334 as 2780) or, with an 8 or 9, as text"
                )
        return codes

    @model_validator(mode="after")
    def _covers_something(self) -> Region:
        if not self.states and not self.districts:
            raise ValueError("states: a region needs whole states or districts")
        return self
