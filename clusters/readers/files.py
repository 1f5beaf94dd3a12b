"""Reading a data file defensively: size limits, regular files only, UTF-8, YAML lists of records.

Every problem becomes a `DataIssue` for the file; nothing here raises.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import ClassVar

import yaml

from ..dataset import DataIssue

# A file far beyond the data's size is a mistake (or hostile), and parsing it would hold the
# server for minutes. The shipped YAML files are below 50 kB; yaml.safe_load (pure Python) needs
# ~8 s and ~350 MB per MB of dense YAML. The benchmark's 20,000 actors are a 2 MB CSV, which the
# csv module reads quickly.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_CSV_BYTES = 20 * 1024 * 1024


def read_text(path: Path, issues: list[DataIssue], max_bytes: int) -> str | None:
    """The file's text, or None after reporting why it cannot be read (never an exception)."""

    def fail(message: str) -> None:
        issues.append(DataIssue(path.name, "-", "-", message))

    limit = f"at most {max_bytes / 2**20:g} MB"
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            # A link may lead anywhere (a secrets file, /proc/self/status): the loader reads only
            # regular files that lie in the data folder itself.
            return fail("is a link: the data folder must hold its files themselves, not links to them")
        if stat.S_ISDIR(info.st_mode):
            return fail("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return fail("is not a regular file")
        if info.st_size > max_bytes:
            return fail(f"file is too large ({info.st_size / 2**20:.1f} MB, {limit})")
        # O_NOFOLLOW: the file cannot be swapped for a link between the check and the open.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
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


class PlainDigits(str):
    """Digits with a leading 0 written without quotes (`05334`): YAML would read them as an octal
    number (2780) or, where they hold an 8 or 9, as text. Kept as text and marked, so that a field
    holding codes (a district key) can refuse them with the reason."""


_LEADING_ZERO = re.compile(r"^0[0-9]+$")


class _DataLoader(yaml.SafeLoader):
    yaml_implicit_resolvers: ClassVar[dict] = {
        key: list(value) for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_DataLoader.yaml_implicit_resolvers["0"].insert(0, ("tag:cluster-atlas:plain-digits", _LEADING_ZERO))
_DataLoader.add_constructor("tag:cluster-atlas:plain-digits", lambda loader, node: PlainDigits(node.value))


def read_yaml(path: Path, issues: list[DataIssue]) -> list[dict] | None:
    """The file's records, or None (reported) when the file as a whole cannot be used."""
    text = read_text(path, issues, MAX_YAML_BYTES)
    if text is None:
        return None

    def fail(message: str) -> None:
        issues.append(DataIssue(path.name, "-", "-", message))

    try:
        records = yaml.load(text, Loader=_DataLoader)  # a SafeLoader with one more plain type
    except yaml.MarkedYAMLError as exc:
        # Where and what, never the parser's snippet of the file: a message must not show content.
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return fail(f"cannot be read as YAML{where}: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return fail(f"cannot be read as YAML: {type(exc).__name__}")
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
