"""Messages in words: the upload's in the reader's language, the command line's in English.

`clusters.keeping.upload` reports problems as codes with plain values; `upload_message_text` turns them
into text for `st.error`/`st.warning`, which render Markdown. Every value from the file (cell
contents, file, column and focus-area names) goes through `plain()`, so a cell such as
`![x](http://evil/)` or `# Expired` is shown as written instead of becoming an image or a heading.

The commands that keep the data (`clusters.keeping`) return codes and plain values as well: a
refusal is an `EditError(code, **params)`, a review holds rows, problems and notes with codes.
`CLI_TEXTS` is the command line's one catalogue of English texts and `cli_text` words a key of it;
a text that counts something holds its plural forms (`one`, `other`) for the value `n` or, without
`n`, for the length of its one list value. A refusal of the table reader (`UploadMessage`) keeps
its code: the UI's English text (`upload.<code>`) says it, unless `read.<code>` here says it for a
member list (where the UI's text speaks of clusters, the template or uploading).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from babel.numbers import format_decimal

import geodata
from clusters.keeping.edit import EditError, Notice
from clusters.keeping.importer import PLACE_COLUMNS, STATUSES, Review
from clusters.readers.tables import UploadMessage
from clusters.records.model import Figure

from .catalogue import normalise_language, plural_category, t
from .safe_text import plain, plain_list

# Row numbers, years and the "write 1250" hint are shown as a spreadsheet shows them: "1.001" for a
# row would read as one row in English and "1,250" is the very form the hint wants to avoid.
_VERBATIM = frozenset({"first_row", "first_year", "last_year", "line", "grouped"})


def upload_message_text(message: UploadMessage, lang: str) -> str:
    lang = normalise_language(lang)
    values = {name: _value_text(name, value, lang) for name, value in message.params.items()}
    body = t(f"upload.{message.code}", lang, **values)
    if message.row is None:
        return body
    if message.column:
        return t("upload.at_cell", lang, row=message.row, column=plain(message.column), message=body)
    return t("upload.at_row", lang, row=message.row, message=body)


def _value_text(name: str, value: object, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, list, tuple)):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return plain_list(value, ", ")
    if name in _VERBATIM:
        return str(int(value))
    # Three decimals: the German reading of "1,234" is 1.234, and rounding it would misquote it.
    text = format_decimal(value, format="#,##0.###", locale=lang)
    if name == "decimal" and re.search(r"[.,]\d{3}$", text):
        text += "0"  # "1.234" is read as 1234; the hint must itself be unambiguous
    return text


# --- the command line ----------------------------------------------------------------------------

CLI_TEXTS: dict[str, str | dict[str, str]] = {
    # The command line's own lines.
    "cli.validate_ok": (
        "ok: {clusters}, {actors}, {projects}, {initiatives}, {figures} from {sources} (data as of {date})"
    ),
    "cli.count_clusters": {"one": "{n} cluster", "other": "{n} clusters"},
    "cli.count_actors": {"one": "{n} actor", "other": "{n} actors"},
    "cli.count_projects": {"one": "{n} project", "other": "{n} projects"},
    "cli.count_initiatives": {"one": "{n} initiative", "other": "{n} initiatives"},
    "cli.count_figures": {"one": "{n} sourced figure", "other": "{n} sourced figures"},
    "cli.count_sources": {"one": "{n} source", "other": "{n} sources"},
    "cli.xlsx_needs_out": "--format xlsx needs --out FILE",
    "cli.apply_needs_source": (
        "--apply needs --source KEY and --section TEXT: every record must be sourced (KEY is an entry of {file})"
    ),
    "cli.source_with_section": "--source and --section go together",
    "cli.import_not_written": "Not written: run again with --apply (and --source, --section) to write {file}.",
    "cli.import_written": {
        "one": "Written to {path} ({n} row; rows with problems left out):",
        "other": "Written to {path} ({n} rows; rows with problems left out):",
    },
    "cli.import_next": "Next: python -m cli validate, then review `git diff clusters/data` and commit.",
    "cli.nothing_to_write": "Nothing to write.",
    "cli.figure_cluster": "{cluster}:",
    "cli.figure_note": "note: {note}",
    "cli.figure_not_written": "Not written: run again with --apply to write {file}.",
    "cli.figure_written": "Written to {path}.",
    "cli.not_validating": "Nothing written: the data with this change would not validate:",
    "cli.refused": "refused: {reason}",
    "cli.error": "error: {error}",
    "cli.unexpected": "error: unexpected {kind}: {error}",
    # The review of a member list.
    "review.title": "Review of {file} for cluster {cluster} (relation: {relation})",
    "review.new": "New ({n}):",
    "review.changed": "Changed ({n}):",
    "review.matched": "Matched ({n}):",
    "review.problem": "Problems ({n}):",
    "review.file_line": "  file: {problem}",
    "review.row_line": "  row {row}: {name} — {message}",
    "review.no_name": "(no name)",
    "review.note": "Note: {note}",
    "review.counts": {
        "one": "{new} new, {changed} changed, {matched} matched, {n} problem",
        "other": "{new} new, {changed} changed, {matched} matched, {n} problems",
    },
    "review.place_columns": "city (Ort/Stadt) or postcode (PLZ)",
    "review.town": "{name} ({state}, AGS {ags})",
    "review.more_towns": "{shown} and {n} more",
    # The table reader's refusals where the UI's `upload.<code>` does not fit a member list.
    "read.file_too_large": "The file has {size} MB; at most {limit} MB are read.",
    "read.empty": "The file is empty.",
    "read.not_csv": "'{file}' is not a CSV or Excel (.xlsx) file. Save the member list as CSV or .xlsx.",
    "read.xlsx_too_many_parts": (
        "The Excel file consists of more than {limit} parts; a member list needs a few dozen. "
        "Save the list alone as .xlsx or CSV."
    ),
    "read.xlsx_too_complex": (
        "The Excel file holds more than {limit} elements (cells, styles, names); a member list needs far fewer. "
        "Save the list alone as .xlsx or CSV."
    ),
    "read.too_many_rows": "The file has more than {limit} data rows. Split the list into parts of {limit} rows.",
    # Codes of clusters.keeping: refusals (EditError), problems and notes of a review, changes.
    "keeping.cannot_read": "cannot read {path}: {reason}",
    "keeping.changed_meanwhile": "{file} changed while this command ran; nothing was written: run it again",
    "keeping.locked": (
        "another data command is writing to this data folder; waited {seconds} s, nothing was written:"
        " run it again when that one is done"
    ),
    "keeping.unknown_source": "unknown source '{source}': add it to {file} first (known: {known})",
    "keeping.unknown_cluster": "unknown cluster '{cluster}'; known: {known}",
    "keeping.not_a_stored_relation": "'{relation}' is not a stored relation",
    "keeping.not_a_key_figure": "'{figure}' is not a key figure; use one of {figures}",
    "keeping.empty_quote": "--quote is empty: give the source's own wording of the figure",
    "keeping.section_needed": "--section is needed: say where in '{source}' the figure stands",
    "keeping.empty_section": "--section is empty: say where in the source the list stands",
    "keeping.number.not_a_number": (
        "'{text}' is not a number (write e.g. 250, 1.250, 13,5, 'mehr als 250' or 'rund 250')"
    ),
    "keeping.number.negative": "'{text}' is negative; figures cannot be below 0",
    "keeping.number.not_finite": "'{text}' is not a finite number",
    "keeping.number.too_many_digits": "'{text}' has {digits} digits; at most {limit} are kept exactly",
    "keeping.number.ambiguous": "'{text}' is ambiguous: {grouped} or {decimal}",
    "keeping.invalid_figure": "the new value is not a valid figure: {reasons}",
    "keeping.same_year": (
        "{cluster} already has a value of {figure} for {year}: {value}. A second value for the same year is "
        "refused; to correct that value, edit {file} by hand and run `python -m cli validate`."
    ),
    "keeping.not_as_planned": "{file}: the edited file does not hold the new value as planned",
    "keeping.not_one_line": "cannot write {data} as one line of YAML",
    "keeping.unusual_layout": "{file}: its layout is not one '- id: …' item per record; edit it by hand",
    "keeping.record_starts_with": "{file}: the record starts with '{key}'; edit it by hand",
    "keeping.edit_mismatch": "{file}: the text edit did not give the intended record; edit it by hand",
    "keeping.link_missing": "row {row}: {actor} does not hold the link after the change; nothing written",
    "keeping.figure_added": "{figure}: none → {value}",
    "keeping.figure_replaced": "{figure}: {old} → {value}",
    "keeping.history_gains_replaced": "history.{figure}: + {value} (the value it replaces)",
    "keeping.history_gains_older": "history.{figure}: + {value}; {figure} stays {current} (newer)",
    "keeping.source_added": "sources: + {source}",
    "keeping.unit_missing": "the current value's unit is '{unit}'; the new one has none (give --unit if it has)",
    "keeping.duplicate_column": "two columns mean '{field}': '{first}' and '{second}'",
    "keeping.missing_columns": {
        "one": "missing column: {missing} (header names understood: {understood})",
        "other": "missing columns: {missing} (header names understood: {understood})",
    },
    "keeping.no_data_rows": "the file has a header but no data rows",
    "keeping.ignored_columns": {"one": "ignored column: {columns}", "other": "ignored columns: {columns}"},
    "keeping.empty_name": "the name is empty",
    "keeping.name_has_controls": "the name holds control, bidi or zero-width characters; write it as plain text",
    "keeping.name_mixes_scripts": (
        "the name mixes Latin with Greek or Cyrillic letters in {words}: look-alikes pass for another name"
    ),
    "keeping.name_too_long": "the name has {length} characters (at most {limit})",
    "keeping.name_without_letters": "the name holds no letters or digits",
    "keeping.duplicate_row": "duplicate row: the same organisation as row {first_row}",
    "keeping.several_actors": "fits several existing actors ({actors}); link it by hand",
    "keeping.already_linked": "existing actor {actor}, already {link}",
    "keeping.gains_link": "existing actor {actor} gains {link}",
    "keeping.gains_another_link": "existing actor {actor} gains {link} (now: {relations})",
    "keeping.listed_actor_gains_link": "{listing} actor {actor} gains {link} (as new row {id})",
    "keeping.gains_link_as_new_row": "listed actor {actor} gains {link} (as new row {id})",
    "keeping.unknown_type": "type '{type}' is not an actor type ({accepted}, or German words such as Unternehmen)",
    "keeping.empty_type": "the type is empty ({accepted})",
    "keeping.invalid_website": (
        "website '{website}' is not a web address (https://… or a domain such as www.example.de)"
    ),
    "keeping.unknown_state": "state '{state}' is not a German state",
    "keeping.only_postcode": (
        "only a postcode ({postcode}): its places ({places}) are not one municipality of the BKG table; add the city"
    ),
    "keeping.invalid_postcode": "postcode '{postcode}' is not five digits",
    "keeping.unknown_postcode": "postcode {postcode} is not in the GeoNames postcode table",
    "keeping.postcode_in_several_districts": (
        "postcode {postcode} lies in several districts ({districts}): which place is meant would be a guess; "
        "add the city and check the postcode"
    ),
    "keeping.postcode_elsewhere": "postcode {postcode} lies in district {district}, not where {place} lies",
    "keeping.row_source_incomplete": (
        "the row cites no complete source: {missing} missing "
        "(each row needs its page's address, its words and the year)"
    ),
    "keeping.invalid_source_url": "source_url '{url}' is not a web address (https://…)",
    "keeping.invalid_year": "year '{year}' is not a year (four digits, not in the future)",
    "keeping.invalid_quote": (
        "the quote ({length} characters) has control characters or is longer than {limit} characters"
    ),
    "keeping.no_place": "no place: the city is empty",
    "keeping.ambiguous_place": "place '{place}' is ambiguous: {candidates}; write the full name",
    "keeping.unknown_place": "unknown place '{place}': no such municipality in the BKG table",
    "keeping.unknown_place_in_state": "unknown place '{place}' in {state}: no such municipality in the BKG table",
    "keeping.new_actor": "new actor {id}, {type}, {city} ({state})",
    "keeping.new_actor_place_corrected": (
        "new actor {id}, {type}, {city} ({state}); place corrected: '{written}' → '{town}'"
    ),
    "keeping.added": "added {id}",
    "keeping.linked": "{id} linked",
}
"""The command line's English texts by key; `cli_text` words them."""

