"""Import a cluster's member list (CSV or XLSX, as clusters export them) into `actors.csv`.

`review_import` reads the file, places every row offline with the BKG municipality table, matches
it against the actors the data already holds and sorts the rows into new, changed (an existing
actor gains the link to the cluster), matched (already linked) and problems. Nothing is guessed: a
place name that fits several municipalities, a name that fits several actors, a type that is not
one of the actor types are problems, reported with the file's row number and the candidates.

`apply_import` writes only the rows without problems, each with the provenance the person gives,
through `clusters.keeping.edit.write_validated` (the whole dataset must validate in a copy first).

The file comes from outside, so it is read with the upload's reader (`clusters.readers.tables`):
bounded size, rows and workbook parts, zip bombs refused before openpyxl sees them; what it refuses
keeps the reader's own code (`UploadMessage`).

The review holds codes and plain values, never text: `presentation.messages` words it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import geodata
from geodata.postcodes import postcode_districts, postcode_points

from ..dataset import FILES, Dataset
from ..readers.datafiles import OPTIONAL_ACTOR_COLUMNS
from ..readers.tables import MAX_BYTES, Table, TableRejected, UploadMessage, read_table
from ..records.model import STORED_RELATIONS, WEBSITE, ActorType, Relation
from ..records.text import fold, has_control_or_bidi, mixed_script_words, neutralised
from .edit import EditError, Notice, read_data_file, require_source, write_validated
from .places import PlaceMatch, locate, state_code, stored_city

# --- the file's columns ----------------------------------------------------------------------------

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "organisation", "organization", "firma", "unternehmen", "einrichtung", "mitglied", "member"),
    "type": ("type", "typ", "art", "kategorie", "category"),
    "city": ("city", "ort", "stadt", "town", "gemeinde", "sitz", "standort"),
    "postcode": ("plz", "postcode", "postal code", "postleitzahl", "zip", "zip code"),
    "website": ("website", "webseite", "url", "homepage", "internet", "web"),
    "state": ("state", "bundesland", "land"),
    "source_url": ("source url", "source", "quelle", "page", "seite", "fundstelle"),
    "quote": ("quote", "zitat", "wortlaut"),
    "year": ("year", "jahr", "as of", "stand"),
}
"""Header names as people write them (compared case-insensitively); `name`, `type` and a place
(`city`, or at least `postcode` to be told why that is not enough) are needed."""
PLACE_COLUMNS = "place"
"""Stands in the missing columns for "a `city` or at least a `postcode` column"."""

MAX_NAME_CHARS = 300
MAX_QUOTE_CHARS = 600

TYPE_WORDS: dict[str, ActorType] = {
    **{kind.value.replace("_", " "): kind for kind in ActorType},
    **dict.fromkeys(
        ("unternehmen", "firma", "kmu", "sme", "startup", "start up", "grossunternehmen", "large company",
         "industrie", "industry", "dienstleister", "service provider"),
        ActorType.COMPANY,
    ),
    **dict.fromkeys(("universitaet", "uni"), ActorType.UNIVERSITY),
    **dict.fromkeys(
        ("fachhochschule", "fh", "haw", "hochschule fuer angewandte wissenschaften", "applied sciences"),
        ActorType.UNIVERSITY_OF_APPLIED_SCIENCES,
    ),
    **dict.fromkeys(
        ("universitaetsklinikum", "uniklinik", "uniklinikum", "universitaetsmedizin"), ActorType.UNIVERSITY_HOSPITAL
    ),
    **dict.fromkeys(("klinik", "klinikum", "krankenhaus", "clinic"), ActorType.HOSPITAL),
    **dict.fromkeys(
        ("forschungseinrichtung", "forschungsinstitut", "institut", "institute", "research institution",
         "research", "forschung", "ausseruniversitaere forschungseinrichtung"),
        ActorType.RESEARCH_INSTITUTE,
    ),
    **dict.fromkeys(("netzwerk", "verband", "verein", "association", "cluster", "initiative"), ActorType.NETWORK),
    **dict.fromkeys(
        ("behoerde", "ministerium", "ministry", "kommune", "oeffentliche einrichtung", "public authority",
         "authority", "public institution"),
        ActorType.PUBLIC_BODY,
    ),
    **dict.fromkeys(
        ("technologiepark", "technologiezentrum", "gruenderzentrum", "science park", "innovationszentrum",
         "innovation centre", "innovation center"),
        ActorType.TECHNOLOGY_PARK,
    ),
}  # fmt: skip
"""Type words of member lists, folded (`fold`), to the actor types."""

LEGAL_FORMS: frozenset[tuple[str, ...]] = frozenset(
    tuple(form.split())
    for form in (
        "gmbh", "mbh", "ggmbh", "ag", "se", "kgaa", "kg", "ohg", "ug", "haftungsbeschraenkt", "eg", "e g",
        "ev", "e v", "gbr", "ek", "e k", "inc", "ltd", "llc", "plc", "corp", "co", "und co", "bv", "nv", "sa",
    )
)  # fmt: skip
"""Legal forms (folded) left off the end of a name before comparing: "Foo GmbH & Co. KG" is "foo"."""
_FILLERS = frozenset({"der", "des", "die", "das", "zu", "of", "the"})
_UNIVERSITY = frozenset({"universitaet", "university", "uni", "universitat", "universite"})


def name_key(name: str) -> str:
    """The same organisation in another spelling gives the same key: case, umlauts, punctuation,
    legal forms at the end, "Universität"/"University"/"Uni" and filler words do not count."""
    words = ["universitaet" if word in _UNIVERSITY else word for word in fold(name).split()]
    words = ["und" if word == "and" else word for word in words if word not in _FILLERS]
    trimmed = True
    while trimmed and len(words) > 1:
        trimmed = False
        for size in (2, 1):
            if len(words) > size and tuple(words[-size:]) in LEGAL_FORMS:
                del words[-size:]
                trimmed = True
                break
        if words and words[-1] == "und":
            words.pop()
            trimmed = True
    return " ".join(words)


def new_id(name: str, taken: set[str]) -> str:
    """A record id from the name (`Foo Bär GmbH` -> `foo-baer`), unique among `taken`."""
    words = name_key(name).split() or fold(name).split()
    slug = ""
    for word in words:
        word = re.sub(r"[^a-z0-9]+", "", word)
        if slug and len(slug) + len(word) + 1 > 60:
            break
        if word:
            slug = f"{slug}-{word}" if slug else word[:60]
    slug = slug or "actor"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


# --- the review -----------------------------------------------------------------------------------


STATUSES = ("new", "changed", "matched", "problem")


@dataclass
class ReviewRow:
    """One row of the file: its `status` and, as `code` and `params`, what it means."""

    row: int
    name: str
    status: str  # one of STATUSES
    code: str
    params: dict[str, object] = field(default_factory=dict)
    actor_id: str | None = None
    record: dict[str, str] | None = None
    """new: the actors.csv row to append (without source and section); changed: the row's id to link."""


