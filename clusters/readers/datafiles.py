"""Read the dataset files under `clusters/data/`, validate them, and hand out one `Dataset`.

Every problem is reported with the file, the record id and the field it concerns, so that a
person editing the YAML/CSV knows where to look. All problems are collected before failing.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..checks.places import at_postcode, locate_all
from ..checks.quotes import fact_problems, quote_problems
from ..checks.references import check_references, check_regions
from ..checks.relations import checked_links, merge_same_as
from ..checks.statuses import status_problems
from ..dataset import DATA_DIR, FILES, DataIssue, Dataset, DataValidationError, record_id, shown_id
from ..records.model import (
    FIGURE_FIELDS,
    FIRST_YEAR,
    Actor,
    Cluster,
    FocusArea,
    Initiative,
    LighthouseProject,
    Listing,
    Region,
    Source,
    Theme,
)
from ..records.text import control_character
from .files import MAX_CSV_BYTES, read_text, read_yaml

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
REGISTER_COLUMNS = ("id", "name", "short_name", "type", "sponsor", "city", "state", "ags", "lat", "lon", "register_key")
PROVENANCE_COLUMNS = (
    "kind",
    "postcode",
    "status",
    "status_reason",
    "successor",
    "as_of",
    "url",
    "page_title",
    "publisher",
    "quote",
)
"""Where a page names an actor: its kind (companies), postcode, whether it still exists, the page's
year, address, title, publisher and own words. Optional in actors.csv, where older rows cite a
source document instead."""
OPTIONAL_ACTOR_COLUMNS = ("website", *PROVENANCE_COLUMNS)
"""Columns of actors.csv that older files (and the synthetic data) may lack; empty where unknown."""
PAGE_ACTOR_COLUMNS = ("id", "name", "type", "city", "state", "ags", "lat", "lon", "precision", *PROVENANCE_COLUMNS)
"""companies.csv and institutes.csv: one public page per row; `lat`/`lon` only where the point is
better than the municipality's (precision `postcode`: the GeoNames point of the postcode)."""
REGISTER_SOURCE = "734349_HochschulFachbereich_WS2021.xlsx"
INSTITUTES_SOURCE = "institute-pages"
COMPANIES_SOURCE = "company-pages"
POSTCODES_SOURCE = "geonames-postcodes"
REGISTER_PRECISION = "100 m grid cell"

M = TypeVar("M", bound=BaseModel)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


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
        **_provenance(row),
    }


def _cell(row: dict, column: str) -> str | None:
    return (row.get(column) or "").strip() or None


def _provenance(row: dict) -> dict:
    """The page that names the actor, its words and year, and what the page says of the actor."""
    fields = {name: _cell(row, name) for name in ("kind", "postcode", "status_reason", "successor", "as_of", "quote")}
    fields["status"] = _cell(row, "status") or "active"
    url = _cell(row, "url")
    if url:
        title, publisher = _cell(row, "page_title") or "", _cell(row, "publisher") or ""
        fields["page"] = {"url": url, "title": title, "publisher": publisher}
    return {name: value for name, value in fields.items() if value is not None}


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


def _page_actor(listing: Listing, source: str) -> Callable[[dict], dict]:
    """A row of companies.csv or institutes.csv: an actor a public page names with its place."""

    def record(row: dict) -> dict:
        place = {"city": row["city"].strip(), "state": row["state"].strip(), "ags": _cell(row, "ags")}
        located = {}
        if _cell(row, "precision"):
            place |= {"lat": _cell(row, "lat"), "lon": _cell(row, "lon"), "precision": row["precision"].strip()}
            located = {"location_source": {"file": POSTCODES_SOURCE, "section": _cell(row, "postcode") or "-"}}
        return {
            "id": row["id"].strip(),
            "name": row["name"].strip(),
            "type": row["type"].strip(),
            "place": place,
            "listing": listing.value,
            "source": {"file": source, "section": _cell(row, "url") or "-"},
            **located,
            **_provenance(row),
        }

    return record


def read_actor_rows(
    path: Path,
    issues: list[DataIssue],
    broken: set[str] | None = None,
    columns: tuple[str, ...] = ACTOR_COLUMNS,
    to_record: Callable[[dict], dict] = _named_actor,
) -> list[dict] | None:
    """The rows of an actor table as records, or None (reported) when the file as a whole cannot be
    used. A row with too few or too many fields is reported and left out (its id goes to `broken`)."""
    text = read_text(path, issues, MAX_CSV_BYTES)
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
        record = shown_id(row_id.strip()) if isinstance(row_id, str) and row_id.strip() else f"line {reader.line_num}"
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


