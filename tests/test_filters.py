from clusters.filters import AtlasFilter, AtlasView, apply_filter, main_theme, parse_view, view_params


def ids(items):
    return {item.id for item in items}


def test_no_filter_shows_everything(dataset):
    shown = apply_filter(dataset, AtlasFilter())
    assert len(shown.clusters) == 34 and len(shown.actors) == len(dataset.actors)
    assert len(shown.projects) == len(dataset.projects)


def test_focus_filter_narrows_clusters_actors_and_projects(dataset):
    shown = apply_filter(dataset, AtlasFilter(focus=("immunotherapy",)))
    assert ids(shown.clusters) == {"bio-m", "biopark-regensburg", "ci3", "saxocell"}
    assert "biopark-regensburg-gmbh" in ids(shown.actors) and "charite" not in ids(shown.actors)
    assert not shown.projects  # no project is about immunotherapy


def test_actor_without_own_focus_inherits_its_clusters(dataset):
    shown = apply_filter(dataset, AtlasFilter(focus=("bone-healing",)))
    assert "oncampus" in ids(shown.actors)  # a partner of Life Science Nord, which lists Knochenheilung


def test_type_filter_restricts_only_actors(dataset):
    shown = apply_filter(dataset, AtlasFilter(types=("university_hospital",)))
    assert {a.type.value for a in shown.actors} == {"university_hospital"}
    assert len(shown.clusters) == 34


def test_state_filter_uses_every_state_of_a_cluster(dataset):
    shown = apply_filter(dataset, AtlasFilter(states=("HE",)))
    # bio-rn: seat Heidelberg (BW), region reaches Hesse; ci3: seat Mainz (RP), states RP, HE, BW
    assert ids(shown.clusters) == {"bio-rn", "ci3", "house-of-pharma-healthcare", "proxidrugs"}
    assert not [a for a in shown.actors if a.listing is None]  # the sources name no actor in Hesse
    assert shown.actors and all(a.place.state == "HE" for a in shown.actors)  # the register's sites there
    saxony = apply_filter(dataset, AtlasFilter(states=("SN",)))
    assert saxony.actors and {a.id for a in saxony.actors} == {
        a.id for a in dataset.actors.values() if a.place.state == "SN"
    }


def test_theme_filter(dataset):
    shown = apply_filter(dataset, AtlasFilter(themes=("green-health",)))
    assert ids(shown.clusters) == {"biocon-valley", "bioeconomy-cluster"}  # nutrition, plant breeding; bioeconomy
    assert not shown.projects


def test_search_ignores_diacritics_across_layers(dataset):
    shown = apply_filter(dataset, AtlasFilter(query="lubeck"))
    assert {a.place.city for a in shown.actors} == {"Lübeck"}
    assert "lsn-qualifit" in ids(shown.projects)
    assert not shown.clusters  # no cluster is seated in Lübeck


def test_filters_combine(dataset):
    shown = apply_filter(dataset, AtlasFilter(states=("BE",), types=("company",), focus=("cardiovascular",)))
    assert ids(shown.actors) == {
        "biotronik",
        "berlin-heart",
        "b-braun-cardio-medical",
        "autotissue",
    }  # getemed: Teltow, BB


def test_main_theme(dataset):
    assert main_theme(dataset.clusters["medical-valley-emn"], dataset) == "medtech"
    assert main_theme(dataset.clusters["bio-m"], dataset) == "life-science"
    assert main_theme(dataset.clusters["biocon-valley"], dataset) == "life-science"


def test_parse_view_reads_and_validates_the_url(dataset):
    view = parse_view(
        {"focus": ["diagnostics,imaging"], "state": "de-by", "cluster": "bio-m", "size": "smes", "q": "München"},
        dataset,
    )
    assert view.filter.focus == ("diagnostics", "imaging") and view.filter.states == ("BY",)
    assert view.cluster == "bio-m" and view.size == "smes" and view.filter.query == "München"
    assert view.notices == ()


def test_unknown_values_give_notices_not_errors(dataset):
    view = parse_view(
        {"cluster": "atlantis", "focus": "telepathy,imaging", "type": "castle", "size": "gdp", "theme": "space"},
        dataset,
    )
    assert view.cluster is None and view.filter.focus == ("imaging",) and view.filter.types == ()
    assert view.size == "actors" and view.filter.themes == ()
    assert set(view.notices) == {"cluster:atlantis", "focus:telepathy", "type:castle", "size:gdp", "theme:space"}


def test_view_params_round_trip(dataset):
    view = AtlasView(
        AtlasFilter(focus=("imaging",), states=("BY", "BE"), query="med"), "medical-valley-emn", "management_staff"
    )
    assert parse_view(view_params(view), dataset) == view
    assert view_params(AtlasView()) == {}


def test_a_view_selects_one_thing_and_sets_aside_at_most_four_clusters(dataset):
    ids = list(dataset.clusters)
    actor, project = next(iter(dataset.actors)), next(iter(dataset.projects))
    assert parse_view({"actor": actor}, dataset).actor == actor
    both = parse_view({"cluster": ids[0], "project": project}, dataset)
    assert both.cluster == ids[0] and both.project is None
    view = parse_view({"compare": ",".join(ids[:6])}, dataset)
    assert view.compare == tuple(ids[:4]) and view.notices == (f"compare:{ids[4]},{ids[5]}",)
    round_trip = AtlasView(actor=actor, compare=tuple(ids[:2]))
    assert parse_view(view_params(round_trip), dataset) == round_trip