@dataclass
class Review:
    file: str
    cluster: str
    relation: Relation
    rows: list[ReviewRow] = field(default_factory=list)
    file_problems: list[UploadMessage | Notice] = field(default_factory=list)
    """The table reader's refusal (its `UploadMessage`) or the importer's own problems of the file."""
    notes: list[Notice] = field(default_factory=list)

    def of(self, status: str) -> list[ReviewRow]:
        return [row for row in self.rows if row.status == status]

    @property
    def has_problems(self) -> bool:
        return bool(self.file_problems or self.of("problem"))


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _map_columns(header: list[object]) -> tuple[dict[str, int], list[Notice], list[str]]:
    """(field -> column index, problems, ignored column names)."""
    aliases = {fold(alias): name for name, names in COLUMN_NAMES.items() for alias in names}
    found: dict[str, int] = {}
    problems: list[Notice] = []
    ignored: list[str] = []
    for index, cell in enumerate(header):
        written = _cell_text(cell).removeprefix("\ufeff")
        target = aliases.get(fold(written))
        if target is None:
            if written:
                ignored.append(written)
        elif target in found:
            first = _cell_text(header[found[target]])
            problems.append(Notice("duplicate_column", {"field": target, "first": first, "second": written}))
        else:
            found[target] = index
    missing = [name for name in ("name", "type") if name not in found]
    if "city" not in found and "postcode" not in found:
        missing.append(PLACE_COLUMNS)
    if "source_url" in found:  # a list whose rows come from pages of their own: each row cites its page
        missing += [name for name in ("quote", "year") if name not in found]
    if missing:
        problems.append(Notice("missing_columns", {"missing": tuple(missing), "understood": COLUMN_NAMES}))
    return found, problems, ignored


