"""Markdown tables of a results JSON of bench/measure.py, with each goal of issues 3 and 4 met or not.

usage: .venv/bin/python bench/report.py bench/results/<date>.json
"""

import json
import sys
from pathlib import Path


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.1f}"


def goal(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def pages(part: dict) -> list[str]:
    lines = ["| target | bytes | median ms | p95 ms | min ms |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, row in part["rows"].items():
        if "skipped" in row:
            lines.append(f"| {name} | skipped: {row['skipped']} | | | |")
        else:
            lines.append(
                f"| {name} | {row['bytes']:,} | {ms(row['median'])} | {ms(row['p95'])} | {ms(row['min'])} |"
            )
    lines += ["", "| ratio of medians | value | goal | |", "| --- | ---: | --- | --- |"]
    for name, value in part["ratios"].items():
        if value is None:
            continue
        if name.endswith("/ raw SQL"):
            target, ok = "≤ 1.5", value <= 1.5
        else:
            target, ok = "≥ 10", value >= 10
        lines.append(f"| {name} | {value:.2f} | {target} | {goal(ok)} |")
    return lines


def export(part: dict) -> list[str]:
    ours = part["geoportal export"]
    raw, psql = part["raw COPY (psycopg)"], part["raw COPY (psql -c, wall)"]
    mem = ours["memory"]
    peak = max(mem["peak_vmhwm_mb"], mem["peak_rss_sampled_mb"])
    ratio = part["ratios"]["export / raw COPY (psycopg)"]
    return [
        f"{ours['features']:,} features ({ours['expected_features']:,} public appeals), "
        f"{ours['bytes'] / 1e6:,.0f} MB, Content-Type {ours['content_type']}; complete: {ours['complete']}",
        "",
        "| what | median s | p95 s | first byte ms (median) | goal | |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        f"| raw COPY (psycopg, 1 MB chunks) | {raw['median']:.2f} | {raw['p95']:.2f} | "
        f"{ms(raw['first_row']['median'])} (first row) | | |",
        f"| raw COPY (psql -c > /dev/null, wall) | {psql['median']:.2f} | {psql['p95']:.2f} | | | |",
        f"| GET /api/v1/appeals/export.geojson | {ours['median']:.2f} | {ours['p95']:.2f} | "
        f"{ms(ours['first_byte']['median'])} (first feature {ms(ours['first_feature']['median'])}) | "
        f"first byte ≤ 100 ms | {goal(ours['first_byte']['p95'] <= 0.1)} |",
        f"| export / raw COPY (psycopg) | {ratio:.2f} | | | ≤ 1.3 | {goal(ratio <= 1.3)} |",
        f"| gunicorn worker peak RSS | {peak:.0f} MB | | | ≤ 150 MB | {goal(peak <= 150)} |",
        f"| — of which before the export (warm worker) | {max(mem['workers_rss_before_mb'].values()):.0f} MB"
        " | | | | |",
        f"| — growth during the export | {mem['growth_over_before_mb']:.1f} MB | | | | |",
        f"| — peak PSS (shared pages split) | {mem['peak_pss_mb']:.0f} MB | | | | |",
    ]


def wrk_row(name: str, run: dict) -> str:
    lat = run["latency_ms"]
    other = {k: v for k, v in run["statuses"].items() if not 200 <= int(k) < 300}
    return (
        f"| {name} | {run['ok_per_s']:,.1f} | {lat['p50']:.1f} | {lat['p95']:.1f} | {lat['p99']:.1f} | "
        f"{run['ok']:,} | {other or ''} |"
    )


WRK_HEAD = [
    "| target | ok req/s | p50 ms | p95 ms | p99 ms | ok responses | other statuses |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
]


def create(part: dict) -> list[str]:
    rate = part["created_per_s"]
    return [
        *WRK_HEAD,
        wrk_row(f"POST /api/v1/appeals ({part['wrk']['connections']} clients)", part["wrk"]),
        "",
        f"created/s {rate:,.1f} (goal ≥ 200: {goal(rate >= 200)}); rows written {part['rows_written']:,} "
        f"for {part['responses_201']:,} answers 201",
        *receipts(part),
    ]


def receipts(part: dict) -> list[str]:
    if "receipts" not in part:
        return []
    now, later = part["receipts"], part["receipts_later"]
    return [
        "",
        f"receipt e-mails done (AppealEvent.notified_at) at the end of the load: {now['done']:,} of "
        f"{now['events']:,}; {part['receipts_wait_s']:.0f} s later (waited for them, up to 180 s, so that "
        f"the next parts do not share the cores with the worker): {later['done']:,}",
    ]


def paging(part: dict) -> list[str]:
    ours = part["rows"]["geoportal /ogc"]
    p95 = ours["latency_ms"]["p95"]
    line = f"p95 {p95:.1f} ms (goal ≤ 15: {goal(p95 <= 15)})"
    ratio = part.get("ratio ours / tipg (req/s)")
    if ratio is not None:
        line += f"; ours / tipg {ratio:.2f}× (goal ≥ 5: {goal(ratio >= 5)})"
    return [*WRK_HEAD, *(wrk_row(name, run) for name, run in part["rows"].items()), "", line]


def tiles(part: dict) -> list[str]:
    lines = [*WRK_HEAD, *(wrk_row(name, run) for name, run in part["rows"].items())]
    raw = part["raw ST_AsMVT (psycopg, each tile once)"]
    lines.append(
        f"| raw ST_AsMVT, one at a time | {1 / raw['median']:,.1f} (1 client) | {ms(raw['median'])} | "
        f"{ms(raw['p95'])} | | | |"
    )
    ours = part["rows"]["geoportal"]
    ratio = part.get("ratio ours / tipg (req/s)")
    lines += [
        "",
        f"{part['tiles']} tiles at z{part['zoom']}; p95 {ours['latency_ms']['p95']:.1f} ms "
        f"(goal ≤ 25: {goal(ours['latency_ms']['p95'] <= 25)})"
        + (f"; ours / tipg {ratio:.2f}× (goal ≥ 2.5: {goal(ratio >= 2.5)})" if ratio is not None else "")
        + f"; every feature in ours: {goal(part['geoportal has every feature'])} "
        f"({part.get('geoportal appeals counted', 0):,} of {part.get('public issues', 0):,} public issues "
        "drawn or counted over the tiles)",
        "",
        "| tile | public appeals (tipg's table) | of them issues (our collection) | geoportal features "
        "| geoportal appeals drawn or counted | tipg features |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(part["features"], key=lambda r: -r["public_appeals"]):
        tipg = row["tipg"]["inside"] if "tipg" in row else None
        lines.append(
            f"| {row['tile']} | {row['public_appeals']:,} | {row['public_issues']:,} | "
            f"{row['geoportal']['inside']:,} | {row['geoportal'].get('appeals', 0):,} | "
            f"{'—' if tipg is None else f'{tipg:,}'} |"
        )
    return lines


def basemap(part: dict) -> list[str]:
    lines = [
        "| zoom | tiles | median bytes | median ms a tile | p95 ms |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for z, row in part["zooms"].items():
        lines.append(
            f"| {z} | {row['tiles']} | {row['bytes_median']:,} | {ms(row['median'])} | {ms(row['p95'])} |"
        )
    lines += ["", *WRK_HEAD, wrk_row("all of them, 4 clients", part["4 clients"])]
    return lines


SECTIONS = {
    "pages": ("(a)/(d) 10,000 features: GET …?limit=10000", pages),
    "export": ("(b) streaming export of every public appeal", export),
    "create": ("(c) appeal creations under load", create),
    "paging": ("(d) OGC paging, items?limit=100&bbox=…, 4 clients", paging),
    "tiles": ("(d) random z14 appeal tiles, 4 clients", tiles),
    "basemap": ("(d) basemap tiles of the town centre, z12–z16", basemap),
}


def markdown(results: dict) -> str:
    m = results["machine"]
    out = [
        f"# Bench {results['started']}",
        "",
        f"{m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']} GB, {m['psql']}, Python {m['python']}; "
        f"settings {results['settings']}",
    ]
    for name, part in results["parts"].items():
        title, render = SECTIONS[name]
        out += ["", f"## {title}", ""]
        if "skipped" in part:
            out.append(f"skipped: {part['skipped']}")
            continue
        out += render(part)
        out += [
            "",
            f"load average before {part.get('load_before')}, after {part.get('load_after')}; "
            f"{part['seconds']} s",
        ]
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
