"""(a) GET /api/v1/appeals?limit=10000 and (d) OGC items?limit=10000, against the raw SQL, tipg and pygeoapi.

Each target is fetched once untimed and checked (HTTP 200, a FeatureCollection of exactly 10,000 features),
then timed N times one after another (a new connection each time, the body read to its end). The raw SQL
is the list's own SQL with the parameters the view binds, through psycopg and through `psql -c`; and,
for comparison, the same page with every Feature built from its appeal row (the path of a filtered page).
"""

import json

import reference
from context import Context, load_average
from timing import http_get, repeat

LIMIT = 10_000


def targets(ctx: Context) -> dict[str, str]:
    found = {
        "geoportal /api/v1/appeals": f"{ctx.ours}/api/v1/appeals?limit={LIMIT}",
        "geoportal /ogc items": f"{ctx.ours}/ogc/collections/appeals/items?limit={LIMIT}",
    }
    if ctx.tipg:
        found["tipg"] = f"{ctx.tipg}/collections/public.bench_appeals/items?limit={LIMIT}"
    if ctx.pygeoapi:
        found["pygeoapi"] = f"{ctx.pygeoapi}/collections/bench_appeals/items?limit={LIMIT}&f=json"
    return found


def check_page(url: str) -> tuple[bool, str, int]:
    """(ok, why not, bytes) for one untimed fetch of a 10,000-feature page."""
    fetch = http_get(url, keep_body=True)
    if fetch.status != 200:
        return False, f"HTTP {fetch.status}", fetch.nbytes
    try:
        page = json.loads(fetch.body)
    except ValueError as exc:
        return False, f"not JSON: {exc}", fetch.nbytes
    n = len(page.get("features", []))
    if page.get("type") != "FeatureCollection" or n != LIMIT:
        return False, f"{n} features, not {LIMIT}", fetch.nbytes
    return True, "", fetch.nbytes


def run(ctx: Context) -> dict:
    ctx.log(f"pages: limit={LIMIT}, {ctx.runs} runs each")
    result = {"load_before": load_average(), "rows": {}}
    sql, built = reference.list_sql("kept"), reference.list_sql("built")
    with reference.connect(ctx.database_url) as conn:
        params = reference.list_params(built, hidden=ctx.hidden, limit=LIMIT)
        _, nbytes = reference.time_list_psycopg(conn, sql, params)
        result["rows"]["raw SQL (psycopg)"] = {
            "bytes": nbytes,
            **repeat(lambda: reference.time_list_psycopg(conn, sql, params)[0], ctx.runs),
        }
        result["rows"]["raw SQL, each Feature built from its row (psycopg)"] = {
            "bytes": reference.time_list_psycopg(conn, built, params)[1],
            **repeat(lambda: reference.time_list_psycopg(conn, built, params)[0], ctx.runs),
        }
        command = reference.render(conn, sql, params)
    result["rows"]["raw SQL (psql -c, wall)"] = {
        "bytes": nbytes,
        **repeat(lambda: reference.time_psql(ctx.database_url, command), ctx.runs),
    }
    for name, url in targets(ctx).items():
        ok, why, nbytes = check_page(url)
        if not ok:
            ctx.log(f"pages: {name} skipped: {why}")
            result["rows"][name] = {"skipped": f"{url}: {why}"}
            continue
        result["rows"][name] = {
            "url": url,
            "bytes": nbytes,
            **repeat(lambda u=url: http_get(u).seconds, ctx.runs),
        }
        ctx.log(f"pages: {name} median {result['rows'][name]['median'] * 1000:.1f} ms")
    result["ratios"] = ratios(result["rows"])
    result["load_after"] = load_average()
    return result


def ratios(rows: dict) -> dict:
    """Ours against the raw SQL (psycopg), and each peer against ours, from the medians."""
    med = {name: row["median"] for name, row in rows.items() if "median" in row}
    raw = med.get("raw SQL (psycopg)")
    out = {}
    for ours in ("geoportal /api/v1/appeals", "geoportal /ogc items"):
        if ours not in med:
            continue
        out[f"{ours} / raw SQL"] = med[ours] / raw if raw else None
        for peer in ("tipg", "pygeoapi"):
            if peer in med:
                out[f"{peer} / {ours}"] = med[peer] / med[ours]
    return out
