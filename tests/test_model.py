import pytest
from conftest import make_figure
from pydantic import ValidationError

from clusters.model import Figure, Qualifier, format_figure, parse_qualifier, parse_quantity

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
    ("value", "qualifier", "text"),
    [
        (250, ">", ">250"),
        (150, "~", "~150"),
        (200, "<", "<200"),
        (16, "", "16"),
        (13.5, "", "13.5"),
        (18500, "~", "~18,500"),
    ],
)
def test_format_figure_shows_the_qualifier(value, qualifier, text):
    assert format_figure(figure(value, qualifier)) == text
    assert figure(value, qualifier).format() == text


def test_unknown_is_na_never_zero():
    assert format_figure(None) == "n/a"


def test_format_figure_uses_the_given_number_format():
    assert format_figure(figure(18500, "~"), lambda v: f"{v:_}") == "~18_500"


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
