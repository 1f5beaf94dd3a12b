"""How many visitors one app process serves: concurrent sessions against a server started here.

    .venv/bin/python -m bench.load [--levels 1 10 25 50] [--browsers 2] [--replicas 1] [--session-ttl 120]

Headless browsers are expensive on a small machine, so most sessions talk to the server the way
Streamlit's frontend does, with its own protobuf messages over `/_stcore/stream` ("ws"); a few
are real Chromium pages ("browser"). Every session, all at once:
  open `/` (the atlas, shipped data) -> the map: for "ws" the moment the server has sent the map
  element, for "browser" the moment its markers are drawn; -> the script run's end;
  choose Bavaria in the states filter, then search "bio" -> each rerun's completion (a "ws"
  session sends both in one rerun, see WsSession.visit);  open `/benchmark`;
  open `/profile?cluster=bio-m`.
Per level it prints median and p95 of these times with their ratio to one session alone, errors
(exception elements, failed connects, dropped websockets, timeouts), the server's CPU and RSS,
RSS per idle session, and RSS once the sessions have closed and once Streamlit's session
timeout (`server.disconnectedSessionTTL`, 120 s by default) has passed. Server figures come from
/proc. `--replicas 2` runs that many app processes and hands the visitors to them in turn, as
deploy/nginx.conf's ip_hash does for visitors from many addresses (through nginx itself every
session here would come from 127.0.0.1 and land on one replica); server figures are then summed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_process

TIMEOUT = 300.0  # per step: a step slower than this counts as an error, not a hang of the run
SEARCH = "bio"
STATE = "Bavaria"  # as the states filter shows it in English
PAGES = (("benchmark", ""), ("profile", "cluster=bio-m"))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def servers(replicas: int, session_ttl: int) -> Iterator[list[tuple[str, int]]]:
    """`replicas` app processes on free ports with the shipped data; yields their URLs and pids."""
    options = ("--server.disconnectedSessionTTL", str(session_ttl))
    with contextlib.ExitStack() as stack:
        started = [
            # An empty CLUSTER_ATLAS_DATA means the shipped data, whatever the calling shell set.
            stack.enter_context(streamlit_process("app.py", ROOT, options, quiet=True, CLUSTER_ATLAS_DATA=""))
            for _ in range(replicas)
        ]
        yield [(url, process.pid) for url, process in started]


def rss_mb(*pids: int) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/statm") as handle:
            total += int(handle.read().split()[1])
    return total * PAGE_SIZE / 2**20


def cpu_seconds(*pids: int) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / TICKS


class Peaks(threading.Thread):
    """Samples the servers while a level runs: peak RSS is what a machine must have, and peak CPU
    (per second) shows whether the processes were the bottleneck; the level's average hides a burst."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids, self.rss, self.cpu_percent, self.running = pids, rss_mb(*pids), 0.0, True

    def run(self) -> None:
        last_time, last_cpu = time.monotonic(), cpu_seconds(*self.pids)
        while self.running:
            time.sleep(0.1)
            self.rss = max(self.rss, rss_mb(*self.pids))
            now = time.monotonic()
            if now - last_time >= 1:
                cpu = cpu_seconds(*self.pids)
                self.cpu_percent = max(self.cpu_percent, 100 * (cpu - last_cpu) / (now - last_time))
                last_time, last_cpu = now, cpu

    def stop(self) -> Peaks:
        self.running = False
        self.join()
        return self


