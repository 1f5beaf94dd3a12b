import re

import pytest

from clusters.records.model import Figure, SourceRef
from presentation.catalogue import CATALOGUE, LANGUAGES, t
from presentation.formatters import figure_text, figure_words, format_number


def forms(text) -> list[str]:
    """A text, or its plural forms (`one`, `other`)."""
    return list(text.values()) if isinstance(text, dict) else [text]


def test_every_key_has_english_and_german_with_the_same_placeholders():
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(form.strip() for lang in LANGUAGES for form in forms(texts[lang])), key
        placeholders = {lang: [set(re.findall(r"{(\w+)}", form)) for form in forms(texts[lang])] for lang in LANGUAGES}
        assert all(p == placeholders["en"][0] for lang in LANGUAGES for p in placeholders[lang]), key


def test_plural_forms_follow_the_language():
    assert t("region.in_region", "en", n=1) == "In the region (listings): 1 life-science actor"
    assert t("region.in_region", "en", n=3) == "In the region (listings): 3 life-science actors"
    assert t("region.in_region", "de", n=1).endswith("1 Life-Science-Akteur")
    assert t("region.in_region", "de", n=0).endswith("0 Life-Science-Akteure")


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        t("no.such.key")


def test_number_formats():
    assert format_number(1234.5, "en") == "1,234.5" and format_number(1234.5, "de") == "1.234,5"
    assert format_number(18500, "de") == "18.500"


def test_date_formats():
    import datetime as dt

    from presentation.formatters import format_date

    assert format_date(dt.date(2026, 11, 23), "en") == "23 Nov 2026"
    assert format_date(dt.date(2026, 11, 23), "de") == "23.11.2026"


def test_figures_in_words_and_compact_form():
    figure = Figure(value=250, qualifier=">", year=2019, source=SourceRef(file="f", section="s"))
    assert figure_words(figure, "en") == "more than 250" and figure_words(figure, "de") == "mehr als 250"
    assert figure_text(figure, "de") == ">250" and figure_text(None, "de") == "k. A."
    assert (
        figure_text(Figure(value=1997, year=2019, source=SourceRef(file="f", section="s")), "de", is_year=True)
        == "1997"
    )


@pytest.mark.parametrize("page", [None, "benchmark", "lighthouses"])
def test_german_multiselects_have_german_placeholders(page):
    """An empty multiselect shows Streamlit's English "Choose options" unless it gets a text of ours."""
    from conftest import open_app

    at = open_app(page, lang="de")
    assert at.multiselect and not at.exception
    placeholders = {w.label: w.proto.placeholder for w in at.multiselect}
    assert all(placeholders.values()), placeholders
    assert set(placeholders.values()) <= {form for texts in CATALOGUE.values() for form in forms(texts["de"])}


def test_every_unit_in_the_data_has_a_translation(dataset):
    from clusters import FIGURE_FIELDS
    from presentation.catalogue import CATALOGUE

    figures = [f for c in dataset.clusters.values() for f in (*(c.figure(n) for n in FIGURE_FIELDS), *c.more_figures)]
    figures += [f for i in dataset.initiatives.values() for f in i.more_figures]
    units = {f.unit for f in figures if f is not None and f.unit}
    missing = sorted(unit for unit in units if f"unit.{unit}" not in CATALOGUE)
    assert units and not missing, missing
