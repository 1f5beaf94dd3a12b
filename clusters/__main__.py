"""Command line: `python -m clusters validate` and `python -m clusters export ...`."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from .io import KINDS, export
from .load import DATA_DIR, DataValidationError, load_dataset


def _validate(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    print(
        f"ok: {len(dataset.clusters)} clusters, {len(dataset.actors)} actors, "
        f"{len(dataset.projects)} projects, {len(dataset.initiatives)} initiatives, "
        f"{dataset.figure_count()} sourced figures from {len(dataset.sources)} sources "
        f"(data as of {dataset.data_date.isoformat()})"
    )
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
    from components.profile_pdf import profile_pdf

    dataset = load_dataset(args.data)
    if args.cluster not in dataset.clusters:
        print(f"unknown cluster '{args.cluster}'; known: {', '.join(dataset.clusters)}", file=sys.stderr)
        return 2
    Path(args.out).write_bytes(profile_pdf(dataset, dataset.clusters[args.cluster], args.lang))
    return 0


def _printable(text: str) -> str:
    """Messages quote the data files; control characters in them (terminal escapes) are shown
    escaped rather than sent to the terminal."""
    return "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else repr(c)[1:-1] for c in text)


def main(argv: list[str] | None = None) -> int:
    data_help = "data directory (default: the shipped data)"
    parser = argparse.ArgumentParser(prog="python -m clusters", description=__doc__)
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
    args = parser.parse_args(argv)
    if args.command == "export" and args.format == "xlsx" and not args.out:
        parser.error("--format xlsx needs --out FILE")
    try:
        return args.run(args)
    except DataValidationError as exc:
        print(_printable(str(exc)), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. --out in a folder that does not exist
        print(_printable(f"error: {exc}"), file=sys.stderr)
        return 1
    except Exception as exc:
        print(_printable(f"error: unexpected {type(exc).__name__}: {exc}").replace("\n", " "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