_FIELD_PREFIX = re.compile(r"^(?:Value error, )?([a-z_][a-z0-9_.]*): (.*)$", re.DOTALL)


def issues_from(exc: ValidationError, file: str, record: str) -> list[DataIssue]:
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
    seen = Counter(record_id(raw, i) for i, raw in enumerate(records))
    for index, raw in enumerate(records):
        record = record_id(raw, index)
        if seen[record] > 1 and record in built:
            continue
        if seen[record] > 1:
            issues.append(DataIssue(file, record, "id", f"duplicate id: used by {seen[record]} records"))
        try:
            item = model.model_validate(prepare(raw))
        except ValidationError as exc:
            issues.extend(issues_from(exc, file, record))
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
    for listed in ("more_figures", "region_figures"):
        if isinstance(prepared.get(listed), list):
            prepared[listed] = [fill(f, f"{listed}.{i}") for i, f in enumerate(prepared[listed])]
    return prepared


def build_regions(records: list[dict], issues: list[DataIssue], broken: set[str]) -> dict[str, Region]:
    file = FILES["regions"]
    names = [r.get("cluster") if isinstance(r.get("cluster"), str) else f"#{i + 1}" for i, r in enumerate(records)]
    seen = Counter(names)
    regions: dict[str, Region] = {}
    for name, raw in zip(names, records, strict=True):
        if seen[name] > 1 and name in regions:
            continue
        if seen[name] > 1:
            issues.append(DataIssue(file, shown_id(name), "cluster", f"{seen[name]} regions for one cluster"))
        try:
            region = Region.model_validate(raw)
        except ValidationError as exc:
            issues.extend(issues_from(exc, file, shown_id(name)))
            broken.add(f"region:{name}")
            continue
        regions[region.cluster] = region
    return regions


TABLES: dict[str, tuple[tuple[str, ...], Callable[[dict], dict]]] = {
    "actors": (ACTOR_COLUMNS, _named_actor),
    "register_actors": (REGISTER_COLUMNS, _register_actor),
    "institutes": (PAGE_ACTOR_COLUMNS, _page_actor(Listing.RESEARCH_INSTITUTES, INSTITUTES_SOURCE)),
    "companies": (PAGE_ACTOR_COLUMNS, _page_actor(Listing.COMPANY_PAGES, COMPANIES_SOURCE)),
}
"""The CSV files of actors: their columns and how a row becomes a record; the others are YAML."""
LISTED_FILES = ("register_actors", "institutes", "companies")


def _data_folder(data_dir: Path | str) -> Path:
    data_dir = Path(data_dir)
    try:
        is_folder = data_dir.is_dir()
    except OSError:  # is_dir() lets e.g. PermissionError through
        is_folder = False
    if not is_folder:  # one message, not one "file is missing" per data file
        raise DataValidationError([DataIssue(str(data_dir), "-", "-", "the data folder is missing or not a folder")])
    return data_dir


