"""Soak: does a booth that runs all day grow in memory or stall?

    .venv/bin/python -m bench.soak [--slides 2400] [--dwell 1]

Starts the app (shipped data), opens `/booth?dwell=S&idle=2` in headless Chromium and lets the tour
run until N slides were shown. The tour runs in the browser (static/booth/tour.js), so what grows
with the slides is the page's heap and DOM, not the server's: both are watched. The default 2400
slides are 8 hours of a booth at the default 12 s dwell, run at 1 s dwell in about 45 minutes.
Slides are counted by the tour's own counter (`data-shown`), so one that changed between two looks
of the browser still counts (and is reported as not seen).

Every 60 slides it samples the server's RSS and CPU seconds (/proc), the page's JS heap after a
garbage collection and its DOM nodes (Chromium's DevTools protocol: in the document and its frames,
and all alive including detached ones), and the slide. A stall is no new slide for 10× the dwell.
Every 300 slides it touches the screen, waits for the chooser, and waits until the tour resumes by
itself after ?idle=2 s. It prints the samples and a summary: RSS start/end/max and the growth of the
last third of the samples over the first third (target < 10 %), the JS heap and DOM trends, stalls,
exception boxes and page errors. A benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

from bench.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_process
from bench.load import cpu_seconds, rss_mb

SAMPLE_EVERY = 60  # slides
TOUCH_EVERY = 300  # slides
IDLE = 2  # seconds without input after a touch until the tour resumes
STALL_DWELLS = 10  # no new slide for this many dwells is a stall
GIVE_UP = 5  # stalls in a row: the tour is dead, stop and report
# The tour's slide counter once it differs from `last`, with the page's exception boxes; null until then.
NEXT_SLIDE = """last => {
  const frame = document.querySelector('iframe');
  const tour = frame && frame.contentDocument && frame.contentDocument.getElementById('tour');
  const shown = tour && tour.dataset.state === 'tour' ? Number(tour.dataset.shown || 0) : 0;
  if (shown && shown !== last)
    return {shown, key: tour.dataset.key, exceptions: document.querySelectorAll('[data-testid="stException"]').length};
  return null;
}"""
TOUR_STATE = "() => document.querySelector('iframe')?.contentDocument?.getElementById('tour')?.dataset.state"


@dataclass
class Sample:
    slide: int
    seconds: float
    caption: str  # the slide shown
    rss: float  # MB, server
    cpu: float  # seconds, server
    heap: float  # MB, page, after a garbage collection
    dom: int  # elements in the document
    nodes: int  # DOM nodes alive, detached ones included


def next_slide(page, last: str | None, timeout: float) -> dict | None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(NEXT_SLIDE, arg=last, polling=100, timeout=timeout * 1000).json_value()
    except PlaywrightTimeout:
        return None


def take_sample(page, cdp, pid: int, slide: int, seconds: float, caption: str) -> Sample:
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    dom = page.evaluate(
        "document.getElementsByTagName('*').length"
        " + (document.querySelector('iframe')?.contentDocument?.getElementsByTagName('*').length || 0)"
    )
    heap = metrics["JSHeapUsedSize"] / 2**20
    return Sample(slide, seconds, caption, rss_mb(pid), cpu_seconds(pid), heap, dom, int(metrics["Nodes"]))


def trend(name: str, values: list[float], unit: str, digits: int = 0) -> str:
    """Start, end, max, and the mean of the last third of the samples over the first third's."""
    third = max(1, len(values) // 3)
    first, last = statistics.mean(values[:third]), statistics.mean(values[-third:])
    return (
        f"{name}: {values[0]:.{digits}f} → {values[-1]:.{digits}f}{unit} (max {max(values):.{digits}f}); "
        f"last third vs first third {100 * (last / first - 1):+.1f} %"
    )


def soak(slides: int, dwell: float) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    # An empty CLUSTER_ATLAS_DATA means the shipped data, whatever the calling shell set.
    with (
        streamlit_process("app.py", ROOT, quiet=True, CLUSTER_ATLAS_DATA="") as (url, process),
        sync_playwright() as playwright,
    ):
        pid = process.pid
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(f"page error: {str(error)[:160]}"))
        page.on(
            "console", lambda m: m.type == "error" and errors.append(f"console: {m.text[:100]} ({m.location['url']})")
        )
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(f"{url}/booth?dwell={dwell:g}&idle={IDLE}")
        seen = next_slide(page, None, 120)  # the first load fetches the tour's data
        if seen is None:
            print("no slide within 120 s: the booth did not start")
            return
        start = changed = time.monotonic()
        rss_cold, cpu_start = rss_mb(pid), cpu_seconds(pid)
        count, last, exception_slides = 1, seen["shown"], int(seen["exceptions"] > 0)
        unseen = stalls = in_a_row = 0
        longest, pauses, samples = 0.0, [], []
        print(f"Booth tour, dwell {dwell:g} s, {slides} slides; server RSS {rss_cold:.0f} MB at the first slide")
        print(" slide  time s  slide            RSS MB  CPU s  CPU %  JS heap MB  DOM elements  DOM nodes")
        while count < slides:
            seen = next_slide(page, last, STALL_DWELLS * dwell)
            now = time.monotonic()
            if seen is None:
                stalls, in_a_row = stalls + 1, in_a_row + 1
                print(f"stall: no new slide for {now - changed:.0f} s after slide {last}", flush=True)
                if in_a_row >= GIVE_UP:
                    print(f"{GIVE_UP} stalls in a row: giving up")
                    break
                continue
            step = max(1, seen["shown"] - last)
            last, in_a_row = seen["shown"], 0
            count, unseen = count + step, unseen + step - 1
            longest, changed = max(longest, now - changed), now
            exception_slides += seen["exceptions"] > 0
            if count // SAMPLE_EVERY > (count - step) // SAMPLE_EVERY:
                s = take_sample(page, cdp, pid, count, now - start, seen["key"][:15])
                before = samples[-1] if samples else Sample(1, 0.0, "", 0, cpu_start, 0, 0, 0)
                cpu_percent = 100 * (s.cpu - before.cpu) / (s.seconds - before.seconds)
                samples.append(s)
                print(
                    f"{s.slide:>6}  {s.seconds:>6.0f}  {s.caption:<15}  {s.rss:>6.0f}  {s.cpu:>5.0f}  "
                    f"{cpu_percent:>5.0f}  {s.heap:>10.1f}  {s.dom:>12}  {s.nodes:>9}",
                    flush=True,
                )
            if count // TOUCH_EVERY > (count - step) // TOUCH_EVERY and count < slides:
                # A visitor: the chooser opens, and the tour resumes at the overview after ?idle=.
                touched = time.monotonic()
                try:
                    tour = page.frame_locator("iframe")
                    tour.locator("#touch").click(timeout=STALL_DWELLS * dwell * 1000)
                    tour.locator("#chooser:not([hidden])").wait_for(timeout=STALL_DWELLS * dwell * 1000)
                    page.wait_for_function(
                        f"() => ({TOUR_STATE})() === 'tour'", polling=100, timeout=(IDLE + STALL_DWELLS * dwell) * 1000
                    )
                    pauses.append(time.monotonic() - touched)
                except PlaywrightError as exc:
                    stalls += 1
                    errors.append(f"touch at slide {count}: {str(exc).splitlines()[0][:160]}")
                changed = time.monotonic()
        wall = time.monotonic() - start
        browser.close()

    print(
        f"\n{count} slides in {wall / 60:.1f} min (= {count * 12 / 3600:.1f} h of a booth at 12 s), "
        f"{unseen} advanced between two looks of the browser; server CPU {cpu_seconds_total(samples, cpu_start)}"
    )
    if len(samples) >= 2:
        print(trend("server RSS", [s.rss for s in samples], " MB") + "  (target: < 10 %)")
        print(trend("JS heap", [s.heap for s in samples], " MB", 1))
        print(trend("DOM elements", [s.dom for s in samples], ""))
        print(trend("DOM nodes alive", [s.nodes for s in samples], ""))
    print(
        f"stalls (no new slide for {STALL_DWELLS * dwell:g} s): {stalls}; longest gap between slides {longest:.1f} s; "
        f"touches {len(pauses)}, back to the tour after " + (", ".join(f"{p:.1f}" for p in pauses) or "-") + " s"
    )
    print(f"slides with an exception box: {exception_slides}; page and console errors: {len(errors)}")
    for error in dict.fromkeys(errors):
        print(f"  {error}")


def cpu_seconds_total(samples: list[Sample], cpu_start: float) -> str:
    if not samples:
        return "-"
    used, seconds = samples[-1].cpu - cpu_start, samples[-1].seconds
    return f"{used:.0f} s ({100 * used / seconds:.0f} % of a core, {1000 * used / samples[-1].slide:.0f} ms per slide)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slides", type=int, default=2400, help="slide changes to run (2400: 8 h at 12 s)")
    parser.add_argument("--dwell", type=float, default=1.0, help="seconds per slide (the booth's minimum: 1)")
    args = parser.parse_args()
    soak(args.slides, args.dwell)


if __name__ == "__main__":
    main()
