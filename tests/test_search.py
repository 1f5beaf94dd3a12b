import pytest

from clusters.records.text import fold
from clusters.search import cluster_search_texts, matches


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


def test_fold_spells_umlauts_out_and_strips_accents_and_punctuation():
    assert fold("  Über  Düsseldorf ") == "ueber duesseldorf"
    assert fold("Bio^M, Genève & Łódź") == "bio m geneve und lodz"


def test_search_takes_umlauts_spelled_any_way():
    for query in ("münchen", "muenchen", "munchen", "MUNCHEN"):
        assert matches(query, ["München"]) and matches(query, ["Muenchen"])
    assert matches("lubeck", ["Lübeck"]) and matches("koln", ["Köln"])


def test_cluster_is_found_by_state_focus_and_city(dataset):
    bio_m = dataset.clusters["bio-m"]
    texts = cluster_search_texts(bio_m, dataset)
    assert matches("bayern", texts) and matches("bavaria", texts)
    assert matches("immuntherapie", texts) and matches("immunotherapy", texts)
    assert matches("munchen", texts)
    assert not matches("dresden", texts)
