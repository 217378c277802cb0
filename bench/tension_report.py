"""Markdown tables of a bench/tension_bench.py result.

.venv/bin/python bench/tension_report.py bench/results/tension-<date>.json
"""

import json
import sys

from report import goal, ms

GOALS = {"cat90": 0.050, "all": 0.250}  # p95 of the hexes, seconds
RAW_RATIO_GOAL = 1.3
PIPELINE_GOAL = 10.0
TILE_MS, TILE_BYTES = 100.0, 500_000


def heatmap_table(result: dict) -> list[str]:
    lines = [
        "| query | features | API p50 ms | API p95 ms | raw SQL p50 ms | raw p95 ms | API ÷ raw (p50) | "
        "hotspots p50 ms | hotspots p95 ms | p95 goal | ÷ raw goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, h in result.get("heatmap", {}).items():
        ratio = h["api"]["median"] / h["raw"]["median"]
        hot = h["hotspots"] or {}
        lines.append(
            f"| {name} | {h['features']} | {ms(h['api']['median'])} | {ms(h['api']['p95'])} | "
            f"{ms(h['raw']['median'])} | {ms(h['raw']['p95'])} | {ratio:.2f} | {ms(hot.get('median'))} | "
            f"{ms(hot.get('p95'))} | ≤ {GOALS[name] * 1000:.0f}: {goal(h['api']['p95'] <= GOALS[name])} | "
            f"≤ {RAW_RATIO_GOAL}: {goal(ratio <= RAW_RATIO_GOAL)} |"
        )
    return lines


def pipeline_table(result: dict) -> list[str]:
    lines = [
        "| query | rows read | read s | h3-py s | pandas s | esda s | total s (p50) | "
        "API hexes + hotspots s | pipeline ÷ API | goal ≥ 10 | check |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, p in result.get("pipeline", {}).items():
        h = result["heatmap"][name]
        api = h["api"]["median"] + (h["hotspots"] or {}).get("median", 0.0)
        s = {k: v["median"] for k, v in p["seconds"].items()}
        ratio = s["total"] / api
        c = p["check"]
        (n_ours, n_theirs), (t_ours, t_theirs) = c["count_total"], c["t_total"]
        check = (
            f"appeals {n_ours:,} / {n_theirs:,}, ΣT rel. diff {abs(t_ours - t_theirs) / t_ours:.0e}; "
            f"{c['moved_points']:,} points in another cell; max Δz {c['max_z_diff'] or 0:.2f}"
        )
        lines.append(
            f"| {name} | {p['rows']:,} | {s['read']:.2f} | {s['h3']:.2f} | {s['pandas']:.2f} | "
            f"{s['esda']:.2f} | {s['total']:.2f} | {api:.3f} | {ratio:.1f} | "
            f"{goal(ratio >= PIPELINE_GOAL)} | {check} |"
        )
    return lines


def counted(entry: dict, expected: int | None) -> str:
    if "appeals_counted" not in entry:
        return "—"
    n = entry["appeals_counted"]
    return f"{n:,}" + ("" if n == expected else f" of {expected:,} **dropped**")


def tiles_table(result: dict) -> list[str]:
    tiles = result.get("tiles", {})
    expected = tiles.get("public_issues")
    lines = []
    for layer in ("appeals", "tension"):
        zooms = tiles.get(layer)
        if not zooms:
            continue
        if "skipped" in zooms:
            lines += [f"{layer} tiles: skipped — {zooms['skipped']}", ""]
            continue
        lines += [
            f"| `/tiles/{layer}/…` | covering / fetched | slowest tile | first ms | p50 ms | p95 ms | "
            "bytes | "
            "largest tile | bytes | p50 ms | p95 ms | appeals in the tiles | goal |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for z, e in sorted(zooms.items(), key=lambda kv: int(kv[0])):
            slow, big = e["slowest"], e["largest"]
            ok = (
                max(slow["p95"], big["p95"]) * 1000 <= TILE_MS
                and big["bytes"] <= TILE_BYTES
                and e.get("appeals_counted", expected) == expected
            )
            lines.append(
                f"| z{z} | {e['covering']} / {e['fetched']} | {slow['tile']} | {ms(slow.get('first_s'))} | "
                f"{ms(slow['median'])} | "
                f"{ms(slow['p95'])} | {slow['bytes']:,} | {big['tile']} | {big['bytes']:,} | "
                f"{ms(big['median'])} | {ms(big['p95'])} | {counted(e, expected)} | {goal(ok)} |"
            )
        lines.append("")
    return lines


def report(result: dict) -> str:
    head = [
        f"Run {result['started']}, load average before {result['load_before']}, after "
        f"{result.get('load_after')}; category {result['queries']['category']}.",
        "",
    ]
    return "\n".join(
        head + heatmap_table(result) + [""] + pipeline_table(result) + [""] + tiles_table(result)
    )


if __name__ == "__main__":
    print(report(json.loads(open(sys.argv[1]).read())))
