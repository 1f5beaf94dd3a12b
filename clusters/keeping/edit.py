"""Changing the data files from the command line: `set-figure` and the safe write both commands use.

The commands return codes and plain values, never text: a refusal is an `EditError(code,
**params)`, what a change does and notes about it are `Notice`s; the command line words them
(`presentation.messages`).

A change is never written on trust. `write_validated` writes the changed files into a temporary copy
of the data folder and loads that copy with `load_dataset`; only when the whole dataset validates
(and a caller's own check passes) are the real files replaced, each through a temporary file in the
same folder and `os.replace`, so a failure at any point leaves the old file whole.

`plan_set_figure` edits `clusters.yaml` as text: only the block of the one cluster changes, every
comment and every other record keeps its bytes, and each figure it writes is a one-line flow mapping
like the hand-written ones. The result is checked by parsing old and new text: every other record
must be equal, the edited one exactly what was meant.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..dataset import FILES, Dataset
from ..readers.datafiles import load_dataset
from ..records.model import FIGURE_FIELDS, Figure, Qualifier
from ..records.numbers import NumberError, parse_figure_text


class EditError(Exception):
    """A change that is refused: `code` names the reason, `params` holds plain values (names,
    numbers, records) to word it with; `presentation.messages` says why and what to do instead."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Notice:
    """Something a command reports (a planned change, a note, a problem of a file): a code and
    plain values, and the file's row it is about (None for the whole file)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)
    row: int | None = None


# --- writing safely --------------------------------------------------------------------------------


def write_validated(
    data_dir: Path,
    changes: Mapping[str, bytes],
    originals: Mapping[str, bytes],
    check: Callable[[Dataset], None] | None = None,
) -> Dataset:
    """Replace the files `changes` names (file name -> new bytes) in `data_dir`, but only after the
    whole dataset with the changes has validated in a temporary copy and `check` (which may raise
    EditError) accepted it. `originals` are the bytes the changes were made from: a file that has
    changed since is not overwritten. Raises DataValidationError or EditError; then nothing is written."""
    data_dir = Path(data_dir)
    remove_stale_copies()
    with tempfile.TemporaryDirectory(prefix=CHECK_PREFIX) as tmp:
        copy_dir = Path(tmp) / "data"
        shutil.copytree(data_dir, copy_dir, ignore=shutil.ignore_patterns(".*"))
        for name, content in changes.items():
            (copy_dir / name).write_bytes(content)
        dataset = load_dataset(copy_dir)
        if check is not None:
            check(dataset)
    # The check and the replace under one lock: two writers at once would both pass the check and
    # the second would overwrite the first one's change.
    with data_lock(data_dir):
        for name in changes:
            if (data_dir / name).read_bytes() != originals[name]:
                raise EditError("changed_meanwhile", file=name)
        for name, content in changes.items():
            _replace_file(data_dir / name, content)
    return dataset


CHECK_PREFIX = "cluster-atlas-check-"
STALE_AFTER_SECONDS = 3600
LOCK_WAIT_SECONDS = 30.0


def remove_stale_copies(older_than: float = STALE_AFTER_SECONDS) -> None:
    """Temporary copies of a check that was killed before it could clean up (SIGKILL, power loss)."""
    cutoff = time.time() - older_than
    for stale in Path(tempfile.gettempdir()).glob(f"{CHECK_PREFIX}*"):
        with contextlib.suppress(OSError):
            if stale.is_dir() and not stale.is_symlink() and stale.stat().st_mtime < cutoff:
                shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def data_lock(data_dir: Path, wait: float | None = None) -> Iterator[None]:
    """An exclusive lock on the data folder for a check-and-replace: a second writer waits for the
    first (up to `wait` seconds, `CLUSTER_ATLAS_LOCK_WAIT` or 30 s) and is then refused."""
    wait = float(os.environ.get("CLUSTER_ATLAS_LOCK_WAIT", LOCK_WAIT_SECONDS)) if wait is None else wait
    deadline = time.monotonic() + wait
    # The folder itself is locked (flock on its descriptor): no lock file is left in the data.
    folder = os.open(data_dir, os.O_RDONLY)
    try:
        while True:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise EditError("locked", seconds=round(wait)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(folder, fcntl.LOCK_UN)
    finally:
        os.close(folder)


def _replace_file(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, then rename it over the old one: a reader
    (or a crash) sees the old file or the new one, never half of it."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(content)
            temp.flush()
            os.fsync(temp.fileno())
        shutil.copymode(path, temp_name)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def require_source(dataset: Dataset, source: str) -> None:
    """Every record the commands write cites a source that `sources.yaml` already holds."""
    if source not in dataset.sources:
        raise EditError("unknown_source", source=source, file=FILES["sources"], known=tuple(dataset.sources))


def read_data_file(data_dir: Path, name: str) -> bytes:
    path = Path(data_dir) / name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EditError("cannot_read", path=str(path), reason=exc.strerror or str(exc)) from None


# --- set-figure --------------------------------------------------------------------------------------


@dataclass
class FigureChange:
    """What `set-figure` would do (`summary`, `notes`: codes with the figures as values) and the
    new text of clusters.yaml."""

    cluster: str
    figure: str
    summary: list[Notice]
    old_bytes: bytes
    new_bytes: bytes
    expected: Figure
    becomes_current: bool
    notes: list[Notice] = field(default_factory=list)


def plan_set_figure(
    data_dir: Path,
    cluster_id: str,
    figure_name: str,
    value_text: str,
    *,
    source: str,
    quote: str,
    year: int,
    section: str | None = None,
    unit: str | None = None,
) -> FigureChange:
    """Work out the change without writing anything; raises EditError for a refused one (and
    DataValidationError when the data as it is does not validate)."""
    data_dir = Path(data_dir)
    if figure_name not in FIGURE_FIELDS:
        raise EditError("not_a_key_figure", figure=figure_name, figures=FIGURE_FIELDS)
    dataset = load_dataset(data_dir)
    cluster = dataset.clusters.get(cluster_id)
    if cluster is None:
        raise EditError("unknown_cluster", cluster=cluster_id, known=tuple(dataset.clusters))
    require_source(dataset, source)
    quote = " ".join(quote.split())
    if not quote:
        raise EditError("empty_quote")
    section = _section(dataset, source, section)
    unit = " ".join((unit or "").split())
    raw_figure, expected = _new_figure(value_text, unit=unit, year=year, source=source, section=section, quote=quote)

    current = cluster.figure(figure_name)
    earlier = list(cluster.history.get(figure_name, []))
    same_year = [f for f in [*earlier, *([current] if current else [])] if f.year == year]
    if same_year:
        raise EditError(
            "same_year", cluster=cluster_id, figure=figure_name, year=year, value=same_year[0], file=FILES["clusters"]
        )

    old_bytes = read_data_file(data_dir, FILES["clusters"])
    text = old_bytes.decode("utf-8-sig")
    records = yaml.safe_load(text)
    index = next(i for i, record in enumerate(records) if record.get("id") == cluster_id)
    raw = records[index]
    becomes_current = current is None or year > current.year
    wanted, summary = _wanted_record(raw, figure_name, raw_figure, expected, current, earlier, becomes_current)
    if source not in wanted.get("sources", []):
        wanted["sources"] = [*wanted.get("sources", []), source]
        summary.append(Notice("source_added", {"source": source}))
    notes: list[Notice] = []
    if current is not None and current.unit and not unit:
        notes.append(Notice("unit_missing", {"unit": current.unit}))

    new_text = _edit_cluster_block(text, records, index, raw, wanted, figure_name)
    new_bytes = new_text.encode("utf-8")
    if old_bytes.startswith(b"\xef\xbb\xbf"):
        new_bytes = b"\xef\xbb\xbf" + new_bytes
    return FigureChange(cluster_id, figure_name, summary, old_bytes, new_bytes, expected, becomes_current, notes)


def _section(dataset: Dataset, source: str, section: str | None) -> str:
    """Where in the source the figure stands: as given, else a web source's address."""
    section = " ".join((section or "").split())
    if section:
        return section
    url = dataset.sources[source].url
    if not url:
        raise EditError("section_needed", source=source)
    return url


