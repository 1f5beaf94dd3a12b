"""A link cannot put markup on a page: a parameter holding Markdown (a heading, a phishing
link, an image on another host) is shown as text on every page that echoes it (issue 10)."""

from urllib.parse import quote

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser

PAYLOAD = (
    "x\n\n# Session expired\n\n[Log in again](http://evil.example/login)\n\n"
    "![](http://evil.example/pixel.png) <img src=http://evil.example/raw.png> :red[alarm] www.evil.example"
)


@pytest.mark.parametrize(
    "path",
    [
        "/?focus={}",
        "/?cluster={}",
        "/profile?cluster={}",
        "/lighthouses?theme={}",
        "/booth?theme={}",
        "/booth?clusters={}",
        "/clusters?q={}",
        "/benchmark?clusters={}",
    ],
)
def test_a_parameter_is_shown_as_text(offline_page, app_url, network, path):
    offline_page.goto(app_url + path.format(quote(PAYLOAD)))
    wait_for_app(offline_page)
    # The value is echoed (a notice or the search field), so the check below looks at real output.
    offline_page.wait_for_function(
        "document.body.innerText.includes('Session expired') || "
        "[...document.querySelectorAll('input')].some(i => i.value.includes('Session expired'))",
        timeout=30_000,
    )
    main = offline_page.locator('[data-testid="stMain"]')
    assert main.locator("h1, h2, h3, h4, h5, h6").filter(has_text="Session expired").count() == 0
    assert offline_page.locator('a[href*="evil.example"]').count() == 0
    assert offline_page.locator('img[src*="evil.example"]').count() == 0
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not network.outside