MAX_TOWNS_SHOWN = 8
"""Of the municipalities an ambiguous place name fits, the command line names this many."""


def cli_text(key: str, **params: object) -> str:
    """The text for `key` with `params` filled in; a missing key is a programming error (KeyError)."""
    entry = CLI_TEXTS[key]
    if isinstance(entry, dict):
        entry = entry[plural_category(_count(params), "en")]
    return entry.format(**{name: _cli_value(name, value) for name, value in params.items()})


def refusal_text(error: EditError) -> str:
    return cli_text(f"keeping.{error.code}", **error.params)


def notice_text(notice: Notice) -> str:
    """A notice of `clusters.keeping`, after "row N: " when it is about a row of the file."""
    body = cli_text(f"keeping.{notice.code}", **notice.params)
    return body if notice.row is None else t("upload.at_row", "en", row=notice.row, message=body)


def read_problem_text(message: UploadMessage) -> str:
    """A refusal of the table reader: `read.<code>` where the command line has its own text, else
    the UI's English one."""
    key = f"read.{message.code}"
    body = cli_text(key, **message.params) if key in CLI_TEXTS else t(f"upload.{message.code}", "en", **message.params)
    if message.row is None:
        return body
    if message.column:
        return t("upload.at_cell", "en", row=message.row, column=message.column, message=body)
    return t("upload.at_row", "en", row=message.row, message=body)


