"""The booth tour: slides, parameters, QR codes, the tour's data document and the page that hands
it to the browser (which runs the tour itself: tests/browser/test_booth.py)."""

import json
import re

import pytest
from conftest import ROOT, open_app

from presentation.booth_tour import (
    SHOWN_ACTORS,
    build_slides,
    cluster_actors,
    qr_codes,
    qr_png,
    settings_script,
    tour_document,
    tour_settings,
)
from presentation.catalogue import LANGUAGES
from presentation.formatters import figure_words
from presentation.views import DEFAULT_DWELL, DEFAULT_IDLE, BoothView

TOUR_JS = ROOT / "static" / "booth" / "tour.js"


def test_default_tour_is_overview_active_clusters_then_themes(synthetic):
    slides = build_slides(synthetic, BoothView.parse({}, synthetic))
    themes = [s.ref for s in slides if s.kind == "theme"]
    active = [c.id for c in synthetic.clusters.values() if c.is_active]
    assert len(active) < len(synthetic.clusters)  # else "only active ones" would prove nothing
    assert [s.kind for s in slides] == ["overview"] + ["cluster"] * len(active) + ["theme"] * len(themes)
    assert [s.ref for s in slides if s.kind == "cluster"] == active
    # Every theme that has projects, in the vocabulary's order; none without.
    assert themes == [
        theme
        for theme in synthetic.themes
        if any(theme in synthetic.project_themes(p) for p in synthetic.projects.values())
    ]
    assert [s.key for s in slides[:2]] == ["overview", f"cluster:{active[0]}"]


def test_parameters_choose_subset_order_theme_and_qr(synthetic):
    config = BoothView.parse(
        {
            "clusters": "gamma-med,alpha-bio,atlantis",
            "theme": "medtech",
            "dwell": "5",
            "idle": "20",
            "qr_base": "https://atlas.example.org/",
            "lang": "auto",
        },
        synthetic,
        qr_hosts="atlas.example.org",
    )
    slides = build_slides(synthetic, config)
    assert [s.ref for s in slides] == [None, "gamma-med", "alpha-bio", "medtech"]
    assert (config.dwell, config.idle) == (5.0, 20.0) and config.notices == ("clusters:atlantis",)
    assert config.profile_url("alpha-bio", "de") == "https://atlas.example.org/profile?cluster=alpha-bio&lang=de"
    settings = tour_settings(slides, config, "/app/static/generated/booth-x.json", "en")
    assert settings["lang"] == "auto" and settings["slides"] == [
        "overview",
        "cluster:gamma-med",
        "cluster:alpha-bio",
        "theme:medtech",
    ]
    assert settings["qr"]["alpha-bio"]["de"]["url"] == config.profile_url("alpha-bio", "de")
    assert settings["qr"]["alpha-bio"]["de"]["image"].startswith("data:image/png;base64,")


def test_bad_parameters_fall_back_with_notices(synthetic):
    config = BoothView.parse({"dwell": "fast", "theme": "space", "qr_base": "javascript:alert(1)"}, synthetic)
    assert config.dwell == DEFAULT_DWELL and config.theme is None and config.qr_base is None
    assert set(config.notices) == {"dwell:fast", "theme:space", "qr_base:javascript:alert(1)"}
    assert config.profile_url("alpha-bio", "en") is None  # no QR code without a public base URL
    assert qr_codes(build_slides(synthetic, config), config) == {}
    assert BoothView.parse({"dwell": "0.01"}, synthetic).dwell == 1.0
    assert not BoothView.parse({"lang": "de"}, synthetic).alternate


def test_qr_code_is_a_png():
    assert qr_png("https://atlas.example.org/profile?cluster=alpha-bio").startswith(b"\x89PNG")


def test_the_document_holds_every_active_cluster_and_theme_in_both_languages(synthetic):
    document = tour_document(synthetic)
    active = {c.id for c in synthetic.clusters.values() if c.is_active}
    assert {dot["id"] for dot in document["dots"]} == active
    assert set(document["clusters"]) == set(synthetic.clusters)  # a chosen or listed one is never missing
    assert set(document["themes"]) == {s.ref for s in build_slides(synthetic, BoothView()) if s.kind == "theme"}
    assert document["totals"][0]["value"] == {"en": str(len(active)), "de": str(len(active))}
    for entry in (*document["clusters"].values(), *document["themes"].values()):
        assert set(entry["label" if "label" in entry else "focus"]) == set(LANGUAGES)


