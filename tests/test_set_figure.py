"""`python -m cli set-figure`: a sourced value becomes the key figure when it is newer (the old
one moves into `history`), goes into `history` when older, and is refused for a year that already
has a value. Only `--apply` writes, only the cluster's block changes, and only after the whole
dataset validated in a copy. Every test runs on a private copy of the synthetic data."""

from pathlib import Path

import pytest
import yaml

from cli.__main__ import main
from clusters.readers.datafiles import load_dataset
from clusters.records.model import Qualifier

NEWER = "S02_synthetic_report.txt"  # 2024
OLDER = "S03_synthetic_news.txt"  # 2018


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def set_figure(capsys, data: Path, *argv: object, apply: bool = True) -> tuple[int, str, str]:
    return run(capsys, "set-figure", *argv, "--data", data, *(["--apply"] if apply else []))


@pytest.fixture
def data(synthetic_copy: Path) -> Path:
    """The synthetic copy with a comment in alpha-bio's block and one after it, which must survive."""
    path = synthetic_copy / "clusters.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  short_name: Alpha\n", "  short_name: Alpha\n  # a comment inside the record\n", 1)
    text = text.replace("- id: beta-health\n", "# a comment between records\n- id: beta-health\n", 1)
    path.write_text(text, encoding="utf-8")
    load_dataset(synthetic_copy)  # still valid
    return synthetic_copy


def outside_block(text: str, cluster: str) -> list[str]:
    """The file's lines without the record of `cluster`."""
    lines = text.splitlines()
    start = lines.index(f"- id: {cluster}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    return lines[:start] + lines[end:]


def test_a_newer_value_becomes_the_key_figure_and_the_old_one_history(capsys, data):
    path = data / "clusters.yaml"
    before_text = path.read_text(encoding="utf-8")
    old = load_dataset(data).clusters["alpha-bio"].actors
    code, out, _ = set_figure(
        capsys, data, "alpha-bio", "actors", "mehr als 1.250", "--year", 2024, "--source", NEWER,
        "--quote", "mehr als 1.250 Mitglieder", "--section", "Teil B",
    )  # fmt: skip
    assert code == 0, out
    assert "actors: >300 (2022, S01_synthetic_strategy.txt) → >1250 (2024, S02_synthetic_report.txt)" in out
    assert "history.actors: + >300 (2022" in out
    assert "Written to" in out
    cluster = load_dataset(data).clusters["alpha-bio"]
    assert (cluster.actors.value, cluster.actors.qualifier, cluster.actors.year) == (1250, Qualifier.MORE_THAN, 2024)
    assert (cluster.actors.source.file, cluster.actors.source.section) == (NEWER, "Teil B")
    assert cluster.actors.quote == "mehr als 1.250 Mitglieder"
    assert cluster.history["actors"] == [old]
    assert [f.year for f in cluster.figure_over_time("actors")] == [2022, 2024]
    assert cluster.previous("actors") == old
    assert NEWER in cluster.sources
    after_text = path.read_text(encoding="utf-8")
    assert outside_block(after_text, "alpha-bio") == outside_block(before_text, "alpha-bio")
    assert "  # a comment inside the record\n" in after_text
    assert "# a comment between records\n" in after_text
    record = next(r for r in yaml.safe_load(after_text) if r["id"] == "alpha-bio")
    assert record["actors"]["year"] == 2024
    # Each figure it writes is one line, a flow mapping.
    assert any(line.startswith("  actors: {value: 1250, ") for line in after_text.splitlines())


def test_an_older_value_goes_into_history(capsys, data):
    current = load_dataset(data).clusters["epsilon-pharma"].actors
    code, out, _ = set_figure(
        capsys, data, "epsilon-pharma", "actors", "rund 380", "--year", 2018, "--source", OLDER,
        "--quote", "rund 380 Akteure", "--section", "Meldung",
    )  # fmt: skip
    assert code == 0, out
    assert "history.actors: + ~380 (2018, S03_synthetic_news.txt); actors stays 410 (2023" in out
    cluster = load_dataset(data).clusters["epsilon-pharma"]
    assert cluster.actors == current
    assert [(f.year, f.value) for f in cluster.figure_over_time("actors")] == [(2018, 380), (2019, 350), (2023, 410)]
    assert cluster.history["actors"][0].qualifier is Qualifier.ABOUT


def test_the_same_year_is_refused(capsys, data):
    before = (data / "clusters.yaml").read_bytes()
    code, _, err = set_figure(
        capsys, data, "epsilon-pharma", "actors", "355", "--year", 2019, "--source", OLDER, "--quote", "355",
        "--section", "Meldung",
    )  # fmt: skip
    assert code == 1
    assert "already has a value of actors for 2019" in err
    assert "same year is refused" in err
    assert (data / "clusters.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("written", "value", "qualifier"),
    [
        ("1.250", 1250, Qualifier.EXACT),
        ("13,5", 13.5, Qualifier.EXACT),
        ("mehr als 250", 250, Qualifier.MORE_THAN),
        ("rund 250", 250, Qualifier.ABOUT),
        ("über 1.250", 1250, Qualifier.MORE_THAN),
        ("knapp 1.000", 1000, Qualifier.LESS_THAN),
        ("1.250,5", 1250.5, Qualifier.EXACT),
    ],
)
def test_german_numbers(capsys, data, written, value, qualifier):
    code, out, _ = set_figure(
        capsys, data, "alpha-bio", "management_staff", written, "--year", 2024, "--source", NEWER,
        "--quote", f"{written} Beschäftigte", "--section", "Teil B", "--unit", "persons",
    )  # fmt: skip
    assert code == 0, out
    staff = load_dataset(data).clusters["alpha-bio"].management_staff
    assert (staff.value, staff.qualifier, staff.unit) == (value, qualifier, "persons")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["alpha-bio", "actors", "viele", "--year", 2024, "--source", NEWER, "--section", "B"],
            "'viele' is not a number",
        ),
        (["alpha-bio", "actors", "-5", "--year", 2024, "--source", NEWER, "--section", "B"], "is negative"),
        (["alpha-bio", "actors", "250", "--year", 2024, "--source", "nope.pdf"], "unknown source 'nope.pdf'"),
        (["no-such", "actors", "250", "--year", 2024, "--source", NEWER], "unknown cluster 'no-such'"),
        (["alpha-bio", "actors", "250", "--year", 1700, "--source", NEWER, "--section", "B"], "not a plausible year"),
        (["alpha-bio", "actors", "250", "--year", 2024, "--source", "S01_synthetic_strategy.txt"], "--section"),
    ],
)
def test_refused_input_writes_nothing(capsys, data, argv, message):
    before = (data / "clusters.yaml").read_bytes()
    code, _, err = set_figure(capsys, data, *argv, "--quote", "250 Akteure")
    assert code == 1
    assert message in err
    assert (data / "clusters.yaml").read_bytes() == before


