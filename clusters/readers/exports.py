"""Tables and files out of the dataset: CSV, JSON, GeoJSON, XLSX.

The cluster CSV columns are a contract other tools rely on (see the README): the figure
columns hold the number as the source prints it, empty where unknown, and each has a `_q`
column with its qualifier (empty = exact, `>`, `<`, `~`).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

import geodata

from ..dataset import Dataset
from ..records.citation import citation_text, document_citation
from ..records.model import FIGURE_FIELDS, Actor, Cluster, LighthouseProject, ProjectFact, Source

CLUSTER_CONTEXT_COLUMNS: tuple[str, ...] = (
    "status",
    "status_year",
    "part_of",
    "kind",
    "region_population",
    "region_population_year",
)
"""What the dataset knows about a cluster beyond its figures: whether it works now, what kind it is,
and its region's population (Destatis, the year of the register). Exported, never uploaded."""
CLUSTER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    *FIGURE_FIELDS,
    "city",
    "state",
    "lat",
    "lon",
    "focus_areas",
    *(f"{name}_q" for name in FIGURE_FIELDS),
    *CLUSTER_CONTEXT_COLUMNS,
)
CLUSTER_SOURCE_COLUMNS: tuple[str, ...] = (
    *(f"{name}_{part}" for name in FIGURE_FIELDS for part in ("year", "source", "unit", "counts", "note")),
    "seat_inferred",
    "seat_note",
)
"""What a figure means travels with it: LSN's staff are FTE where others count persons, and a founding
year can be that of a merger or of an office (the `_note`)."""
ACTOR_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "type",
    "city",
    "state",
    "lat",
    "lon",
    "precision",
    "clusters",
    "relations",
    "in_region",
    "listing",
    "short_name",
    "sponsor",
    "source",
    "location_source",
    "kind",
    "status",
    "status_reason",
    "successor",
    "as_of",
    "postcode",
    "source_url",
    "quote",
)
"""`clusters` lists the clusters a source links the actor to, `relations` how (`cluster:relation`);
`in_region` the clusters whose region holds its place, derived and never a membership. `source` cites
where the actor is named, `location_source` where its point comes from; `source_url` is the page that
names it and `quote` the page's own words; `as_of` the year of the newest page (or document) naming
it, `status` whether it still exists as named."""
PROJECT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "lead",
    "partners",
    "city",
    "state",
    "lat",
    "lon",
    "themes",
    "focus_areas",
    "clusters",
    "initiative",
    "website",
    "start",
    "end",
    "description_en",
    "description_de",
    "facts",
    "source_urls",
    "sources",
)
KINDS = ("clusters", "actors", "lighthouses")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Neutralise text that Excel or LibreOffice would run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and header) are safe to open in a spreadsheet."""
    safe = frame.copy()
    safe.columns = [spreadsheet_safe(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            # Build the column by hand: Series.map would re-infer 250 beside None as 250.0.
            safe[column] = pd.Series([spreadsheet_safe(v) for v in safe[column]], index=safe.index, dtype=object)
    return safe


def cluster_row(cluster: Cluster, dataset: Dataset, with_sources: bool = False) -> dict:
    sources = dataset.sources
    row: dict = {"id": cluster.id, "name": cluster.name}
    for name in FIGURE_FIELDS:
        figure = cluster.figure(name)
        row[name] = None if figure is None else figure.value
    row |= {
        "city": cluster.seat.city,
        "state": cluster.seat.state,
        "lat": cluster.seat.lat,
        "lon": cluster.seat.lon,
        "focus_areas": ";".join(cluster.focus_areas),
    }
    for name in FIGURE_FIELDS:
        figure = cluster.figure(name)
        row[f"{name}_q"] = "" if figure is None else figure.qualifier.value
    population = dataset.region_population(cluster.id)
    row |= {
        "status": cluster.status.value.value,
        "status_year": cluster.status.year,
        "part_of": cluster.status.part_of or "",
        "kind": "" if cluster.kind is None else cluster.kind.value,
        "region_population": None if population is None else population.inhabitants,
        "region_population_year": None if population is None else population.year,
    }
    if with_sources:
        for name in FIGURE_FIELDS:
            figure = cluster.figure(name)
            row[f"{name}_year"] = None if figure is None else figure.year
            row[f"{name}_source"] = "" if figure is None else citation_text(figure.source, sources or {})
            row[f"{name}_unit"] = "" if figure is None else figure.unit
            row[f"{name}_counts"] = "" if figure is None or figure.counts is None else figure.counts.value
            row[f"{name}_note"] = _note_text(None if figure is None else figure.note)
        row["seat_inferred"] = cluster.seat.inferred
        row["seat_note"] = _note_text(cluster.seat.note)
    return row


def _note_text(note) -> str:
    """Exports are in English; a note may be plain text or a bilingual `Text`."""
    if note is None:
        return ""
    return note if isinstance(note, str) else note.en


BKG_LOCATION = f"BKG municipality table: {geodata.ATTRIBUTION}"


def actor_row(actor: Actor, sources: Mapping[str, Source], in_region: list[str] | None = None) -> dict:
    if actor.location_source is not None:
        location = citation_text(actor.location_source, sources)
    elif actor.listing is not None and actor.place.precision != "municipality":
        location = citation_text(actor.source, sources)
    else:
        location = BKG_LOCATION
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type.value,
        "city": actor.place.city,
        "state": actor.place.state,
        "lat": actor.place.lat,
        "lon": actor.place.lon,
        "precision": actor.place.precision,
        "clusters": ";".join(actor.clusters),
        "relations": ";".join(f"{link.cluster}:{link.relation.value}" for link in actor.links),
        "in_region": ";".join(in_region or []),
        "listing": actor.listing.value if actor.listing else "",
        "short_name": actor.short_name or "",
        "sponsor": actor.sponsor.value if actor.sponsor else "",
        "source": citation_text(actor.source, sources),
        "location_source": location,
        "kind": actor.kind.value if actor.kind else "",
        "status": actor.status.value,
        "status_reason": actor.status_reason.value if actor.status_reason else "",
        "successor": actor.successor or "",
        "as_of": actor.as_of if actor.as_of is not None else "",
        "postcode": actor.postcode or "",
        "source_url": actor.page.url
        if actor.page
        else (sources[actor.source.file].url or "" if actor.source.file in sources else ""),
        "quote": actor.quote or "",
    }


def project_row(project: LighthouseProject, dataset: Dataset) -> dict:
    """A project's row: `facts` is the number of its quoted facts, `source_urls` the addresses of their
    pages, `sources` every source as cited; the description is its opening facts' statements."""
    return {
        "id": project.id,
        "name": project.name,
        "lead": project.lead or "",
        "partners": ";".join(project.partners),
        "city": project.place.city,
        "state": project.place.state,
        "lat": project.place.lat,
        "lon": project.place.lon,
        "themes": ";".join(dataset.project_themes(project)),
        "focus_areas": ";".join(project.focus_areas),
        "clusters": ";".join(project.clusters),
        "initiative": project.initiative or "",
        "website": project.website or "",
        "start": project.start_year,
        "end": project.end_year,
        "description_en": project.summary.en,
        "description_de": project.summary.de,
        "facts": len(project.facts),
        # Space-separated: an address may hold ";" (`…?art=1;2`), never a space.
        "source_urls": " ".join(dict.fromkeys(f.page.url for f in project.facts if f.page is not None)),
        "sources": "; ".join(dict.fromkeys(fact_citation(f, dataset.sources) for f in project.facts)),
    }


