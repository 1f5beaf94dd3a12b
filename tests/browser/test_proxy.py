"""Two app processes behind Debian's nginx with the project's own config (deploy/nginx.conf), the
way compose.yaml serves a public site: pages load and rerun through the proxy under its security
headers, a visitor stays on one process by a cookie while visitors behind one address spread over
the processes, when a process dies its visitors are served by the other, and the proxy refuses
internal endpoints, foreign host names and oversized uploads."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.harness import ROOT, free_port, streamlit_process, wait_healthy

from .conftest import guard_localhost, map_frame, wait_for_app

pytestmark = pytest.mark.browser

NGINX = "/usr/sbin/nginx"
TEMPLATE = ROOT / "deploy" / "nginx.conf"
UPSTREAM_LINE = re.compile(r"^(\s*)server app:8501 (.*);$", re.MULTILINE)


def _replace_once(text: str, old: str, new: str) -> str:
    # Exactly once: a changed template must break this test, not leave it testing half a config.
    assert text.count(old) == 1, f"deploy/nginx.conf no longer has exactly one {old!r}"
    return text.replace(old, new)


def render_config(tmp: Path, listen_port: int, app_ports: list[int]) -> Path:
    """deploy/nginx.conf with local ports, and logs and temp files in `tmp` (a test runs unprivileged)."""
    text = TEMPLATE.read_text()
    match = UPSTREAM_LINE.search(text)
    assert match, "deploy/nginx.conf has no `server app:8501 ...;` line in its upstream"
    indent, options = match.groups()
    servers = "\n".join(f"{indent}server 127.0.0.1:{port} {options};" for port in app_ports)
    text = text[: match.start()] + servers + text[match.end() :]
    text = _replace_once(text, "listen 8080;", f"listen 127.0.0.1:{listen_port};")
    text = _replace_once(text, "listen 8080 default_server;", f"listen 127.0.0.1:{listen_port} default_server;")
    text = _replace_once(text, "error_log /dev/stderr warn;", f"error_log {tmp}/error.log warn;")
    text = _replace_once(text, "access_log /dev/stdout atlas;", f"access_log {tmp}/access.log atlas;")
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = _replace_once(text, "http {\n", "http {\n" + temp_paths)
    config = tmp / "nginx.conf"
    config.write_text(text)
    return config


@contextlib.contextmanager
def nginx(tmp: Path, app_ports: list[int]) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: install Debian's nginx-light (scripts/test.sh does)")
    port = free_port()
    config = render_config(tmp, port, app_ports)
    # As root nginx would run its workers as nobody, who cannot enter pytest's private temp folder.
    user = " user root;" if os.geteuid() == 0 else ""
    command = [
        NGINX,
        "-p",
        str(tmp),
        "-c",
        str(config),
        "-e",
        str(tmp / "error.log"),
        "-g",
        f"daemon off; pid {tmp}/nginx.pid;{user}",
    ]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx rejects the rendered config: {check.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, process, timeout=30)  # the app's health endpoint, through nginx
        except (RuntimeError, TimeoutError) as error:
            log = tmp / "error.log"
            pytest.fail(f"nginx did not pass requests to the app ({error}): {log.read_text() if log.exists() else ''}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def upstreams(tmp: Path, after: int = 0) -> list[str]:
    """The replica that answered each request nginx logged (after the first `after` lines).

    nginx lists every replica it tried ("dead, alive"); the last one answered."""
    lines = (tmp / "access.log").read_text().splitlines()[after:]
    return [match.group(1).split(", ")[-1] for line in lines if (match := re.search(r"upstream=(.+)$", line))]


def log_length(tmp: Path) -> int:
    return len((tmp / "access.log").read_text().splitlines())


def visit(page) -> None:
    """Open the atlas, see its map, and rerun it with a widget change."""
    wait_for_app(page)
    map_frame(page)
    page.locator(".st-key-atlas_size").get_by_role("radio", name="SMEs", exact=True).click()
    page.wait_for_url("**size=smes**", timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_two_replicas_behind_nginx_survive_the_loss_of_one(browser, offline_page, network, tmp_path):
    with contextlib.ExitStack() as stack:
        replicas = [stack.enter_context(streamlit_process()) for _ in range(2)]
        ports = {int(url.rsplit(":", 1)[1]): process for url, process in replicas}
        proxy = stack.enter_context(nginx(tmp_path, list(ports)))

        # From here on: nginx's own readiness check came without a cookie and went anywhere.
        first = log_length(tmp_path)
        offline_page.goto(f"{proxy}/")
        visit(offline_page)
        served = set(upstreams(tmp_path, first))
        # Sticky: the page, its assets and its health checks all came from one process.
        assert len(served) == 1, f"one visitor was spread over {served}"
        sticky_port = int(served.pop().rsplit(":", 1)[1])
        offline_page.goto("about:blank")

        dead = ports[sticky_port]
        dead.kill()
        dead.wait(timeout=10)
        before = log_length(tmp_path)

        context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
        guard_localhost(context, network)
        page = context.new_page()
        page.on("pageerror", lambda error: network.page_errors.append(str(error)))
        try:
            page.goto(f"{proxy}/")
            visit(page)
        finally:
            context.close()
        survivor = next(port for port in ports if port != sticky_port)
        assert set(upstreams(tmp_path, before)) == {f"127.0.0.1:{survivor}"}
        assert not network.outside


def _raw_request(url: str, path: str, host: str | None = None, method: str = "GET", body: bytes = b""):
    """(status, headers) of one request through the proxy; status 0 when nginx closed the connection."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"Host": host} if host else {}
        if body:
            headers["Content-Type"] = "application/octet-stream"
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    except (http.client.RemoteDisconnected, ConnectionResetError, http.client.BadStatusLine):
        return 0, {}
    finally:
        connection.close()


