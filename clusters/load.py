"""Read the dataset files under `clusters/data/`, validate them, and hand out one `Dataset`.

Every problem is reported with the file, the record id and the field it concerns, so that a
person editing the YAML/CSV knows where to look. All problems are collected before failing.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

import geodata

from .model import (
    FIGURE_FIELDS,
    FIRST_YEAR,
    STORED_RELATIONS,
    Actor,
    ActorType,
    Cluster,
    Figure,
    FocusArea,
    Initiative,
    LighthouseProject,
    Listing,
    Place,
    Region,
    Relation,
    Source,
    Theme,
)
from .regions import RegionIndex, region_problems

DATA_DIR = Path(__file__).parent / "data"

FILES = {
    "sources": "sources.yaml",
    "focus_areas": "focus_areas.yaml",
    "themes": "themes.yaml",
    "clusters": "clusters.yaml",
    "initiatives": "initiatives.yaml",
    "actors": "actors.csv",
    "register_actors": "register_actors.csv",
    "institutes": "institutes.csv",
    "projects": "lighthouses.yaml",
    "regions": "regions.yaml",
}

ACTOR_COLUMNS = (
    "id",
    "name",
    "type",
    "city",
    "state",
    "ags",
    "clusters",
    "initiatives",
    "focus_areas",
    "source",
    "section",
    "note",
    "same_as",
)
"""`clusters` holds `cluster:relation` pairs (`bio-m:cluster_management;biosaxony:partner`); `same_as`
names the register or institute row that is the same place (the named actor then takes its point)."""
OPTIONAL_ACTOR_COLUMNS = ("website",)
"""Columns of actors.csv that older files (and the synthetic data) may lack; empty where unknown."""
REGISTER_COLUMNS = ("id", "name", "short_name", "type", "sponsor", "city", "state", "ags", "lat", "lon", "register_key")
INSTITUTE_COLUMNS = ("id", "name", "type", "city", "state", "ags", "url", "note")
REGISTER_SOURCE = "734349_HochschulFachbereich_WS2021.xlsx"
INSTITUTES_SOURCE = "institute-pages"
REGISTER_PRECISION = "100 m grid cell"
LISTED_TYPES: tuple[ActorType, ...] = (
    ActorType.UNIVERSITY,
    ActorType.UNIVERSITY_OF_APPLIED_SCIENCES,
    ActorType.UNIVERSITY_HOSPITAL,
    ActorType.RESEARCH_INSTITUTE,
)
"""The actor types the listings hold, in the order counts per region are given."""

# A file far beyond the data's size is a mistake (or hostile), and parsing it would hold the
# server for minutes. The shipped YAML files are below 50 kB; yaml.safe_load (pure Python) needs
# ~8 s and ~350 MB per MB of dense YAML. The benchmark's 20,000 actors are a 2 MB CSV, which the
# csv module reads quickly.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_CSV_BYTES = 20 * 1024 * 1024

# Record ids come from the files; a long one would be repeated in every message about its record.
_MAX_SHOWN_ID = 100


@dataclass(frozen=True)
class DataIssue:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record '{self.record}', field '{self.field}': {self.message}"


class DataValidationError(Exception):
    def __init__(self, issues: Iterable[DataIssue]):
        self.issues = list(issues)
        super().__init__(f"{len(self.issues)} problem(s) in the dataset:\n" + "\n".join(f"- {i}" for i in self.issues))


@dataclass(frozen=True)
class Dataset:
    sources: dict[str, Source]
    focus_areas: dict[str, FocusArea]
    themes: dict[str, Theme]
    clusters: dict[str, Cluster]
    initiatives: dict[str, Initiative]
    actors: dict[str, Actor]
    projects: dict[str, LighthouseProject]
    data_dir: Path = field(default=DATA_DIR, compare=False)
    regions: dict[str, Region] = field(default_factory=dict)

    @cached_property
    def data_date(self) -> dt.date:
        """The date of the newest source document: what the dataset is 'as of'. Listings (the
        register, the institute pages) carry their own dates and are left out."""
        dated = [s for s in self.sources.values() if s.date is not None]
        documents = [s.date for s in dated if not s.listing] or [s.date for s in dated]
        return max(documents)

    def project_themes(self, project: LighthouseProject) -> list[str]:
        """Themes follow from the project's focus areas via the documented taxonomy mapping."""
        themes = {theme for area in project.focus_areas for theme in self.focus_areas[area].themes}
        return [theme for theme in self.themes if theme in themes]

    def actors_of(self, cluster_id: str, relations: Iterable[Relation] | None = None) -> list[Actor]:
        """The actors a source links to the cluster, with any stored relation or only `relations`.
        Not the actors in its region: those are `region_actors`."""
        wanted = set(STORED_RELATIONS if relations is None else relations)
        return [
            actor
            for actor in self.actors.values()
            if any(link.cluster == cluster_id and link.relation in wanted for link in actor.links)
        ]

    def members_of(self, cluster_id: str) -> list[Actor]:
        """Only the actors a source names as members: never a funder, shareholder or partner."""
        return self.actors_of(cluster_id, [Relation.MEMBER])

    def members_named(self, cluster_id: str) -> list[tuple[Actor, Relation]]:
        """Every stored link to the cluster as (actor, relation), by relation then name; an actor
        with two relations (e.g. shareholder and funder) appears twice."""
        order = {relation: i for i, relation in enumerate(STORED_RELATIONS)}
        pairs = [
            (actor, link.relation)
            for actor in self.actors.values()
            for link in actor.links
            if link.cluster == cluster_id
        ]
        return sorted(pairs, key=lambda pair: (order[pair[1]], pair[0].name.casefold()))

    def region_of(self, cluster_id: str) -> Region | None:
        return self.regions.get(cluster_id)

    @cached_property
    def _region_index(self) -> RegionIndex:
        return RegionIndex(self.regions, self.actors.values())

    def region_actors(self, cluster_id: str, listed_only: bool = True) -> list[Actor]:
        """Actors from the listings (Destatis register, research institutes) whose place lies in the
        cluster's region: related to it only by location, never counted as its members. With
        `listed_only=False` also the actors named in the sources that lie there (e.g. the hospitals
        HealthCapital's source names as strengths of its region)."""
        return self._region_index.actors_in(cluster_id, listed_only)

    def region_counts(self, cluster_id: str) -> dict[str, int]:
        """Listed actors in the region by type (every listed type, 0 where there is none); empty for a
        cluster without a region. One source for every cluster, so the counts compare."""
        if cluster_id not in self.regions:
            return {}
        counts = Counter(actor.type for actor in self.region_actors(cluster_id))
        return {kind.value: counts.get(kind, 0) for kind in LISTED_TYPES}

    def clusters_with_actor_in_region(self, actor: Actor) -> list[str]:
        """The clusters whose region holds the actor's place (its derived `in_region` relations)."""
        return self._region_index.clusters_of(actor)

    def projects_of(self, cluster_id: str) -> list[LighthouseProject]:
        return [p for p in self.projects.values() if cluster_id in p.clusters]

    def figures_by_source(self) -> dict[str, int]:
        """How many sourced figures each document gives the dataset."""
        counts = dict.fromkeys(self.sources, 0)
        for cluster in self.clusters.values():
            for figure in cluster_figures(cluster):
                counts[figure.source.file] += 1
        for initiative in self.initiatives.values():
            for figure in initiative.more_figures:
                counts[figure.source.file] += 1
        return counts

    def figure_count(self) -> int:
        """How many sourced figures the dataset holds (key figures and further figures)."""
        figures = sum(len(cluster_figures(c)) for c in self.clusters.values())
        return figures + sum(len(i.more_figures) for i in self.initiatives.values())


