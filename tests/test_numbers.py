"""The one reader of written numbers (`clusters.records.numbers`): its rules, and that what the app
writes in English or German reads back as the same number."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clusters.records.model import Figure, SourceRef, parse_quantity
from clusters.records.numbers import MAX_DIGITS, NumberError, Qualifier, check_number, parse_figure_text
from presentation.formatters import figure_text, figure_words, format_number


def code_of(text: str, lang: str | None = None) -> str:
    with pytest.raises(NumberError) as raised:
        parse_figure_text(text, lang)
    return raised.value.code


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250", 250),
        ("1.250", 1250),  # a lone dot before three digits groups thousands (German)
        ("1 250", 1250),
        ("1\u00a0250", 1250),  # no-break space
        ("1\u202f250", 1250),  # narrow no-break space, as babel writes French and Swiss numbers
        ("13,5", 13.5),
        ("13.5", 13.5),
        ("1,25", 1.25),
        ("0,250", 0.25),  # a group never follows a lone leading zero
        ("0.250", 0.25),
        ("1234,567", 1234.567),  # neither can four digits before the mark be a group
        ("1,250,000", 1_250_000),
        ("1.250.000", 1_250_000),
        ("1.250,5", 1250.5),
        ("1,250.5", 1250.5),
        ("1 250,5", 1250.5),
        ("13.50", 13.5),
        ("16.0", 16),
        ("007", 7),
        ("  42 ", 42),
    ],
)
def test_separators(text, value):
    parsed, qualifier = parse_figure_text(text)
    assert parsed == value and type(parsed) is type(value) and qualifier is Qualifier.EXACT


def test_a_comma_before_three_digits_is_ambiguous_unless_the_language_is_known():
    with pytest.raises(NumberError) as raised:
        parse_figure_text("1,250")
    assert raised.value.code == "ambiguous"
    assert raised.value.params == {"text": "1,250", "grouped": 1250, "decimal": 1.25}
    assert parse_figure_text("1,250", "en") == (1250, Qualifier.EXACT)
    assert parse_figure_text("1,250", "de") == (1.25, Qualifier.EXACT)
    assert parse_figure_text("1.250", "en") == (1.25, Qualifier.EXACT)
    assert parse_figure_text("mehr als 1,250", "de") == (1.25, Qualifier.MORE_THAN)


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("mehr als", Qualifier.MORE_THAN),
        ("über", Qualifier.MORE_THAN),
        ("Über", Qualifier.MORE_THAN),
        ("ueber", Qualifier.MORE_THAN),
        ("more than", Qualifier.MORE_THAN),
        ("More  Than", Qualifier.MORE_THAN),
        ("over", Qualifier.MORE_THAN),
        (">", Qualifier.MORE_THAN),
        ("rund", Qualifier.ABOUT),
        ("ca.", Qualifier.ABOUT),
        ("CA.", Qualifier.ABOUT),
        ("circa", Qualifier.ABOUT),
        ("etwa", Qualifier.ABOUT),
        ("about", Qualifier.ABOUT),
        ("approximately", Qualifier.ABOUT),
        ("around", Qualifier.ABOUT),
        ("~", Qualifier.ABOUT),
        ("fast", Qualifier.LESS_THAN),
        ("knapp", Qualifier.LESS_THAN),
        ("almost", Qualifier.LESS_THAN),
        ("unter", Qualifier.LESS_THAN),
        ("under", Qualifier.LESS_THAN),
        ("<", Qualifier.LESS_THAN),
    ],
)
@pytest.mark.parametrize("space", [" ", "", "\u00a0"])
def test_qualifier_words_in_both_languages(words, qualifier, space):
    if space == "" and words[-1].isalpha():
        space = " "  # "over250" is tested below
    assert parse_figure_text(f"{words}{space}1.250") == (1250, qualifier)


def test_a_word_only_qualifies_when_it_ends():
    assert code_of("overall 5") == "not_a_number"
    assert parse_figure_text("über250") == (250, Qualifier.MORE_THAN)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5", "negative"),
        ("\u22125", "negative"),  # the typographic minus
        ("mehr als -5", "negative"),
        ("inf", "not_finite"),
        ("Infinity", "not_finite"),
        ("NaN", "not_finite"),
        ("∞", "not_finite"),
        ("9" * 16, "too_many_digits"),
        ("9" * 33, "too_many_digits"),
        ("9" * 400, "too_many_digits"),
        ("0." + "1" * 16, "too_many_digits"),
        ("1e5", "not_a_number"),
        ("viele", "not_a_number"),
        ("", "not_a_number"),
        ("mehr als", "not_a_number"),
        ("1.2.3", "not_a_number"),  # dots that do not group in threes
        ("1,250 000", "not_a_number"),  # a decimal mark before a group
        ("1.250.000,5,5", "not_a_number"),
        ("1 25", "not_a_number"),
        ("0.250.000", "not_a_number"),
        ("1_000", "not_a_number"),
        ("٣", "not_a_number"),  # digits of other scripts
        ("1,250", "ambiguous"),
    ],
)
def test_errors_are_codes(text, code):
    assert code_of(text) == code


def test_errors_carry_plain_values_not_sentences():
    with pytest.raises(NumberError) as raised:
        parse_figure_text("9" * 20)
    assert raised.value.params == {"text": "9" * 20, "digits": 20, "limit": MAX_DIGITS}
    assert isinstance(raised.value, ValueError)


def test_fifteen_digits_are_kept_exactly():
    assert parse_figure_text("999999999999999") == (999_999_999_999_999, Qualifier.EXACT)
    assert parse_figure_text("0.000000000000001")[0] == 1e-15


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1250.0, 1250), (1.125, 1.125), (0.1 + 0.2, 0.3), (1 / 3, 0.333333333333333), (0, 0), (-0.0, 0), (17, 17)],
)
def test_stored_numbers(value, expected):
    """Numbers a spreadsheet stored: no separator rules (1.125 stays 1.125), 15 digits like Excel shows."""
    assert check_number(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (float("inf"), "not_finite"),
        (float("nan"), "not_finite"),
        (-1, "negative"),
        (1e20, "too_many_digits"),
        (10**400, "too_many_digits"),
        pytest.param(10**5000, "too_many_digits", id="10**5000"),
        (True, "not_a_number"),
    ],
)
def test_stored_numbers_that_are_refused(value, code):
    with pytest.raises(NumberError) as raised:
        check_number(value)
    assert raised.value.code == code


def test_the_data_files_reader_uses_the_same_rules():
    assert parse_quantity("etwa 18.500 Arbeitsplätze") == (18500, Qualifier.ABOUT)
    assert parse_quantity("rund 1\u00a0250 Akteure") == (1250, Qualifier.ABOUT)
    assert parse_quantity("knapp 1,5 Mio.") == (1.5, Qualifier.LESS_THAN)
    assert parse_quantity("im Jahr 2018 250 Akteure") == (2018, Qualifier.EXACT)
    assert parse_quantity("250 Akteure, davon rund 50 KMU") == (250, Qualifier.EXACT)  # "rund" is the 50's
    with pytest.raises(NumberError) as raised:
        parse_quantity("über " + "9" * 30 + " Euro")
    assert raised.value.code == "too_many_digits"


# --- round trips: what the app writes reads back as the same number -------------------------------

figures = st.one_of(st.integers(0, 10**12), st.integers(0, 10**11).map(lambda cents: cents / 100))
qualifiers = st.sampled_from(list(Qualifier))


@given(figures)
@example(1250)
@example(1250.5)
@example(0.25)
@example(1_250_000)
def test_german_numbers_read_back(value):
    assert parse_figure_text(format_number(value, "de")) == (value, Qualifier.EXACT)


@given(figures)
@example(1250)
@example(1234.5)
def test_english_numbers_read_back_when_the_language_is_known(value):
    assert parse_figure_text(format_number(value, "en"), "en") == (value, Qualifier.EXACT)


@given(figures)
@example(1250)
@example(999_999)
def test_english_numbers_never_read_back_as_another_number(value):
    """Without the language an English "1,250" is refused, never taken for 1.25."""
    try:
        parsed, _ = parse_figure_text(format_number(value, "en"))
    except NumberError as problem:
        assert problem.code == "ambiguous" and problem.params["grouped"] == value
    else:
        assert parsed == value


@given(st.one_of(st.integers(0, 10**9 - 1), st.integers(0, 10**11 - 1).map(lambda cents: cents / 100)), qualifiers)
@example(1250, Qualifier.MORE_THAN)
@example(13.5, Qualifier.ABOUT)
def test_figures_in_words_and_compact_form_read_back(value, qualifier):
    figure = Figure(value=value, qualifier=qualifier, year=2019, source=SourceRef(file="f", section="s"))
    for lang in ("en", "de"):
        assert parse_figure_text(figure_words(figure, lang), lang) == (value, qualifier)
        assert parse_figure_text(figure_text(figure, lang), lang) == (value, qualifier)


@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_number_error(text):
    try:
        value, qualifier = parse_figure_text(text)
    except NumberError as problem:
        assert problem.code in {"not_a_number", "negative", "not_finite", "too_many_digits", "ambiguous"}
    else:
        assert value >= 0 and isinstance(qualifier, Qualifier)


@given(st.floats(min_value=0, max_value=1e14, allow_nan=False))
def test_stored_numbers_change_at_most_in_the_sixteenth_digit(value):
    assert check_number(value) == pytest.approx(value, rel=1e-14, abs=1e-300)
