"""Each validation rule rejects a broken record and names file, record and field.

The rules are tried on a copy of the synthetic dataset (tests/data/synthetic), so that adding or
correcting a shipped record breaks none of them; only the two tests named "shipped" read
clusters/data, and they take its size from the files, never a fixed number."""

import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clusters.dataset import DATA_DIR, DataValidationError
from clusters.readers.datafiles import load_dataset

ROOT = Path(__file__).resolve().parent.parent


def edit_yaml(data_dir: Path, name: str, change) -> None:
    path = data_dir / name
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def by_id(records, record_id):
    return next(r for r in records if r["id"] == record_id)


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [str(issue) for issue in caught.value.issues]


def assert_reported(data_dir: Path, file: str, record: str, field: str, *words: str) -> None:
    found = problems(data_dir)
    expected_start = f"{file}: record '{record}', field '{field}'"
    hits = [p for p in found if p.startswith(expected_start)]
    assert hits, f"no problem at {expected_start}; got {found}"
    assert any(all(w in p for w in words) for p in hits), hits


def test_shipped_data_is_valid(dataset):
    records = yaml.safe_load((DATA_DIR / "clusters.yaml").read_text(encoding="utf-8"))
    assert dataset.clusters and list(dataset.clusters) == [record["id"] for record in records]  # none dropped


def test_duplicate_id(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: rs.append(dict(by_id(rs, "alpha-bio"))))
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "id", "duplicate")


def test_unknown_focus_area(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "alpha-bio")["focus"].append({"area": "telepathy", "wording": "Telepathie"}),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "focus", "unknown focus area 'telepathy'")


def test_unknown_theme(synthetic_copy):
    edit_yaml(synthetic_copy, "focus_areas.yaml", lambda rs: by_id(rs, "imaging").update(themes=["space-health"]))
    assert_reported(synthetic_copy, "focus_areas.yaml", "imaging", "themes", "unknown theme 'space-health'")


def test_figure_without_source(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "beta-health")["actors"].pop("source"))
    assert_reported(synthetic_copy, "clusters.yaml", "beta-health", "actors.source", "required", "source")


def test_figure_with_unknown_source_file(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "beta-health")["smes"]["source"].update(file="999_unknown.txt"),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "beta-health", "smes.source", "999_unknown.txt")
    # One mistake, no cascade: actors of beta-health are not reported as pointing at an unknown cluster.
    assert not [p for p in problems(synthetic_copy) if "unknown cluster 'beta-health'" in p]


def test_negative_count(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["large_companies"].update(value=-3))
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "large_companies.value", "greater than or equal to 0")


def test_smes_and_large_companies_above_exact_actors(synthetic_copy):
    def contradict(records):
        alpha = by_id(records, "alpha-bio")  # 14 large companies, exactly
        alpha["actors"].pop("qualifier")  # exactly 300 actors, no longer more than 300
        alpha["smes"].pop("qualifier")
        alpha["smes"].update(value=290)

    edit_yaml(synthetic_copy, "clusters.yaml", contradict)
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "smes", "exceed actors (300)")


def test_bounded_actors_do_not_trigger_the_sum_check(synthetic_copy):
    # alpha-bio: >120 SMEs + 14 large vs >300 actors: bounds, so no contradiction can be proven.
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "alpha-bio")["smes"].update(value=400, quote="synthetische Angabe mehr als 400"),
    )
    assert load_dataset(synthetic_copy).clusters["alpha-bio"].smes.value == 400


def test_founding_year_in_the_future(synthetic_copy):
    future = dt.date.today().year + 1
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["founded"].update(value=future))
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "founded", "future", str(future))


def test_coordinates_outside_germany(synthetic_copy):
    edit_yaml(
        synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["seat"].update(lat=47.3769, lon=8.5417)
    )  # Zürich
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "seat.lat", "outside Germany")


def test_point_not_in_declared_state(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["seat"].update(state="SN"))
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "seat.state", "lies in BY", "declared state SN")