def _new_figure(value_text: str, *, unit: str, year: int, source: str, section: str, quote: str) -> tuple[dict, Figure]:
    """The figure as the file will hold it (a mapping) and as the model reads it."""
    try:
        value, qualifier = parse_figure_text(value_text, lang="de")
    except NumberError as problem:
        raise EditError(f"number.{problem.code}", **problem.params) from None
    raw_figure: dict = {"value": value}
    if qualifier is not Qualifier.EXACT:
        raw_figure["qualifier"] = qualifier.value
    if unit:
        raw_figure["unit"] = unit
    raw_figure.update(year=year, source={"file": source, "section": section}, quote=quote)
    try:
        return raw_figure, Figure.model_validate(raw_figure)
    except ValidationError as exc:
        reasons = tuple((".".join(map(str, e["loc"])) or "value", e["msg"]) for e in exc.errors())
        raise EditError("invalid_figure", reasons=reasons) from None


def _wanted_record(
    raw: dict,
    figure_name: str,
    raw_figure: dict,
    expected: Figure,
    current: Figure | None,
    earlier: list[Figure],
    becomes_current: bool,
) -> tuple[dict, list[Notice]]:
    """The cluster's record with the new figure (as key figure or in the history) and what changes."""
    wanted = copy.deepcopy(raw)
    # Years as the loader fills them in: the history list keeps the file's order.
    raw_history = (raw.get("history") or {}).get(figure_name, [])
    entries = [(f.year, copy.deepcopy(r)) for f, r in zip(earlier, raw_history, strict=True)]
    summary: list[Notice] = []
    if current is None:
        wanted[figure_name] = raw_figure
        summary.append(Notice("figure_added", {"figure": figure_name, "value": expected}))
    elif becomes_current:
        entries.append((current.year, copy.deepcopy(raw[figure_name])))
        wanted[figure_name] = raw_figure
        summary.append(Notice("figure_replaced", {"figure": figure_name, "old": current, "value": expected}))
        summary.append(Notice("history_gains_replaced", {"figure": figure_name, "value": current}))
    else:
        entries.append((expected.year, raw_figure))
        summary.append(Notice("history_gains_older", {"figure": figure_name, "value": expected, "current": current}))
    if entries:
        history = dict(wanted.get("history") or {})
        history[figure_name] = [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]
        wanted["history"] = history
    return wanted, summary


