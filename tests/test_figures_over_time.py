"""Figures over time (a key figure with earlier years), programme awards and web-page sources: the
model's rules, the honest change arithmetic, and how the profile, the PDF and the sources page show
them (synthetic data: Epsilon has actors ~350 in 2019 and 410 in 2023, and a 2012 award)."""

import io

import pytest
import yaml
from conftest import open_app
from pydantic import ValidationError
from pypdf import PdfReader

from clusters import Cluster, Figure, Qualifier, load_dataset
from clusters.dataset import DataValidationError
from clusters.metrics import change, figure_change
from clusters.records.citation import citation_text
from presentation.citations import cite
from presentation.pdf import profile_pdf


def figure(value, year, qualifier=Qualifier.EXACT):
    return Figure(value=value, year=year, qualifier=qualifier, source={"file": "s", "section": "x"})


def cluster_with(**fields):
    base = {
        "id": "c",
        "name": "C",
        "short_name": "C",
        "seat": {"city": "Kiel", "state": "SH"},
        "region": {"en": "r", "de": "r"},
        "sources": ["s"],
    }
    return Cluster.model_validate({**base, **fields})


def test_the_key_figure_is_the_newest_and_history_holds_the_older_values():
    cluster = cluster_with(actors=figure(410, 2023), history={"actors": [figure(200, 2011), figure(350, 2019)]})
    assert [f.year for f in cluster.figure_over_time("actors")] == [2011, 2019, 2023]
    assert cluster.previous("actors").value == 350
    assert cluster.previous("smes") is None and cluster.figure_over_time("smes") == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"actors": figure(410, 2019), "history": {"actors": [figure(350, 2023)]}}, "not older than the current"),
        ({"actors": figure(410, 2023), "history": {"actors": [figure(350, 2023)]}}, "not older than the current"),
        ({"history": {"actors": [figure(350, 2019)]}}, "without a current actors"),
        ({"actors": figure(1, 2023), "history": {"jobs": [figure(1, 2019)]}}, "'jobs' is not a key figure"),
        ({"actors": figure(9, 2023), "history": {"actors": [figure(1, 2019), figure(2, 2019)]}}, "same year"),
    ],
)
def test_history_that_contradicts_itself_is_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        cluster_with(**fields)


@pytest.mark.parametrize(
    ("earlier", "later", "value", "qualifier"),
    [
        (figure(350, 2019, Qualifier.ABOUT), figure(410, 2023), 60, Qualifier.ABOUT),
        (figure(250, 2018, Qualifier.LESS_THAN), figure(360, 2024, Qualifier.MORE_THAN), 110, Qualifier.MORE_THAN),
        (figure(250, 2018, Qualifier.MORE_THAN), figure(240, 2024), -10, Qualifier.LESS_THAN),
        (figure(250, 2018, Qualifier.MORE_THAN), figure(360, 2024, Qualifier.MORE_THAN), None, None),
    ],
)
def test_a_change_between_bounds_keeps_its_direction_or_is_unknown(earlier, later, value, qualifier):
    result = change(earlier, later, "actors")
    assert result.years == (earlier.year, later.year)
    if value is None:
        assert not result.known and result.reason.code == "bounds_over_time"
    else:
        assert result.value == value and result.qualifier is qualifier


def test_synthetic_epsilon_changes_and_only_it(synthetic):
    epsilon = synthetic.clusters["epsilon-pharma"]
    assert figure_change(epsilon, "actors").value == 60
    assert all(figure_change(c, "actors") is None for c in synthetic.clusters.values() if c is not epsilon)


def test_history_years_default_to_the_source_and_unknown_sources_are_reported(synthetic_copy):
    path = synthetic_copy / "clusters.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    epsilon = next(r for r in records if r["id"] == "epsilon-pharma")
    epsilon["history"]["actors"][0]["source"]["file"] = "nowhere.txt"
    epsilon["awards"][0]["source"]["file"] = "elsewhere.txt"
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_dataset(synthetic_copy)
    problems = str(error.value)
    assert "history.actors.0.source" in problems and "nowhere.txt" in problems
    assert "awards.0.source" in problems and "elsewhere.txt" in problems


def test_a_web_source_is_cited_with_its_year_and_address(synthetic):
    ref = synthetic.clusters["epsilon-pharma"].actors.source
    expected = "Über Epsilon, 2023, https://epsilon.example.org/ueber-uns — Teil A"
    assert citation_text(ref, synthetic.sources).endswith(expected)
    assert cite(ref, synthetic, "de").endswith(expected)


def test_the_profile_shows_the_change_the_series_and_the_award():
    at = open_app("profile", cluster="epsilon-pharma")
    assert not at.exception
    figures = next(df.value for df in at.dataframe if "Source wording" in df.value.columns)
    actors = figures[figures["Figure"] == "Actors"].iloc[0]
    assert actors["Value"] == "410" and actors["Year"] == "2023"
    assert actors["Change"] == "~+60 since 2019 (~350)"
    assert figures[figures["Figure"] == "SMEs"].iloc[0]["Change"] == ""
    assert "Over time" in [h.value for h in at.header]
    awards = next(df.value for df in at.dataframe if "Programme" in df.value.columns)
    assert awards.iloc[0]["Year"] == "2012" and awards.iloc[0]["Programme"].startswith("Leading-Edge Cluster")
    german = open_app("profile", cluster="epsilon-pharma", lang="de")
    figures = next(df.value for df in german.dataframe if "Wortlaut der Quelle" in df.value.columns)
    assert figures[figures["Kennzahl"] == "Akteure"].iloc[0]["Veränderung"] == "~+60 seit 2019 (~350)"
    assert "Auszeichnungen in Bundesprogrammen" in [h.value for h in german.header]


def test_a_profile_without_history_has_no_change_column():
    at = open_app("profile", cluster="alpha-bio")
    figures = next(df.value for df in at.dataframe if "Source wording" in df.value.columns)
    assert "Change" not in figures.columns


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_pdf_names_the_change_and_the_award(synthetic, lang):
    pdf = profile_pdf(synthetic, synthetic.clusters["epsilon-pharma"], lang)
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert ("since 2019" if lang == "en" else "seit 2019") in words
    assert ("Leading-Edge Cluster" if lang == "en" else "Spitzencluster") in words


def test_the_sources_page_says_who_speaks_and_links_the_page(synthetic):
    at = open_app("data")
    sources = next(df.value for df in at.dataframe if "File" in df.value.columns)
    web = sources[sources["File"] == "web-synthetic-epsilon"].iloc[0]
    assert web["Who speaks"] == "The cluster itself" and web["Address"] == "https://epsilon.example.org/ueber-uns"
    assert web["Date"] == "2023"
