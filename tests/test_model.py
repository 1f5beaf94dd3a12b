import pytest
from conftest import make_figure
from pydantic import ValidationError

from clusters.records.model import Figure, Qualifier, parse_qualifier, parse_quantity
from presentation.formatters import figure_text

figure = make_figure


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("mehr als 250 Clusterakteure", Qualifier.MORE_THAN),
        ("über 360 Clusterakteure", Qualifier.MORE_THAN),
        ("fast 200 Clusterakteure", Qualifier.LESS_THAN),
        ("die knapp 49.900 Erwerbstätigen", Qualifier.LESS_THAN),
        ("unter 10", Qualifier.LESS_THAN),
        ("rund 250 Akteure", Qualifier.ABOUT),
        ("ca. 150 kleine und mittlere Unternehmen", Qualifier.ABOUT),
        ("etwa 18.500 Arbeitsplätze", Qualifier.ABOUT),
        ("insgesamt 124 Clusterakteure", Qualifier.EXACT),
        ("27 Großunternehmen", Qualifier.EXACT),
        ("Überblick: 12 Institute", Qualifier.EXACT),  # "Über" inside a word is no qualifier
    ],
)
def test_parse_qualifier_follows_the_german_wording(wording, expected):
    assert parse_qualifier(wording) is expected


@pytest.mark.parametrize(
    ("wording", "number", "qualifier"),
    [
        ("mehr als 250", 250, Qualifier.MORE_THAN),
        ("etwa 18.500 Arbeitsplätze", 18500, Qualifier.ABOUT),
        ("13,5 für das Jahr 2018", 13.5, Qualifier.EXACT),
        ("ca. 7 Mrd. €", 7, Qualifier.ABOUT),
    ],
)
def test_parse_quantity_reads_german_numbers(wording, number, qualifier):
    assert parse_quantity(wording) == (number, qualifier)


def test_parse_quantity_without_number_raises():
    with pytest.raises(ValueError, match="no number"):
        parse_quantity("mehr als zwanzig")


@pytest.mark.parametrize(
    ("value", "qualifier", "english", "german"),
    [
        (250, ">", ">250", ">250"),
        (150, "~", "~150", "~150"),
        (200, "<", "<200", "<200"),
        (16, "", "16", "16"),
        (13.5, "", "13.5", "13,5"),
        (18500, "~", "~18,500", "~18.500"),
    ],
)
def test_figure_text_shows_the_qualifier_in_each_language(value, qualifier, english, german):
    assert figure_text(figure(value, qualifier), "en") == english
    assert figure_text(figure(value, qualifier), "de") == german


def test_unknown_is_na_never_zero():
    assert figure_text(None, "en") == "n/a"
    assert figure_text(None, "de") == "k. A."


def test_figure_needs_a_source():
    with pytest.raises(ValidationError, match="source"):
        Figure(value=1, year=2019)


def test_figure_rejects_negative_values():
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        figure(-1)


def test_integral_floats_become_ints():
    assert isinstance(figure(16.0).value, int)
    assert figure(13.5).value == 13.5


def test_bounds_are_marked_as_bounds():
    assert Qualifier.MORE_THAN.is_bound and Qualifier.LESS_THAN.is_bound
    assert not Qualifier.ABOUT.is_bound and not Qualifier.EXACT.is_bound
