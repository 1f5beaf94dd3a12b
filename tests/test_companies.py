"""Who is here (issue 23): the companies and institutes of every region from public pages, current
actors only on the map, life science first, and the member-list import that carries row sources
and postcodes. Data tests read the shipped files; behaviour is tested on the synthetic data."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from cli.__main__ import main
from clusters import ActorType, DataValidationError, load_dataset
from clusters.filters import AtlasFilter, apply_filter
from clusters.readers.exports import export
from clusters.records.model import ActorStatus, Listing, Relation

SHIPPED = Path(__file__).resolve().parent.parent / "clusters" / "data"


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED)


def companies(dataset):
    return [a for a in dataset.actors.values() if a.listing is Listing.COMPANY_PAGES]


# --- the shipped data ------------------------------------------------------------------------------


def test_at_least_400_current_companies_in_15_states(shipped):
    current = [a for a in companies(shipped) if a.is_current]
    assert len(current) >= 400
    assert len({a.place.state for a in current}) >= 15
    assert {a.kind.value for a in current} >= {"biotech", "pharma", "medtech", "diagnostics"}


def test_every_company_and_institute_cites_its_page_and_words(shipped):
    listed = [a for a in shipped.actors.values() if a.listing in (Listing.COMPANY_PAGES, Listing.RESEARCH_INSTITUTES)]
    assert len([a for a in listed if a.type is ActorType.RESEARCH_INSTITUTE]) >= 80
    for actor in listed:
        assert actor.page is not None and actor.page.url.startswith(("https://", "http://")), actor.id
        assert actor.quote and len(actor.quote.split()) >= 2, actor.id
        assert actor.as_of is not None, actor.id


def test_the_default_atlas_shows_no_historical_actor_and_no_other_higher_education_site(shipped):
    shown = apply_filter(shipped, AtlasFilter()).actors
    assert not [a.id for a in shown if a.status is ActorStatus.HISTORICAL]
    assert not [a.id for a in shown if shipped.is_other_higher_education(a)]
    assert shipped.actors["schering"].status is ActorStatus.HISTORICAL  # renamed in 2006, its 2007 page says
    everything = apply_filter(shipped, AtlasFilter(higher_education=True)).actors
    assert len(everything) > len(shown)


def test_every_cluster_has_its_management_organisation(shipped):
    managed = {
        link.cluster
        for a in shipped.actors.values()
        for link in a.links
        if link.relation is Relation.CLUSTER_MANAGEMENT
    }
    assert managed == set(shipped.clusters)


def test_one_institute_is_one_dot(shipped):
    """Fraunhofer EMB was renamed IMTE in 2020: the named actor is the listed institute."""
    assert "fraunhofer-imte" not in shipped.actors
    assert shipped.actors["fraunhofer-emb"].listing is Listing.RESEARCH_INSTITUTES


def test_the_actor_export_carries_status_year_postcode_precision_and_page():
    rows = list(csv.DictReader(io.StringIO(export(load_dataset(SHIPPED), "actors"))))
    assert {"status", "as_of", "postcode", "precision", "source_url", "kind", "quote"} <= set(rows[0])
    company_rows = [r for r in rows if r["listing"] == "company_pages"]
    assert len(company_rows) >= 400 and all(r["source_url"] and r["quote"] for r in company_rows)
    assert Counter(r["precision"] for r in company_rows)["postcode"] >= 10


# --- behaviour on the synthetic data -----------------------------------------------------------------


def test_a_company_without_its_page_or_words_is_refused_with_file_record_and_field(synthetic_copy):
    path = synthetic_copy / "companies.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["quote"] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataValidationError) as error:
        load_dataset(synthetic_copy)
    assert any(
        i.file == "companies.csv" and i.record == rows[0]["id"] and i.field == "quote" for i in error.value.issues
    )


def test_life_science_first_and_the_higher_education_layer(synthetic):
    default = {a.id for a in apply_filter(synthetic, AtlasFilter()).actors}
    layer = {a.id for a in apply_filter(synthetic, AtlasFilter(higher_education=True)).actors}
    others = {a.id for a in synthetic.actors.values() if synthetic.is_other_higher_education(a)}
    assert others and not others & default and others <= layer
    assert "alte-testpharma-muenchen" not in layer  # the past is never on the map
    biotech = {a.id for a in apply_filter(synthetic, AtlasFilter(kinds=("biotech",))).actors}
    assert biotech == {"test-biotech-muenchen"}


def test_region_counts_hold_current_life_science_actors_and_count_the_other_sites_apart(synthetic):
    counts = synthetic.region_counts("alpha-bio")
    assert list(counts) == ["company", "research_institute", "university_hospital", "university"]
    assert counts["company"] == 2  # Testbiotech München and Test-CRO Planegg; the acquired one is past
    assert all(not synthetic.is_other_higher_education(a) for a in synthetic.region_actors("alpha-bio"))
    assert synthetic.other_higher_education("alpha-bio")


def test_a_postcode_places_a_company_at_its_postcode_point(synthetic):
    cro = synthetic.actors["test-cro-planegg"]
    assert cro.place.precision == "postcode" and cro.postcode == "82152"
    assert (cro.place.lat, cro.place.lon) == (48.1067, 11.4248)


# --- the member-list import -------------------------------------------------------------------------


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


ROW_SOURCES = "\n".join(
    [
        "name,type,city,postcode,source_url,quote,year",
        'Neue Testbio GmbH,company,München,80331,https://example.org/a,"Die Neue Testbio GmbH in München",2024',
        "Ohne Quelle GmbH,company,München,80331,,,",  # no source: never written
        'Zwei Kreise GmbH,company,Planegg,82152,https://example.org/b,"Zwei Kreise GmbH, Planegg",2024',
        'Falsche PLZ GmbH,company,München,20095,https://example.org/c,"Falsche PLZ GmbH in München",2024',
        'Zukunft GmbH,company,München,,https://example.org/d,"Zukunft GmbH in München",2999',
    ]
)


def test_import_keeps_each_rows_page_words_and_year_and_checks_postcodes(capsys, synthetic_copy, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(ROW_SOURCES, encoding="utf-8")
    code, out = run(capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy)
    assert code == 1
    problems = out.split("\nProblems (", 1)[1]
    assert "row 3:" in problems and "no complete source" in problems
    assert "row 4:" in problems and "several districts" in problems  # 82152: Planegg and Krailling
    assert "row 5:" in problems and "20095" in problems
    assert "row 6:" in problems and "2999" in problems
    code, out = run(
        capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy,
        "--source", "S02_synthetic_report.txt", "--section", "Mitglieder", "--apply",
    )  # fmt: skip
    data = load_dataset(synthetic_copy)
    written = [a for a in data.actors.values() if a.name == "Neue Testbio GmbH"]
    assert len(written) == 1
    actor = written[0]
    assert actor.page.url == "https://example.org/a" and actor.quote == "Die Neue Testbio GmbH in München"
    assert actor.as_of == 2024 and actor.postcode == "80331" and actor.place.precision == "postcode"
    assert not [a for a in data.actors.values() if a.name in ("Ohne Quelle GmbH", "Zwei Kreise GmbH")]


HOSTILE = [
    "name,type,city,postcode,source_url,quote,year",
    '"=HYPERLINK(""http://evil.example"")",company,München,,https://example.org/x,"=cmd|x, München",2024',
    '"Zeilen\nUmbruch GmbH",company,München,,https://example.org/y,"Zeilen Umbruch, München",2024',
    '"Anführung ""Zeichen"" AG",company,München,,https://example.org/z,"Anführung, München",2024',
    '"Anführung ""Zeichen"" AG",company,München,,https://example.org/z,"Anführung, München",2024',
    "Zwei Kreise GmbH,company,,82152,https://example.org/b,Zwei Kreise,2024",
]


def test_a_hostile_member_list_gets_row_messages_and_writes_only_its_valid_rows(capsys, synthetic_copy, tmp_path):
    path = tmp_path / "hostile.csv"
    path.write_text("\n".join(HOSTILE), encoding="utf-8")
    code, out = run(capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy)
    problems = out.split("\nProblems (", 1)[1]
    assert code == 1
    assert "row 3:" not in problems  # a line break inside a name is only white space: the name is kept as text
    assert "row 5:" in problems and "row 4" in problems  # the duplicate names its first row
    assert "row 6:" in problems and "several districts" in problems
    run(
        capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy,
        "--source", "S02_synthetic_report.txt", "--section", "Mitglieder", "--apply",
    )  # fmt: skip
    data = load_dataset(synthetic_copy)
    hostile_pages = {f"https://example.org/{page}" for page in "xyz"}
    written = sorted(a.name for a in data.actors.values() if a.page and a.page.url in hostile_pages)
    assert written == ['=HYPERLINK("http://evil.example")', 'Anführung "Zeichen" AG', "Zeilen Umbruch GmbH"]
    assert not [a for a in data.actors.values() if a.name.startswith("Zwei Kreise")]
    exported = export(data, "actors")
    assert "\n=HYPERLINK" not in exported and ",=HYPERLINK" not in exported  # neutralised for spreadsheets


def test_a_list_of_10000_rows_is_refused_whole_and_writes_nothing(capsys, synthetic_copy, tmp_path):
    rows = ["name,type,city,source_url,quote,year"] + [f"Firma {i} GmbH,company,München,,," for i in range(10_000)]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    before = files(synthetic_copy)
    code, out = run(
        capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy,
        "--source", "S02_synthetic_report.txt", "--section", "Mitglieder", "--apply",
    )  # fmt: skip
    assert code == 1 and files(synthetic_copy) == before
    assert "more than 1000" in out.replace(",", "")