def review_text(review: Review) -> str:
    """The review of a member list: the rows by status, the file's problems, the notes, the counts."""
    lines = [cli_text("review.title", file=review.file, cluster=review.cluster, relation=review.relation.value)]
    problems = len(review.of("problem")) + len(review.file_problems)
    for status in STATUSES:
        rows = review.of(status)
        lines.append("\n" + cli_text(f"review.{status}", n=problems if status == "problem" else len(rows)))
        if status == "problem":
            lines.extend(cli_text("review.file_line", problem=_file_problem_text(p)) for p in review.file_problems)
        lines.extend(
            cli_text(
                "review.row_line",
                row=row.row,
                name=row.name or cli_text("review.no_name"),
                message=cli_text(f"keeping.{row.code}", **row.params),
            )
            for row in rows
        )
    lines.extend("\n" + cli_text("review.note", note=_file_problem_text(note)) for note in review.notes)
    counts = {status: len(review.of(status)) for status in ("new", "changed", "matched")}
    lines.append("\n" + cli_text("review.counts", n=problems, **counts))
    return "\n".join(lines)


def _file_problem_text(problem: UploadMessage | Notice) -> str:
    return read_problem_text(problem) if isinstance(problem, UploadMessage) else notice_text(problem)


def _count(params: Mapping[str, object]) -> int | float:
    if "n" in params:
        return params["n"]
    (values,) = (value for value in params.values() if isinstance(value, (list, tuple)))
    return len(values)


def _cli_value(name: str, value: object) -> object:
    """A value as the command line shows it; numbers and words stay as they are."""
    if name == "data":
        return repr(value)
    if name == "candidates":
        towns = [_cli_value("town", town) for town in value[:MAX_TOWNS_SHOWN]]
        more = len(value) - MAX_TOWNS_SHOWN
        return cli_text("review.more_towns", shown=", ".join(towns), n=more) if more > 0 else ", ".join(towns)
    if name == "missing":
        return ", ".join(cli_text("review.place_columns") if column == PLACE_COLUMNS else column for column in value)
    if name == "understood":
        return "; ".join(f"{column}: {', '.join(names)}" for column, names in value.items())
    if name == "reasons":
        return "; ".join(f"{field}: {reason}" for field, reason in value)
    if isinstance(value, Figure):
        unit = f" {value.unit}" if value.unit else ""
        return f"{value.qualifier.value}{value.value}{unit} ({value.year}, {value.source.file})"
    if isinstance(value, geodata.Municipality):
        return cli_text("review.town", name=value.name, state=value.state, ags=value.ags)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return value
