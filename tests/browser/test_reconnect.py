"""A visitor whose connection drops (laptop lid, Wi-Fi blip) gets a working page back by itself."""

import re

import pytest

from .conftest import map_frame, wait_for_app

pytestmark = pytest.mark.browser


def test_a_dropped_websocket_comes_back_and_the_page_reruns(offline_page, app_url, network):
    # Every session websocket passes through Playwright, so the test can cut it like a network would.
    sockets = []

    def relay(page_side):
        sockets.append((page_side, page_side.connect_to_server()))

    offline_page.route_web_socket(re.compile(r".*/_stcore/stream$"), relay)
    offline_page.goto(f"{app_url}/")
    wait_for_app(offline_page)
    map_frame(offline_page)
    assert len(sockets) == 1

    page_side, server_side = sockets[0]
    # Any websocket the page opens from the drop on: the app's reconnection once back online.
    with offline_page.expect_websocket(lambda socket: socket.url.endswith("/_stcore/stream"), timeout=60_000):
        offline_page.context.set_offline(True)
        with offline_page.expect_event(
            "requestfailed", lambda request: "/_stcore/health" in request.url, timeout=30_000
        ):
            server_side.close()
            page_side.close()  # the app now probes the server and finds no network
        offline_page.context.set_offline(False)
    wait_for_app(offline_page)
    size = offline_page.locator(".st-key-atlas_size")
    size.get_by_role("radio", name="SMEs", exact=True).click()
    offline_page.wait_for_url("**size=smes**", timeout=30_000)
    wait_for_app(offline_page)
    map_frame(offline_page)
    assert size.get_by_role("radio", name="SMEs", exact=True).is_checked()
    assert len(sockets) == 2  # the rerun went through a new websocket of the route, like the first
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not network.page_errors
