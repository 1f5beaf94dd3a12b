"""Lighthouse Steckbriefe: many projects across Germany, each said only through quoted facts;
bad facts are refused with file, record and field; every project's PDF is one clean page."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT
from test_profile_pdf import layout_problems, pdf_text
from test_validation import assert_reported, by_id, edit_yaml

from clusters.readers.datafiles import load_dataset
from clusters.records.model import FactKind
from presentation.pdf import project_pdf

PROJECT_IDS = tuple(load_dataset().projects)
IHR_FIVE = (
    "ihr-fraunhofer-isst",
    "ihr-smart-hospital-essen",
    "ihr-g-data-cyberdefense",
    "ihr-ikim",
    "ihr-neurovascular-network-ruhr",
)
UNSOURCED_MARKERS = ("public knowledge", "öffentlich bekannt", "not in the source", "nicht in der quelle")


def _export(*args: str) -> str:
    command = [sys.executable, "-m", "cli", "export", "lighthouses", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_many_projects_across_germany_each_with_three_quoted_facts():
    rows = list(csv.DictReader(io.StringIO(_export())))
    owners = {owner for row in rows for owner in [*row["clusters"].split(";"), row["initiative"]] if owner}
    assert len(rows) >= 60 and len(owners) >= 20
    assert all(int(row["facts"]) >= 3 for row in rows), [row["id"] for row in rows if int(row["facts"]) < 3]
    assert all(url.startswith(("http://", "https://")) for row in rows for url in row["source_urls"].split())
    ihr = {row["id"]: row for row in rows if row["id"] in IHR_FIVE}
    assert set(ihr) == set(IHR_FIVE) and {row["initiative"] for row in ihr.values()} == {"international-health-ruhr"}
    assert all(row["source_urls"] for row in ihr.values())  # each found on public pages, not only named by the seed


def test_the_json_export_holds_every_fact_with_its_quote(dataset):
    records = json.loads(_export("--format", "json"))
    assert [r["id"] for r in records] == list(dataset.projects)
    for record in records:
        assert len(record["quoted_facts"]) == record["facts"]
        assert all(f["quote"] and (f["url"] or f["source"]) for f in record["quoted_facts"])


def test_no_profile_text_says_what_its_facts_do_not(dataset):
    for project in dataset.projects.values():
        for fact in project.facts:
            for words in (fact.text.en, fact.text.de):
                assert not any(marker in words.casefold() for marker in UNSOURCED_MARKERS), (project.id, words)
            assert fact.quote.strip() and (fact.page is not None or fact.source is not None), project.id
        # The opening says only what the "what it is" facts say.
        opening = project.facts_of(FactKind.WHAT)[:3] or project.facts[:2]
        assert project.summary.en == " ".join(f.text.en for f in opening)


def test_a_fact_without_address_or_quote_is_refused(synthetic_copy):
    def change(records):
        facts = by_id(records, "beta-telemed")["facts"]
        facts[1].pop("page")
        facts[0]["quote"] = ""

    edit_yaml(synthetic_copy, "lighthouses.yaml", change)
    assert_reported(synthetic_copy, "lighthouses.yaml", "beta-telemed", "facts.1", "address of its page")
    assert_reported(synthetic_copy, "lighthouses.yaml", "beta-telemed", "facts.0.quote", "at least 1 character")


def test_a_start_after_the_end_is_refused(synthetic_copy):
    def change(records):
        for fact in by_id(records, "beta-telemed")["facts"]:
            if fact["kind"] == "start":
                fact["number"], fact["quote"] = 2025, "synthetisch start 2025"

    edit_yaml(synthetic_copy, "lighthouses.yaml", change)
    assert_reported(
        synthetic_copy, "lighthouses.yaml", "beta-telemed", "facts.2.number", "2025 lies after the end year 2023"
    )


def test_a_partner_that_is_no_actor_and_a_number_not_in_its_quote_are_refused(synthetic_copy):
    def change(records):
        project = by_id(records, "beta-telemed")
        project["partners"] = ["atlantis-labs"]
        project["facts"][1]["number"] = 2.5

    edit_yaml(synthetic_copy, "lighthouses.yaml", change)
    assert_reported(synthetic_copy, "lighthouses.yaml", "beta-telemed", "partners", "unknown actor 'atlantis-labs'")
    assert_reported(synthetic_copy, "lighthouses.yaml", "beta-telemed", "facts.1.number", "2.5", "1.5")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("project_id", PROJECT_IDS)
def test_every_project_pdf_is_one_clean_page(dataset, project_id, lang):
    content = project_pdf(dataset, dataset.projects[project_id], lang)
    assert layout_problems(content) == []
    pages, text = pdf_text(content)
    assert pages == 1 and dataset.projects[project_id].name.split()[0] in text