@dataclass
class Result:
    kind: str
    map: float | None = None
    first: float | None = None
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class WsSession:
    """One visitor as Streamlit's frontend speaks to the server: BackMsgs out, ForwardMsgs in."""

    def __init__(self, url: str) -> None:
        self.url, self.ws, self.widget_ids, self.map_sent = url, None, {}, None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        host = self.url.removeprefix("http://")
        self.ws = await connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            max_size=None,
            open_timeout=TIMEOUT,
            ping_interval=None,
        )

    async def run(
        self, page: str = "", query: str = "", widgets: dict[str, str | list[str]] | None = None
    ) -> list[str]:
        """One script run with these widget values by key (a text or a multiselect's labels; the
        real frontend would send every widget's value); returns the exceptions shown."""
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        for key, value in (widgets or {}).items():
            state = message.rerun_script.widget_states.widgets.add()
            state.id = self.widget_ids[key]
            if isinstance(value, str):
                state.string_value = value
            else:
                state.string_array_value.data.extend(value)
        await self.ws.send(message.SerializeToString())
        exceptions = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    exceptions.append(element.exception.message[:200])
                elif element_kind == "component_instance" and "st_folium" in element.component_instance.component_name:
                    self.map_sent = time.monotonic()
                widget_id = getattr(getattr(element, element_kind), "id", None)
                if isinstance(widget_id, str) and widget_id:
                    self.widget_ids[widget_id.rsplit("-", 1)[-1]] = widget_id
            elif kind == "script_finished":
                if forward.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    exceptions.append(f"script finished with status {forward.script_finished}")
                return exceptions

    async def visit(self, result: Result, opened: asyncio.Event) -> None:
        from websockets.exceptions import ConnectionClosed

        step = "connect"
        try:
            async with asyncio.timeout(TIMEOUT):
                await self.connect()
            step, start = "/", time.monotonic()
            async with asyncio.timeout(TIMEOUT):
                result.errors += await self.run()
            result.first = time.monotonic() - start
            if self.map_sent is None:
                result.errors.append("no map on /")
            else:
                result.map = self.map_sent - start
            # One rerun for the filter and the search: the real frontend sends every widget's state
            # with each rerun, this client only the changed ones, and after one such rerun Streamlit
            # has forgotten the others (a second would read a missing atlas_size).
            step, start = "filter and search", time.monotonic()
            async with asyncio.timeout(TIMEOUT):
                result.errors += await self.run(widgets={"atlas_states": [STATE], "atlas_q": SEARCH})
            result.reruns.append(time.monotonic() - start)
            for page, query in PAGES:
                step = f"/{page}"
                async with asyncio.timeout(TIMEOUT):
                    result.errors += await self.run(page, query)
        except TimeoutError:
            result.errors.append(f"timeout at {step}")
        except ConnectionClosed as exc:
            result.errors.append(f"websocket dropped at {step}: {exc}")
        except OSError as exc:
            result.errors.append(f"failed connect: {exc}")
        except KeyError as exc:
            result.errors.append(f"no widget {exc} on /")
        opened.set()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


