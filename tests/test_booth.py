"""The booth tour: slides, pause, idle resume, parameters, QR codes — and a soak test."""

import os

import pytest
from conftest import open_app, shown

from components.booth_tour import TourState, advance, build_slides, pause, qr_png, resume_if_idle, touch
from presentation.views import DEFAULT_DWELL, DEFAULT_IDLE, BoothView


def test_default_tour_is_overview_clusters_then_themes(synthetic):
    slides = build_slides(synthetic, BoothView.parse({}, synthetic))
    themes = [s.ref for s in slides if s.kind == "theme"]
    assert [s.kind for s in slides] == ["overview"] + ["cluster"] * len(synthetic.clusters) + ["theme"] * len(themes)
    assert [s.ref for s in slides if s.kind == "cluster"] == list(synthetic.clusters)
    # Every theme that has projects, in the vocabulary's order; none without.
    assert themes == [
        theme
        for theme in synthetic.themes
        if any(theme in synthetic.project_themes(p) for p in synthetic.projects.values())
    ]


def test_parameters_choose_subset_order_theme_and_qr(synthetic):
    config = BoothView.parse(
        {
            "clusters": "gamma-med,alpha-bio,atlantis",
            "theme": "medtech",
            "dwell": "5",
            "idle": "20",
            "qr_base": "https://atlas.example.org/",
        },
        synthetic,
        qr_hosts="atlas.example.org",
    )
    slides = build_slides(synthetic, config)
    assert [s.ref for s in slides] == [None, "gamma-med", "alpha-bio", "medtech"]
    assert (config.dwell, config.idle) == (5.0, 20.0) and config.notices == ("clusters:atlantis",)
    assert config.profile_url("alpha-bio", "de") == "https://atlas.example.org/profile?cluster=alpha-bio&lang=de"


def test_bad_parameters_fall_back_with_notices(synthetic):
    config = BoothView.parse({"dwell": "fast", "theme": "space", "qr_base": "javascript:alert(1)"}, synthetic)
    assert config.dwell == DEFAULT_DWELL and config.theme is None and config.qr_base is None
    assert set(config.notices) == {"dwell:fast", "theme:space", "qr_base:javascript:alert(1)"}
    assert config.profile_url("alpha-bio", "en") is None  # no QR code without a public base URL
    assert BoothView.parse({"dwell": "0.01"}, synthetic).dwell == 1.0


def test_pause_touch_and_idle_resume():
    state = advance(advance(TourState(), 5), 5)
    assert state.index == 2
    paused = pause(state, now=100.0)
    assert advance(paused, 5) == paused  # no advancing while a visitor explores
    kept = touch(paused, now=150.0)
    assert resume_if_idle(kept, now=200.0, idle=60) == kept
    resumed = resume_if_idle(kept, now=210.0, idle=60)
    assert resumed.index == 0 and not resumed.paused  # back to the overview


def test_index_wraps_around():
    state = TourState()
    for _ in range(7):
        state = advance(state, 3)
    assert state.index == 1


def test_qr_code_is_a_png():
    assert qr_png("https://atlas.example.org/profile?cluster=alpha-bio").startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("lang", "title", "button"),
    [
        ("en", "Life science in Germany", "Touch here to explore"),
        ("de", "Life Science in Deutschland", "Hier tippen und entdecken"),
    ],
)
def test_booth_page_in_both_languages(lang, title, button):
    at = open_app("booth", lang=lang)
    assert not at.exception
    assert shown(at.title[0].value) == title and at.button(key="booth_explore").label == button
    at.run()
    assert shown(at.title[0].value) == "Alpha Bio Testcluster"  # the next slide


def test_explore_pauses_and_back_resumes():
    at = open_app("booth", clusters="gamma-med")
    at.run()
    assert shown(at.title[0].value) == "Gamma MedTech Testverbund"
    at.button(key="booth_explore").click().run()
    assert at.button(key="booth_back") and at.session_state.booth.paused
    at.run()
    assert at.session_state.booth.paused  # stays paused while the visitor is there
    at.button(key="booth_back").click().run()
    assert not at.session_state.booth.paused and shown(at.title[0].value) == "Life science in Germany"