def apply_figure_change(data_dir: Path, change: FigureChange) -> Dataset:
    """Write the change after validating a copy of the data folder with it."""

    def check(dataset: Dataset) -> None:
        cluster = dataset.clusters[change.cluster]
        values = cluster.figure_over_time(change.figure)
        misplaced = change.becomes_current and cluster.figure(change.figure) != change.expected
        if change.expected not in values or misplaced:
            raise EditError("not_as_planned", file=FILES["clusters"])

    return write_validated(
        data_dir, {FILES["clusters"]: change.new_bytes}, {FILES["clusters"]: change.old_bytes}, check
    )


# --- editing the YAML as text ---------------------------------------------------------------------

_ITEM = re.compile(r"-(?: +|$)")
_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|\r?\n|$)")


def flow(value: object) -> str:
    """A value as a one-line YAML flow mapping or list (as the hand-written records have them)."""
    text = yaml.safe_dump(
        value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=float("inf")
    ).rstrip("\n")
    if "\n" in text or yaml.safe_load(text) != value:
        raise EditError("not_one_line", data=value)
    return text


def _item_starts(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _ITEM.match(line)]


def _segments(block: list[str], indent: int) -> list[tuple[str | None, list[str]]]:
    """The block's lines as (key, lines) in file order; comment and blank lines between keys are
    segments of their own (key None), so that replacing a key keeps them."""
    segments: list[tuple[str | None, list[str]]] = []
    for number, line in enumerate(block):
        match = _KEY.match(line, indent)
        head_ok = number == 0 or line[:indent] == " " * indent
        if head_ok and match and line[indent : indent + 1] not in (" ", "#", ""):
            segments.append((match.group(1), [line]))
        elif not segments:
            segments.append((None, [line]))
        else:
            segments[-1][1].append(line)
    split: list[tuple[str | None, list[str]]] = []
    for key, lines in segments:
        tail = len(lines)
        while tail > 1 and (not lines[tail - 1].strip() or lines[tail - 1].lstrip().startswith("#")):
            tail -= 1
        split.append((key, lines[:tail]))
        if tail < len(lines):
            split.append((None, lines[tail:]))
    return split


def _edit_cluster_block(text: str, records: list[dict], index: int, raw: dict, wanted: dict, figure_name: str) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    starts = _item_starts(lines)
    if len(starts) != len(records):
        raise EditError("unusual_layout", file=FILES["clusters"])
    start, end = starts[index], (starts[index + 1] if index + 1 < len(starts) else len(lines))
    indent = _ITEM.match(lines[start]).end()
    pad = " " * indent
    segments = _segments(lines[start:end], indent)
    keys = [key for key, _ in segments]
    if keys[0] in (figure_name, "history", "sources"):
        raise EditError("record_starts_with", file=FILES["clusters"], key=keys[0])

    def put(key: str, new_lines: list[str], after: list[str]) -> None:
        if key in keys:
            position = keys.index(key)
            segments[position] = (key, new_lines)
            return
        anchors = [i for i, k in enumerate(keys) if k in after]
        position = (max(anchors) if anchors else max(i for i, k in enumerate(keys) if k is not None)) + 1
        segments.insert(position, (key, new_lines))
        keys.insert(position, key)

    if wanted.get(figure_name) != raw.get(figure_name):
        put(
            figure_name,
            [f"{pad}{figure_name}: {flow(wanted[figure_name])}{newline}"],
            [*FIGURE_FIELDS, "website", "sources", "states", "seat", "short_name", "name", "id"],
        )
    if wanted.get("history") != raw.get("history"):
        history_lines = [f"{pad}history:{newline}"]
        for name, values in wanted["history"].items():
            history_lines.append(f"{pad}  {name}:{newline}")
            history_lines.extend(f"{pad}    - {flow(value)}{newline}" for value in values)
        put("history", history_lines, list(FIGURE_FIELDS))
    if wanted.get("sources") != raw.get("sources"):
        put("sources", [f"{pad}sources: {flow(wanted['sources'])}{newline}"], ["states", "seat", "name", "id"])
    new_block = [line for _, block in segments for line in block]
    new_text = "".join([*lines[:start], *new_block, *lines[end:]])

    changed = yaml.safe_load(new_text)
    expected = [*records[:index], wanted, *records[index + 1 :]]
    if changed != expected:
        raise EditError("edit_mismatch", file=FILES["clusters"])
    return new_text