def test_key_figures_are_the_known_ones_in_words_with_what_they_count_and_their_year(synthetic):
    document = tour_document(synthetic)
    for cluster in synthetic.clusters.values():
        shown = document["clusters"][cluster.id]["figures"]
        size = [f for f in shown if not f["label"]["en"].startswith(("Founded", "Renamed", "Formed", "Project"))]
        known = [cluster.figure(name) for name in ("actors", "smes", "large_companies", "research_institutions")]
        expected = [figure_words(f, "de") for f in known if f is not None][:3]
        if expected:
            assert [f["value"]["de"] for f in size] == expected
            assert all(re.search(r"\(\d{4}(, alt)?\)$", f["label"]["de"]) for f in size)
        # Unknown is left out, never shown as 0.
        assert all(f["value"]["en"] not in ("0", "n/a") for f in shown)
    alpha = document["clusters"]["alpha-bio"]["figures"]
    assert alpha[0]["label"]["de"].startswith(("Mitglieder", "Unternehmen", "Partner", "Akteure"))


def test_the_region_lights_up_current_actors_a_visitor_would_call(synthetic):
    for cluster in synthetic.clusters.values():
        actors = cluster_actors(cluster, synthetic)
        assert all(a.is_current and a.type in SHOWN_ACTORS and a.place.lat is not None for a in actors)
        assert len(tour_document(synthetic)["clusters"][cluster.id]["actors"]) == len(actors)
    assert any(cluster_actors(c, synthetic) for c in synthetic.clusters.values())
    assert tour_document(synthetic)["clusters"]["alpha-bio"]["outline"]["type"] in ("Polygon", "MultiPolygon")


def test_every_word_the_tour_script_asks_for_is_in_the_document(synthetic):
    script = TOUR_JS.read_text()
    asked = set(re.findall(r'words\("(\w+)"', script)) | set(re.findall(r'"(legend_\w+)"', script))
    words = tour_document(synthetic)["words"]
    assert asked and all(asked <= set(words[lang]) for lang in LANGUAGES), asked - set(words["en"])


def test_settings_cannot_end_their_script_element():
    hostile = {"slides": ["cluster:</script><script>alert(1)</script>", "<!--"], "data": "&"}
    script = settings_script(hostile)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script) == hostile


def test_an_address_too_long_for_a_qr_code_gives_none_not_an_exception():
    assert qr_png("https://atlas.example.org/" + "a" * 4000) is None


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


# ---------------------------------------------------------------- the page (AppTest)


def tour_frame(at) -> str:
    frames = [element.proto for element in at.get("iframe")]
    assert len(frames) == 1, "the booth page shows exactly one tour"
    return frames[0].srcdoc


def frame_settings(at) -> dict:
    found = re.search(r'<script id="tour-settings" type="application/json">(.*?)</script>', tour_frame(at), re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize(("lang", "title"), [("en", "Booth tour: clusters"), ("de", "Messe-Rundgang: Cluster")])
def test_booth_page_hands_the_tour_its_settings_in_both_languages(lang, title):
    at = open_app("booth", lang=lang, dwell="5")
    assert not at.exception
    page = tour_frame(at)
    assert f'<html lang="{lang}">' in page and f"<title>{title}" in page
    assert re.search(r'src="/app/static/booth/tour\.js\?v=[0-9a-f]{12}"', page)
    assert re.search(r'href="/app/static/leaflet/leaflet\.css"', page)
    settings = frame_settings(at)
    assert settings["lang"] == lang and settings["dwell"] == 5.0 and settings["slides"][0] == "overview"
    assert re.fullmatch(r"/app/static/generated/booth-[0-9a-f]{16}\.json", settings["data"])
    served = ROOT / settings["data"].removeprefix("/app/")
    assert json.loads(served.read_text(encoding="utf-8"))["clusters"]["alpha-bio"]["name"] == "Alpha Bio Testcluster"
    at.run()  # a second run changes nothing: the tour advances in the browser, not here
    assert frame_settings(at) == settings


def test_lang_auto_alternates_in_the_browser_and_the_page_stays_english():
    at = open_app("booth", lang="auto")
    assert not at.exception and frame_settings(at)["lang"] == "auto"
    assert '<html lang="en">' in tour_frame(at)
    assert not any("lang" in c.value for c in at.caption)  # "auto" is a setting, not an unknown value


def test_booth_with_hostile_parameters_keeps_running():
    at = open_app("booth", dwell="NaN", idle="nan", clusters="alpha-bio", qr_base="https://" + "a" * 3000)
    assert not at.exception
    assert any("dwell" in c.value and "qr_base" in c.value for c in at.caption)
    settings = frame_settings(at)
    assert settings["slides"][:2] == ["overview", "cluster:alpha-bio"] and settings["qr"] == {}
    assert (settings["dwell"], settings["idle"]) == (DEFAULT_DWELL, DEFAULT_IDLE)
