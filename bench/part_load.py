"""Loads on loopback with wrk: (c) appeal creations, and (d) OGC paging, appeal tiles and basemap tiles.

(c) POST /api/v1/appeals for BENCH_LOAD_SECONDS (60) with BENCH_LOAD_CONNECTIONS (8) clients, each body a
    GeoJSON Feature at a real address of the town; created/s counts the 201s only, and the rows are
    counted in the database afterwards.
(d) paging: `items?limit=100&bbox=…&offset=…` over random ~400 m boxes of the town at 4 clients, ours vs
    tipg; appeal tiles: random z14 tiles of the town at 4 clients, ours vs tipg, plus the feature count of
    every such tile in each (ours must count every public issue of the town once over its tiles — lone
    appeals as points, denser res-12 cells as counted points; tipg stops at 10,000 a tile) and the
    raw ST_AsMVT time; basemap: the tiles around the town centre at z12–z16, one by one (N runs) and at
    4 clients.
"""

import math
import random
import time
from pathlib import Path

import mvt
import reference
from context import Context, load_average
from tension_tiles import appeals_counted
from timing import http_get, repeat, summary
from wrk_run import wrk

TOWN_CENTRE = (37.9857, 44.9272)  # (lon, lat), Krymsk, Lenina street by the town hall
TILE_ZOOM = 14
BASEMAP_ZOOMS = range(12, 17)
PAGE_BOX_DEG = (0.005, 0.0035)  # ~400 × 390 m at 45° N
CREATE_MARKER = "Нагрузочный тест"
RECEIPTS_WAIT_S = 180  # at most this long for the receipts of the creations to be sent before going on


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """XYZ tile (x, y from the top) that holds (lon, lat) degrees at zoom z (WebMercatorQuad)."""
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def write_lines(ctx: Context, name: str, lines: list[str]) -> str:
    path = Path(ctx.workdir) / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def town_tiles(ctx: Context, z: int) -> list[tuple[int, int, int, int]]:
    """(x, y, public appeals, public issues) of every zoom-z tile that holds public appeals.

    The collection `appeals` of /ogc/ and /tiles/ holds the public issues only (layers/collections.py;
    proposals are a collection of their own); the peers' table bench_appeals holds every public appeal.
    """
    with reference.connect(ctx.database_url) as conn:
        west, south, east, north = conn.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
            "(SELECT ST_Extent(geom) AS e FROM appeals_appeal WHERE status <> ALL (%s)) s",
            [ctx.hidden],
        ).fetchone()
        x0, y0 = tile_of(west, north, z)
        x1, y1 = tile_of(east, south, z)
        tiles = []
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                # exact in EPSG:3857: the 4326 box of a tile reaches a few decimetres past its edges
                n, issues = conn.execute(
                    "SELECT count(*), count(*) FILTER (WHERE kind = 'issue') FROM appeals_appeal "
                    "WHERE status <> ALL (%(hidden)s) "
                    "AND geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326) "
                    "AND ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s))",
                    {"hidden": ctx.hidden, "z": z, "x": x, "y": y},
                ).fetchone()
                if n:
                    tiles.append((x, y, n, issues))
    return tiles


# (c) ------------------------------------------------------------------------------------------------


def run_creations(ctx: Context) -> dict:
    url = f"{ctx.ours}/api/v1/appeals"
    with reference.connect(ctx.database_url) as conn:
        points = conn.execute(
            "SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM layers_property "
            "WHERE kind = 'building' AND address <> '' ORDER BY id LIMIT 3000"
        ).fetchall()
        categories = [
            row[0]
            for row in conn.execute(
                "SELECT c.code FROM appeals_category c WHERE c.kind = 'issue' AND c.is_active "
                "AND NOT EXISTS (SELECT 1 FROM appeals_category k WHERE k.parent_id = c.id) ORDER BY c.code"
            )
        ]
        before = conn.execute("SELECT count(*) FROM appeals_appeal WHERE text LIKE %s", [CREATE_MARKER + "%"])
        before = before.fetchone()[0]
    rng = random.Random(1)
    lines = [f"{lon:.7f} {lat:.7f} {rng.choice(categories)}" for lon, lat in points]
    env = {"BENCH_POINTS": write_lines(ctx, "create_points.txt", lines)}
    # Also the warm-up of every worker for POST: its first creation imports the write path and connects to
    # the Celery broker (1–4 s).
    probe = wrk(ctx.ours, script="post_appeal.lua", seconds=5, connections=ctx.load_connections, env=env)
    if not probe["ok"]:
        return {"skipped": f"POST {url} answered {probe['statuses']} (no 2xx)"}
    ctx.log(f"creations: {ctx.load_seconds} s at {ctx.load_connections} clients")
    result = {"load_before": load_average()}
    with reference.connect(ctx.database_url) as conn:
        started = conn.execute("SELECT now()").fetchone()[0]
    run = wrk(
        ctx.ours,
        script="post_appeal.lua",
        seconds=ctx.load_seconds,
        connections=ctx.load_connections,
        env=env,
    )
    with reference.connect(ctx.database_url) as conn:
        after = conn.execute("SELECT count(*) FROM appeals_appeal WHERE text LIKE %s", [CREATE_MARKER + "%"])
        after = after.fetchone()[0]
        result["receipts"] = receipts_sent(conn, since=started)
        # The Celery worker's backlog would load the cores under the next parts: wait until it is sent.
        waited = time.perf_counter()
        while time.perf_counter() - waited < RECEIPTS_WAIT_S:
            later = receipts_sent(conn, since=started)
            if later["done"] >= later["events"]:
                break
            time.sleep(1)
        result["receipts_later"] = later
        result["receipts_wait_s"] = time.perf_counter() - waited
    result.update(
        url=url,
        created_per_s=run["statuses"].get(201, 0) / run["duration_s"],
        rows_written=after - before,
        responses_201=run["statuses"].get(201, 0) + probe["statuses"].get(201, 0),
        wrk=run,
        load_after=load_average(),
    )
    ctx.log(f"creations: {result['created_per_s']:.0f}/s, p99 {run['latency_ms']['p99']:.0f} ms")
    return result


