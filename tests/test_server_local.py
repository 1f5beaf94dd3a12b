"""The server as the README starts it (`bash scripts/run.sh`) listens on localhost only and asks
the internet for nothing: no external-IP lookup, no usage statistics, no other host."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

from bench.harness import free_port, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "server_probe"
LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "", "None"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BANNER_END = "(end of the start-up banner)\n"


def _listening_addresses(pid: int) -> set[str]:
    """Addresses on which the process holds a listening TCP socket (from /proc, no tools needed)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                found.add(_address(local.split(":")[0], width))
    return found


def _address(hex_address: str, width: int) -> str:
    import ipaddress

    raw = bytes.fromhex(hex_address)
    # /proc prints each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(words if width == 32 else words[:4]))


def _is_local(address: str) -> bool:
    import ipaddress

    if address in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _read_output(process: subprocess.Popen, lines: list[str], banner_done: threading.Event) -> None:
    """Keep the server's output (and its pipe drained); set `banner_done` at the end of Streamlit's
    start-up banner, or when the output ends (then without the banner's closing line in `lines`).

    Streamlit prints the banner only after it has chosen the URLs to show, so any lookup of the
    machine's external IP has happened by then. The banner is a blank line, the title ("You can
    now view ..."), a blank line, one line per URL and a closing blank line."""
    blank_after_title = 0
    title_seen = False
    for line in process.stdout:
        lines.append(line)
        text = ANSI.sub("", line).strip()
        if "You can now view your Streamlit app" in text:
            title_seen = True
        elif title_seen and not text:
            blank_after_title += 1
            if blank_after_title == 2:
                lines.append(BANNER_END)
                banner_done.set()
    banner_done.set()


@pytest.fixture(scope="module")
def readme_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("probe") / "network.jsonl"
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "PYTHONPATH": str(PROBE),
        "NETWORK_PROBE_LOG": str(log),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    banner_done = threading.Event()
    try:
        wait_healthy(f"http://localhost:{port}", process, timeout=180)
        threading.Thread(target=_read_output, args=(process, lines, banner_done), daemon=True).start()
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=10) as response:
            assert response.status == 200
        # The start-up banner (and with it any external-IP lookup) comes after the first bind:
        # wait for the server to say it has printed it, not for a guessed time.
        banner_done.wait(timeout=60)
        assert BANNER_END in lines, f"no start-up banner within 60 s, or the server stopped: {''.join(lines)}"
        yield process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_readme_server_listens_on_localhost_only(readme_server):
    process, _ = readme_server
    addresses = _listening_addresses(process.pid)
    assert addresses, "found no listening socket of the app"
    assert all(_is_local(address) for address in addresses), f"listens beyond localhost: {addresses}"


def test_the_readme_server_contacts_nothing_outside(readme_server):
    _, log = readme_server
    assert log.exists(), "the probe recorded nothing: is tests/server_probe on PYTHONPATH of the server?"
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(r["event"] == "socket.bind" for r in records), "the probe did not see the server bind"
    outside = [r for r in records if r["event"] != "socket.bind" and not _is_local(r["address"][0])]
    assert not outside, f"outside lookups or connections: {outside}"
    wide = [
        r
        for r in records
        if r["event"] == "socket.bind" and r["address"][0] in ("0.0.0.0", "::", "") and r["address"][1] != "0"
    ]
    assert not wide, f"bound to every interface: {wide}"
