"""Every page's view round-trips through the URL: `parse(to_params(v)) == v` for any view the page
can be in (property tests over the synthetic dataset's ids), and every link comes from `link()`."""

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters.filters import ACTOR_TYPES, COMPARE_LIMIT, SIZE_FIGURES, AtlasFilter
from presentation.views import (
    MAX_DWELL,
    MEASURES,
    MIN_DWELL,
    AtlasView,
    BenchmarkView,
    BoothView,
    ClustersView,
    LighthousesView,
    ProfileView,
    link,
    link_params,
)

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def subset(ids, max_size=None):
    ids = sorted(ids)
    return st.lists(st.sampled_from(ids), unique=True, max_size=max_size or len(ids)).map(tuple)


def maybe(ids):
    return st.none() | st.sampled_from(sorted(ids))


# Free text as a visitor types it: no commas (they separate list values) and not only spaces.
query_text = st.text(st.characters(blacklist_characters=",", blacklist_categories=("Cs", "Cc")), max_size=100).map(
    lambda q: " ".join(q.split())
)


def to_url_and_back(params: dict[str, str]) -> dict[str, list[str]]:
    """What the browser gives back: the query string of a link, parsed as Streamlit does."""
    return parse_qs(urlsplit(link("atlas", **params)).query, keep_blank_values=False)


@ROUND_TRIP
@given(data=st.data())
def test_atlas_view_round_trips(synthetic, data):
    states = sorted({a.place.state for a in synthetic.actors.values()})
    selected = data.draw(st.sampled_from(["cluster", "actor", "project", None]))
    view = AtlasView(
        AtlasFilter(
            focus=data.draw(subset(synthetic.focus_areas)),
            types=data.draw(subset(ACTOR_TYPES)),
            states=data.draw(subset(states)),
            themes=data.draw(subset(synthetic.themes)),
            query=data.draw(query_text),
        ),
        cluster=data.draw(st.sampled_from(sorted(synthetic.clusters))) if selected == "cluster" else None,
        size=data.draw(st.sampled_from(SIZE_FIGURES)),
        actor=data.draw(st.sampled_from(sorted(synthetic.actors))) if selected == "actor" else None,
        project=data.draw(st.sampled_from(sorted(synthetic.projects))) if selected == "project" else None,
        compare=data.draw(subset(synthetic.clusters, COMPARE_LIMIT)),
    )
    assert AtlasView.parse(view.to_params(), synthetic) == view
    assert AtlasView.parse(to_url_and_back(view.to_params()), synthetic) == view


@ROUND_TRIP
@given(data=st.data())
def test_benchmark_view_round_trips(synthetic, data):
    view = BenchmarkView(
        clusters=data.draw(subset(synthetic.clusters)),
        figure=data.draw(st.sampled_from(MEASURES)),
        x=data.draw(st.sampled_from(MEASURES)),
        y=data.draw(st.sampled_from(MEASURES)),
        peer=data.draw(maybe(synthetic.clusters)),
    )
    assert BenchmarkView.parse(view.to_params(), synthetic) == view
    assert BenchmarkView.parse(to_url_and_back(view.to_params()), synthetic) == view


@ROUND_TRIP
@given(data=st.data())
def test_lighthouses_profile_and_clusters_views_round_trip(synthetic, data):
    lighthouses = LighthousesView(data.draw(subset(synthetic.themes)), data.draw(maybe(synthetic.projects)))
    assert LighthousesView.parse(lighthouses.to_params(), synthetic) == lighthouses
    profile = ProfileView(data.draw(maybe(synthetic.clusters)))
    assert ProfileView.parse(profile.to_params(), synthetic) == profile
    clusters = ClustersView(data.draw(query_text))
    assert ClustersView.parse(clusters.to_params()) == clusters


@ROUND_TRIP
@given(data=st.data())
def test_booth_view_round_trips(synthetic, data):
    seconds = st.floats(min_value=MIN_DWELL, max_value=MAX_DWELL, allow_nan=False).map(lambda s: round(s, 3))
    view = BoothView(
        dwell=data.draw(seconds),
        idle=data.draw(seconds),
        clusters=data.draw(subset(synthetic.clusters)),
        theme=data.draw(maybe(synthetic.themes)),
        qr_base=data.draw(st.none() | st.sampled_from(["https://atlas.example.org", "http://localhost:8501"])),
        alternate=data.draw(st.booleans()),
    )
    assert BoothView.parse(view.to_params(), synthetic, qr_hosts="atlas.example.org,localhost") == view


def test_default_views_write_no_parameters(synthetic):
    for view in (AtlasView(), BenchmarkView(), LighthousesView(), ProfileView(), ClustersView(), BoothView()):
        assert view.to_params() == {}


def test_links_leave_out_the_default_language_and_empty_values():
    assert link("profile", "en", cluster="bio-m") == "/profile?cluster=bio-m"
    assert link("profile", "de", cluster="bio-m") == "/profile?cluster=bio-m&lang=de"
    assert link("benchmark", "en", clusters=["a", "b"], peer=None) == "/benchmark?clusters=a,b"
    assert link("atlas", "en") == "/"
    assert link_params("de", clusters=("a", "b")) == {"clusters": "a,b", "lang": "de"}


def test_link_values_are_encoded():
    assert link("clusters", "en", q="a&b=c #d") == "/clusters?q=a%26b%3Dc+%23d"


@pytest.mark.parametrize("name", ["dwell", "idle"])
def test_booth_seconds_go_through_the_number_reader(synthetic, name):
    assert getattr(BoothView.parse({name: "2.5"}, synthetic), name) == 2.5
    assert getattr(BoothView.parse({name: "1,5"}, synthetic), name) == 1.5  # a decimal comma, not 15 seconds
    for bad in ("NaN", "-1", "1e999", "soon"):
        assert BoothView.parse({name: bad}, synthetic).notices == (f"{name}:{bad}",)