class BrowserSession:
    """One visitor in headless Chromium: what a person waits for, map markers included."""

    def __init__(self, url: str, browser) -> None:
        self.url, self.browser, self.context = url, browser, None

    async def visit(self, result: Result, opened: asyncio.Event) -> None:
        page_errors: list[str] = []
        step = "/"
        try:
            self.context = await self.browser.new_context(viewport={"width": 1400, "height": 1000})
            page = await self.context.new_page()
            page.on("pageerror", lambda error: page_errors.append(str(error)[:200]))
            start = time.monotonic()
            await page.goto(f"{self.url}/", timeout=TIMEOUT * 1000)
            await page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=TIMEOUT * 1000)
            frame = next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)
            await frame.wait_for_function(  # the 16 states and at least 12 cluster circles
                "document.querySelectorAll('path.leaflet-interactive').length >= 28", timeout=TIMEOUT * 1000
            )
            result.map = time.monotonic() - start
            await self._finished(page)
            result.first = time.monotonic() - start
            step = "filter"
            await page.get_by_role("button", name="Filters").click()  # the filters sit in a pop-over
            start = time.monotonic()
            await page.locator(".st-key-atlas_states input").click()
            await page.keyboard.type(STATE)  # the option list shows only its first entries
            await page.locator('[role="option"]', has_text=STATE).click()
            await page.keyboard.press("Escape")
            await page.wait_for_url("**state=BY**", timeout=TIMEOUT * 1000)
            await self._finished(page)
            result.reruns.append(time.monotonic() - start)
            step = "search"
            start = time.monotonic()
            if not await page.locator(".st-key-atlas_q input").is_visible():
                await page.get_by_role("button", name="Filters").click()
            search = page.locator(".st-key-atlas_q input")
            await search.fill(SEARCH)
            await search.press("Enter")
            await page.wait_for_url(f"**q={SEARCH}**", timeout=TIMEOUT * 1000)
            await self._finished(page)
            result.reruns.append(time.monotonic() - start)
            for name, query in PAGES:
                step = f"/{name}"
                await page.goto(f"{self.url}/{name}" + (f"?{query}" if query else ""), timeout=TIMEOUT * 1000)
                await self._finished(page)
                boxes = await page.locator('[data-testid="stException"]').count()
                result.errors += [f"exception box on /{name}"] * boxes
        except Exception as exc:  # Playwright's timeouts and a closed page alike are this visitor's error
            result.errors.append(f"{type(exc).__name__} at {step}: {str(exc).splitlines()[0][:160]}")
        result.errors += page_errors
        opened.set()

    @staticmethod
    async def _finished(page) -> None:
        await page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT * 1000
        )
        await page.wait_for_function(
            "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=TIMEOUT * 1000
        )

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()


@dataclass
class Level:
    sessions: int
    browsers: int
    results: list[Result]
    seconds: float
    cpu_percent: float
    cpu_peak: float
    rss_before: float
    rss_peak: float
    rss_idle: float
    rss_closed: float


async def run_level(apps: list[tuple[str, int]], sessions: int, browsers: int, browser) -> Level:
    # Visitors spread over the replicas in turn, as ip_hash spreads visitors from many addresses.
    urls = [url for url, _ in apps]
    pids = [pid for _, pid in apps]
    visitors = [BrowserSession(urls[i % len(urls)], browser) for i in range(browsers)]
    visitors += [WsSession(urls[i % len(urls)]) for i in range(browsers, sessions)]
    results = [Result("browser" if isinstance(v, BrowserSession) else "ws") for v in visitors]
    opened = [asyncio.Event() for _ in visitors]
    rss_before, cpu_before, start = rss_mb(*pids), cpu_seconds(*pids), time.monotonic()
    sampler = Peaks(pids)
    sampler.start()
    await asyncio.gather(*(v.visit(r, o) for v, r, o in zip(visitors, results, opened, strict=True)))
    seconds, cpu = time.monotonic() - start, cpu_seconds(*pids) - cpu_before
    # Every session is still open, idle on its last page: what an audience that stays costs.
    rss_idle = rss_mb(*pids)
    peaks = sampler.stop()
    await asyncio.gather(*(v.close() for v in visitors), return_exceptions=True)
    await asyncio.sleep(3)
    return Level(
        sessions,
        browsers,
        results,
        seconds,
        100 * cpu / seconds,
        peaks.cpu_percent,
        rss_before,
        peaks.rss,
        rss_idle,
        rss_mb(*pids),
    )


