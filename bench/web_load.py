"""Cold load of the web map to its first MapLibre `idle` event, in headless Chromium, and the bundle size
besides MapLibre.

    .venv/bin/python bench/web_load.py                      # serves DB geoportal_bench (1M appeals)
    .venv/bin/python bench/web_load.py --db geoportal       # the demo town
    .venv/bin/python bench/web_load.py --url http://127.0.0.1:8000/   # a server already running

Without --url it starts the geoportal under gunicorn (bench/bench_settings.py, DEBUG off, 2 sync
workers) on loopback against --db, and stops it at the end. Each run opens a fresh browser context (an
empty HTTP cache: a first visit) at a desktop viewport, and reads the `gp-map-idle` performance mark that
frontend/src/main.ts sets on the map's first `idle` event — milliseconds since the navigation started:
the page, the bundle, the style, glyphs, sprites, basemap and appeal tiles, districts, all loaded and drawn.
The first run warms the server (PostgreSQL caches, Python imports) and is reported apart.

The bundle besides MapLibre: our TypeScript bundled by esbuild with maplibre-gl left external, minified,
gzip -9; plus our CSS. Goal: ≤ 2 s to idle, ≤ 350 KB gz.
"""

import argparse
import gzip
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.chromium import launch  # noqa: E402 — the same browser as the web tests

FRONTEND = ROOT / "frontend"
VIEWPORT = {"width": 1280, "height": 800}
IDLE_MARK = "gp-map-idle"
# esbuild with MapLibre external: what our own code weighs, minified like dist/main.js.
ESBUILD_OURS = """
import * as esbuild from "esbuild";
const result = await esbuild.build({
  absWorkingDir: process.argv[2], entryPoints: ["src/main.ts"], bundle: true, format: "esm",
  platform: "browser", target: ["es2022"], minify: true, write: false, external: ["maplibre-gl"],
  legalComments: "none", logLevel: "error",
});
process.stdout.write(result.outputFiles[0].contents);
"""


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def bundle_sizes() -> dict:
    """Bytes of our JS (MapLibre external) and CSS, raw and gzip -9; and the whole dist/main.js."""
    with tempfile.NamedTemporaryFile("w", suffix=".mjs", dir=FRONTEND, delete=False) as script:
        script.write(ESBUILD_OURS)
    try:
        ours = subprocess.run(
            ["node", script.name, str(FRONTEND)], cwd=FRONTEND, check=True, capture_output=True, timeout=120
        ).stdout
    finally:
        os.unlink(script.name)
    css = (FRONTEND / "dist" / "main.css").read_bytes()
    whole = (FRONTEND / "dist" / "main.js").read_bytes()
    return {
        "ours_js_bytes": len(ours),
        "ours_js_gz": gz_size(ours),
        "ours_css_gz": gz_size(css),
        "ours_total_gz": gz_size(ours) + gz_size(css),
        "main_js_gz_with_maplibre": gz_size(whole),
    }


def serve(db: str, port: int, workers: int) -> subprocess.Popen:
    pg_port = os.environ.get("GEOPORTAL_PG_PORT", "5433")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgis://postgres@127.0.0.1:{pg_port}/{db}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "GEOPORTAL_DEBUG": "0",
    }
    log = open(ROOT / "var" / "web_load_gunicorn.log", "w")  # noqa: SIM115 — lives as long as the server
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "geoportal.wsgi:application",
            "--pythonpath",
            f"{ROOT},{ROOT / 'bench'}",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"gunicorn did not answer on port {port}: see var/web_load_gunicorn.log")


def cold_loads(url: str, runs: int, screenshot: Path | None) -> list[float]:
    """Milliseconds from navigation to the first idle map, one fresh context (cold cache) per run."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for run in range(runs):
            context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
            page = context.new_page()
            errors = []
            page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
            page.goto(url, wait_until="commit")
            page.wait_for_function(
                f"performance.getEntriesByName('{IDLE_MARK}').length > 0", timeout=120_000, polling=50
            )
            times.append(page.evaluate(f"performance.getEntriesByName('{IDLE_MARK}')[0].startTime"))
            if errors:
                print(f"run {run}: console errors: {errors}", file=sys.stderr)
            if screenshot and run == runs - 1:
                page.wait_for_timeout(500)
                page.screenshot(path=str(screenshot))
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server's page; default: start gunicorn against --db")
    parser.add_argument("--db", default="geoportal_bench")
    parser.add_argument("--port", type=int, default=18780)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7, help="timed runs after one warm-up")
    parser.add_argument("--screenshot", type=Path, help="PNG of the map after the last run")
    args = parser.parse_args()

    sizes = bundle_sizes()
    server = None if args.url else serve(args.db, args.port, args.workers)
    url = args.url or f"http://127.0.0.1:{args.port}/"
    try:
        warm_up, *times = cold_loads(url, args.runs + 1, args.screenshot)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    result = {
        "url": url,
        "db": None if args.url else args.db,
        "runs": len(times),
        "first_run_ms": round(warm_up),
        "idle_ms_median": round(statistics.median(times)),
        "idle_ms_min": round(min(times)),
        "idle_ms_max": round(max(times)),
        **sizes,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
