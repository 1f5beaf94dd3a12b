"""`python -m cli import-actors`: a member list reviewed against the data, written only with
`--apply`, only its valid rows, and only when the whole dataset still validates. Every test runs
on a private copy of the synthetic data (`synthetic_copy`)."""

import io
from pathlib import Path

import openpyxl
import pytest

from cli.__main__ import main
from clusters.keeping import edit, importer
from clusters.keeping.importer import name_key
from clusters.keeping.places import locate
from clusters.readers.datafiles import load_dataset
from clusters.records.model import Actor
from presentation.messages import CLI_TEXTS, cli_text

SOURCE = "S02_synthetic_report.txt"

MEMBERS = "\n".join(
    [
        "\ufeffName;Typ;Ort;PLZ;Webseite",
        "Alphapharm Test AG;Unternehmen;München;80331;",  # 2 matched: already a member
        "Alpha Holding Test e.G.;Unternehmen;Freising;;",  # 3 changed: shareholder and funder so far
        "Neue Bio GmbH;Unternehmen;Muenchen;;https://neue-bio.example.de",  # 4 new, place corrected
        "Isar Start GmbH;startup;Munchen;;",  # 5 new, close spelling
        "Main Firma GmbH;company;Frankfurt;;",  # 6 ambiguous: am Main or (Oder)
        "Neustädter AG;company;Neustadt;;",  # 7 ambiguous: many Neustadts
        "Nirgendwo KG;company;Xyzdorf;;",  # 8 unknown place
        "Nur PLZ GmbH;company;;82152;",  # 9 a postcode alone, of two districts (Planegg and Krailling)
        "Alien Corp;Raumschiff;Berlin;;",  # 10 bad type
        "Testuniversität Hamburg;Universität;Hamburg;;",  # 11 changed: a register row gains a named row
        "NEUE BIO gmbh;Unternehmen;München;;",  # 12 duplicate of row 4
        "Kölner Test GmbH;company;Köln;;www.koelner-test.example",  # 13 new, exact
        "Falsche Adresse GmbH;company;Köln;;javascript:alert(1)",  # 14 bad website
    ]
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def members(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    return path


def section(out: str, title: str) -> str:
    """The lines of one group of the review."""
    part = out.split(f"\n{title} (", 1)[1]
    return part.split("\n\n", 1)[0]


def test_review_sorts_exact_misspelt_ambiguous_and_unknown_places(capsys, synthetic_copy, members):
    before = files(synthetic_copy)
    code, out, _ = run(capsys, "import-actors", members, "--cluster", "alpha-bio", "--data", synthetic_copy)
    assert code == 1  # the review has problems
    new, changed, matched, problems = (section(out, t) for t in ("New", "Changed", "Matched", "Problems"))
    assert new.startswith("3):")
    assert (
        "row 4: Neue Bio GmbH — new actor neue-bio, company, München (BY); place corrected: 'Muenchen' → 'München'"
        in new
    )
    assert "row 5: Isar Start GmbH — new actor isar-start, company, München (BY); place corrected: 'Munchen'" in new
    assert "row 13: Kölner Test GmbH — new actor koelner-test, company, Köln (NW)\n" in new + "\n"
    assert "row 3: Alpha Holding Test e.G. — existing actor alpha-holding gains alpha-bio:member" in changed
    assert "row 11: Testuniversität Hamburg — higher_education_register actor testuniversitaet-hamburg" in changed
    assert "row 2: Alphapharm Test AG — existing actor alpha-pharma-ag, already alpha-bio:member" in matched
    assert problems.startswith("7):")
    assert "row 6: Main Firma GmbH — place 'Frankfurt' is ambiguous: " in problems
    assert "Frankfurt (Oder) (BB, AGS 12053000), Frankfurt am Main (HE, AGS 06412000)" in problems
    assert "row 7: Neustädter AG — place 'Neustadt' is ambiguous: " in problems
    assert "row 8: Nirgendwo KG — unknown place 'Xyzdorf'" in problems
    assert "row 9: Nur PLZ GmbH — postcode 82152 lies in several districts (09184, 09188)" in problems
    assert "row 10: Alien Corp — type 'Raumschiff' is not an actor type" in problems
    assert "row 12: NEUE BIO gmbh — duplicate row: the same organisation as row 4" in problems
    assert "row 14: Falsche Adresse GmbH — website 'javascript:alert(1)' is not a web address" in problems
    assert "Not written" in out
    assert files(synthetic_copy) == before


def test_a_postcode_alone_places_a_row_when_it_is_one_municipality(capsys, synthetic_copy, tmp_path):
    path = tmp_path / "plz.csv"
    path.write_text(
        "Name;Typ;PLZ\nNur PLZ GmbH;Unternehmen;80331\nFalsche PLZ AG;Unternehmen;00000\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy)
    assert "row 2: Nur PLZ GmbH — new actor nur-plz, company, München (BY)" in section(out, "New")
    assert "row 3: Falsche PLZ AG — postcode 00000 is not in the GeoNames postcode table" in section(out, "Problems")
    assert code == 1


def test_the_review_holds_codes_and_values_that_the_command_line_words(synthetic_copy, members):
    dataset = load_dataset(synthetic_copy)
    review = importer.review_import(members, dataset, "alpha-bio")
    codes = {row.code for row in review.rows}
    assert {"new_actor_place_corrected", "new_actor", "ambiguous_place", "unknown_place", "duplicate_row"} <= codes
    assert all(f"keeping.{code}" in CLI_TEXTS for code in codes)
    ambiguous = next(row for row in review.rows if row.params.get("place") == "Frankfurt")
    assert {town.name for town in ambiguous.params["candidates"]} == {"Frankfurt am Main", "Frankfurt (Oder)"}
    assert next(row for row in review.rows if row.code == "duplicate_row").params == {"first_row": 4}
    with pytest.raises(edit.EditError) as refused:
        importer.review_import(members, dataset, "no-such-cluster")
    assert (refused.value.code, refused.value.params["cluster"]) == ("unknown_cluster", "no-such-cluster")
    assert cli_text("review.counts", new=1, changed=0, matched=0, n=1) == "1 new, 0 changed, 0 matched, 1 problem"
    assert cli_text("keeping.ignored_columns", columns=("A", "B")) == "ignored columns: A, B"


def test_a_file_without_problems_exits_0(capsys, synthetic_copy, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text(
        "name,type,city,website\n"
        "Alphapharm Test AG,company,München,\n"
        "Isar Bio SE,company,Garching b. München,isar.example.de\n"
    )
    code, out, _ = run(capsys, "import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy)
    assert code == 0
    assert "1 new, 0 changed, 1 matched, 0 problems" in out


def test_apply_writes_only_the_valid_rows_with_their_source(capsys, synthetic_copy, members):
    before = load_dataset(synthetic_copy)
    argv = ["import-actors", members, "--cluster", "alpha-bio", "--data", synthetic_copy]
    code, out, _ = run(capsys, *argv, "--apply", "--source", SOURCE, "--section", "Mitgliederliste 2024")
    assert code == 1  # written, but the review had problems
    assert "Written to" in out
    after = load_dataset(synthetic_copy)
    added = set(after.actors) - set(before.actors)
    assert added == {"neue-bio", "isar-start", "koelner-test", "testuniversitaet-hamburg-2"}
    new = after.actors["neue-bio"]
    assert (new.place.city, new.place.state, new.type.value) == ("München", "BY", "company")
    assert new.website == "https://neue-bio.example.de"
    assert (new.source.file, new.source.section) == (SOURCE, "Mitgliederliste 2024")
    assert after.actors["koelner-test"].website == "www.koelner-test.example"
    # An existing named actor gains the link and keeps its other relations and its source.
    holding = after.actors["alpha-holding"]
    assert [r.value for r in holding.relations_to("alpha-bio")] == ["shareholder", "funder", "member"]
    assert holding.source == before.actors["alpha-holding"].source
    assert SOURCE in holding.note
    # A register row takes the link through a named row that is the same place.
    uni = after.actors["testuniversitaet-hamburg-2"]
    assert uni.register_key == before.actors["testuniversitaet-hamburg"].register_key
    assert "testuniversitaet-hamburg" not in after.actors
    assert {a.id for a in after.members_of("alpha-bio")} >= {"neue-bio", "alpha-holding", uni.id}
    names = {actor.name for actor in after.actors.values()}
    for refused in ("Main Firma GmbH", "Neustädter AG", "Nirgendwo KG", "Nur PLZ GmbH", "Alien Corp", "NEUE BIO gmbh"):
        assert refused not in names
    # Run again: everything is matched now, nothing new is written.
    code, out, _ = run(capsys, *argv)
    assert "0 new, 0 changed, 6 matched" in out


def test_apply_needs_a_known_source(capsys, synthetic_copy, members):
    before = files(synthetic_copy)
    argv = ["import-actors", members, "--cluster", "alpha-bio", "--data", synthetic_copy, "--apply"]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "every record must be sourced" in err
    code, _, err = run(capsys, *argv, "--source", "no-such-source.pdf", "--section", "S. 1")
    assert code == 2
    assert "unknown source 'no-such-source.pdf'" in err
    code, _, err = run(capsys, "import-actors", members, "--cluster", "no-such-cluster", "--data", synthetic_copy)
    assert code == 1
    assert "unknown cluster 'no-such-cluster'" in err
    assert files(synthetic_copy) == before


def test_xlsx_with_english_headers(capsys, synthetic_copy, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Type", "City", "URL"])
    sheet.append(["Spree Test GmbH", "Company", "berlin", "https://spree.example.de"])
    sheet.append(["Dresdner Testlabor e. V.", "Research institute", "Dresden", None])
    path = tmp_path / "members.xlsx"
    book.save(path)
    code, out, _ = run(capsys, "import-actors", path, "--cluster", "gamma-med", "--data", synthetic_copy)
    assert code == 0, out
    assert "row 2: Spree Test GmbH — new actor spree-test, company, Berlin (BE); place corrected: 'berlin'" in out
    assert "row 3: Dresdner Testlabor e. V. — new actor dresdner-testlabor, research_institute, Dresden (SN)" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("members.xlsx", b"this is no workbook at all"),
        ("members.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        ("members.csv", b""),
        ("members.csv", b"Vorname;Nachname\nAda;Lovelace\n"),
    ],
)
def test_a_broken_file_writes_nothing(capsys, synthetic_copy, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = files(synthetic_copy)
    argv = ["import-actors", path, "--cluster", "alpha-bio", "--data", synthetic_copy]
    code, out, _ = run(capsys, *argv, "--apply", "--source", SOURCE, "--section", "Liste")
    assert code == 1
    assert "  file: " in out
    assert files(synthetic_copy) == before


def test_a_change_that_fails_validation_writes_nothing(capsys, synthetic_copy, members, monkeypatch):
    """The review cannot foresee every rule of the loader: the copy's validation is the last word."""
    monkeypatch.setattr(importer, "stored_city", lambda town: "Hamburg")  # München, BY becomes Hamburg, BY
    before = files(synthetic_copy)
    argv = ["import-actors", members, "--cluster", "alpha-bio", "--data", synthetic_copy]
    code, _, err = run(capsys, *argv, "--apply", "--source", SOURCE, "--section", "Liste")
    assert code == 1
    assert "Nothing written: the data with this change would not validate" in err
    assert "not in the declared state BY" in err
    assert files(synthetic_copy) == before


def test_a_failure_while_replacing_leaves_the_old_file(capsys, synthetic_copy, members, monkeypatch):
    def fail(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(edit.os, "replace", fail)
    before = files(synthetic_copy)
    argv = ["import-actors", members, "--cluster", "alpha-bio", "--data", synthetic_copy]
    code, _, err = run(capsys, *argv, "--apply", "--source", SOURCE, "--section", "Liste")
    assert code == 1
    assert "No space left on device" in err
    assert files(synthetic_copy) == before  # and no temporary file is left behind


def test_hostile_names_are_stored_as_text(capsys, synthetic_copy, tmp_path):
    names = [
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script> Labor GmbH",
        'Komma, "Zitat" und; Semikolon AG',
        "@SUM(1+1) Test GmbH",
    ]
    buffer = io.StringIO()
    buffer.write("Name,Art,Ort\n")
    for name in names:
        escaped = name.replace('"', '""')
        buffer.write(f'"{escaped}",Unternehmen,Köln\n')
    buffer.write('"Zeilen\nUmbruch GmbH",Unternehmen,Köln\n')
    path = tmp_path / "hostile.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    argv = ["import-actors", path, "--cluster", "delta-life", "--data", synthetic_copy]
    code, out, _ = run(capsys, *argv, "--apply", "--source", SOURCE, "--section", "Liste")
    assert code == 0, out
    stored = {actor.name for actor in load_dataset(synthetic_copy).actors.values()}
    assert set(names) | {"Zeilen Umbruch GmbH"} <= stored


def test_control_characters_in_a_name_are_a_problem(capsys, synthetic_copy, tmp_path):
    path = tmp_path / "controls.csv"
    path.write_text("name,type,city\nEvil\u202egnp.exe GmbH,company,Köln\nBell\x07 GmbH,company,Köln\n")
    code, out, _ = run(capsys, "import-actors", path, "--cluster", "delta-life", "--data", synthetic_copy)
    assert code == 1
    assert out.count("holds control, bidi or zero-width characters") == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Universität Hamburg", "University of Hamburg"),
        ("Universität Hamburg", "Uni Hamburg"),
        ("Foo Bar GmbH & Co. KG", "foo-bar"),
        ("Hanse Testpartner e. V.", "Hanse Testpartner eV"),
        ("Müller Straße AG", "Mueller Strasse"),
        ("Alpha Holding Test eG", "ALPHA HOLDING TEST E.G."),
        ("Siemens Healthineers AG", "Siemens Healthineers"),
        ("Carl Zeiss Meditec AG", "Carl Zeiss Meditec KGaA"),
        ("Fresenius SE & Co. KGaA", "Fresenius"),
    ],
)
def test_same_organisation_in_other_spelling(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("AG Medizintechnik", "Medizintechnik"), ("Uni Kiel", "Uni Köln")])
def test_different_organisations_stay_apart(one, other):
    assert name_key(one) != name_key(other)


def test_places():
    assert locate("München").status == "exact"
    for variant in ("münchen", "Muenchen", "Munchen"):
        found = locate(variant)
        assert (found.status, found.municipality.name) == ("corrected", "München")
    assert {town.name for town in locate("Frankfurt").candidates} == {"Frankfurt am Main", "Frankfurt (Oder)"}
    assert locate("Frankfurt", "HE").municipality.name == "Frankfurt am Main"
    assert locate("Halle").status == "ambiguous"  # two in Lower Saxony
    assert len(locate("Neustadt").candidates) > 5
    assert locate("Xyzdorf").status == "unknown"


def test_actor_website_is_checked():
    base = {
        "id": "x",
        "name": "X",
        "type": "company",
        "place": {"city": "Köln", "state": "NW"},
        "source": {"file": SOURCE, "section": "S"},
    }
    for good in ("https://example.org/a?b=1", "www.example.de", "example.de", None):
        assert Actor.model_validate({**base, "website": good}).website == good
    for bad in ("javascript:alert(1)", "not a url", "https://", "ftp://example.org"):
        with pytest.raises(ValueError, match="not a web address"):
            Actor.model_validate({**base, "website": bad})
