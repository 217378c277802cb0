"""The worst tile of a layer over every zoom of the town (bench/tension_bench.py, issue 6 acceptance).

For each zoom 0–16 the tiles covering the municipality's bounding box are enumerated; where there are more
than `cap`, the cap/2 tiles holding the most appeals (counted in SQL at z16 and summed up the pyramid)
plus cap/2 others drawn at random (fixed seed) are fetched instead. Each chosen tile is fetched once; the
slowest and the largest of each zoom are then fetched `repeats` more times (median, p95); the time of
their first fetch is kept too (a layer that caches, as /tiles/tension does its scores, is cold then).
For the appeals, at each zoom whose covering tiles are all fetched, the tiles are decoded and the appeals
they draw or count are summed (every public issue should be there: nothing silently dropped).
"""

import random
import sys
from collections import Counter
from pathlib import Path

import mapbox_vector_tile  # a test extra (pyproject.toml)
from timing import http_get, summary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from layers.tiles.tilemath import tile_range  # noqa: E402

DENSITY_Z = 16
DENSITY_SQL = """
SELECT floor((ST_X(geom) + 180) / 360 * 2 ^ %(z)s)::int AS x,
       floor((1 - asinh(tan(radians(ST_Y(geom)))) / pi()) / 2 * 2 ^ %(z)s)::int AS y,
       count(*)
FROM appeals_appeal GROUP BY 1, 2
"""
BBOX_SQL = """
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (
  SELECT coalesce((SELECT ST_Extent(geom) FROM layers_adminarea WHERE kind = 'municipality'),
                  (SELECT ST_Extent(geom) FROM appeals_appeal)) AS e) b
"""


def town_bbox(conn) -> tuple[float, float, float, float]:
    return tuple(conn.execute(BBOX_SQL).fetchone())


def density(conn) -> Counter:
    """Appeals per z16 tile."""
    return Counter({(x, y): n for x, y, n in conn.execute(DENSITY_SQL, {"z": DENSITY_Z}).fetchall()})


def choose(bbox, z: int, dense: Counter, *, cap: int, rng: random.Random) -> tuple[list, int]:
    """(chosen tiles, tiles covering the bbox at z)."""
    (x0, x1), (y0, y1) = tile_range(bbox, z)
    tiles = [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    if len(tiles) <= cap:
        return tiles, len(tiles)
    shift = DENSITY_Z - z
    counts = Counter()
    for (x, y), n in dense.items():
        counts[(x >> shift, y >> shift)] += n
    densest = sorted(tiles, key=lambda t: -counts.get(t, 0))[: cap // 2]
    rest = sorted(set(tiles) - set(densest))
    return densest + rng.sample(rest, min(cap - len(densest), len(rest))), len(tiles)


def appeals_counted(tiles: list[bytes]) -> int:
    """Appeals drawn or counted in a set of tiles: a hexagon (h3) its count once, an aggregated point its
    count, a lone appeal (feature id) once — each hexagon and id once however many tiles repeat it."""
    hexagons, ids, aggregated = {}, set(), 0
    for body in tiles:
        for layer in mapbox_vector_tile.decode(body).values():
            for feature in layer["features"]:
                props = feature["properties"]
                if "h3" in props:
                    hexagons[props["h3"]] = props.get("count", 0)
                elif props.get("aggregate"):
                    aggregated += props.get("count", 0)
                else:
                    ids.add(feature.get("id"))
    return sum(hexagons.values()) + aggregated + len(ids)


def worst_tiles(
    base: str, template: str, bbox, dense: Counter, *, cap: int, repeats: int, log, count: bool = False
) -> dict:
    """Per zoom: tiles covering the town, tiles fetched, and the slowest and the largest tile re-timed;
    with `count`, where every covering tile is fetched, the appeals the tiles of the zoom draw or count."""
    rng = random.Random(6)
    zooms = {}
    for z in range(17):
        chosen, covering = choose(bbox, z, dense, cap=cap, rng=rng)
        once, bodies = {}, []
        for x, y in chosen:
            fetch = http_get(base + template.format(z=z, x=x, y=y), keep_body=count)
            if fetch.status not in (200, 204):
                raise RuntimeError(f"{template.format(z=z, x=x, y=y)} answered {fetch.status}")
            once[(x, y)] = (fetch.seconds, fetch.nbytes)
            if count and fetch.body:
                bodies.append(fetch.body)
        slowest = max(once, key=lambda t: once[t][0])
        largest = max(once, key=lambda t: once[t][1])
        entry = {"covering": covering, "fetched": len(chosen), "sampled": len(chosen) < covering}
        if count and len(chosen) == covering:
            entry["appeals_counted"] = appeals_counted(bodies)
        for name, (x, y) in (("slowest", slowest), ("largest", largest)):
            url = base + template.format(z=z, x=x, y=y)
            times = [http_get(url).seconds for _ in range(repeats)]
            first_s, nbytes = once[(x, y)]
            entry[name] = {"tile": f"{z}/{x}/{y}", "bytes": nbytes, "first_s": first_s, **summary(times)}
        zooms[z] = entry
        log(
            f"  z{z}: {len(chosen)}/{covering} tiles; slowest {entry['slowest']['tile']} "
            f"{entry['slowest']['median'] * 1000:.1f} ms; largest {entry['largest']['tile']} "
            f"{entry['largest']['bytes']:,} B"
        )
    return zooms