def cluster_figures(cluster: Cluster) -> list[Figure]:
    """Every sourced figure of a cluster: key figures with their earlier values, then the others."""
    return [f for name in FIGURE_FIELDS for f in cluster.figure_over_time(name)] + list(cluster.more_figures)


# --- reading ---------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _shown_id(value: str) -> str:
    return value if len(value) <= _MAX_SHOWN_ID else value[:_MAX_SHOWN_ID] + "…"


def _record_id(raw: Any, index: int | None = None) -> str:
    # Only scalars: str() of a nested value built from YAML aliases can expand to gigabytes.
    value = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value != "":
        return _shown_id(str(value))
    return "-" if index is None else f"#{index + 1}"


def _read_text(path: Path, issues: list[DataIssue], max_bytes: int) -> str | None:
    """The file's text, or None after reporting why it cannot be read (never an exception)."""

    def fail(message: str) -> None:
        issues.append(DataIssue(path.name, "-", "-", message))

    limit = f"at most {max_bytes / 2**20:g} MB"
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return fail("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return fail("is not a regular file")
        if info.st_size > max_bytes:
            return fail(f"file is too large ({info.st_size / 2**20:.1f} MB, {limit})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        return fail("file is missing")
    except PermissionError:
        return fail("cannot be opened: permission denied")
    except OSError as exc:
        return fail(f"cannot be read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return fail(f"file is too large ({limit})")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0  # spreadsheet programs add one
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        return fail(
            f"is not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} "
            f"(line {line}, column {offset - line_start + 1}); save the file as UTF-8"
        )


def _read_yaml(path: Path, issues: list[DataIssue]) -> list[dict] | None:
    """The file's records, or None (reported) when the file as a whole cannot be used."""
    text = _read_text(path, issues, MAX_YAML_BYTES)
    if text is None:
        return None

    def fail(message: str) -> None:
        issues.append(DataIssue(path.name, "-", "-", message))

    try:
        records = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return fail(f"cannot be read as YAML: {exc}")
    except RecursionError:
        return fail("cannot be read as YAML: lists or mappings are nested too deeply")
    except MemoryError:
        return fail("cannot be read as YAML: it needs more memory than the server has")
    except (ValueError, OverflowError) as exc:  # PyYAML's scalar constructors: a date 2019-13-45, a 5,000-digit int
        return fail(f"cannot be read as YAML: {exc}")
    except Exception as exc:
        return fail(f"cannot be read as YAML: {type(exc).__name__}: {exc}")
    if records is None:
        return []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return fail("must be a YAML list of records (mappings)")
    return records


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


_RELATION_NAMES = ", ".join(r.value for r in STORED_RELATIONS)


def _links(cell: str | None) -> list[dict]:
    """`bio-m:member;biosaxony:funder` -> link records; a pair without a relation keeps an empty one,
    which the model refuses with the list of relations."""
    links = []
    for part in _split(cell):
        cluster, _, relation = part.partition(":")
        links.append({"cluster": cluster.strip(), "relation": relation.strip()})
    return links


def _named_actor(row: dict) -> dict:
    return {
        "id": row["id"].strip(),
        "name": row["name"].strip(),
        "type": row["type"].strip(),
        "place": {"city": row["city"].strip(), "state": row["state"].strip(), "ags": row["ags"].strip() or None},
        "links": _links(row["clusters"]),
        "initiatives": _split(row["initiatives"]),
        "focus_areas": _split(row["focus_areas"]),
        "source": {"file": row["source"].strip(), "section": row["section"].strip()},
        "note": (row["note"] or "").strip(),
        "same_as": row["same_as"].strip(),
        "website": (row.get("website") or "").strip() or None,
    }


def _register_actor(row: dict) -> dict:
    key = row["register_key"].strip()
    return {
        "id": row["id"].strip(),
        "name": row["name"].strip(),
        "short_name": row["short_name"].strip(),
        "type": row["type"].strip(),
        "sponsor": row["sponsor"].strip(),
        "place": {
            "city": row["city"].strip(),
            "state": row["state"].strip(),
            "ags": row["ags"].strip() or None,
            "lat": row["lat"].strip() or None,
            "lon": row["lon"].strip() or None,
            "precision": REGISTER_PRECISION,
        },
        "listing": Listing.HIGHER_EDUCATION_REGISTER.value,
        "register_key": key,
        "source": {"file": REGISTER_SOURCE, "section": f"Sortierschlüssel {key}"},
    }


def _institute(row: dict) -> dict:
    return {
        "id": row["id"].strip(),
        "name": row["name"].strip(),
        "type": row["type"].strip(),
        "place": {"city": row["city"].strip(), "state": row["state"].strip(), "ags": row["ags"].strip() or None},
        "listing": Listing.RESEARCH_INSTITUTES.value,
        "source": {"file": INSTITUTES_SOURCE, "section": row["url"].strip()},
        "note": (row["note"] or "").strip(),
    }


def _read_actor_rows(
    path: Path,
    issues: list[DataIssue],
    broken: set[str] | None = None,
    columns: tuple[str, ...] = ACTOR_COLUMNS,
    to_record: Callable[[dict], dict] = _named_actor,
) -> list[dict] | None:
    """The rows of an actor table as records, or None (reported) when the file as a whole cannot be
    used. A row with too few or too many fields is reported and left out (its id goes to `broken`)."""
    text = _read_text(path, issues, MAX_CSV_BYTES)
    if text is None:
        return None
    # newline=None: universal newlines, as a text file would be read; quoted line breaks stay.
    reader = csv.DictReader(io.StringIO(text, newline=None))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        issues.append(DataIssue(path.name, "line 1", "-", f"cannot be read as CSV: {exc}"))
        return None
    missing = [c for c in columns if c not in header]
    if missing:
        issues.append(DataIssue(path.name, "-", ",".join(missing), "missing column(s) in the header"))
        return None
    records = []
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field beyond csv.field_size_limit(); the rest is unreliable
            issues.append(DataIssue(path.name, f"line {reader.line_num}", "-", f"cannot be read as CSV: {exc}"))
            return None
        row_id = row.get("id")
        record = _shown_id(row_id.strip()) if isinstance(row_id, str) and row_id.strip() else f"line {reader.line_num}"
        absent = [c for c in header if row.get(c) is None]
        if absent:  # DictReader fills the fields a short row lacks with None
            present = len(header) - len(absent)
            issues.append(
                DataIssue(
                    path.name,
                    record,
                    absent[0],
                    f"row (line {reader.line_num}) has {present} fields, the header {len(header)}: "
                    f"'{absent[0]}' and the fields after it are missing",
                )
            )
        elif None in row:  # DictReader puts the fields beyond the header under the key None
            extra = len(row[None])
            issues.append(
                DataIssue(
                    path.name,
                    record,
                    header[-1],
                    f"row (line {reader.line_num}) has {len(header) + extra} fields, the header "
                    f"{len(header)}: {extra} more after '{header[-1]}' "
                    "(a comma in a text that is not in quotes?)",
                )
            )
        if absent or None in row:
            if broken is not None:
                broken.add(record)
            continue
        records.append(to_record(row))
    return records


_FIELD_PREFIX = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.DOTALL)


def _issues_from(exc: ValidationError, file: str, record: str) -> list[DataIssue]:
    issues = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"])
        message = error["msg"]
        prefixed = _FIELD_PREFIX.match(message)
        if prefixed and not loc:
            loc, message = prefixed.groups()
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if error["type"] == "missing":
            message = "is required" + (" (every figure needs a source)" if loc.endswith("source") else "")
        issues.append(DataIssue(file, record, loc or "-", message))
    return issues


def _build(
    model: type[M],
    records: list[dict],
    file: str,
    issues: list[DataIssue],
    prepare: Callable[[dict], dict] = lambda r: r,
    broken: set[str] | None = None,
) -> dict[str, M]:
    built: dict[str, M] = {}
    seen = Counter(_record_id(raw, i) for i, raw in enumerate(records))
    for index, raw in enumerate(records):
        record = _record_id(raw, index)
        if seen[record] > 1 and record in built:
            continue
        if seen[record] > 1:
            issues.append(DataIssue(file, record, "id", f"duplicate id: used by {seen[record]} records"))
        try:
            item = model.model_validate(prepare(raw))
        except ValidationError as exc:
            issues.extend(_issues_from(exc, file, record))
            if broken is not None:
                broken.add(record)
            continue
        key = getattr(item, "id", None) or item.file
        built[key] = item
    return built


def _with_default_years(record: dict, source_years: dict[str, int] | None, report: Callable[[str, str], None]) -> dict:
    """A figure's year is its document's year unless the record names another (seeds README).
    `source_years` is None when the sources file could not be read (that is reported already)."""

    def fill(figure: Any, name: str) -> Any:
        source = figure.get("source") if isinstance(figure, dict) else None
        file = source.get("file") if isinstance(source, dict) else None
        if not isinstance(file, str):  # not a name (a list, a number): the model reports the type
            return figure
        year = source_years.get(file) if source_years is not None else None
        if source_years is not None and file not in source_years:
            report(f"{name}.source", f"unknown source file '{file}' (not in {FILES['sources']})")
        if "year" in figure:
            return figure
        if source_years is not None and file in source_years and year is None:
            report(f"{name}.year", f"the source '{file}' is undated: give the year the figure refers to")
        # Without a known source the year is unknown too. The load fails on the source problem
        # already; a stand-in year keeps it from also showing as 'year is required'.
        return {**figure, "year": year if year is not None else FIRST_YEAR}

    prepared = dict(record)
    for name in FIGURE_FIELDS:
        if name in prepared:
            prepared[name] = fill(prepared[name], name)
    history = prepared.get("history")
    if isinstance(history, dict):
        prepared["history"] = {
            name: [fill(f, f"history.{name}.{i}") for i, f in enumerate(values)] if isinstance(values, list) else values
            for name, values in history.items()
        }
    if isinstance(prepared.get("more_figures"), list):
        prepared["more_figures"] = [fill(f, f"more_figures.{i}") for i, f in enumerate(prepared["more_figures"])]
    return prepared


# --- cross-record checks -----------------------------------------------------------------------


def _locate(place: Place, file: str, record: str, issues: list[DataIssue], attr: str = "place") -> Place:
    """Give a place its coordinates from the BKG municipality table and check them."""
    resolved = place
    ags_state = _STATE_AGS.get((place.ags or "")[:2])
    if place.lat is not None and place.lon is not None and ags_state and ags_state != place.state:
        # Only generated rows give a point and an AGS together: this one was edited by hand.
        issues.append(
            DataIssue(
                file,
                record,
                f"{attr}.ags",
                f"AGS {place.ags} lies in {ags_state}, not in the declared state {place.state}",
            )
        )
    if place.lat is None or place.lon is None:
        try:
            town = geodata.find_municipality(place.city, state=place.state, ags=place.ags)
        except LookupError as exc:
            try:  # a unique town in another state: report the state mismatch below, more helpfully
                town = geodata.find_municipality(place.city, ags=place.ags)
            except LookupError:
                issues.append(DataIssue(file, record, f"{attr}.city", str(exc)))
                return place
        resolved = place.model_copy(update={"lat": town.lat, "lon": town.lon, "ags": town.ags})
    if not geodata.in_germany(resolved.lat, resolved.lon):
        issues.append(
            DataIssue(file, record, f"{attr}.lat", f"coordinates ({resolved.lat}, {resolved.lon}) lie outside Germany")
        )
    else:
        found = geodata.state_of_point(resolved.lat, resolved.lon)
        if found != place.state:
            issues.append(
                DataIssue(
                    file,
                    record,
                    f"{attr}.state",
                    f"point ({resolved.lat}, {resolved.lon}) lies in {found}, not in the declared state {place.state}",
                )
            )
    return resolved


_STATE_AGS = {state.ags: state.code for state in geodata.STATES}


def check_references(
    ds: Dataset,
    broken: frozenset[str] = frozenset(),
    unreadable: frozenset[str] = frozenset(),
    actor_files: Mapping[str, str] | None = None,
) -> list[DataIssue]:
    """Every id a record refers to must exist. References to records that already failed
    validation (`broken`), or into a file that could not be read at all (`unreadable`, keys of
    FILES), are not reported again, so one mistake gives one message. `actor_files` names the
    file each actor comes from (default: actors.csv)."""
    issues: list[DataIssue] = []
    f = FILES
    skipped = [getattr(ds, kind) for kind in unreadable if hasattr(ds, kind)]
    actor_files = actor_files or {}

    def need(known: Iterable[str], ids: Iterable[str], file: str, record: str, name: str, what: str):
        if any(known is gone for gone in skipped):
            return
        known = set(known)
        for value in ids:
            if value not in known and value not in broken:
                issues.append(DataIssue(file, record, name, f"unknown {what} '{value}'"))

    for area in ds.focus_areas.values():
        need(ds.themes, area.themes, f["focus_areas"], area.id, "themes", "theme")
    for cluster in ds.clusters.values():
        need(ds.focus_areas, cluster.focus_areas, f["clusters"], cluster.id, "focus", "focus area")
        need(ds.sources, cluster.sources, f["clusters"], cluster.id, "sources", "source file")
        for index, award in enumerate(cluster.awards):
            need(ds.sources, [award.source.file], f["clusters"], cluster.id, f"awards.{index}.source", "source file")
        need(geodata.STATE_CODES, cluster.states, f["clusters"], cluster.id, "states", "state")
    for initiative in ds.initiatives.values():
        need(ds.themes, initiative.themes, f["initiatives"], initiative.id, "themes", "theme")
        need(ds.sources, [initiative.source.file], f["initiatives"], initiative.id, "source", "source file")
    for actor in ds.actors.values():
        file = actor_files.get(actor.id, f["actors"])
        need(ds.clusters, actor.clusters, file, actor.id, "clusters", "cluster")
        need(ds.initiatives, actor.initiatives, file, actor.id, "initiatives", "initiative")
        need(ds.focus_areas, actor.focus_areas, file, actor.id, "focus_areas", "focus area")
        need(ds.sources, [actor.source.file], file, actor.id, "source", "source file")
    for region in ds.regions.values():
        need(ds.clusters, [region.cluster], f["regions"], region.cluster, "cluster", "cluster")
        need(ds.sources, [region.seed.file], f["regions"], region.cluster, "seed.file", "source file")
    for project in ds.projects.values():
        need(ds.focus_areas, project.focus_areas, f["projects"], project.id, "focus_areas", "focus area")
        need(ds.clusters, project.clusters, f["projects"], project.id, "clusters", "cluster")
        need(
            ds.initiatives,
            [project.initiative] if project.initiative else [],
            f["projects"],
            project.id,
            "initiative",
            "initiative",
        )
        need(ds.actors, [project.lead] if project.lead else [], f["projects"], project.id, "lead", "actor")
        need(ds.actors, project.partners, f["projects"], project.id, "partners", "actor")
        need(ds.sources, [project.source.file], f["projects"], project.id, "source", "source file")
    return issues


def _locate_all(items: dict[str, M], attr: str, file: str, issues: list[DataIssue]) -> dict[str, M]:
    return {
        key: item.model_copy(update={attr: _locate(getattr(item, attr), file, key, issues, attr)})
        for key, item in items.items()
    }


def _checked_links(record: dict, report: Callable[[str, str], None]) -> dict:
    """Keep the links with a stored relation; report the others in the words of the CSV column."""
    kept = []
    for link in record.get("links", []):
        cluster, relation = link["cluster"], link["relation"]
        if relation in _STORED_VALUES:
            kept.append(link)
        elif not relation:
            report("clusters", f"'{cluster}' has no relation: write {cluster}:member, or another of {_RELATION_NAMES}")
        elif relation == Relation.IN_REGION.value:
            report(
                "clusters",
                f"'{cluster}:{relation}': 'in_region' follows from the cluster's region "
                "and is never written in the data",
            )
        else:
            report("clusters", f"'{cluster}:{relation}': unknown relation '{relation}'; use one of {_RELATION_NAMES}")
    return {**record, "links": kept}


_STORED_VALUES = frozenset(r.value for r in STORED_RELATIONS)


def _merge_same_as(
    named: dict[str, Actor],
    listed: dict[str, Actor],
    same_as: Mapping[str, str],
    broken: set[str],
    issues: list[DataIssue],
) -> tuple[dict[str, Actor], set[str]]:
    """A named actor that is a listed one (`same_as`) takes its point and register details; the
    listed row then is not a second actor at the same place. Returns the named actors and the ids
    of the listed rows they took."""
    merged, taken = dict(named), set()

    def report(actor_id: str, message: str) -> None:
        issues.append(DataIssue(FILES["actors"], actor_id, "same_as", message))

    for actor_id, target in same_as.items():
        if actor_id not in named or target in broken:
            continue
        if target not in listed:
            report(actor_id, f"unknown register or institute row '{target}'")
            continue
        if target in taken:
            report(actor_id, f"'{target}' is already the same place as another actor")
            continue
        actor, row = named[actor_id], listed[target]
        if (actor.type, actor.place.state) != (row.type, row.place.state):
            report(
                actor_id,
                f"'{target}' is a {row.type.value} in {row.place.state}, this actor a "
                f"{actor.type.value} in {actor.place.state}",
            )
            continue
        taken.add(target)
        merged[actor_id] = actor.model_copy(
            update={
                "place": row.place,
                "listing": row.listing,
                "short_name": row.short_name,
                "sponsor": row.sponsor,
                "register_key": row.register_key,
                "location_source": row.source,
            }
        )
    return merged, taken


def _build_regions(records: list[dict], issues: list[DataIssue], broken: set[str]) -> dict[str, Region]:
    file = FILES["regions"]
    names = [r.get("cluster") if isinstance(r.get("cluster"), str) else f"#{i + 1}" for i, r in enumerate(records)]
    seen = Counter(names)
    regions: dict[str, Region] = {}
    for name, raw in zip(names, records, strict=True):
        if seen[name] > 1 and name in regions:
            continue
        if seen[name] > 1:
            issues.append(DataIssue(file, _shown_id(name), "cluster", f"{seen[name]} regions for one cluster"))
        try:
            region = Region.model_validate(raw)
        except ValidationError as exc:
            issues.extend(_issues_from(exc, file, _shown_id(name)))
            broken.add(f"region:{name}")
            continue
        regions[region.cluster] = region
    return regions


def _check_regions(
    regions: dict[str, Region],
    clusters: dict[str, Cluster],
    broken: set[str],
    unreadable: set[str],
    issues: list[DataIssue],
) -> None:
    file = FILES["regions"]
    for cluster_id, region in regions.items():
        cluster = clusters.get(cluster_id)
        seat = cluster.seat if cluster is not None and cluster.seat.lat is not None else None
        for field_name, message in region_problems(region, seat):
            issues.append(DataIssue(file, cluster_id, field_name, message))
    if "regions" in unreadable:
        return
    for cluster_id in clusters:
        if cluster_id not in regions and f"region:{cluster_id}" not in broken:
            issues.append(DataIssue(file, cluster_id, "-", "the cluster has no region: add one (districts or states)"))


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Read and validate every data file; raise `DataValidationError` listing all problems."""
    data_dir = Path(data_dir)
    try:
        is_folder = data_dir.is_dir()
    except OSError:  # is_dir() lets e.g. PermissionError through
        is_folder = False
    if not is_folder:  # one message, not one "file is missing" per data file
        raise DataValidationError([DataIssue(str(data_dir), "-", "-", "the data folder is missing or not a folder")])
    issues: list[DataIssue] = []
    broken: set[str] = set()
    unreadable: set[str] = set()

    tables = {
        "actors": (ACTOR_COLUMNS, _named_actor),
        "register_actors": (REGISTER_COLUMNS, _register_actor),
        "institutes": (INSTITUTE_COLUMNS, _institute),
    }

    def read(kind: str) -> list[dict]:
        path = data_dir / FILES[kind]
        records = _read_actor_rows(path, issues, broken, *tables[kind]) if kind in tables else _read_yaml(path, issues)
        if records is None:
            unreadable.add(kind)
        return records or []

    sources = _build(Source, read("sources"), FILES["sources"], issues)
    source_years = {file: source.date.year if source.date else None for file, source in sources.items()}

    def with_years(file: str) -> Callable[[dict], dict]:
        def prepare(record: dict) -> dict:
            def report(field_name: str, message: str) -> None:
                issues.append(DataIssue(file, _record_id(record), field_name, message))

            return _with_default_years(record, None if "sources" in unreadable else source_years, report)

        return prepare

    focus_areas = _build(FocusArea, read("focus_areas"), FILES["focus_areas"], issues, broken=broken)
    themes = _build(Theme, read("themes"), FILES["themes"], issues, broken=broken)
    clusters = _build(Cluster, read("clusters"), FILES["clusters"], issues, with_years(FILES["clusters"]), broken)
    initiatives = _build(
        Initiative, read("initiatives"), FILES["initiatives"], issues, with_years(FILES["initiatives"]), broken
    )
    same_as: dict[str, str] = {}

    def named_actor(record: dict) -> dict:
        def report(field_name: str, message: str) -> None:
            issues.append(DataIssue(FILES["actors"], _record_id(record), field_name, message))

        record = dict(record)
        target = record.pop("same_as", "")
        if target:
            same_as[str(record.get("id"))] = target
        return _checked_links(record, report)

    named = _build(Actor, read("actors"), FILES["actors"], issues, named_actor, broken)
    listed_files = {
        kind: _build(Actor, read(kind), FILES[kind], issues, broken=broken)
        for kind in ("register_actors", "institutes")
    }
    projects = _build(LighthouseProject, read("projects"), FILES["projects"], issues, broken=broken)
    regions = _build_regions(read("regions"), issues, broken)
    # The pages need at least one cluster, and the data date is that of the newest source.
    for kind, records in (("sources", sources), ("clusters", clusters)):
        if not records and kind not in unreadable and not any(i.file == FILES[kind] for i in issues):
            issues.append(DataIssue(FILES[kind], "-", "-", f"holds no {kind}: the dataset needs at least one"))

    clusters = _locate_all(clusters, "seat", FILES["clusters"], issues)
    initiatives = _locate_all(initiatives, "place", FILES["initiatives"], issues)
    named = _locate_all(named, "place", FILES["actors"], issues)
    listed: dict[str, Actor] = {}
    actor_files = {actor_id: FILES["actors"] for actor_id in named}
    for kind, items in listed_files.items():
        for actor_id, actor in _locate_all(items, "place", FILES[kind], issues).items():
            if actor_id in actor_files:
                issues.append(DataIssue(FILES[kind], actor_id, "id", f"id also used in {actor_files[actor_id]}"))
                continue
            listed[actor_id] = actor
            actor_files[actor_id] = FILES[kind]
    named, taken = _merge_same_as(named, listed, same_as, broken, issues)
    actors = {**named, **{actor_id: actor for actor_id, actor in listed.items() if actor_id not in taken}}
    projects = _locate_all(projects, "place", FILES["projects"], issues)
    _check_regions(regions, clusters, broken, unreadable, issues)

    dataset = Dataset(sources, focus_areas, themes, clusters, initiatives, actors, projects, data_dir, regions)
    issues.extend(check_references(dataset, frozenset(broken), frozenset(unreadable), actor_files))
    if issues:
        raise DataValidationError(issues)
    return dataset
