"""The atlas filter on the synthetic dataset (tests/data/synthetic): what each filter keeps follows
from records invented for it, so adding or correcting a shipped cluster changes no expectation here."""

from clusters.filters import COMPARE_LIMIT, AtlasFilter, apply_filter, main_theme
from presentation.views import AtlasView


def ids(items):
    return {item.id for item in items}


def test_no_filter_shows_every_current_life_science_actor(synthetic):
    shown = apply_filter(synthetic, AtlasFilter())
    current = {a.id for a in synthetic.actors.values() if a.is_current}
    others = {a.id for a in synthetic.actors.values() if synthetic.is_other_higher_education(a)}
    assert ids(shown.clusters) == set(synthetic.clusters) and ids(shown.actors) == current - others
    assert ids(shown.projects) == set(synthetic.projects)
    assert ids(apply_filter(synthetic, AtlasFilter(higher_education=True)).actors) == current


def test_focus_filter_narrows_clusters_actors_and_projects(synthetic):
    shown = apply_filter(synthetic, AtlasFilter(focus=("pharma",)))
    assert ids(shown.clusters) == {"alpha-bio", "epsilon-pharma"}
    assert "alpha-pharma-ag" in ids(shown.actors) and "alpha-biolab" not in ids(shown.actors)  # biotechnology only
    assert ids(shown.projects) == {"epsilon-pharma-lab"}
    assert not apply_filter(synthetic, AtlasFilter(focus=("immunotherapy",))).total  # nothing is about it


def test_actor_without_own_focus_inherits_its_clusters(synthetic):
    assert not synthetic.actors["beta-partner"].focus_areas  # a partner of beta-health and gamma-med
    shown = apply_filter(synthetic, AtlasFilter(focus=("medtech",)))
    assert "beta-partner" in ids(shown.actors)
    assert "delta-city" not in ids(shown.actors)  # no focus of its own, its cluster has no medtech


def test_type_filter_restricts_only_actors(synthetic):
    shown = apply_filter(synthetic, AtlasFilter(types=("university_hospital",)))
    assert shown.actors and {a.type.value for a in shown.actors} == {"university_hospital"}
    assert ids(shown.clusters) == set(synthetic.clusters) and ids(shown.projects) == set(synthetic.projects)


def test_state_filter_uses_every_state_of_a_cluster(synthetic):
    assert synthetic.clusters["beta-health"].seat.state == "HH"  # seat Hamburg, region reaches SH
    shown = apply_filter(synthetic, AtlasFilter(states=("SH",), higher_education=True))
    assert ids(shown.clusters) == {"beta-health"}
    assert {"beta-medtech", "beta-clinic"} <= ids(shown.actors)  # named by the sources
    assert "testuniversitaet-kiel" in ids(shown.actors)  # a register's site
    assert all(a.place.state == "SH" for a in shown.actors)
    assert ids(shown.projects) == {"beta-telemed", "beta-hygiene"}
    saxony = apply_filter(synthetic, AtlasFilter(states=("SN",), higher_education=True))
    in_saxony = {a.id for a in synthetic.actors.values() if a.place.state == "SN" and a.is_current}
    assert saxony.actors and ids(saxony.actors) == in_saxony


def test_theme_filter(synthetic):
    shown = apply_filter(synthetic, AtlasFilter(themes=("life-science",)))
    assert ids(shown.clusters) == {"alpha-bio", "delta-life", "epsilon-pharma"}  # biotechnology, pharma
    assert ids(shown.projects) == {"alpha-biobank", "beta-hygiene", "epsilon-pharma-lab"}
    assert not apply_filter(synthetic, AtlasFilter(themes=("managed-care",))).total  # no area maps to it


def test_search_ignores_diacritics_across_layers(synthetic):
    shown = apply_filter(synthetic, AtlasFilter(query="lubeck"))
    assert {a.place.city for a in shown.actors} == {"Lübeck"}
    assert ids(shown.projects) == {"beta-hygiene"}
    assert not shown.clusters  # no cluster is seated in Lübeck
    assert ids(apply_filter(synthetic, AtlasFilter(query="koln")).clusters) == {"delta-life"}


def test_filters_combine(synthetic):
    shown = apply_filter(synthetic, AtlasFilter(states=("BY",), types=("company",), focus=("biotechnology",)))
    # alpha-holding inherits alpha-bio's biotechnology, the Munich biotech company has it as its kind;
    # alpha-pharma-ag is pharma only, alpha-uni a university, and the Stuttgart company is in BW.
    assert ids(shown.actors) == {"alpha-biolab", "alpha-holding", "test-biotech-muenchen"}


def test_main_theme(synthetic):
    assert main_theme(synthetic.clusters["gamma-med"], synthetic) == "medtech"
    assert main_theme(synthetic.clusters["alpha-bio"], synthetic) == "life-science"  # both areas agree
    # A tie (medtech, digital-health): the earlier-named area wins.
    assert main_theme(synthetic.clusters["beta-health"], synthetic) == "medtech"
    assert main_theme(synthetic.clusters["epsilon-pharma"], synthetic) == "life-science"  # pharma before medtech


def test_parse_view_reads_and_validates_the_url(synthetic):
    view = AtlasView.parse(
        {"focus": ["diagnostics,imaging"], "state": "de-by", "cluster": "alpha-bio", "size": "smes", "q": "München"},
        synthetic,
    )
    assert view.filter.focus == ("diagnostics", "imaging") and view.filter.states == ("BY",)
    assert view.cluster == "alpha-bio" and view.size == "smes" and view.filter.query == "München"
    assert view.notices == ()


def test_unknown_values_give_notices_not_errors(synthetic):
    view = AtlasView.parse(
        {"cluster": "atlantis", "focus": "telepathy,imaging", "type": "castle", "size": "gdp", "theme": "space"},
        synthetic,
    )
    assert view.cluster is None and view.filter.focus == ("imaging",) and view.filter.types == ()
    assert view.size == "actors" and view.filter.themes == ()
    assert set(view.notices) == {"cluster:atlantis", "focus:telepathy", "type:castle", "size:gdp", "theme:space"}


def test_view_params_round_trip(synthetic):
    view = AtlasView(
        AtlasFilter(focus=("imaging",), states=("BY", "SH"), query="med"), "beta-health", "management_staff"
    )
    assert AtlasView.parse(view.to_params(), synthetic) == view
    assert AtlasView().to_params() == {}


def test_a_view_selects_one_thing_and_sets_aside_at_most_the_compare_limit(synthetic):
    ids = list(synthetic.clusters)
    assert len(ids) > COMPARE_LIMIT  # else the limit is never reached
    actor, project = next(iter(synthetic.actors)), next(iter(synthetic.projects))
    assert AtlasView.parse({"actor": actor}, synthetic).actor == actor
    both = AtlasView.parse({"cluster": ids[0], "project": project}, synthetic)
    assert both.cluster == ids[0] and both.project is None
    view = AtlasView.parse({"compare": ",".join(ids)}, synthetic)
    assert view.compare == tuple(ids[:COMPARE_LIMIT]) and view.notices == (f"compare:{','.join(ids[COMPARE_LIMIT:])}",)
    round_trip = AtlasView(actor=actor, compare=tuple(ids[:2]))
    assert AtlasView.parse(round_trip.to_params(), synthetic) == round_trip
