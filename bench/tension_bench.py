"""Issue 6 bench: the tension heatmap API against the raw GROUP BY and against the obvious pipeline, and
the worst appeals / tension tile over zooms 0–16 of the town — side by side in one run.

    DATABASE_URL=postgis://postgres@127.0.0.1:5433/geoportal_bench .venv/bin/python bench/tension_bench.py

Needs the bench database of bench/setup.sh (1M appeals) with the tension tables (manage.py migrate builds
the rollup). Starts its own gunicorn (bench/bench_settings.py, `--workers` sync workers) on loopback
unless `--ours` names a running server. Writes bench/results/tension-<date>.json; Markdown on stdout.

1. `GET /api/v1/tension/hexes?res=8` for the commonest category over the 90 days to the newest appeal,
   and unfiltered over all time; `--runs` requests each, one after the other, each interleaved with
   2. the raw SQL (bench/sql/tension_raw_cells.sql: count and T per res-8 cell straight from
   appeals_appeal) through psycopg with the API's own parameters, and with
   `GET /api/v1/tension/hotspots` (Gi* + trend) for the same query (`--hotspot-runs`).
3. The obvious pipeline (bench/tension_pipeline.py) `--pipeline-runs` times per query; its counts, T and
   z are checked against the API's.
4. The tiles (bench/tension_tiles.py): /tiles/appeals/… and /tiles/tension/…, skipped while absent.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from context import load_average  # noqa: E402
from psycopg import ClientCursor  # noqa: E402
from reference import connect  # noqa: E402
from timing import http_get, summary  # noqa: E402

RAW_SQL = (ROOT / "bench" / "sql" / "tension_raw_cells.sql").read_text()
RES = 8
HIDDEN = ["new", "rejected"]  # appeals.workflow.HIDDEN_STATUSES: never on a public tile
TILE_LAYERS = {"appeals": "/tiles/appeals/{z}/{x}/{y}.mvt", "tension": "/tiles/tension/{z}/{x}/{y}.mvt"}


def log(message: str) -> None:
    print(f"[tension-bench] {message}", file=sys.stderr, flush=True)


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    import django

    django.setup()  # the cache table the tension answers are kept in: bench/setup.sh makes it


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen:
    env = os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "GEOPORTAL_DEBUG": "0",
    }
    logs = ROOT / "var" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "geoportal.wsgi:application",
         "--pythonpath", f"{ROOT},{ROOT}/bench", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "600",
         "--no-control-socket", "--log-level", "warning"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=open(logs / "tension-gunicorn.log", "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(240):
        try:
            if http_get(f"http://127.0.0.1:{port}/healthz").status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited: see var/bench/tension-gunicorn.log")
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz")


def queries(conn) -> dict:
    """The two heatmap queries: the commonest public category over 90 days, and everything, all time."""
    tz = conn.execute("SELECT tension_tz()").fetchone()[0]
    first, last = conn.execute(
        "SELECT min(created_at AT TIME ZONE %s)::date, max(created_at AT TIME ZONE %s)::date "
        "FROM appeals_appeal",
        [tz, tz],
    ).fetchone()
    cat_id, code, n = conn.execute(
        "SELECT c.id, c.code, count(*) FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id "
        "GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1"
    ).fetchone()
    return {
        "tz": tz,
        "category": {"id": cat_id, "code": code, "appeals": n},
        "cat90": {"from": last - timedelta(days=89), "to": last, "category": code},
        "all": {"from": first, "to": last},
    }


def api_params(query: dict) -> dict:
    from appeals.models import Category
    from tension.scoring import Window
    from tension.selectors import Filters, score_params

    ids = [Category.objects.get(code=query["category"]).id] if "category" in query else None
    return score_params(RES, Filters(Window(query["from"], query["to"]), category_ids=ids))


def url_of(base: str, path: str, query: dict) -> str:
    q = {"res": RES, "from": query["from"].isoformat(), "to": query["to"].isoformat()}
    if "category" in query:
        q["category"] = query["category"]
    return f"{base}{path}?{urlencode(q)}"


def time_raw(conn, params: dict) -> tuple[float, list]:
    with ClientCursor(conn) as cur:  # literals in the statement, as Django's default psycopg cursor
        t0 = time.perf_counter()
        rows = cur.execute(RAW_SQL, params).fetchall()
        return time.perf_counter() - t0, rows


def heatmaps(base: str, conn, qs: dict, *, names: list[str], runs: int, hotspot_runs: int) -> dict:
    out = {}
    for name in names:
        query, params = qs[name], api_params(qs[name])
        hexes, hot = (
            url_of(base, "/api/v1/tension/hexes", query),
            url_of(base, "/api/v1/tension/hotspots", query),
        )
        first = http_get(hexes, keep_body=True)
        if first.status != 200:
            raise SystemExit(f"{hexes} answered {first.status}")
        body = json.loads(first.body)
        hot_first = http_get(hot, keep_body=True)
        hot_body = json.loads(hot_first.body) if hot_first.status == 200 else None
        _, raw_rows = time_raw(conn, params)
        api_times, raw_times, hot_times = [], [], []
        for i in range(runs):
            api_times.append(http_get(hexes).seconds)
            raw_times.append(time_raw(conn, params)[0])
            if hot_body is not None and i < hotspot_runs:
                hot_times.append(http_get(hot).seconds)
        out[name] = {
            "query": {k: str(v) for k, v in query.items()},
            "url": hexes,
            "bytes": first.nbytes,
            "features": len(body["features"]),
            "raw_cells": len(raw_rows),
            "api": summary(api_times),
            "raw": summary(raw_times),
            "hotspots": summary(hot_times) if hot_times else None,
            "hotspots_bytes": hot_first.nbytes if hot_body else None,
            "api_cells": {f["properties"]["h3"]: f["properties"] for f in body["features"]},
            "hot_z": {f["properties"]["h3"]: f["properties"]["z"] for f in hot_body["features"]}
            if hot_body
            else {},
            "raw_rows": {f"{cell:x}": (count, t) for cell, count, t in raw_rows},
        }
        log(
            f"{name}: hexes p50 {out[name]['api']['median'] * 1000:.1f} ms, raw p50 "
            f"{out[name]['raw']['median'] * 1000:.1f} ms, hotspots "
            f"{(out[name]['hotspots'] or {}).get('median', 0) * 1000:.1f} ms"
        )
    return out


def pipelines(conn, qs: dict, heat: dict, *, runs: int) -> dict:
    from tension_pipeline import moved_points, run_pipeline

    from appeals.workflow import OPEN_STATUSES

    out = {}
    for name in heat:
        params = api_params(qs[name])
        passes = [
            run_pipeline(conn, params, tz=qs["tz"], open_statuses=set(OPEN_STATUSES)) for _ in range(runs)
        ]
        last = passes[-1]
        api = heat[name]["api_cells"]
        ours = {h: (p["count"], float(p["t"])) for h, p in api.items()}
        theirs = {h: (int(r["count"]), float(r["t"])) for h, r in last.cells.iterrows()}
        z_diffs = [abs(last.z[h] - z) for h, z in heat[name]["hot_z"].items() if h in last.z]
        raw = heat[name]["raw_rows"]
        out[name] = {
            "rows": last.rows,
            "cells": len(theirs),
            "seconds": {k: summary([p.seconds[k] for p in passes]) for k in last.seconds},
            "check": {
                # Totals: the same appeals and the same formula (cells differ, see moved_points).
                "count_total": [sum(c for c, _ in ours.values()), int(last.cells["count"].sum())],
                "t_total": [sum(t for _, t in ours.values()), float(last.cells["t"].sum())],
                "moved_points": moved_points(last.points, RES),
                "same_cells": set(ours) == set(theirs),
                "count_mismatches": sum(ours[h][0] != theirs.get(h, (None,))[0] for h in ours),
                "max_t_diff": max(
                    (abs(ours[h][1] - theirs[h][1]) for h in ours if h in theirs), default=None
                ),
                "raw_same_counts": all(raw.get(h, (None,))[0] == c for h, (c, _) in ours.items())
                and len(raw) == len(ours),
                "max_raw_t_diff": max(
                    (abs(raw[h][1] - t) for h, (_, t) in ours.items() if h in raw), default=None
                ),
                "study_area_cells": len(last.z),
                "hot_cells_compared": len(z_diffs),
                "max_z_diff": max(z_diffs, default=None),
            },
        }
        log(f"pipeline {name}: {out[name]['seconds']['total']['median']:.2f} s; check {out[name]['check']}")
    return out


def tiles(base: str, conn, *, cap: int, repeats: int) -> dict:
    from django.core.cache import cache
    from tension_tiles import density, town_bbox, worst_tiles

    bbox, dense = town_bbox(conn), density(conn)
    public_issues = conn.execute(
        "SELECT count(*) FROM appeals_appeal WHERE kind = 'issue' AND status <> ALL (%s)", [HIDDEN]
    ).fetchone()[0]
    out = {"bbox": bbox, "public_issues": public_issues}
    for layer, template in TILE_LAYERS.items():
        cache.clear()  # the tension tiles keep their scores there: each zoom's first tile is then cold
        try:
            log(f"tiles {layer}:")
            out[layer] = worst_tiles(
                base, template, bbox, dense, cap=cap, repeats=repeats, log=log, count=layer == "appeals"
            )
        except RuntimeError as exc:
            out[layer] = {"skipped": str(exc)}
            log(f"tiles {layer} skipped: {exc}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    ap.add_argument("--ours", help="base URL of a running geoportal (default: start gunicorn)")
    ap.add_argument("--port", type=int, default=18770)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--hotspot-runs", type=int, default=20)
    ap.add_argument("--pipeline-runs", type=int, default=3)
    ap.add_argument("--tile-cap", type=int, default=64, help="tiles fetched per zoom at most")
    ap.add_argument("--tile-repeats", type=int, default=20)
    ap.add_argument("--parts", default="heatmap,pipeline,tiles")
    ap.add_argument("--queries", default="cat90,all", help="heatmap queries: cat90 (category, 90 days), all")
    args = ap.parse_args()
    if not args.database_url:
        raise SystemExit("DATABASE_URL or --database-url is required")
    django_setup(args.database_url)
    parts, names = set(args.parts.split(",")), args.queries.split(",")
    server = None if args.ours else start_server(args.database_url, args.port, args.workers)
    base = args.ours or f"http://127.0.0.1:{args.port}"
    try:
        conn = connect(args.database_url)
        qs = queries(conn)
        result = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "load_before": load_average()}
        result["queries"] = {k: v for k, v in qs.items() if k != "tz"}
        log(f"queries: {qs}")
        for _ in range(2 * args.workers):  # every worker imports its views before anything is timed
            for name in names:
                http_get(url_of(base, "/api/v1/tension/hexes", qs[name]))
        heat = (
            heatmaps(base, conn, qs, names=names, runs=args.runs, hotspot_runs=args.hotspot_runs)
            if "heatmap" in parts
            else {}
        )
        if "pipeline" in parts and heat:
            result["pipeline"] = pipelines(conn, qs, heat, runs=args.pipeline_runs)
        result["heatmap"] = {
            k: {f: v for f, v in h.items() if f not in ("api_cells", "hot_z", "raw_rows")}
            for k, h in heat.items()
        }
        if "tiles" in parts:
            result["tiles"] = tiles(base, conn, cap=args.tile_cap, repeats=args.tile_repeats)
        result["load_after"] = load_average()
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    path = ROOT / "bench" / "results" / f"tension-{stamp}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(result, indent=1, default=str))
    log(f"written {path}")
    from tension_report import report

    print(report(result))


if __name__ == "__main__":
    main()