def edit_actor(data_dir: Path, change) -> str:
    """Change the first actor row that `change` accepts; return that actor's id."""
    path = data_dir / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    changed = next(row for row in rows if change(row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return changed["id"]


def test_actor_point_not_in_declared_state(synthetic_copy):
    def move_to_bavaria(row):
        if row["city"] == "Dresden" and row["state"] == "SN":
            row["state"] = "BY"
            return True
        return False

    actor_id = edit_actor(synthetic_copy, move_to_bavaria)
    assert_reported(synthetic_copy, "actors.csv", actor_id, "place.state", "lies in SN", "declared state BY")


def test_unknown_cluster_in_actor(synthetic_copy):
    def add_unknown_cluster(row):
        row["clusters"] = "atlantis-valley:member"
        return True

    actor_id = edit_actor(synthetic_copy, add_unknown_cluster)
    assert_reported(synthetic_copy, "actors.csv", actor_id, "clusters", "unknown cluster 'atlantis-valley'")


def test_unknown_lead_actor_in_project(synthetic_copy):
    project_ids = []
    edit_yaml(
        synthetic_copy,
        "lighthouses.yaml",
        lambda rs: (rs[0].update(lead="no-such-actor"), project_ids.append(rs[0]["id"])),
    )
    assert_reported(synthetic_copy, "lighthouses.yaml", project_ids[0], "lead", "unknown actor 'no-such-actor'")


def test_broken_yaml_is_reported_with_its_file(synthetic_copy):
    (synthetic_copy / "themes.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert any(p.startswith("themes.yaml") and "YAML" in p for p in problems(synthetic_copy))


def test_all_problems_are_collected(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: (
            by_id(rs, "alpha-bio")["actors"].update(value=-1),
            by_id(rs, "beta-health")["seat"].update(state="BY"),
        ),
    )
    found = problems(synthetic_copy)
    assert any("'alpha-bio'" in p for p in found) and any("'beta-health'" in p for p in found)


def test_cli_validate_passes_on_shipped_data(dataset):
    result = subprocess.run(
        [sys.executable, "-m", "cli", "validate"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"ok: {len(dataset.clusters)} clusters, {len(dataset.actors)} actors" in result.stdout


def test_cli_validate_fails_on_broken_data(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["actors"].update(value=-1))
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--data", str(synthetic_copy), "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "clusters.yaml: record 'alpha-bio', field 'actors.value'" in result.stderr


# --- hostile or broken files: a message naming file, record and field, never a crash --------


def append_actor_row(data_dir: Path, line: str) -> None:
    with (data_dir / "actors.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(line + "\n")


def replace_first(data_dir: Path, name: str, old: bytes, new: bytes) -> int:
    """Replace the first `old` in the file's bytes; return its byte offset."""
    path = data_dir / name
    data = path.read_bytes()
    offset = data.index(old)
    path.write_bytes(data[:offset] + new + data[offset + len(old) :])
    return offset


def set_actors_value(value):
    return lambda d: edit_yaml(d, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["actors"].update(value=value))


def themes_as_folder(data_dir: Path) -> None:
    (data_dir / "themes.yaml").unlink()
    (data_dir / "themes.yaml").mkdir()


def deeply_nested_themes(data_dir: Path) -> None:
    (data_dir / "themes.yaml").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")


# name -> (break the data copy, file, record, field, words the message contains)
BROKEN = {
    "short row": (
        lambda d: append_actor_row(d, "short-row,Short Row GmbH,company"),
        "actors.csv",
        "short-row",
        "city",
        "3 fields",
        "header 13",
        "missing",
    ),
    "long row": (
        lambda d: append_actor_row(
            d,
            "long-row,Long Row GmbH,company,Berlin,BE,,,,,S01_synthetic_strategy.txt,Akteure,a note,with a comma,",
        ),
        "actors.csv",
        "long-row",
        "same_as",
        "14 fields",
        "header 13",
    ),
    "directory named themes.yaml": (themes_as_folder, "themes.yaml", "-", "-", "directory"),
    "50,000-deep nesting": (deeply_nested_themes, "themes.yaml", "-", "-", "nested too deeply"),
    "value .inf": (set_actors_value(float("inf")), "clusters.yaml", "alpha-bio", "actors.value", "finite", "inf"),
    "value 1e308": (
        set_actors_value(1e308),
        "clusters.yaml",
        "alpha-bio",
        "actors.value",
        "1e+308",
        "below 1,000,000,000",
    ),
    "value .nan": (set_actors_value(float("nan")), "clusters.yaml", "alpha-bio", "actors.value", "finite", "nan"),
    "value of 400 digits": (set_actors_value(10**399), "clusters.yaml", "alpha-bio", "actors.value", "400 digits"),
    "impossible date": (
        lambda d: replace_first(d, "sources.yaml", b"date: ", b"date: 2019-13-45 #"),
        "sources.yaml",
        "-",
        "-",
        "YAML",
        "month must be in 1..12",
    ),
    "source file as a list": (
        lambda d: edit_yaml(
            d, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio")["actors"]["source"].update(file=["x"])
        ),
        "clusters.yaml",
        "alpha-bio",
        "actors.source.file",
        "valid string",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_reported(synthetic_copy, case):
    breaking, file, record, field, *words = BROKEN[case]
    breaking(synthetic_copy)
    assert_reported(synthetic_copy, file, record, field, *words)


@pytest.mark.parametrize("case", list(BROKEN))
def test_cli_validate_reports_broken_file_without_traceback(synthetic_copy, case):
    breaking, file, record, field, *_ = BROKEN[case]
    breaking(synthetic_copy)
    result = subprocess.run(
        [sys.executable, "-m", "cli", "validate", "--data", str(synthetic_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{file}: record '{record}', field '{field}'" in result.stderr


def test_latin1_byte_is_reported_with_offset_and_line(synthetic_copy):
    offset = replace_first(synthetic_copy, "actors.csv", "ä".encode(), "ä".encode("latin-1"))
    line = (synthetic_copy / "actors.csv").read_bytes()[:offset].count(b"\n") + 1
    assert_reported(synthetic_copy, "actors.csv", "-", "-", "UTF-8", "0xe4", f"offset {offset}", f"line {line}")


def test_too_large_file_is_not_parsed(synthetic_copy, monkeypatch):
    import clusters.readers.datafiles
    import clusters.readers.files

    # One byte under the smaller of the two files: both are too large, whatever their size.
    limit = min((synthetic_copy / name).stat().st_size for name in ("actors.csv", "clusters.yaml")) - 1
    monkeypatch.setattr(clusters.readers.files, "MAX_YAML_BYTES", limit)
    monkeypatch.setattr(clusters.readers.datafiles, "MAX_CSV_BYTES", limit)
    assert_reported(synthetic_copy, "actors.csv", "-", "-", "too large")
    assert_reported(synthetic_copy, "clusters.yaml", "-", "-", "too large")


def test_unreadable_file_gives_one_message_not_a_cascade(synthetic_copy):
    themes_as_folder(synthetic_copy)
    found = problems(synthetic_copy)
    assert found == ["themes.yaml: record '-', field '-': is a directory, not a file"]


def test_missing_data_folder(tmp_path):
    found = problems(tmp_path / "nowhere")
    assert len(found) == 1 and "data folder" in found[0]


@pytest.mark.parametrize(
    ("where", "value", "field", "word"),
    [
        ("lat", float("inf"), "seat.lat", "finite"),
        ("lat", float("nan"), "seat.lat", "finite"),
        ("lon", 500.0, "seat.lon", "less than or equal to 180"),
    ],
)
def test_non_finite_or_impossible_coordinates(synthetic_copy, where, value, field, word):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: by_id(rs, "alpha-bio")["seat"].update({"lat": 48.14, "lon": 11.58, where: value}),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", field, word)


def test_implausible_founding_year_and_figure_year(synthetic_copy):
    edit_yaml(
        synthetic_copy,
        "clusters.yaml",
        lambda rs: (
            by_id(rs, "alpha-bio")["founded"].update(value=1700),
            by_id(rs, "beta-health")["actors"].update(year=99_999),
        ),
    )
    assert_reported(synthetic_copy, "clusters.yaml", "alpha-bio", "founded", "1700", "before 1800")
    assert_reported(synthetic_copy, "clusters.yaml", "beta-health", "actors.year", "99999", "1800", "2100")


def test_cli_turns_an_unexpected_error_into_one_line(monkeypatch, capsys):
    import cli.__main__ as cli

    def explode(_folder):
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(cli, "load_dataset", explode)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err and "Traceback" not in err


def test_cli_escapes_control_characters_from_the_files(synthetic_copy):
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio").update(id="\x1b[2Jevil"))
    result = subprocess.run(
        [sys.executable, "-m", "cli", "validate", "--data", str(synthetic_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1 and "\x1b" not in result.stderr and "\\x1b[2Jevil" in result.stderr


# --- the app's loader: a failure is cached like a dataset, until the files change ------------


@pytest.fixture
def app_loader(synthetic_copy, monkeypatch):
    """components.ui with CLUSTER_ATLAS_DATA at the synthetic copy; counts the calls of load_dataset."""
    from components import ui

    calls = []

    def counting_load(folder):
        calls.append(folder)
        return load_dataset(folder)

    monkeypatch.setattr(ui, "load_dataset", counting_load)
    monkeypatch.setenv("CLUSTER_ATLAS_DATA", str(synthetic_copy))
    ui._dataset_at.clear()
    yield ui, calls
    ui._dataset_at.clear()


def touch_later(path: Path) -> None:
    """A new mtime even on a file system with coarse timestamps."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


def test_broken_data_is_parsed_once_and_again_after_a_fix(app_loader, synthetic_copy):
    ui, calls = app_loader
    clusters_yaml = synthetic_copy / "clusters.yaml"
    good = clusters_yaml.read_text(encoding="utf-8")
    intact = list(load_dataset(synthetic_copy).clusters)
    set_actors_value(float("inf"))(synthetic_copy)
    for _ in range(3):
        with pytest.raises(DataValidationError) as caught:
            ui.dataset()
        assert "clusters.yaml: record 'alpha-bio', field 'actors.value'" in str(caught.value)
    assert len(calls) == 1

    clusters_yaml.write_text(good, encoding="utf-8")
    touch_later(clusters_yaml)
    assert list(ui.dataset().clusters) == intact
    assert list(ui.dataset().clusters) == intact
    assert len(calls) == 2


def test_a_changed_valid_file_replaces_what_was_derived_from_it(app_loader, synthetic_copy):
    from clusters.filters import AtlasFilter

    ui, calls = app_loader
    ui.dataset()
    assert "alpha-bio" in {c.id for c in ui.filtered(AtlasFilter()).clusters}
    edit_yaml(synthetic_copy, "clusters.yaml", lambda rs: by_id(rs, "alpha-bio").update(name="Alpha, renamed"))
    touch_later(synthetic_copy / "clusters.yaml")
    assert ui.dataset().clusters["alpha-bio"].name == "Alpha, renamed"
    assert {c.name for c in ui.filtered(AtlasFilter()).clusters} >= {"Alpha, renamed"}
    assert len(calls) == 2


@pytest.mark.parametrize("page", [None, "benchmark", "clusters"])
def test_pages_show_the_data_error_for_an_infinite_figure(synthetic_copy, monkeypatch, page):
    from conftest import open_app

    set_actors_value(float("inf"))(synthetic_copy)
    monkeypatch.setenv("CLUSTER_ATLAS_DATA", str(synthetic_copy))
    at = open_app(page)
    assert not at.exception
    assert at.error[0].value.startswith("The dataset could not be loaded.")
    assert "clusters.yaml: record 'alpha-bio', field 'actors.value': must be a finite number" in at.code[0].value
