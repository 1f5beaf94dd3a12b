"""Every figure's value and qualifier agree with its quote, read by the project's number reader."""

import datetime as dt

import pytest

from clusters.checks.quotes import EXCEPTIONS, figure_problem, quote_problems, quoted_numbers, unused_exceptions
from clusters.dataset import DataIssue, Dataset
from clusters.records.model import Cluster, ExtraFigure, Figure, Initiative, Place, Source, SourceRef, Text

GERMAN, ENGLISH = "quelle-de.txt", "quelle-en.txt"


def figure(value, quote, qualifier="", source=GERMAN, year=2020):
    return Figure(value=value, qualifier=qualifier, year=year, source=SourceRef(file=source, section="S"), quote=quote)


def extra(value, quote, qualifier="", key="jobs", source=GERMAN):
    return ExtraFigure(
        value=value,
        qualifier=qualifier,
        year=2020,
        source=SourceRef(file=source, section="S"),
        quote=quote,
        key=key,
        label=Text(en=key, de=key),
    )


def source(file, language):
    return Source(
        file=file,
        title=file,
        publisher="P",
        date=dt.date(2020, 1, 1),
        origin="cluster",
        language=language,
        kind=Text(en="k", de="k"),
        takes=Text(en="t", de="t"),
    )


def cluster(cluster_id="alpha", **figures):
    return Cluster(
        id=cluster_id,
        name=cluster_id,
        short_name=cluster_id,
        seat=Place(city="Hamburg", state="HH"),
        region=Text(en="r", de="r"),
        sources=[GERMAN],
        **figures,
    )


def dataset(*clusters, initiatives=()):
    return Dataset(
        sources={GERMAN: source(GERMAN, "de"), ENGLISH: source(ENGLISH, "en")},
        focus_areas={},
        themes={},
        clusters={c.id: c for c in clusters},
        initiatives={i.id: i for i in initiatives},
        actors={},
        projects={},
    )


# --- the shipped data ---------------------------------------------------------------------------


def test_the_shipped_figures_agree_with_their_quotes(dataset):
    assert quote_problems(dataset) == []


def test_every_declared_exception_is_still_needed(dataset):
    assert unused_exceptions(dataset) == []


# --- values -------------------------------------------------------------------------------------


def test_a_value_the_quote_does_not_hold_is_reported_with_the_numbers_read():
    assert figure_problem(figure(250, "rund 200 bis 300 Akteure", "~")) == (
        "quote-disagrees: value 250, numbers in quote: 200, 300"
    )
    assert figure_problem(figure(250, "viele Akteure")) == "quote-disagrees: value 250, numbers in quote: -"
    assert figure_problem(figure(250, "")) == "quote-missing: value 250"


@pytest.mark.parametrize(
    ("quote", "value", "qualifier"),
    [
        ("mehr als 1.250 Mitglieder", 1250, ">"),
        ("8.600 der insgesamt 49.900 Beschäftigten", 49900, ""),
        ("auf 13,5 für das Jahr 2018", 13.5, ""),
        ("betrug die Bruttowertschöpfung 4,3 Mrd. EUR", 4.3, ""),
        ("Mittel in Höhe von 297.500,00 EUR", 297500, ""),
        ("rund 1.250.000 Euro", 1250000, "~"),
    ],
)
def test_german_numbers_are_read_as_german_writers_mean_them(quote, value, qualifier):
    assert figure_problem(figure(value, quote, qualifier)) is None


def test_a_dot_before_three_digits_groups_thousands_in_german():
    assert figure_problem(figure(1.25, "mehr als 1.250 Mitglieder", ">")) == (
        "quote-disagrees: value 1.25, numbers in quote: 1250"
    )


def test_the_source_language_settles_a_comma_before_three_digits():
    english = cluster(actors=figure(1250, "more than 1,250 members", ">", source=ENGLISH))
    german = cluster("beta", actors=figure(1250, "mehr als 1,250 Mitglieder", ">"))
    assert quote_problems(dataset(english, german)) == [
        DataIssue("clusters.yaml", "beta", "actors", "quote-disagrees: value 1250, numbers in quote: 1.25")
    ]


def test_digits_inside_a_word_are_no_number():
    assert figure_problem(figure(3, "Der CI3-Antrag")) == "quote-disagrees: value 3, numbers in quote: -"


# --- qualifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "value", "figure_qualifier", "quoted"),
    [
        ("rund 250 Akteure", 250, ">", "~"),
        ("mehr als 250 Akteure", 250, "", ">"),
        ("250 Akteure", 250, ">", "="),
        ("die knapp 49.900 Erwerbstätigen", 49900, "~", "<"),
    ],
)
def test_a_qualifier_that_disagrees_with_the_quote_is_reported(quote, value, figure_qualifier, quoted):
    assert figure_problem(figure(value, quote, figure_qualifier)) == (
        f"qualifier-disagrees: value {value}, qualifier {figure_qualifier or '='}, in quote {quoted}"
    )