@pytest.fixture
def proxied(tmp_path):
    with contextlib.ExitStack() as stack:
        replicas = [stack.enter_context(streamlit_process()) for _ in range(2)]
        ports = {int(url.rsplit(":", 1)[1]): process for url, process in replicas}
        yield stack.enter_context(nginx(tmp_path, list(ports))), ports, tmp_path


def test_pages_carry_the_security_headers_and_work_under_them(proxied, offline_page, network):
    proxy, _, _ = proxied
    status, headers = _raw_request(proxy, "/")
    csp = headers["content-security-policy"]
    assert (
        status == 200 and "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    )
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in headers  # plain HTTP: no HSTS
    violations = []
    offline_page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in ("/", "/benchmark", "/profile?cluster=alpha-bio", "/lighthouses?project=beta-telemed"):
        offline_page.goto(f"{proxy}{path}")
        wait_for_app(offline_page)
        if path == "/":
            map_frame(offline_page)
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert not violations, violations[:5]
    assert not network.outside


def test_hsts_is_sent_where_the_site_is_served_over_tls(proxied):
    proxy, _, _ = proxied
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(proxy)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/_stcore/health", headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"


def test_the_proxy_refuses_internal_endpoints_foreign_hosts_and_oversized_uploads(proxied):
    proxy, _, _ = proxied
    assert _raw_request(proxy, "/_stcore/health")[0] == 200
    assert _raw_request(proxy, "/_stcore/metrics")[0] == 404
    assert _raw_request(proxy, "/", host="evil.test")[0] == 0  # dropped: a DNS-rebinding name
    assert _raw_request(proxy, "/", host="localhost")[0] == 200
    status, _ = _raw_request(proxy, "/_stcore/upload_file/x/y", method="PUT", body=b"x" * (7 * 1024 * 1024))
    assert status == 413


def test_the_request_limit_spares_a_visitor_who_opens_pages_quickly_but_stops_a_flood(proxied):
    proxy, _, _ = proxied
    # Static files come by the hundred when a visitor opens a few pages: never refused.
    assert {_raw_request(proxy, "/app/static/leaflet/leaflet.css")[0] for _ in range(300)} == {200}
    # Requests to the app itself beyond the burst (200, then 20 a second) are: 400 at once.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda _: _raw_request(proxy, "/_stcore/health")[0], range(400)))
    assert 429 in statuses and 200 in statuses


def test_visitors_behind_one_address_spread_over_the_replicas_and_keep_their_sessions(proxied, browser, network):
    proxy, ports, tmp = proxied
    served: dict[str, object] = {}
    contexts = []
    try:
        for _ in range(12):  # a fresh browser is placed at random: two replicas show up within a few
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
            guard_localhost(context, network)
            contexts.append(context)
            page = context.new_page()
            before = log_length(tmp)
            page.goto(f"{proxy}/")
            visit(page)
            replicas = set(upstreams(tmp, before))
            assert len(replicas) == 1, f"one visitor was spread over {replicas}"  # each keeps its session
            assert any(c["name"] == "atlas_route" for c in context.cookies())
            served.setdefault(replicas.pop(), page)
            if len(served) == 2:
                break
        assert len(served) == 2, "every visitor from this address landed on one replica"
        # A killed replica's visitor reconnects to the other and goes on.
        victim_address, page = next(iter(served.items()))
        victim = ports[int(victim_address.rsplit(":", 1)[1])]
        victim.kill()
        victim.wait(timeout=10)
        before = log_length(tmp)
        page.reload()
        visit(page)
        assert victim_address not in set(upstreams(tmp, before)[-3:])
    finally:
        for context in contexts:
            context.close()
    assert not network.outside