def fact_record(fact: ProjectFact, sources: Mapping[str, Source]) -> dict:
    """A fact with its quote and where it stands, for the JSON export."""
    return {
        "kind": fact.kind.value,
        "text_en": fact.text.en,
        "text_de": fact.text.de,
        "number": fact.number,
        "unit": fact.unit,
        "year": fact.year,
        "quote": fact.quote,
        "url": fact.page.url if fact.page is not None else None,
        "source": fact_citation(fact, sources),
    }


def fact_citation(fact: ProjectFact, sources: Mapping[str, Source]) -> str:
    if fact.page is not None:
        who = ": ".join(part for part in (fact.page.publisher, fact.page.title) if part)
        return f"{who}, {fact.year or 'undated'}, {fact.page.url}"
    return citation_text(fact.source, sources)


def clusters_frame(dataset: Dataset, with_sources: bool = False) -> pd.DataFrame:
    columns = CLUSTER_COLUMNS + (CLUSTER_SOURCE_COLUMNS if with_sources else ())
    rows = [cluster_row(c, dataset, with_sources) for c in dataset.clusters.values()]
    frame = pd.DataFrame(rows, columns=list(columns))
    # Keep each number as the source prints it (16 beside 13.5, not 16.0) and unknown empty.
    for name in (*FIGURE_FIELDS, "status_year", "region_population", "region_population_year"):
        frame[name] = pd.Series([row[name] for row in rows], dtype=object)
    return frame


def actors_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [actor_row(a, dataset.sources, dataset.clusters_with_actor_in_region(a)) for a in dataset.actors.values()]
    return pd.DataFrame(rows, columns=list(ACTOR_COLUMNS))


def projects_frame(dataset: Dataset) -> pd.DataFrame:
    frame = pd.DataFrame([project_row(p, dataset) for p in dataset.projects.values()], columns=list(PROJECT_COLUMNS))
    # Years stay whole numbers, empty where no fact states one.
    for column in ("start", "end"):
        frame[column] = pd.Series([getattr(p, f"{column}_year") for p in dataset.projects.values()], dtype=object)
    return frame


def frame_for(dataset: Dataset, kind: str, with_sources: bool = False) -> pd.DataFrame:
    if kind == "clusters":
        return clusters_frame(dataset, with_sources)
    if kind == "actors":
        return actors_frame(dataset)
    if kind == "lighthouses":
        return projects_frame(dataset)
    raise ValueError(f"unknown export '{kind}': choose one of {', '.join(KINDS)}")