def rss_bytes() -> int:
    with open(f"/proc/{os.getpid()}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_soak_thousands_of_advances_keep_memory_flat():
    """Several thousand slide advances in one server process (AppTest runs the app in this
    process): memory must not grow with the number of slides shown."""
    at = open_app("booth", dwell="1")
    for _ in range(300):  # warm-up: every slide's images and caches exist once
        at.run()
    before = rss_bytes()
    seen = set()
    for _ in range(2500):
        at.run()
        seen.add(shown(at.title[0].value))
    growth = rss_bytes() - before
    assert not at.exception and len(seen) >= 9  # overview, five clusters, three themes with projects
    assert growth < 40 * 1024 * 1024, f"memory grew by {growth / 1e6:.1f} MB over 2,500 slides"


@pytest.mark.parametrize("value", ["NaN", "nan", "inf", "-inf", "1e999"])
@pytest.mark.parametrize("name", ["dwell", "idle"])
def test_non_finite_timings_fall_back_with_a_notice(synthetic, name, value):
    # Regression (issue 10): NaN passed the clamp; dwell=NaN reran ~21 times a second, idle=nan never resumed.
    config = BoothView.parse({name: value}, synthetic)
    assert getattr(config, name) == (DEFAULT_DWELL if name == "dwell" else DEFAULT_IDLE)
    assert config.notices == (f"{name}:{value}",)


@pytest.mark.parametrize(
    "qr_base",
    [
        "https://" + "a" * 3000,  # regression: segno's DataOverflowError stopped the tour for good
        "https://user:secret@atlas.example.org",
        "https://atlas.example.org/?next=evil",
        "https://",
        "ftp://x.org",
        "https://[::1",
        "http:///path",
    ],
)
def test_unusable_qr_bases_are_refused_with_a_notice(synthetic, qr_base):
    config = BoothView.parse({"qr_base": qr_base}, synthetic, qr_hosts="atlas.example.org")
    assert config.qr_base is None and config.notices == (f"qr_base:{qr_base.rstrip('/')}",)


def test_qr_codes_point_only_to_hosts_the_operator_named(synthetic):
    # Without CLUSTER_ATLAS_QR_HOSTS or CLUSTER_ATLAS_QR_BASE no link may choose where a QR code leads.
    refused = BoothView.parse({"qr_base": "https://evil.test"}, synthetic)
    assert refused.qr_base is None and refused.notices == ("qr_base:https://evil.test",)
    # The operator's own base address names its host.
    own = BoothView.parse({}, synthetic, qr_default="https://atlas.example.org")
    assert own.qr_base == "https://atlas.example.org"
    assert BoothView.parse({"qr_base": "https://evil.test"}, synthetic, qr_default="https://atlas.example.org").notices
    # A control character hidden in the host (%0A in the link) is never accepted.
    sneaky = BoothView.parse(
        {"qr_base": "https://atlas.example.org\n.evil.test"}, synthetic, qr_hosts="atlas.example.org"
    )
    assert sneaky.qr_base is None and sneaky.notices


def test_qr_hosts_allow_list(synthetic):
    allowed = "atlas.example.org, cluster-atlas.de"
    assert BoothView.parse({"qr_base": "https://cluster-atlas.de"}, synthetic, qr_hosts=allowed).qr_base
    refused = BoothView.parse({"qr_base": "https://evil.example"}, synthetic, qr_hosts=allowed)
    assert refused.qr_base is None and refused.notices == ("qr_base:https://evil.example",)


def test_an_address_too_long_for_a_qr_code_gives_none_not_an_exception():
    assert qr_png("https://atlas.example.org/" + "a" * 4000) is None


def test_booth_with_hostile_parameters_keeps_running():
    at = open_app("booth", dwell="NaN", idle="nan", clusters="alpha-bio", qr_base="https://" + "a" * 3000)
    assert not at.exception
    assert any("dwell" in c.value and "qr_base" in c.value for c in at.caption)