@pytest.mark.parametrize(
    ("quote", "value", "qualifier"),
    [
        ("über 600 Firmen mit 50.000 Arbeitsplätzen", 50000, ""),  # "über" stands before 600 only
        ("über 600 Firmen mit 50.000 Arbeitsplätzen", 600, ">"),
        ("unter Beteiligung von rund 40 Partnern", 40, "~"),  # "unter" is a preposition here
        ("von circa 130 Millionen Euro von mehr als 100 Partnern", 100, ">"),
        ("With sales of approximately €9.5 billion in 2015", 9.5, "~"),
        ("Zahl der Akteure: ~250", 250, "~"),
    ],
)
def test_only_the_qualifier_right_before_the_number_counts(quote, value, qualifier):
    assert figure_problem(figure(value, quote, qualifier), lang="en" if "sales" in quote else "de") is None


def test_a_value_quoted_twice_agrees_when_one_wording_has_its_qualifier():
    assert figure_problem(figure(250, "rund 250 Akteure, davon 250 Mitglieder", "~")) is None


# --- the deliberate exceptions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "value"),
    [("sind neun Personen beschäftigt", 9), ("zwei Großunternehmen", 2), ("ein Dutzend Partner", 12)],
)
def test_spelled_out_numbers_count_as_their_numbers(quote, value):
    assert figure_problem(figure(value, quote)) is None


def test_a_spelled_out_number_is_checked_too():
    assert figure_problem(figure(11, "zehn Großunternehmen")) == "quote-disagrees: value 11, numbers in quote: 10"
    assert figure_problem(figure(10, "über zehn Großunternehmen")) == (
        "qualifier-disagrees: value 10, qualifier =, in quote >"
    )


def test_a_founding_date_gives_its_year_to_founded_only():
    quote = "seit dem 18.03.2015 der neue Branchenverbund"
    assert figure_problem(figure(2015, quote), field="founded") is None
    assert figure_problem(figure(2015, quote), field="more_figures.0") == (
        "quote-disagrees: value 2015, numbers in quote: -"
    )
    assert [n.value for n in quoted_numbers(quote, years_in_dates=True)] == [2015]


def test_a_declared_exception_is_honoured_for_its_value_only():
    data = dataset(cluster(research_institutions=figure(14, "zwei Universitäten sowie 12 Institute")))
    issue = DataIssue(
        "clusters.yaml", "alpha", "research_institutions", "quote-disagrees: value 14, numbers in quote: 2, 12"
    )
    assert quote_problems(data, exceptions={}) == [issue]
    assert quote_problems(data, exceptions={("clusters.yaml", "alpha", "research_institutions"): 14}) == []
    # A changed value is checked again: the exception was for 14.
    assert quote_problems(data, exceptions={("clusters.yaml", "alpha", "research_institutions"): 15}) == [issue]


def test_an_exception_that_excuses_nothing_is_reported():
    data = dataset(cluster(actors=figure(250, "rund 250 Akteure", "~")))
    declared = {
        ("clusters.yaml", "alpha", "actors"): 250,  # agrees: not needed
        ("clusters.yaml", "alpha", "smes"): 10,  # no such figure
    }
    assert unused_exceptions(data, declared) == list(declared)


def test_the_declared_exceptions_name_a_figure_and_a_value():
    for (file, record, field), value in EXCEPTIONS.items():
        assert file.endswith(".yaml") and record and field
        assert isinstance(value, (int, float))


# --- where a problem is -------------------------------------------------------------------------


def test_an_issue_names_file_record_and_the_figure_path():
    alpha = cluster(
        actors=figure(300, "mehr als 300 Akteure", ">"),
        history={"actors": [figure(200, "rund 250 Akteure", "~", year=2015)]},
        more_figures=[extra(500, "rund 500 Arbeitsplätze", "~"), extra(600, "rund 500 Unternehmen", "~")],
    )
    ruhr = Initiative(
        id="ruhr",
        name="Ruhr",
        organisation="O",
        place=Place(city="Bochum", state="NW"),
        description=Text(en="d", de="d"),
        source=SourceRef(file=GERMAN, section="S"),
        more_figures=[extra(1, "eine Vollzeitstelle"), extra(2, "drei Stellen")],
    )
    assert quote_problems(dataset(alpha, initiatives=[ruhr])) == [
        DataIssue("clusters.yaml", "alpha", "history.actors.0", "quote-disagrees: value 200, numbers in quote: 250"),
        DataIssue("clusters.yaml", "alpha", "more_figures.1", "quote-disagrees: value 600, numbers in quote: 500"),
        DataIssue("initiatives.yaml", "ruhr", "more_figures.1", "quote-disagrees: value 2, numbers in quote: 3"),
    ]
