"""Atlas performance, measured against a baseline in the same run (issue 4 targets).

    .venv/bin/python -m bench.run [--repeat 5]

Baseline: a bare Streamlit page with one st_folium map and one marker, Leaflet served locally
the same way as the atlas. Measured in Debian's headless Chromium:
- navigation -> first drawn markers on `/` (real data), target <= 1.3x the baseline;
- the same with 20,000 synthetic actors (generated here, in a temporary folder, never shipped),
  target <= 2.0x the baseline and <= 2 MB transferred for the page;
- server time of a warm rerun after a filter change (Streamlit AppTest, in process), target <= 150 ms.
Prints each figure with its ratio and whether it meets the target.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_process

SYNTHETIC_ACTORS = 20_000


@contextlib.contextmanager
def server(script: Path, cwd: Path, **env: str) -> Iterator[str]:
    with streamlit_process(script, cwd, quiet=True, **env) as (url, _):
        yield url


def baseline_folder(tmp: Path) -> Path:
    """The baseline app beside a link to the project's static/ and config, as the atlas has them."""
    folder = tmp / "baseline"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "baseline_app.py", folder / "baseline_app.py")
    (folder / "static").symlink_to(ROOT / "static")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
    return folder


def synthetic_data(tmp: Path, count: int) -> Path:
    """A copy of the dataset with `count` synthetic actors at random municipalities.

    Named "Synthetic actor N (benchmark only)"; lives only in a temporary folder."""
    import geodata

    data = tmp / "synthetic-data"
    shutil.copytree(ROOT / "clusters" / "data", data)
    towns = geodata.municipalities().sample(n=count, replace=True, random_state=20261124)
    types = [
        "company",
        "university",
        "university_hospital",
        "hospital",
        "research_institute",
        "network",
        "public_body",
        "technology_park",
    ]
    random.seed(20261124)
    with (data / "actors.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with (data / "actors.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", restval="")
        for i, town in enumerate(towns.itertuples(index=False), start=1):
            writer.writerow(
                {
                    "id": f"synthetic-{i:05d}",
                    "name": f"Synthetic actor {i} (benchmark only)",
                    "type": random.choice(types),
                    "city": town.name,
                    "state": town.state,
                    "ags": town.ags,
                    "source": "000_500ba4fa8356c47b.txt",
                    "section": "synthetic",
                    "note": "benchmark only",
                }
            )
    return data


# The actor layer (static/atlas/atlas.js keeps it as ClusterAtlas.actors) has its first markers.
ACTORS_DRAWN = "() => Boolean(window.ClusterAtlas && ClusterAtlas.actors && ClusterAtlas.actors.getLayers().length)"


def time_to_markers(url: str, minimum_paths: int, repeat: int, with_actors: bool = False) -> dict[str, float]:
    """Medians of: seconds from navigation to the first drawn markers (`first`), to the drawn
    actor layer (`actors`, with `with_actors`), and the bytes received for the map by then
    (`bytes`): the websocket messages (which carry st_folium's map script) plus everything
    under /app/static/ (map assets, the actor file), as sent on the wire. Streamlit's own
    frontend bundle is the same for every page and is not counted."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {"first": [], "actors": [], "bytes": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(repeat + 1):  # the first load warms the server's caches and is not counted
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            received = [0]

            def count_static(request, received=received):
                if "/app/static/" in request.url:
                    try:
                        sizes = request.sizes()
                    except PlaywrightError:  # a request still finishing as the context closes
                        return
                    received[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]

            def count_frames(ws, received=received):
                ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

            page.on("websocket", count_frames)
            page.on("requestfinished", count_static)
            start = time.perf_counter()
            page.goto(url)
            iframe = page.wait_for_selector(
                'iframe[title="streamlit_folium.st_folium"]', state="attached", timeout=120_000
            )
            frame = iframe.content_frame()
            frame.wait_for_function(
                f"document.querySelectorAll('path.leaflet-interactive').length >= {minimum_paths}",
                timeout=120_000,
                polling=20,
            )
            samples["first"].append(time.perf_counter() - start)
            if with_actors:
                frame.wait_for_function(ACTORS_DRAWN, timeout=120_000, polling=20)
                samples["actors"].append(time.perf_counter() - start)
                page.wait_for_load_state("networkidle")
            samples["bytes"].append(received[0])
            context.close()
        browser.close()
    return {name: statistics.median(values[1:]) for name, values in samples.items() if values}


def rerun_server_time(data_dir: Path | None, repeat: int) -> float:
    """Median server time of a rerun after a filter change, with the data already loaded."""
    from streamlit.testing.v1 import AppTest

    if data_dir:
        os.environ["CLUSTER_ATLAS_DATA"] = str(data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    filters = [["BY"], ["BW"], ["NW"], ["BE"], ["SN"], ["HH", "SH"], []]
    times = []
    for _ in range(repeat):
        for states in filters:
            at.multiselect(key="atlas_states").set_value(states)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
    os.environ.pop("CLUSTER_ATLAS_DATA", None)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only the page-load ratio on the real data")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = baseline_folder(tmp)
        with server(folder / "baseline_app.py", folder, PYTHONPATH=str(ROOT)) as url:
            base = time_to_markers(url + "/", 1, args.repeat)
        with server(ROOT / "app.py", ROOT) as url:
            atlas = time_to_markers(url + "/", 28, args.repeat, with_actors=True)
        if args.quick:
            print(
                f"baseline {base['first'] * 1000:.0f} ms, atlas {atlas['first'] * 1000:.0f} ms, "
                f"ratio {atlas['first'] / base['first']:.2f}x (target <= 1.3x)"
            )
            return 0
        synthetic = synthetic_data(tmp, SYNTHETIC_ACTORS)
        with server(ROOT / "app.py", ROOT, CLUSTER_ATLAS_DATA=str(synthetic)) as url:
            big = time_to_markers(url + "/", 28, args.repeat, with_actors=True)
        rerun_real = rerun_server_time(None, args.repeat)
        rerun_big = rerun_server_time(synthetic, 1)

    rows.append(("baseline: time to first marker", f"{base['first'] * 1000:.0f} ms", "1.00x", "", ""))
    rows.append(("baseline: bytes received for the map", f"{base['bytes'] / 1e6:.2f} MB", "", "", ""))
    for label, measured, limit in (("atlas, real data", atlas, 1.3), ("atlas, 20,000 synthetic actors", big, 2.0)):
        ratio = measured["first"] / base["first"]
        rows.append(
            (
                f"{label}: time to first markers",
                f"{measured['first'] * 1000:.0f} ms",
                f"{ratio:.2f}x",
                f"<= {limit}x",
                "ok" if ratio <= limit else "MISSED",
            )
        )
        rows.append(
            (
                f"{label}: time to all actors drawn",
                f"{measured['actors'] * 1000:.0f} ms",
                f"{measured['actors'] / base['first']:.2f}x",
                "",
                "",
            )
        )
    for label, measured in (("atlas, real data", atlas), ("atlas, 20,000 synthetic actors", big)):
        value = measured["bytes"]
        rows.append(
            (
                f"{label}: bytes received for the map",
                f"{value / 1e6:.2f} MB",
                f"{value / max(base['bytes'], 1):.2f}x",
                "<= 2 MB" if "synthetic" in label else "",
                "ok" if value <= 2e6 else "MISSED",
            )
        )
    for label, value in (
        ("warm rerun after a filter change, real data", rerun_real),
        ("warm rerun after a filter change, 20,000 synthetic actors", rerun_big),
    ):
        rows.append((label, f"{value * 1000:.0f} ms", "", "<= 150 ms", "ok" if value <= 0.15 else "MISSED"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>10}  {'ratio':>7}  {'target':>10}  result")
    for name, value, ratio, target, verdict in rows:
        print(f"{name.ljust(width)}  {value:>10}  {ratio:>7}  {target:>10}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
