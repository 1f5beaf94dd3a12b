"""Each validation rule rejects a broken record and names file, record and field."""

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clusters.load import DataValidationError, load_dataset

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
    assert len(dataset.clusters) == 12


def test_duplicate_id(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: rs.append(dict(by_id(rs, "biolago"))))
    assert_reported(data_copy, "clusters.yaml", "biolago", "id", "duplicate")


def test_unknown_focus_area(data_copy):
    edit_yaml(data_copy, "clusters.yaml",
              lambda rs: by_id(rs, "bio-m")["focus"].append({"area": "telepathy", "wording": "Telepathie"}))
    assert_reported(data_copy, "clusters.yaml", "bio-m", "focus", "unknown focus area 'telepathy'")


def test_unknown_theme(data_copy):
    edit_yaml(data_copy, "focus_areas.yaml", lambda rs: by_id(rs, "imaging").update(themes=["space-health"]))
    assert_reported(data_copy, "focus_areas.yaml", "imaging", "themes", "unknown theme 'space-health'")


def test_figure_without_source(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "biosaxony")["actors"].pop("source"))
    assert_reported(data_copy, "clusters.yaml", "biosaxony", "actors.source", "required", "source")


def test_figure_with_unknown_source_file(data_copy):
    edit_yaml(data_copy, "clusters.yaml",
              lambda rs: by_id(rs, "biosaxony")["smes"]["source"].update(file="999_unknown.txt"))
    assert_reported(data_copy, "clusters.yaml", "biosaxony", "smes.source", "999_unknown.txt")
    # One mistake, no cascade: actors of biosaxony are not reported as pointing at an unknown cluster.
    assert not [p for p in problems(data_copy) if "unknown cluster 'biosaxony'" in p]


def test_negative_count(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "biolago")["large_companies"].update(value=-3))
    assert_reported(data_copy, "clusters.yaml", "biolago", "large_companies.value", "greater than or equal to 0")


def test_smes_and_large_companies_above_exact_actors(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "biocon-valley")["smes"].update(value=200))
    assert_reported(data_copy, "clusters.yaml", "biocon-valley", "smes", "exceed actors (124)")


def test_bounded_actors_do_not_trigger_the_sum_check(data_copy):
    # Bio^M: >200 SMEs + 20 large vs >250 actors: bounds, so no contradiction can be proven.
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "bio-m")["smes"].update(value=240))
    assert load_dataset(data_copy).clusters["bio-m"].smes.value == 240


def test_founding_year_in_the_future(data_copy):
    future = dt.date.today().year + 1
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "bio-rn")["founded"].update(value=future))
    assert_reported(data_copy, "clusters.yaml", "bio-rn", "founded", "future", str(future))


def test_coordinates_outside_germany(data_copy):
    edit_yaml(data_copy, "clusters.yaml",
              lambda rs: by_id(rs, "biolago")["seat"].update(lat=47.3769, lon=8.5417))  # Zürich
    assert_reported(data_copy, "clusters.yaml", "biolago", "seat.lat", "outside Germany")


def test_point_not_in_declared_state(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "bio-m")["seat"].update(state="SN"))
    assert_reported(data_copy, "clusters.yaml", "bio-m", "seat.state", "lies in BY", "declared state SN")


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


def test_actor_point_not_in_declared_state(data_copy):
    def move_to_bavaria(row):
        if row["city"] == "Dresden" and row["state"] == "SN":
            row["state"] = "BY"
            return True
        return False

    actor_id = edit_actor(data_copy, move_to_bavaria)
    assert_reported(data_copy, "actors.csv", actor_id, "place.state", "lies in SN", "declared state BY")


def test_unknown_cluster_in_actor(data_copy):
    def add_unknown_cluster(row):
        row["clusters"] = "atlantis-valley"
        return True

    actor_id = edit_actor(data_copy, add_unknown_cluster)
    assert_reported(data_copy, "actors.csv", actor_id, "clusters", "unknown cluster 'atlantis-valley'")


def test_unknown_lead_actor_in_project(data_copy):
    project_ids = []
    edit_yaml(data_copy, "lighthouses.yaml", lambda rs: (rs[0].update(lead="no-such-actor"),
                                                         project_ids.append(rs[0]["id"])))
    assert_reported(data_copy, "lighthouses.yaml", project_ids[0], "lead", "unknown actor 'no-such-actor'")


def test_broken_yaml_is_reported_with_its_file(data_copy):
    (data_copy / "themes.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert any(p.startswith("themes.yaml") and "YAML" in p for p in problems(data_copy))


def test_all_problems_are_collected(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: (by_id(rs, "bio-m")["actors"].update(value=-1),
                                                      by_id(rs, "biolago")["seat"].update(state="BY")))
    found = problems(data_copy)
    assert any("'bio-m'" in p for p in found) and any("'biolago'" in p for p in found)


def test_cli_validate_passes_on_shipped_data():
    result = subprocess.run([sys.executable, "-m", "clusters", "validate"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "12 clusters" in result.stdout


def test_cli_validate_fails_on_broken_data(data_copy):
    edit_yaml(data_copy, "clusters.yaml", lambda rs: by_id(rs, "bio-m")["actors"].update(value=-1))
    result = subprocess.run([sys.executable, "-m", "clusters", "--data", str(data_copy), "validate"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "clusters.yaml: record 'bio-m', field 'actors.value'" in result.stderr
