import datetime as dt

import pytest
from conftest import make_figure

from clusters.metrics import (
    Derived,
    Reason,
    age_in_years,
    cooperation_candidates,
    indicators,
    jaccard,
    peers,
    ranks,
    ratio,
    share,
    size_similarity,
    sort_clusters,
)
from clusters.records.model import Qualifier

fig = make_figure


def test_lower_bound_over_exact_is_a_lower_bound():
    result = ratio(fig(250, ">"), fig(16))
    assert result.qualifier is Qualifier.MORE_THAN and result.value == pytest.approx(15.625)


def test_exact_over_lower_bound_is_an_upper_bound():
    assert ratio(fig(250), fig(16, ">")).qualifier is Qualifier.LESS_THAN


def test_two_lower_bounds_have_no_direction():
    result = ratio(fig(200, ">"), fig(250, ">"), "smes", "actors")
    assert not result.known and result.reason == Reason("both_lower_bounds", ("smes", "actors"))


def test_two_upper_bounds_have_no_direction():
    assert not ratio(fig(10, "<"), fig(20, "<")).known


def test_lower_over_upper_bound_is_a_lower_bound():
    assert ratio(fig(100, ">"), fig(10, "<")).qualifier is Qualifier.MORE_THAN
    assert ratio(fig(100, "<"), fig(10, ">")).qualifier is Qualifier.LESS_THAN


def test_approximate_inputs_give_approximate_results():
    assert ratio(fig(250, "~"), fig(13.5)).qualifier is Qualifier.ABOUT
    assert ratio(fig(250, "~"), fig(10, ">")).qualifier is Qualifier.LESS_THAN


def test_unknown_stays_unknown_with_reason():
    result = ratio(None, fig(16), "actors", "management_staff")
    assert not result.known and result.reason == Reason("unknown", ("actors",))
    assert not ratio(fig(1), fig(0), "a", "b").known


def test_share_is_a_percentage():
    result = share(fig(49), fig(124), "SMEs")
    assert result.value == pytest.approx(39.516, rel=1e-3) and result.qualifier is Qualifier.EXACT


def test_age_in_years():
    assert age_in_years(fig(1997), dt.date(2026, 11, 24)).value == 29
    assert not age_in_years(None).known


def test_indicators_of_real_clusters(dataset):
    stern = indicators(dataset.clusters["bioregio-stern"])
    assert (
        stern["actors_per_staff"].qualifier is Qualifier.MORE_THAN and stern["actors_per_staff"].value == 45
    )  # >360 / 8
    assert stern["sme_share"].reason.code == "both_lower_bounds"  # >250 of >360
    assert stern["large_company_share"].qualifier is Qualifier.LESS_THAN  # 27 of >360
    # BioM's newest size figure counts the companies of its region, its SMEs the cluster's partners (2019).
    assert indicators(dataset.clusters["bio-m"])["sme_share"].reason.code == "different_kinds"
    lago = indicators(dataset.clusters["biolago"])
    assert round(lago["sme_share"].value, 1) == 78.1 and lago["sme_share"].qualifier is Qualifier.EXACT
    assert not indicators(dataset.clusters["bio-nrw"])["actors_per_staff"].known


def test_ranks_respect_bounds_and_ties():
    result = ranks({"a": fig(100), "b": fig(50, ">"), "c": fig(80), "d": fig(80), "e": None})
    assert str(result["a"]) == "1–2"  # b could be larger than 100
    assert str(result["b"]) == "1–4"  # >50: anything from the top to below the 80s
    assert str(result["c"]) == "2–4" and str(result["d"]) == "2–4"  # tied, and b could pass them
    assert result["e"] is None and result["a"].of == 4


def test_exact_ranks_are_single_numbers():
    result = ranks({"a": fig(3), "b": fig(2), "c": fig(1)})
    assert [str(result[k]) for k in "abc"] == ["1", "2", "3"]
    assert result["a"].percentile_range == (100.0, 100.0) and result["c"].percentile_range == (0.0, 0.0)


def test_upper_bound_rank():
    result = ranks({"a": fig(200, "<"), "b": fig(150), "c": fig(250)})
    assert str(result["a"]) == "2–3" and str(result["c"]) == "1"


def test_derived_values_rank_too():
    assert str(ranks({"x": Derived(15.6, Qualifier.MORE_THAN), "y": Derived(20.0)})["x"]) == "1–2"


def test_jaccard():
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3) and jaccard(set(), set()) == 0


def test_size_similarity_compares_only_figures_of_one_kind(synthetic):
    alpha, beta, gamma = (synthetic.clusters[c] for c in ("alpha-bio", "beta-health", "gamma-med"))
    # Alpha's >300 and Beta's ~180 members, 120 and 90 SMEs: close on a log scale.
    assert 0.7 < size_similarity(alpha, beta) < 1
    # Gamma counts the companies in its region: no size comparison with members.
    assert size_similarity(alpha, gamma) is None


def test_peers_explain_shared_focus(dataset):
    found = peers(dataset.clusters["bioregio-stern"], dataset.clusters.values(), k=2)
    assert found[0].cluster == "biolago"  # diagnostics, lab automation, medtech, biotech
    assert set(found[0].shared_focus) >= {"diagnostics", "lab-automation"}


def test_biosaxony_and_bioregio_stern_are_each_others_first_cooperation_candidate(dataset):
    """The real cross-cluster cooperation of seed 003 (Aktionsplan Medizintechnik, 2015)."""
    clusters = list(dataset.clusters.values())
    saxony = cooperation_candidates(dataset.clusters["biosaxony"], clusters)
    stern = cooperation_candidates(dataset.clusters["bioregio-stern"], clusters)
    assert saxony[0].cluster == "bioregio-stern" and stern[0].cluster == "biosaxony"
    assert "medtech" in saxony[0].shared_focus and saxony[0].they_add == ("lab-automation",)
    assert "smart-medical-devices" in saxony[0].we_add


def test_a_cluster_that_adds_nothing_is_no_candidate(dataset):
    found = cooperation_candidates(dataset.clusters["bioregio-stern"], dataset.clusters.values(), k=12)
    assert found and "biolago" not in [p.cluster for p in found]  # BioLAGO already covers all of STERN's areas


def test_sort_clusters_puts_unknown_last(dataset):
    ordered = sort_clusters(dataset.clusters.values(), "management_staff", descending=True)
    assert ordered[0].id in {"bio-m", "biocon-valley"} and ordered[-1].management_staff is None
