"""The UI text catalogue and the code agree: every key of the catalogue is used somewhere in the
source, and every key the source uses exists in English and German.

The source is read, not run: every Python file of the project's top-level packages (any folder with
Python files except tests, bench, static and the hidden tool folders such as .venv) and the
top-level scripts (app.py). A key counts as used when it appears there as a string literal, or when
the code builds it from one of the documented prefixes in DYNAMIC_PREFIXES (f"actor_type.{...}").
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "de")
CATALOGUE_NAME = "CATALOGUE"
# Where the catalogue may live, first found wins: it moves while the code is being restructured.
CATALOGUE_MODULES = ("presentation.catalogue",)
NOT_SOURCE = {"tests", "bench", "static"}
KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_<>~%-]*)+")
# A file name is not a key, even where its stem is a catalogue namespace ("clusters.yaml").
FILE_NAME = re.compile(r"\.(?:yaml|yml|csv|txt|py|json|geojson|xlsx|png|pdf|md|html)$")


@dataclass(frozen=True)
class Prefix:
    """Keys the code builds as prefix + value: how, and which values the value can take.

    `values` is the name of one of the project's enums (the keys must be exactly its values, no
    more, no fewer); or a tuple of the values; or "literal": each value must appear as a string
    literal somewhere in the source (a key whose ending the code never writes cannot be built);
    or "data": the values come from the data files (see tests/test_i18n.py for those)."""

    built: str
    values: str | tuple[str, ...]


DYNAMIC_PREFIXES: dict[str, Prefix] = {
    "actor_type.": Prefix("f'actor_type.{actor.type.value}': atlas, panel, region view, booth, PDF", "ActorType"),
    "relation.": Prefix("f'relation.{link.relation.value}': atlas panel and region view", "Relation"),
    "qualifier.": Prefix("f'qualifier.{figure.qualifier.value}': figure_words (exact is the empty value)", "Qualifier"),
    "programme.": Prefix("f'programme.{award.programme.value}': tables and profile PDF", "Programme"),
    "origin.": Prefix("f'origin.{source.origin.value}': the data page", "SourceOrigin"),
    "col.": Prefix("f'col.{name}': table columns and figure names in tables, charts, map, PDF", "literal"),
    "size.": Prefix("f'size.{name}': the atlas's size-by choices (SIZE_FIGURES)", "literal"),
    "reason.": Prefix("f'reason.{reason.code}': why an indicator is unknown (clusters.metrics)", "literal"),
    "upload.": Prefix("f'upload.{message.code}': upload problems reported as codes", "literal"),
    "data.mark_": Prefix("f'data.mark_{name}': the coverage table's marks on the data page", "literal"),
    "data.kind_": Prefix("f'data.kind_{kind}': the data page's downloads, one per export kind", "literal"),
    "chart.": Prefix(
        "f'chart.{axis}' and f'chart.{axis}_label' for the benchmark's axes", ("x", "y", "x_label", "y_label")
    ),
    "unit.": Prefix("f'unit.{figure.unit}': a figure's unit as the data files write it", "data"),
    "kind.": Prefix("f'kind.{actor.kind.value}': a company's kind in the atlas filter and panel", "CompanyKind"),
    "status_reason.": Prefix("f'status_reason.{actor.status_reason.value}': what became of an actor", "StatusReason"),
    "booth.": Prefix("f'booth.{word}': the words of the booth's tour, sent to the browser in its data", "literal"),
    "counts.": Prefix("f'counts.{figure.counts.value}': what a size figure counts", "Counts"),
    "cluster_kind.": Prefix("f'cluster_kind.{cluster.kind.value}': what kind of cluster a record is", "ClusterKind"),
    "lifecycle.": Prefix("f'lifecycle.{cluster.status.value.value}': whether a cluster works now", "Lifecycle"),
    "fact.": Prefix("f'fact.{fact.kind.value}': a project fact's kind in profiles and the PDF", "FactKind"),
    "event.": Prefix("f'event.{founded.event.value}': what a founding year means", "FoundingEvent"),
    "actor_type_plural.": Prefix(
        "f'actor_type_plural.{kind}': the listed actor types in per-capita labels",
        ("company", "research_institute", "university_hospital", "university"),
    ),
    "precision.": Prefix(
        "f'precision.{actor.place.precision}': how precisely an actor is placed",
        ("municipality", "postcode", "100 m grid cell", "state"),
    ),
}


def _written(text) -> bool:
    """A text, or plural forms of it (CLDR categories `one` and `other`, both written)."""
    if isinstance(text, dict):
        return set(text) == {"one", "other"} and all(isinstance(v, str) and v.strip() for v in text.values())
    return isinstance(text, str) and bool(text.strip())


def _catalogue_module():
    for name in CATALOGUE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name and (name == error.name or name.startswith(error.name + ".")):
                continue  # not (or no longer) here; anything it imports must still be found
            raise
        if hasattr(module, CATALOGUE_NAME):
            return module
    pytest.fail(f"no {CATALOGUE_NAME} in any of {CATALOGUE_MODULES}: where did the catalogue move?")


@cache
def catalogue() -> tuple[dict[str, dict[str, str]], Path]:
    module = _catalogue_module()
    return getattr(module, CATALOGUE_NAME), Path(module.__file__).resolve()


def source_files() -> list[Path]:
    folders = [
        path
        for path in ROOT.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in NOT_SOURCE and any(path.rglob("*.py"))
    ]
    return sorted([*ROOT.glob("*.py"), *(file for folder in folders for file in folder.rglob("*.py"))])


def _catalogue_literal(tree: ast.Module) -> ast.AST | None:
    """The dict literal the catalogue is assigned from: its keys define, they do not use."""
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(isinstance(target, ast.Name) and target.id == CATALOGUE_NAME for target in targets):
            return node.value
    return None


def _nodes(tree: ast.AST, skip: ast.AST | None) -> Iterator[ast.AST]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if node is skip:
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


@dataclass
class Source:
    literals: dict[str, set[str]]
    """Every string literal of the source, with the files it is in."""
    called: dict[str, set[str]]
    """Literal first arguments of t(...) calls (also both branches of `a if c else b`)."""
    heads: dict[str, set[str]]
    """Keys built from a literal head: f"col.{name}", "col." + name."""


@cache
def scan() -> Source:
    _, catalogue_file = catalogue()
    found = Source({}, {}, {})
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skip = _catalogue_literal(tree) if path.resolve() == catalogue_file else None
        where = str(path.relative_to(ROOT))
        for node in _nodes(tree, skip):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.literals.setdefault(node.value, set()).add(where)
            head = None
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                head = node.left.value
            if isinstance(head, str) and KEY_SHAPE.fullmatch(head):
                found.heads.setdefault(head, set()).add(where)
            if isinstance(node, ast.Call) and node.args and _called_name(node.func) == "t":
                first = node.args[0]
                for choice in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                    if isinstance(choice, ast.Constant) and isinstance(choice.value, str):
                        found.called.setdefault(choice.value, set()).add(where)
    return found


def _called_name(func: ast.AST) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def namespaces() -> set[str]:
    return {key.split(".")[0] for key in catalogue()[0]}


def prefix_of(key: str) -> str | None:
    return next((prefix for prefix in DYNAMIC_PREFIXES if key.startswith(prefix)), None)


def enum_values(name: str) -> set[str]:
    """The values of the project's enum `name`, wherever its module now lives: the catalogue's
    module imports the domain model, and the `clusters` package names its enums where it exists."""
    catalogue()
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module("clusters")
    packages = {path.relative_to(ROOT).parts[0].removesuffix(".py") for path in source_files()}
    for module in list(sys.modules.values()):
        kind = getattr(module, name, None)
        if isinstance(kind, type) and issubclass(kind, Enum) and kind.__module__.split(".")[0] in packages:
            return {member.value for member in kind}
    pytest.fail(f"found no enum {name} in the project's modules: update DYNAMIC_PREFIXES")


def test_the_catalogue_is_found_and_the_source_is_read():
    texts, _ = catalogue()
    files = {str(path.relative_to(ROOT)) for path in source_files()}
    assert texts and "app.py" in files and not any(name.split("/")[0] in NOT_SOURCE for name in files)
    assert len(scan().called) > 50, "found hardly any t(...) calls: is the source still read?"


def test_every_dynamic_key_prefix_of_the_code_is_documented_here():
    """A key built from a head that is not in DYNAMIC_PREFIXES would make its keys look unused; a
    documented prefix the code no longer builds would hide keys that are."""
    built = {head for head in scan().heads if head.split(".")[0] in namespaces()}
    undocumented = sorted(head for head in built if head not in DYNAMIC_PREFIXES)
    where = {head: sorted(scan().heads[head]) for head in undocumented}
    assert not undocumented, f"keys built from undocumented prefixes {where}: document them in DYNAMIC_PREFIXES"
    stale = sorted(set(DYNAMIC_PREFIXES) - built)
    assert not stale, f"the code no longer builds keys from {stale}: drop them from DYNAMIC_PREFIXES"


def test_every_key_of_the_catalogue_is_used():
    texts, _ = catalogue()
    source = scan()
    unused = []
    for key in texts:
        if key in source.literals:
            continue
        prefix = prefix_of(key)
        if prefix is None:
            unused.append(key)
            continue
        values, rest = DYNAMIC_PREFIXES[prefix].values, key[len(prefix) :]
        if values == "data":
            continue
        if values == "literal":
            ok = rest in source.literals
        elif isinstance(values, tuple):
            ok = rest in values
        else:
            ok = rest in enum_values(values)
        if not ok:
            unused.append(key)
    assert not unused, f"catalogue keys no code uses: {unused}"


def test_every_key_the_code_uses_is_in_english_and_german():
    texts, _ = catalogue()
    source = scan()
    used = set(source.called)
    # Keys handed to t() through a variable ("atlas.focus" in a tuple of widget settings).
    used |= {
        literal
        for literal in source.literals
        if KEY_SHAPE.fullmatch(literal)
        and literal.split(".")[0] in namespaces()
        and not FILE_NAME.search(literal)
        and literal not in DYNAMIC_PREFIXES
    }
    for prefix, rule in DYNAMIC_PREFIXES.items():
        if isinstance(rule.values, tuple):
            used |= {prefix + value for value in rule.values}
        elif rule.values not in ("literal", "data"):
            used |= {prefix + value for value in enum_values(rule.values)}
    missing = sorted(key for key in used if key not in texts)
    assert not missing, (
        f"keys the code uses but the catalogue lacks: {[(k, sorted(source.literals.get(k, []))) for k in missing]}"
    )
    untranslated = sorted(key for key in used if any(not _written(texts[key].get(lang)) for lang in LANGUAGES))
    assert not untranslated, f"keys without an English or German text: {untranslated}"


ENUM_PREFIXES = [
    prefix
    for prefix, rule in DYNAMIC_PREFIXES.items()
    if isinstance(rule.values, str) and rule.values not in ("literal", "data")
]


@pytest.mark.parametrize("prefix", ENUM_PREFIXES)
def test_keys_built_from_an_enum_are_exactly_its_values(prefix):
    """actor_type.* are exactly the actor types, and so on: no type without its text, no text for
    a value that no longer exists."""
    texts, _ = catalogue()
    values = enum_values(DYNAMIC_PREFIXES[prefix].values)
    assert {key[len(prefix) :] for key in texts if prefix_of(key) == prefix} == values
