import pytest

from clusters.search import cluster_search_texts, fold, matches


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("munchen", "München"),
        ("Lubeck", "Lübeck"),
        ("muenchen", "München"),
        ("STRASSE", "Straße"),
        ("tubingen reutlingen", "Tübingen and Reutlingen"),
    ],
)
def test_search_ignores_case_and_diacritics(query, text):
    assert matches(query, [text])


def test_search_needs_every_word():
    assert not matches("munchen dresden", ["München"])
    assert matches("", ["anything"])


def test_fold_strips_accents():
    assert fold("  Über  Düsseldorf ") == "uber dusseldorf"


def test_cluster_is_found_by_state_focus_and_city(dataset):
    bio_m = dataset.clusters["bio-m"]
    texts = cluster_search_texts(bio_m, dataset)
    assert matches("bayern", texts) and matches("bavaria", texts)
    assert matches("immuntherapie", texts) and matches("immunotherapy", texts)
    assert matches("munchen", texts)
    assert not matches("dresden", texts)
