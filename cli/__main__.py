"""Command line: `python -m cli validate`, `export ...`, `profile-pdf ...`, and for the people who
keep the data `import-actors FILE --cluster ID` and `set-figure CLUSTER FIGURE VALUE` (both only
review the change unless given `--apply`)."""

from __future__ import annotations

import argparse
import signal
import sys
import unicodedata
from pathlib import Path

from clusters.dataset import DATA_DIR, FILES, DataValidationError
from clusters.keeping.edit import EditError, apply_figure_change, plan_set_figure
from clusters.keeping.importer import apply_import, review_import
from clusters.readers.datafiles import load_dataset
from clusters.readers.exports import KINDS, export
from clusters.records.model import FIGURE_FIELDS, STORED_RELATIONS, Relation
from presentation.messages import cli_text, notice_text, refusal_text, review_text


def _validate(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    counts = {
        "clusters": len(dataset.clusters),
        "actors": len(dataset.actors),
        "projects": len(dataset.projects),
        "initiatives": len(dataset.initiatives),
        "figures": dataset.figure_count(),
        "sources": len(dataset.sources),
    }
    counted = {name: cli_text(f"cli.count_{name}", n=n) for name, n in counts.items()}
    print(cli_text("cli.validate_ok", date=dataset.data_date.isoformat(), **counted))
    return 0


def _export(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    content = export(dataset, args.kind, args.format, with_sources=args.with_sources)
    if args.out:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(args.out, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as handle:
            handle.write(content)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
    return 0


def _profile_pdf(args: argparse.Namespace) -> int:
    # The PDF layout and its texts belong to the UI layer (components/, no Streamlit in it).
    from presentation.pdf import profile_pdf

    dataset = load_dataset(args.data)
    if args.cluster not in dataset.clusters:
        known = tuple(dataset.clusters)
        print(_printable(cli_text("keeping.unknown_cluster", cluster=args.cluster, known=known)), file=sys.stderr)
        return 2
    Path(args.out).write_bytes(profile_pdf(dataset, dataset.clusters[args.cluster], args.lang))
    return 0


def _import_actors(args: argparse.Namespace) -> int:
    if args.apply and not args.source:
        print(cli_text("cli.apply_needs_source", file=FILES["sources"]), file=sys.stderr)
        return 2
    if bool(args.source) != bool(args.section):
        print(cli_text("cli.source_with_section"), file=sys.stderr)
        return 2
    dataset = load_dataset(args.data)
    if args.source and args.source not in dataset.sources:
        known = tuple(dataset.sources)
        print(
            _printable(cli_text("keeping.unknown_source", source=args.source, file=FILES["sources"], known=known)),
            file=sys.stderr,
        )
        return 2
    review = review_import(args.file, dataset, args.cluster, Relation(args.relation))
    print(_printable(review_text(review)))
    if not args.apply:
        if review.of("new") or review.of("changed"):
            print("\n" + cli_text("cli.import_not_written", file=FILES["actors"]))
        return 1 if review.has_problems else 0
    written = apply_import(args.data, review, args.source, args.section, dataset)
    if written:
        print("\n" + cli_text("cli.import_written", path=Path(args.data) / FILES["actors"], n=len(written)))
        print(_printable("\n".join(f"  {notice_text(notice)}" for notice in written)))
        print(cli_text("cli.import_next"))
    else:
        print("\n" + cli_text("cli.nothing_to_write"))
    return 1 if review.has_problems else 0


def _set_figure(args: argparse.Namespace) -> int:
    change = plan_set_figure(
        args.data,
        args.cluster,
        args.figure,
        args.value,
        source=args.source,
        quote=args.quote,
        year=args.year,
        section=args.section,
        unit=args.unit,
    )
    print(_printable(cli_text("cli.figure_cluster", cluster=change.cluster)))
    print(_printable("\n".join(f"  {notice_text(line)}" for line in change.summary)))
    for note in change.notes:
        print(_printable(cli_text("cli.figure_note", note=notice_text(note))))
    if not args.apply:
        print(cli_text("cli.figure_not_written", file=FILES["clusters"]))
        return 0
    apply_figure_change(args.data, change)
    print(cli_text("cli.figure_written", path=Path(args.data) / FILES["clusters"]))
    return 0


def _printable(text: str) -> str:
    """Messages quote the data files; control characters in them (terminal escapes) are shown
    escaped rather than sent to the terminal."""
    return "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else repr(c)[1:-1] for c in text)


def _exit_on_terminate(signum, frame) -> None:
    """SIGTERM (a killed job, a stopped container) ends the command like Ctrl-C does, so its
    temporary copies are removed on the way out."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    data_help = "data directory (default: the shipped data)"
    parser = argparse.ArgumentParser(prog="python -m cli", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help=data_help)
    # `--data` also after the command (`validate --data DIR`); SUPPRESS keeps the one given before it.
    data_after = argparse.ArgumentParser(add_help=False)
    data_after.add_argument("--data", type=Path, default=argparse.SUPPRESS, help=data_help)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "validate", parents=[data_after], help="check every data file; exit 1 on a problem"
    ).set_defaults(run=_validate)
    exporter = commands.add_parser("export", parents=[data_after], help="write clusters, actors or lighthouses")
    exporter.add_argument("kind", choices=KINDS)
    exporter.add_argument("--format", choices=("csv", "json", "geojson", "xlsx"), default="csv")
    exporter.add_argument("--out", help="file to write (default: standard output)")
    exporter.add_argument(
        "--with-sources",
        action="store_true",
        help="clusters: add each figure's year and source after the contract columns",
    )
    exporter.set_defaults(run=_export)
    pdf = commands.add_parser("profile-pdf", parents=[data_after], help="one-page A4 PDF profile of a cluster")
    pdf.add_argument("cluster")
    pdf.add_argument("--lang", choices=("en", "de"), default="en")
    pdf.add_argument("--out", required=True, help="PDF file to write")
    pdf.set_defaults(run=_profile_pdf)
    importer = commands.add_parser(
        "import-actors",
        parents=[data_after],
        help="review a cluster's member list (CSV/XLSX) against actors.csv; --apply writes it",
    )
    importer.add_argument("file", type=Path, help="the member list: CSV (',' or ';') or XLSX")
    importer.add_argument("--cluster", required=True, help="id of the cluster the members belong to")
    importer.add_argument("--relation", choices=[r.value for r in STORED_RELATIONS], default=Relation.MEMBER.value)
    importer.add_argument("--source", help=f"key of the list's entry in {FILES['sources']} (needed for --apply)")
    importer.add_argument("--section", help="where in the source the list stands (with --source)")
    importer.add_argument("--apply", action="store_true", help="write the rows without problems")
    importer.set_defaults(run=_import_actors)
    setter = commands.add_parser(
        "set-figure", parents=[data_after], help="add a sourced value of a key figure; --apply writes it"
    )
    setter.add_argument("cluster")
    setter.add_argument("figure", choices=FIGURE_FIELDS)
    setter.add_argument("value", help="as the source writes it: 1.250, 13,5, 'mehr als 250', 'rund 250'")
    setter.add_argument("--source", required=True, help=f"key of the source in {FILES['sources']}")
    setter.add_argument("--quote", required=True, help="the source's own wording of the figure")
    setter.add_argument("--year", required=True, type=int, help="the year the figure is for")
    setter.add_argument("--section", help="where in the source (default: the source's web address)")
    setter.add_argument("--unit", help="e.g. FTE, persons")
    setter.add_argument("--apply", action="store_true", help="write clusters.yaml")
    setter.set_defaults(run=_set_figure)
    args = parser.parse_args(argv)
    if args.command == "export" and args.format == "xlsx" and not args.out:
        parser.error(cli_text("cli.xlsx_needs_out"))
    try:
        return args.run(args)
    except DataValidationError as exc:
        if args.command in ("import-actors", "set-figure"):
            print(cli_text("cli.not_validating"), file=sys.stderr)
        print(_printable(str(exc)), file=sys.stderr)
        return 1
    except EditError as exc:
        print(_printable(cli_text("cli.refused", reason=refusal_text(exc))), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. --out in a folder that does not exist
        print(_printable(cli_text("cli.error", error=exc)), file=sys.stderr)
        return 1
    except Exception as exc:
        text = cli_text("cli.unexpected", kind=type(exc).__name__, error=exc)
        print(_printable(text).replace("\n", " "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