def quantiles(values: list[float]) -> tuple[float, float] | None:
    if not values:
        return None
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def describe(level: Level, single: dict[tuple[str, str], float]) -> list[str]:
    lines = []
    for kind in ("ws", "browser"):
        results = [r for r in level.results if r.kind == kind]
        if not results:
            continue
        cells = [f"{level.sessions:>3}", f"{kind:<7}", f"{len(results):>3}"]
        for measure in ("map", "first", "reruns"):
            values = [v for r in results for v in (r.reruns if measure == "reruns" else [getattr(r, measure)])]
            stats = quantiles([v for v in values if v is not None])
            if stats is None:
                cells.append(f"{'-':>21}")
                continue
            base = single.setdefault((kind, measure), stats[0])
            cells.append(f"{stats[0]:6.2f} {stats[1]:6.2f} ({stats[1] / base:4.1f}×)")
        cells.append(f"{sum(len(r.errors) for r in results):>3}")
        lines.append("  ".join(cells))
    errors = [e for r in level.results for e in r.errors]
    per_session = (level.rss_idle - level.rss_before) / level.sessions
    lines.append(
        f"      server: {level.seconds:.1f} s, CPU {level.cpu_percent:.0f} % of a core (peak second "
        f"{level.cpu_peak:.0f} %), RSS "
        f"{level.rss_before:.0f} -> peak {level.rss_peak:.0f} MB, {level.rss_idle:.0f} MB with all "
        f"sessions idle ({per_session:+.1f} MB/session), {level.rss_closed:.0f} MB 3 s after closing"
    )
    for error in dict.fromkeys(errors):
        lines.append(f"      error ×{errors.count(error)}: {error}")
    return lines


async def visit_each(apps: list[tuple[str, int]]) -> None:
    """One uncounted websocket visit to each process."""
    for url, _ in apps:
        visitor = WsSession(url)
        await visitor.visit(Result("ws"), asyncio.Event())
        await visitor.close()


async def main_async(levels: list[int], browsers: int, replicas: int, session_ttl: int) -> None:
    from playwright.async_api import async_playwright

    print(
        f"machine: {platform.node()} — {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {_memory()}, load {os.getloadavg()[0]:.1f} at start; "
        f"{replicas} app process(es)"
    )
    with servers(replicas, session_ttl) as apps:
        pids = [pid for _, pid in apps]
        rss_start = rss_mb(*pids)
        print(f"server RSS after start (before any session): {rss_start:.0f} MB\n")
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            # Warm each process once (data load, caches), as the first visitor of the day does; not counted.
            await visit_each(apps)
            await asyncio.sleep(3)
            rss_warm = rss_mb(*pids)
            print("  N  kind     n  map s                 first run s           reruns s              errors")
            print("                   median  p95 (p95/1)   median  p95 (p95/1)   median  p95 (p95/1)")
            single: dict[tuple[str, str], float] = {}
            # One session alone of each kind first: the baseline of every ratio.
            for sessions, in_browser in [(1, 0), (1, 1)] + [(n, min(browsers, n)) for n in levels if n > 1]:
                level = await run_level(apps, sessions, in_browser, browser)
                print("\n".join(describe(level, single)), flush=True)
            await browser.close()
        rss_closed = rss_mb(*pids)
        await asyncio.sleep(session_ttl + 2)
        # Streamlit drops expired sessions when its session store is next touched: one short visit
        # to each process does (its own session closes at once and is in the next figure).
        await visit_each(apps)
        await asyncio.sleep(3)
        rss_expired = rss_mb(*pids)
        print(
            f"\nRSS: {rss_start:.0f} MB at start, {rss_warm:.0f} MB after the first visit (the base), "
            f"{rss_closed:.0f} MB ({_change(rss_closed, rss_warm)}) once every session had closed, "
            f"{rss_expired:.0f} MB ({_change(rss_expired, rss_warm)}) after the {session_ttl} s session timeout"
        )


def _change(value: float, base: float) -> str:
    return f"{100 * (value - base) / base:+.1f} %"


def _memory() -> str:
    with open("/proc/meminfo") as handle:
        total = int(handle.readline().split()[1])
    return f"{total / 2**20:.1f} GB RAM"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 25, 50])
    parser.add_argument("--browsers", type=int, default=2, help="sessions per level in Chromium (rest: websocket)")
    parser.add_argument("--replicas", type=int, default=1, help="app processes, visitors spread over them in turn")
    parser.add_argument(
        "--session-ttl", type=int, default=120, help="server.disconnectedSessionTTL in s (Streamlit's default: 120)"
    )
    args = parser.parse_args()
    asyncio.run(main_async(args.levels, args.browsers, args.replicas, args.session_ttl))


if __name__ == "__main__":
    main()