def read_member_file(path: Path) -> Table:
    """The file's first table (header, rows, what the reader noticed); raises TableRejected (the
    table reader's code) or EditError (the file cannot be opened)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise EditError("cannot_read", path=str(path), reason=exc.strerror or str(exc)) from None
    if path.suffix.lower() in (".xlsx", ".xlsm") and not content.startswith(b"PK\x03\x04") and content.strip():
        raise TableRejected("xlsx_unreadable")
    return read_table(path.name, content)


@dataclass
class _Known:
    """The actors the data holds, by name key: named rows of actors.csv and the listed ones."""

    named_rows: dict[str, dict[str, str]]
    by_key: dict[str, set[str]]
    taken_by: dict[str, str]
    ids: set[str]


def _known_actors(dataset: Dataset, actor_rows: list[dict[str, str]]) -> _Known:
    named_rows = {row["id"]: row for row in actor_rows}
    taken_by = {row["same_as"]: row["id"] for row in actor_rows if row.get("same_as")}
    by_key: dict[str, set[str]] = {}
    for actor in dataset.actors.values():
        by_key.setdefault(name_key(actor.name), set()).add(actor.id)
    for file in (FILES["register_actors"], FILES["institutes"]):  # listed rows a named actor took over
        path = dataset.data_dir / file
        if path.is_file():
            for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
                if row.get("id") in taken_by and row.get("name"):
                    by_key.setdefault(name_key(row["name"]), set()).add(taken_by[row["id"]])
    ids = set(dataset.actors) | set(named_rows) | set(taken_by)
    return _Known(named_rows, by_key, taken_by, ids)


def _type_of(text: str) -> ActorType | None:
    return TYPE_WORDS.get(fold(text))


def review_import(path: Path, dataset: Dataset, cluster_id: str, relation: Relation = Relation.MEMBER) -> Review:
    """Read the file and sort its rows; nothing is written. Raises EditError for a wrong cluster
    or relation (the file's own problems are in the review)."""
    if cluster_id not in dataset.clusters:
        raise EditError("unknown_cluster", cluster=cluster_id, known=tuple(dataset.clusters))
    if relation not in STORED_RELATIONS:
        raise EditError("not_a_stored_relation", relation=relation.value)
    review = Review(Path(path).name, cluster_id, relation)
    try:
        table = read_member_file(path)
        header, rows = table.header, table.rows
        review.notes.extend(table.warnings)
    except TableRejected as rejected:
        review.file_problems.append(rejected.message)
        return review
    except EditError as exc:
        review.file_problems.append(Notice(exc.code, exc.params))
        return review
    columns, problems, ignored = _map_columns(header)
    review.file_problems.extend(problems)
    if ignored:
        review.notes.append(Notice("ignored_columns", {"columns": tuple(ignored)}))
    if problems:
        return review
    if not rows:
        review.file_problems.append(Notice("no_data_rows"))
        return review

    actor_rows, _ = _actor_table(dataset.data_dir)
    known = _known_actors(dataset, actor_rows)
    taken_ids = set(known.ids)
    seen: dict[str, int] = {}
    for number, cells in rows:

        def cell(name: str, cells=cells) -> str:
            index = columns.get(name)
            return _cell_text(cells[index]) if index is not None and index < len(cells) else ""

        review.rows.append(
            _review_row(number, cell, dataset, cluster_id, relation, known, taken_ids, seen, "source_url" in columns)
        )
    return review


def _review_row(
    number, cell, dataset: Dataset, cluster_id: str, relation: Relation, known, taken_ids, seen, per_row_sources
):
    """The row sorted; each check below raises EditError(code, **params), the row's problem."""
    name = cell("name")
    link = f"{cluster_id}:{relation.value}"
    try:
        key = _checked_name(name, number, seen)
        matches = sorted(known.by_key.get(key, set()))
        if len(matches) > 1:
            raise EditError("several_actors", actors=tuple(matches))
        if matches:
            actor_id = matches[0]
            actor = dataset.actors.get(actor_id)
            if actor_id in known.named_rows:
                return _named_actor_row(number, name, actor_id, actor, cluster_id, relation)
            return _listed_actor_row(number, name, actor_id, actor, cell("website"), link, taken_ids)
        return _new_actor_row(number, name, cell, link, taken_ids, per_row_sources)
    except EditError as problem:
        return ReviewRow(number, name, "problem", problem.code, problem.params)


def _checked_name(name: str, number: int, seen: dict[str, int]) -> str:
    """The name's key, after the checks of the name itself and against the rows before."""
    if not name:
        raise EditError("empty_name")
    if has_control_or_bidi(name) or neutralised(name) != name:
        raise EditError("name_has_controls")
    if look_alikes := mixed_script_words(name):
        raise EditError("name_mixes_scripts", words=tuple(look_alikes))
    if len(name) > MAX_NAME_CHARS:
        raise EditError("name_too_long", length=len(name), limit=MAX_NAME_CHARS)
    key = name_key(name)
    if not key:
        raise EditError("name_without_letters")
    if key in seen:
        raise EditError("duplicate_row", first_row=seen[key])
    seen[key] = number
    return key


def _named_actor_row(number: int, name: str, actor_id: str, actor, cluster_id: str, relation: Relation) -> ReviewRow:
    """A named actor (a row of actors.csv): matched, or changed when it gains the link."""
    link = f"{cluster_id}:{relation.value}"
    relations = [r.value for r in actor.relations_to(cluster_id)] if actor else []
    if relation.value in relations:
        return ReviewRow(number, name, "matched", "already_linked", {"actor": actor_id, "link": link}, actor_id)
    params = {"actor": actor_id, "link": link, "relations": tuple(relations)}
    return ReviewRow(number, name, "changed", "gains_another_link" if relations else "gains_link", params, actor_id)


def _listed_actor_row(number: int, name: str, actor_id: str, actor, website: str, link: str, taken_ids) -> ReviewRow:
    """A register or institute row: a named row that is the same place (same_as) carries the link."""
    record = {
        "id": new_id(actor.name, taken_ids),
        "name": actor.name,
        "type": actor.type.value,
        "city": actor.place.city,
        "state": actor.place.state,
        "clusters": link,
        "same_as": actor_id,
    }
    if website and WEBSITE.fullmatch(website):
        record["website"] = website
    taken_ids.add(record["id"])
    params = {"actor": actor_id, "link": link, "id": record["id"]}
    if actor.listing:
        params["listing"] = actor.listing.value
    code = "listed_actor_gains_link" if actor.listing else "gains_link_as_new_row"
    return ReviewRow(number, name, "changed", code, params, actor_id, record)


def _row_source(cell) -> dict[str, str]:
    """The page a row cites (`source_url`, `quote`, `year`), all three or none: no row is written
    without its source where the list names sources row by row."""
    url, quote, year = cell("source_url"), " ".join(cell("quote").split()), cell("year")
    if not (url or quote or year):
        return {}
    if not url or not quote or not year:
        raise EditError(
            "row_source_incomplete",
            missing=tuple(n for n, v in (("source_url", url), ("quote", quote), ("year", year)) if not v),
        )
    if not re.fullmatch(r"https?://\S+", url) or len(url) > 2000:
        raise EditError("invalid_source_url", url=url[:200])
    if not re.fullmatch(r"(19|20)\d\d", year) or int(year) > dt.date.today().year:
        raise EditError("invalid_year", year=year[:20])
    if has_control_or_bidi(quote) or len(quote) > MAX_QUOTE_CHARS:
        raise EditError("invalid_quote", length=len(quote), limit=MAX_QUOTE_CHARS)
    return {"url": url, "quote": quote, "as_of": year}


def _new_actor_row(number: int, name: str, cell, link: str, taken_ids, per_row_sources: bool) -> ReviewRow:
    kind = _checked_type(cell("type"))
    website = cell("website")
    if website and not WEBSITE.fullmatch(website):
        raise EditError("invalid_website", website=website)
    source = _row_source(cell)
    if per_row_sources and not source:
        raise EditError("row_source_incomplete", missing=("source_url", "quote", "year"))
    city, place, postcode = _placed(cell)
    town = place.municipality
    record = {
        "id": new_id(name, taken_ids),
        "name": name,
        "type": kind.value,
        "city": stored_city(town),
        "state": town.state,
        "clusters": link,
        **source,
    }
    if postcode:
        record["postcode"] = postcode
    if website:
        record["website"] = website
    taken_ids.add(record["id"])
    params = {"id": record["id"], "type": kind.value, "city": record["city"], "state": town.state}
    if place.status == "corrected":
        params.update(written=city, town=town.name)
    code = "new_actor_place_corrected" if place.status == "corrected" else "new_actor"
    return ReviewRow(number, name, "new", code, params, None, record)


def _checked_type(text: str) -> ActorType:
    kind = _type_of(text) if text else None
    if kind is None:
        accepted = tuple(t.value for t in ActorType)
        if text:
            raise EditError("unknown_type", type=text, accepted=accepted)
        raise EditError("empty_type", accepted=accepted)
    return kind


def _placed(cell) -> tuple[str, PlaceMatch, str | None]:
    """The city as written (without a postcode in front), the one municipality it names, and the
    postcode where one is given: it must exist and lie in one district, that of the municipality."""
    city, postcode = cell("city"), cell("postcode")
    written_code = re.match(r"(?:D-)?(\d{5})\s+(\S.*)$", city)
    if written_code:  # "80331 München" in one cell
        postcode, city = written_code.group(1), written_code.group(2)
    state = None
    if cell("state"):
        state = state_code(cell("state"))
        if state is None:
            raise EditError("unknown_state", state=cell("state"))
    if not city:
        if postcode:
            return _placed_by_postcode(postcode, state)
        raise EditError("no_place")
    place = locate(city, state)
    if place.status == "ambiguous":
        raise EditError("ambiguous_place", place=city, candidates=place.candidates)
    if place.status == "unknown":
        if state:
            raise EditError("unknown_place_in_state", place=city, state=state)
        raise EditError("unknown_place", place=city)
    if postcode:
        _check_postcode(postcode, place.municipality)
    return city, place, postcode or None


def _placed_by_postcode(postcode: str, state: str | None) -> tuple[str, PlaceMatch, str]:
    """A row with a postcode and no city: the postcode's place, where it is one municipality."""
    _check_postcode(postcode, None)
    names = sorted({point.place for point in postcode_points(postcode)})
    places = [locate(name, state) for name in names]
    towns = {place.municipality.ags: place for place in places if place.status == "exact"}
    if len(towns) != 1:
        raise EditError("only_postcode", postcode=postcode, places=tuple(names))
    place = next(iter(towns.values()))
    _check_postcode(postcode, place.municipality)
    return place.municipality.name, place, postcode


def _check_postcode(postcode: str, town: geodata.Municipality | None) -> None:
    if not re.fullmatch(r"\d{5}", postcode):
        raise EditError("invalid_postcode", postcode=postcode[:20])
    districts = postcode_districts(postcode)
    if not districts:
        raise EditError("unknown_postcode", postcode=postcode)
    if len(districts) > 1:  # one postcode, several districts: which one is meant is a guess
        raise EditError("postcode_in_several_districts", postcode=postcode, districts=tuple(sorted(districts)))
    if town is not None and town.ags[:5] not in districts:
        raise EditError("postcode_elsewhere", postcode=postcode, place=town.name, district=next(iter(districts)))


# --- writing ------------------------------------------------------------------------------------------


def _actor_table(data_dir: Path) -> tuple[list[dict[str, str]], list[str]]:
    """actors.csv as rows (dicts) and its header."""
    text = read_data_file(data_dir, FILES["actors"]).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    return rows, list(reader.fieldnames or [])


def new_actor_table(original: bytes, review: Review, source: str, section: str) -> bytes:
    """actors.csv with the review's new rows appended and its changed actors linked. Rows that do
    not change keep their bytes unless a new column (website) has to be added."""
    bom = original.startswith(b"\xef\xbb\xbf")
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    records: list[tuple[list[str], str]] = []  # (cells, original text)
    previous = reader.line_num
    for cells in reader:
        records.append((cells, "".join(lines[previous : reader.line_num])))
        previous = reader.line_num
    additions = [row.record for row in review.rows if row.record is not None]
    links = {row.actor_id: row.record is None for row in review.of("changed")}
    wanted = [name for name in OPTIONAL_ACTOR_COLUMNS if name not in header and any(r.get(name) for r in additions)]
    new_header = header + wanted
    id_column = header.index("id")
    clusters_column = header.index("clusters")
    note_column = header.index("note")
    link = f"{review.cluster}:{review.relation.value}"
    provenance = f"{link} from {source}, {section}."

    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(new_header)
    for cells, original_text in records:
        linked = len(cells) > id_column and links.get(cells[id_column])
        if not linked and not wanted:
            out.write(original_text if original_text.endswith(("\n", "\r")) else original_text + newline)
            continue
        cells = list(cells)
        if linked:  # the row keeps its source; the note says where the new link comes from
            cells[clusters_column] = ";".join(part for part in (cells[clusters_column].strip(), link) if part)
            cells[note_column] = " ".join(part for part in (cells[note_column].strip(), provenance) if part)
        writer.writerow(cells + [""] * len(wanted))
    for record in additions:
        full = {**record, "source": source, "section": section}
        writer.writerow([full.get(column, "") for column in new_header])
    content = out.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + content) if bom else content


def apply_import(data_dir: Path, review: Review, source: str, section: str, dataset: Dataset) -> list[Notice]:
    """Write the review's rows without problems; returns what was written, one notice a row
    (`added` with the new id, `linked` with the actor's). Raises EditError or DataValidationError
    (then nothing is written)."""
    require_source(dataset, source)
    section = " ".join(section.split())
    if not section:
        raise EditError("empty_section")
    writes = [row for row in review.rows if row.status in ("new", "changed")]
    if not writes:
        return []
    original = read_data_file(data_dir, FILES["actors"])
    content = new_actor_table(original, review, source, section)
    link = (review.cluster, review.relation)

    def check(result: Dataset) -> None:
        for row in writes:
            actor_id = row.record["id"] if row.record else row.actor_id
            actor = result.actors.get(actor_id)
            if actor is None or review.relation not in actor.relations_to(link[0]):
                raise EditError("link_missing", row=row.row, actor=actor_id)

    write_validated(data_dir, {FILES["actors"]: content}, {FILES["actors"]: original}, check)
    return [
        Notice("added", {"id": row.record["id"]}, row.row)
        if row.record
        else Notice("linked", {"id": row.actor_id}, row.row)
        for row in writes
    ]