def test_a_web_source_is_cited_by_its_address_without_section(capsys, data):
    code, out, _ = set_figure(
        capsys, data, "delta-life", "actors", "420", "--year", 2030, "--source", "web-synthetic-epsilon",
        "--quote", "420 Mitglieder",
    )  # fmt: skip
    assert code == 0, out
    assert load_dataset(data).clusters["delta-life"].actors.source.section == "https://epsilon.example.org/ueber-uns"


def test_without_apply_nothing_is_written(capsys, data):
    before = (data / "clusters.yaml").read_bytes()
    code, out, _ = set_figure(
        capsys, data, "alpha-bio", "actors", "400", "--year", 2024, "--source", NEWER, "--quote", "400",
        "--section", "Teil B", apply=False,
    )  # fmt: skip
    assert code == 0
    assert "actors: >300 (2022, S01_synthetic_strategy.txt) → 400 (2024, S02_synthetic_report.txt)" in out
    assert "Not written: run again with --apply" in out
    assert (data / "clusters.yaml").read_bytes() == before


def test_a_value_that_breaks_validation_writes_nothing(capsys, data):
    """A founding year in the future passes the number reader but not the dataset's checks."""
    before = (data / "clusters.yaml").read_bytes()
    code, _, err = set_figure(
        capsys, data, "alpha-bio", "founded", "2999", "--year", 2024, "--source", NEWER, "--quote", "2999",
        "--section", "Teil B",
    )  # fmt: skip
    assert code == 1
    assert "would not validate" in err
    assert "lies in the future" in err
    assert (data / "clusters.yaml").read_bytes() == before


def test_a_figure_the_cluster_did_not_have(capsys, data):
    cluster = load_dataset(data).clusters["delta-life"]
    missing = next(
        name for name in ("smes", "large_companies", "research_institutions") if cluster.figure(name) is None
    )
    code, out, _ = set_figure(
        capsys, data, "delta-life", missing, "12", "--year", 2024, "--source", NEWER, "--quote", "12",
        "--section", "Teil B",
    )  # fmt: skip
    assert code == 0, out
    assert f"{missing}: none → 12 (2024" in out
    cluster = load_dataset(data).clusters["delta-life"]
    assert cluster.figure(missing).value == 12
    assert cluster.history.get(missing, []) == []