def receipts_sent(conn, *, since) -> dict:
    """How many creation events of the load have had their e-mail step done (notified_at set), of all:
    with a broker the Celery worker does it after the 201, so this shows whether it keeps up."""
    done, total = conn.execute(
        "SELECT count(e.notified_at), count(*) FROM appeals_appealevent e "
        "JOIN appeals_appeal a ON a.id = e.appeal_id WHERE a.text LIKE %s AND e.at >= %s",
        [CREATE_MARKER + "%", since],
    ).fetchone()
    return {"done": done, "events": total}


# (d) paging -----------------------------------------------------------------------------------------


def run_paging(ctx: Context, tiles: list[tuple[int, int, int, int]]) -> dict:
    ours_items = f"{ctx.ours}/ogc/collections/appeals/items"
    ok, why = ctx.answers(f"{ours_items}?limit=1")
    if not ok:
        return {"skipped": why}
    with reference.connect(ctx.database_url) as conn:
        west, south, east, north = conn.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e "
            "FROM layers_property WHERE kind = 'building' AND address <> '') s"
        ).fetchone()
    rng = random.Random(2)
    dx, dy = PAGE_BOX_DEG
    queries = []
    for _ in range(2000):
        x, y = rng.uniform(west, east - dx), rng.uniform(south, north - dy)
        queries.append(
            f"limit=100&bbox={x:.5f},{y:.5f},{x + dx:.5f},{y + dy:.5f}&offset={100 * rng.randrange(5)}"
        )
    targets = {"geoportal /ogc": "/ogc/collections/appeals/items?"}
    if ctx.tipg:
        targets["tipg"] = "/collections/public.bench_appeals/items?"
    result = {"load_before": load_average(), "rows": {}}
    for name, prefix in targets.items():
        base = ctx.ours if name.startswith("geoportal") else ctx.tipg
        paths = write_lines(ctx, f"paging_{name.split()[0]}.txt", [prefix + q for q in queries])
        run = wrk(
            base,
            script="paths.lua",
            seconds=ctx.concurrent_seconds,
            connections=4,
            env={"BENCH_PATHS": paths},
        )
        result["rows"][name] = run
        ctx.log(f"paging: {name} {run['ok_per_s']:.0f} req/s, p95 {run['latency_ms']['p95']:.1f} ms")
    rows = result["rows"]
    if "tipg" in rows and rows["tipg"]["ok_per_s"]:
        result["ratio ours / tipg (req/s)"] = rows["geoportal /ogc"]["ok_per_s"] / rows["tipg"]["ok_per_s"]
    result["load_after"] = load_average()
    return result


# (d) appeal tiles -----------------------------------------------------------------------------------


