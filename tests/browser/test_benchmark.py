"""Uploads through the real file input in Chromium: bad files give messages, never an exception
box, and payloads in names and focus areas stay text."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import wait_for_app

pytestmark = pytest.mark.browser


def upload(page, name: str, content: bytes) -> None:
    page.get_by_text("Compare your own figures").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.wait_for_selector('[data-testid="stAlert"]', timeout=30_000)
    wait_for_app(page)


@pytest.fixture
def benchmark_page(offline_page, app_url):
    dialogs = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    offline_page.goto(f"{app_url}/benchmark?clusters=gamma-med")
    wait_for_app(offline_page)
    yield offline_page
    assert dialogs == [], f"a script ran: {dialogs}"
    assert offline_page.locator('[data-testid="stException"]').count() == 0


def alerts(page) -> str:
    return " | ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def test_garbage_file(benchmark_page):
    upload(benchmark_page, "garbage.csv", bytes(range(256)) * 20)
    assert "is not a CSV or Excel (.xlsx) file" in alerts(benchmark_page)


def test_words_in_number_columns(benchmark_page):
    upload(benchmark_page, "words.csv", b"id,name,actors,smes,city,state\nw,Words,many,few,Kiel,SH\n")
    text = alerts(benchmark_page)
    assert "row 2, column 'actors': 'many' is not a number" in text


def test_payloads_in_names_and_focus_areas_stay_text(benchmark_page):
    content = (
        b"id,name,actors,city,state,focus_areas\n"
        b'x,"<script>alert(1)</script><img src=x onerror=alert(2)>",5,Kiel,SH,'
        b'"<img src=x onerror=alert(3)>"\n'
    )
    upload(benchmark_page, "payload.csv", content)
    assert "1 row(s) of yours added" in alerts(benchmark_page)
    assert "onerror=alert(3)" in alerts(benchmark_page)  # the unknown focus area, named as text
    benchmark_page.wait_for_function(
        "name => Array.from(document.querySelectorAll('[data-testid=stDataFrame] td'))"
        "          .some(c => c.textContent === name)",
        arg="<script>alert(1)</script><img src=x onerror=alert(2)> (yours)",
        timeout=30_000,
    )
    assert benchmark_page.locator("img[src=x]").count() == 0


def click_for_download(page, name: str, attempts: int = 3):
    """The download a button gives. A click that lands while a rerun replaces the button gives none
    (seen on loaded CI runners, after every wait for the run to end): then the page settles and the
    button is clicked again — a button that never downloads still fails."""
    for attempt in range(attempts):
        try:
            with page.expect_download(timeout=30_000) as saved:
                page.get_by_role("button", name=name).click()
            return saved.value
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
            wait_for_app(page)
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("lang", "label", "shown_value", "download"),
    [
        ("en", "Compare your own figures", "1,250", "Download table (CSV)"),
        ("de", "Eigene Zahlen vergleichen", "1.250", "Tabelle herunterladen (CSV)"),
    ],
)
def test_german_thousands_are_read_shown_and_exported_right(offline_page, app_url, lang, label, shown_value, download):
    # Regression (issue 11): "1.250" actors became 1.25, silently.
    offline_page.goto(f"{app_url}/benchmark?clusters=gamma-med&lang={lang}")
    wait_for_app(offline_page)
    offline_page.get_by_text(label).click()
    offline_page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {
            "name": "mine.csv",
            "mimeType": "text/csv",
            "buffer": b"id;name;actors;city;state\nmine;Mein Cluster;1.250;Kiel;SH\n",
        }
    )
    offline_page.wait_for_selector('[data-testid="stAlert"]', timeout=30_000)
    wait_for_app(offline_page)
    offline_page.wait_for_function(
        "value => Array.from(document.querySelectorAll('[data-testid=stDataFrame] td'))"
        "          .some(c => c.textContent === value)",
        arg=f"{shown_value} ({dt.date.today().year})",  # an upload's figures count as this year's
        timeout=30_000,
    )
    # The table can show the upload while the script still runs on: a click then lands on a button
    # the run is about to replace, and no download comes (seen twice on a loaded CI runner).
    wait_for_app(offline_page)
    saved = click_for_download(offline_page, download)
    rows = list(csv.DictReader(io.StringIO(Path(saved.path()).read_text(encoding="utf-8"))))
    mine = next(row for row in rows if row["id"].startswith("yours-"))
    assert mine["actors"] == "1250" and mine["actors_q"] == ""


def test_a_markdown_image_in_an_uploaded_name_fetches_nothing(benchmark_page, network):
    upload(
        benchmark_page,
        "image.csv",
        b'id,name,actors,city,state\nimg,"![x](http://evil.example/p.png) [click](http://evil.example)",5,Kiel,SH\n',
    )
    benchmark_page.get_by_text("Where each figure comes from").click()
    wait_for_app(benchmark_page)
    assert benchmark_page.locator('img[src*="evil.example"], a[href*="evil.example"]').count() == 0
    assert not network.outside