def _json_ready(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def to_csv(frame: pd.DataFrame) -> str:
    return safe_frame(frame).to_csv(index=False, lineterminator="\n")


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(_json_ready(frame), ensure_ascii=False, indent=2) + "\n"


def to_geojson(frame: pd.DataFrame) -> str:
    features = []
    for record in _json_ready(frame):
        lat, lon = record.get("lat"), record.get("lon")
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        properties = {k: v for k, v in record.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n"


def _storable(value):
    """A text a workbook can hold: the control characters openpyxl refuses become U+FFFD. Data and
    uploads refuse them already; this keeps one slipped through from taking the download down."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = safe_frame(frame)
            for column in safe.select_dtypes(include="object").columns:
                safe[column] = safe[column].map(_storable)
            safe.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


SEED_LICENCE = (
    "Figures and wordings quoted from the public document; its copyright stays with the publisher. "
    "Cite the document, not this file."
)


def sources_frame(sources: Mapping[str, Source]) -> pd.DataFrame:
    """The documents the figures come from, and the licences of what the files contain."""
    rows = [
        {
            "key": s.file,
            "publisher": s.publisher,
            "title": s.title,
            "date": s.date.isoformat() if s.date else "",
            "kind": s.kind.en,
            "citation": document_citation(s),
            "licence": s.licence or SEED_LICENCE,
        }
        for s in sources.values()
    ]
    rows.append(
        {
            "key": "bkg-vg5000",
            "publisher": "Bundesamt für Kartographie und Geodäsie (BKG)",
            "title": geodata.ATTRIBUTION,
            "date": "",
            "kind": "Administrative boundaries and municipality table",
            "citation": f"{geodata.ATTRIBUTION} ({geodata.ATTRIBUTION_URL})",
            "licence": f"{geodata.LICENCE} ({geodata.LICENCE_URL}): coordinates and boundaries",
        }
    )
    return pd.DataFrame(rows)


def with_sources_sheet(sheets: dict[str, pd.DataFrame], sources: Mapping[str, Source]) -> dict[str, pd.DataFrame]:
    return {**sheets, "sources": sources_frame(sources)}


def csv_bundle(dataset: Dataset) -> bytes:
    """Every table as CSV in one ZIP, with a README naming the sources and licences."""
    sources = sources_frame(dataset.sources)
    lines = [
        "# Cluster Atlas data",
        "",
        f"Data as of {dataset.data_date.isoformat()}.",
        "",
        "Files: " + ", ".join(f"{kind}.csv" for kind in KINDS) + ", sources.csv.",
        "",
        "Figure columns hold the number as the source prints it; `_q` columns hold its qualifier "
        "(empty = exact, > more than, < less than, ~ about); empty = not given in the sources.",
        "",
        "## Sources and licences",
        "",
    ]
    lines += [f"- {row.citation}. Licence: {row.licence}" for row in sources.itertuples()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("README.md", "\n".join(lines) + "\n")
        for kind in KINDS:
            bundle.writestr(f"{kind}.csv", to_csv(frame_for(dataset, kind, with_sources=True)))
        bundle.writestr("sources.csv", to_csv(sources))
    return buffer.getvalue()


def export(dataset: Dataset, kind: str, fmt: str = "csv", with_sources: bool = False) -> str | bytes:
    frame = frame_for(dataset, kind, with_sources)
    writers = {"csv": to_csv, "json": to_json, "geojson": to_geojson}
    if fmt == "xlsx":
        return to_xlsx(with_sources_sheet({kind: frame}, dataset.sources))
    if fmt not in writers:
        raise ValueError(f"unknown format '{fmt}': choose csv, json, geojson or xlsx")
    if kind == "lighthouses" and fmt == "json":
        records = _json_ready(frame)
        for record, project in zip(records, dataset.projects.values(), strict=True):
            record["quoted_facts"] = [fact_record(f, dataset.sources) for f in project.facts]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return writers[fmt](frame)


def read_clusters_csv(text: str) -> pd.DataFrame:
    """Read an exported cluster CSV back (used to check the round trip)."""
    frame = pd.read_csv(
        io.StringIO(text),
        dtype={f"{n}_q": str for n in FIGURE_FIELDS},
        keep_default_na=False,
        na_values={n: [""] for n in FIGURE_FIELDS},
    )
    return frame


COVERAGE_MARKS = {"": "exact", ">": "lower bound", "<": "upper bound", "~": "approximate", None: "unknown"}


def coverage_frame(dataset: Dataset, marks: dict[str | None, str] = COVERAGE_MARKS) -> pd.DataFrame:
    """Clusters × key figures: which are known exactly, bounded, approximate or unknown, and from
    which source document (by its number, e.g. 001). `marks` words the states (by qualifier)."""
    rows = []
    for cluster in dataset.clusters.values():
        row = {"cluster": cluster.name}
        for name in FIGURE_FIELDS:
            figure = cluster.figure(name)
            row[name] = marks[None] if figure is None else f"{marks[figure.qualifier.value]} · {figure.source.file[:3]}"
        rows.append(row)
    return pd.DataFrame(rows)