def run_tiles(ctx: Context, tiles: list[tuple[int, int, int, int]]) -> dict:
    x, y, *_ = max(tiles, key=lambda t: t[2])
    ok, why = ctx.answers(f"{ctx.ours}/tiles/appeals/{TILE_ZOOM}/{x}/{y}.mvt", expect=(200, 204))
    if not ok:
        return {"skipped": why}
    z = TILE_ZOOM
    shapes = {"geoportal": "/tiles/appeals/{z}/{x}/{y}.mvt"}
    if ctx.tipg:
        shapes["tipg"] = "/collections/public.bench_appeals/tiles/WebMercatorQuad/{z}/{x}/{y}"
    result = {"zoom": z, "tiles": len(tiles), "load_before": load_average(), "rows": {}, "features": []}
    # completeness: every tile once, each server. Ours counts dense res-12 cells as one point each
    # (`aggregate`, `count`): summed over every tile of the town, each public issue must be there once.
    bodies = []
    for tx, ty, expected, issues in tiles:
        row = {"tile": f"{z}/{tx}/{ty}", "public_appeals": expected, "public_issues": issues}
        for name, shape in shapes.items():
            base = ctx.ours if name == "geoportal" else ctx.tipg
            fetch = http_get(base + shape.format(z=z, x=tx, y=ty), keep_body=True)
            counts = mvt.layer_counts(fetch.body) if fetch.status == 200 and fetch.body else {}
            row[name] = {
                "status": fetch.status,
                "bytes": fetch.nbytes,
                "inside": sum(c["inside"] for c in counts.values()),
                "layers": counts,
            }
            if name == "geoportal" and fetch.status == 200 and fetch.body:
                bodies.append(fetch.body)
                row[name]["appeals"] = appeals_counted([fetch.body])
        result["features"].append(row)
    result["geoportal appeals counted"] = appeals_counted(bodies)
    result["public issues"] = sum(r["public_issues"] for r in result["features"])
    result["geoportal has every feature"] = result["geoportal appeals counted"] == result["public issues"]
    if "tipg" in shapes:
        result["tipg tiles short of features"] = sum(
            r["tipg"]["inside"] < r["public_appeals"] for r in result["features"]
        )
    # raw ST_AsMVT, one by one
    with reference.connect(
        ctx.database_url, options="-c jit=off -c max_parallel_workers_per_gather=0"
    ) as conn:
        raw = [reference.time_mvt(conn, z=z, x=tx, y=ty, hidden=ctx.hidden)[0] for tx, ty, *_ in tiles]
    result["raw ST_AsMVT (psycopg, each tile once)"] = summary(raw)
    # throughput at 4 clients
    for name, shape in shapes.items():
        base = ctx.ours if name == "geoportal" else ctx.tipg
        lines = [shape.format(z=z, x=tx, y=ty) for tx, ty, *_ in tiles]
        paths = write_lines(ctx, f"tiles_{name}.txt", lines)
        run = wrk(
            base,
            script="paths.lua",
            seconds=ctx.concurrent_seconds,
            connections=4,
            env={"BENCH_PATHS": paths},
        )
        result["rows"][name] = run
        ctx.log(f"tiles: {name} {run['ok_per_s']:.1f} req/s, p95 {run['latency_ms']['p95']:.0f} ms")
    rows = result["rows"]
    if "tipg" in rows and rows["tipg"]["ok_per_s"]:
        result["ratio ours / tipg (req/s)"] = rows["geoportal"]["ok_per_s"] / rows["tipg"]["ok_per_s"]
    result["load_after"] = load_average()
    return result


# (d) basemap ----------------------------------------------------------------------------------------


def basemap_paths() -> dict[int, list[str]]:
    """Per zoom, the tiles around the town centre: 1 at z12, 2 × 2 at z13, 3 × 3 from z14."""
    paths = {}
    for z in BASEMAP_ZOOMS:
        cx, cy = tile_of(*TOWN_CENTRE, z)
        half = 0 if z == 12 else 1
        xs = range(cx, cx + 2) if z == 13 else range(cx - half, cx + half + 1)
        ys = range(cy, cy + 2) if z == 13 else range(cy - half, cy + half + 1)
        paths[z] = [f"/tiles/basemap/{z}/{x}/{y}.mvt" for x in xs for y in ys]
    return paths


def run_basemap(ctx: Context) -> dict:
    per_zoom = basemap_paths()
    ok, why = ctx.answers(ctx.ours + per_zoom[14][4], expect=(200, 204))
    if not ok:
        return {"skipped": why}
    result = {"load_before": load_average(), "zooms": {}}
    for z, paths in per_zoom.items():
        sizes = [http_get(ctx.ours + p).nbytes for p in paths]

        def one_pass(paths=paths) -> float:
            t0 = time.perf_counter()
            for p in paths:
                http_get(ctx.ours + p)
            return (time.perf_counter() - t0) / len(paths)

        result["zooms"][z] = {"tiles": len(paths), "bytes_median": sorted(sizes)[len(sizes) // 2]}
        result["zooms"][z].update(repeat(one_pass, ctx.runs))  # per-tile mean of each pass
        ctx.log(f"basemap: z{z} {result['zooms'][z]['median'] * 1000:.1f} ms a tile")
    all_paths = [p for paths in per_zoom.values() for p in paths]
    lines = write_lines(ctx, "basemap.txt", all_paths)
    result["4 clients"] = wrk(
        ctx.ours,
        script="paths.lua",
        seconds=ctx.concurrent_seconds,
        connections=4,
        env={"BENCH_PATHS": lines},
    )
    result["load_after"] = load_average()
    return result
