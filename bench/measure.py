"""Runs the measurements against servers that are already up; bench/run.sh starts them and calls this.

usage: .venv/bin/python bench/measure.py --ours http://127.0.0.1:8765 --database-url postgis://…
           [--tipg URL] [--pygeoapi URL] [--gunicorn-pid PID] [--runs 15]
           [--parts pages,export,create,paging,tiles,basemap] [--out bench/results/DATE.json]
Writes the results as JSON and prints them as Markdown tables (bench/report.py).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import part_export  # noqa: E402
import part_load  # noqa: E402
import part_pages  # noqa: E402
import report  # noqa: E402
from context import Context  # noqa: E402
from timing import http_get  # noqa: E402

PARTS = ("pages", "export", "create", "paging", "tiles", "basemap")


def hidden_statuses() -> list[str]:
    """appeals.workflow.HIDDEN_STATUSES, read from the project (it needs Django's settings to import)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoportal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from appeals.workflow import HIDDEN_STATUSES

    return sorted(str(s) for s in HIDDEN_STATUSES)


def machine() -> dict:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(
        next(
            ln.split()[1]
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        )
    )
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "psql": pg,
    }


def warm_up(ctx: Context, workers: int) -> None:
    """Every worker of every server answers each kind of request once before anything is timed: a
    worker's first request imports the views and opens its database connection (seconds, not ms)."""
    urls = [
        f"{ctx.ours}/healthz",
        f"{ctx.ours}/api/v1/appeals?limit=10",
        f"{ctx.ours}/api/v1/appeals/export.geojson?bbox=0,0,0.001,0.001",
        f"{ctx.ours}/ogc/collections/appeals/items?limit=10",
        f"{ctx.ours}/tiles/appeals/14/9920/5898.mvt",
        f"{ctx.ours}/tiles/basemap/14/9920/5898.mvt",
    ]
    if ctx.tipg:
        urls.append(f"{ctx.tipg}/collections/public.bench_appeals/items?limit=10")
        urls.append(f"{ctx.tipg}/collections/public.bench_appeals/tiles/WebMercatorQuad/16/39683/23592")
    if ctx.pygeoapi:
        urls.append(f"{ctx.pygeoapi}/collections/bench_appeals/items?limit=10&f=json")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for url in urls:
            for _ in range(2):  # twice `workers` requests at once: each worker takes some
                list(pool.map(lambda u: http_get(u).status, [url] * workers))
    ctx.log(f"warmed up: {len(urls)} URLs × {2 * workers} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tipg")
    parser.add_argument("--pygeoapi")
    parser.add_argument("--gunicorn-pid", type=int)
    parser.add_argument("--gunicorn-workers", type=int)
    parser.add_argument("--parts", default=",".join(PARTS))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--export-runs", type=int, default=5)
    parser.add_argument("--concurrent-seconds", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=8)
    parser.add_argument("--out")
    args = parser.parse_args()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        sys.exit(f"unknown parts {sorted(unknown)}; known: {', '.join(PARTS)}")

    ctx = Context(
        ours=args.ours.rstrip("/"),
        database_url=args.database_url,
        runs=args.runs,
        export_runs=args.export_runs,
        concurrent_seconds=args.concurrent_seconds,
        load_seconds=args.load_seconds,
        load_connections=args.load_connections,
        gunicorn_pid=args.gunicorn_pid,
        tipg=args.tipg.rstrip("/") if args.tipg else None,
        pygeoapi=args.pygeoapi.rstrip("/") if args.pygeoapi else None,
        hidden=hidden_statuses(),
        workdir=tempfile.mkdtemp(prefix="geoportal-bench-"),
    )
    started = datetime.now(UTC)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "machine": machine(),
        "settings": {
            "runs": ctx.runs,
            "export_runs": ctx.export_runs,
            "concurrent_seconds": ctx.concurrent_seconds,
            "load_seconds": ctx.load_seconds,
            "load_connections": ctx.load_connections,
            "gunicorn_workers": args.gunicorn_workers,
            "peers": {"tipg": ctx.tipg, "pygeoapi": ctx.pygeoapi},
        },
        "parts": {},
    }
    warm_up(ctx, max(4, args.gunicorn_workers or 4))
    tiles = None
    for part in parts:
        t0 = time.perf_counter()
        if part in ("paging", "tiles") and tiles is None:
            tiles = part_load.town_tiles(ctx, part_load.TILE_ZOOM)
        if part == "pages":
            out = part_pages.run(ctx)
        elif part == "export":
            out = part_export.run(ctx)
        elif part == "create":
            out = part_load.run_creations(ctx)
        elif part == "paging":
            out = part_load.run_paging(ctx, tiles)
        elif part == "tiles":
            out = part_load.run_tiles(ctx, tiles)
        else:
            out = part_load.run_basemap(ctx)
        if "skipped" in out:
            ctx.log(f"{part}: skipped — {out['skipped']}")
        out["seconds"] = round(time.perf_counter() - t0, 1)
        results["parts"][part] = out
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    out_path = Path(args.out or BENCH / "results" / f"{started:%Y-%m-%dT%H%M%S}.json")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(report.markdown(results))
    print(f"\nresults: {out_path}")


if __name__ == "__main__":
    main()