def control_characters(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, `U+000B`) for each text in a record that holds a control character."""
    if isinstance(value, str):
        if character := control_character(value):
            yield path or "-", character
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from control_characters(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from control_characters(item, f"{path}.{index}" if path else str(index))


@dataclass
class _Loading:
    """One load of a data folder: the problems found so far, the records that failed (`broken`)
    and the files that could not be read at all (`unreadable`), so one mistake gives one message."""

    data_dir: Path
    issues: list[DataIssue] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    same_as: dict[str, str] = field(default_factory=dict)
    source_years: dict[str, int | None] | None = None

    def read(self, kind: str) -> list[dict]:
        path = self.data_dir / FILES[kind]
        if kind in TABLES:
            records = read_actor_rows(path, self.issues, self.broken, *TABLES[kind])
        else:
            records = read_yaml(path, self.issues)
        if records is None:
            self.unreadable.add(kind)
        for record in records or []:
            for field_name, character in control_characters(record):
                self.issues.append(
                    DataIssue(
                        FILES[kind],
                        record_id(record),
                        field_name,
                        f"holds the control character {character}: remove it (a spreadsheet cannot store it,"
                        " and it has no place in the data)",
                    )
                )
        return records or []

    def build(self, model: type[M], kind: str, prepare: Callable[[dict], dict] = lambda r: r) -> dict[str, M]:
        return _build(model, self.read(kind), FILES[kind], self.issues, prepare, self.broken)

    def reporter(self, kind: str, record: dict) -> Callable[[str, str], None]:
        def report(field_name: str, message: str) -> None:
            self.issues.append(DataIssue(FILES[kind], record_id(record), field_name, message))

        return report

    def with_years(self, kind: str) -> Callable[[dict], dict]:
        """A figure's year defaults to its document's (unknown when the sources file is unreadable)."""

        def prepare(record: dict) -> dict:
            return _with_default_years(record, self.source_years, self.reporter(kind, record))

        return prepare

    def dated(self, record: dict) -> dict:
        """An actor without a page of its own is as of its source document's (or register's) year."""
        source = record.get("source") or {}
        year = (self.source_years or {}).get(source.get("file"))
        return record if "as_of" in record or year is None else {**record, "as_of": year}

    def named_actor(self, record: dict) -> dict:
        record = self.dated(record)
        target = record.pop("same_as", "")
        if target:
            self.same_as[str(record.get("id"))] = target
        return checked_links(record, self.reporter("actors", record))

    def require(self, kind: str, records: dict) -> None:
        """The pages need at least one cluster, and the data date is that of the newest source."""
        if not records and kind not in self.unreadable and not any(i.file == FILES[kind] for i in self.issues):
            self.issues.append(DataIssue(FILES[kind], "-", "-", f"holds no {kind}: the dataset needs at least one"))

    def actors(self) -> tuple[dict[str, Actor], dict[str, str]]:
        """The named actors (placed, merged with the listed row they are `same_as`) and the listed
        ones; and the file each actor comes from."""
        named = locate_all(self.build(Actor, "actors", self.named_actor), "place", FILES["actors"], self.issues)
        named = {
            key: at_postcode(actor, FILES["actors"], self.issues, POSTCODES_SOURCE) for key, actor in named.items()
        }
        listed: dict[str, Actor] = {}
        actor_files = dict.fromkeys(named, FILES["actors"])
        for kind in LISTED_FILES:
            built = self.build(Actor, kind, self.dated)
            for actor_id, actor in locate_all(built, "place", FILES[kind], self.issues).items():
                if actor_id in actor_files:
                    self.issues.append(
                        DataIssue(FILES[kind], actor_id, "id", f"id also used in {actor_files[actor_id]}")
                    )
                    continue
                listed[actor_id] = actor
                actor_files[actor_id] = FILES[kind]
        named, taken = merge_same_as(named, listed, self.same_as, self.broken, self.issues)
        return {**named, **{key: actor for key, actor in listed.items() if key not in taken}}, actor_files


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Read and validate every data file; raise `DataValidationError` listing all problems."""
    load = _Loading(_data_folder(data_dir))
    sources = load.build(Source, "sources")
    if "sources" not in load.unreadable:
        load.source_years = {file: source.date.year if source.date else None for file, source in sources.items()}
    focus_areas = load.build(FocusArea, "focus_areas")
    themes = load.build(Theme, "themes")
    clusters = locate_all(
        load.build(Cluster, "clusters", load.with_years("clusters")), "seat", FILES["clusters"], load.issues
    )
    initiatives = load.build(Initiative, "initiatives", load.with_years("initiatives"))
    initiatives = locate_all(initiatives, "place", FILES["initiatives"], load.issues)
    actors, actor_files = load.actors()
    projects = locate_all(load.build(LighthouseProject, "projects"), "place", FILES["projects"], load.issues)
    regions = build_regions(load.read("regions"), load.issues, load.broken)
    load.require("sources", sources)
    load.require("clusters", clusters)
    check_regions(regions, clusters, load.broken, load.unreadable, load.issues)

    dataset = Dataset(sources, focus_areas, themes, clusters, initiatives, actors, projects, load.data_dir, regions)
    issues = load.issues + check_references(dataset, frozenset(load.broken), frozenset(load.unreadable), actor_files)
    issues += quote_problems(dataset) + fact_problems(dataset)
    issues += status_problems(dataset)
    if issues:
        raise DataValidationError(issues)
    return dataset
