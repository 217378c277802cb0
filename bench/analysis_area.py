"""Timing of POST /api/v1/analysis/area for every district, ТОС and the municipality of the dev database.

Not a test. Read-only: nothing is written. Run from the repository root:

    DATABASE_URL=postgis://postgres@127.0.0.1:5433/geoportal \
        .venv/bin/python bench/analysis_area.py [--runs 15]

For each area: the whole request in-process through django.test.Client (view, checks, the SQL of
layers/sql/analysis_*.sql, JSON rendering; anonymous, so public appeals), `BENCH_RUNS` times after one
untimed warm-up, median and p95 by nearest rank; then the selector as staff (all appeals); then each SQL
statement alone, with the transaction-local settings the selector uses (jit off, no parallel workers) and
with the server defaults, to show why they are set. Prints Markdown tables.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoportal.settings")
os.environ.setdefault("DATABASE_URL", "postgis://postgres@127.0.0.1:5433/geoportal")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES  # noqa: E402
from geoportal.db import fetch_dicts, sql_file  # noqa: E402
from layers.analysis.params import AnalysisRequest  # noqa: E402
from layers.analysis.selectors import area_analysis  # noqa: E402

# PostgreSQL's own defaults, which the geoportal's connections turn off (geoportal/settings.py).
UNTUNED_SQL = "SET LOCAL jit = on; SET LOCAL max_parallel_workers_per_gather = 2"
from layers.models import AdminArea  # noqa: E402

SECTIONS = ("analysis_appeals", "analysis_properties", "analysis_assets")
# has_role() treats a superuser as holding every role: staff without writing a user to the database.
STAFF = SimpleNamespace(is_authenticated=True, is_superuser=True, pk=0)


def summary_ms(seconds: list[float]) -> tuple[float, float]:
    """(median, p95 by nearest rank) in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def ms_list(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in values)


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up: imports, catalog caches, the first plan
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def api_call(client: Client, area_id: int) -> dict:
    response = client.post("/api/v1/analysis/area", {"area": area_id}, content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def section_times(area: AdminArea, runs: int, *, tuned: bool) -> list[float]:
    """Median ms of each section's SQL alone; `tuned` = as the geoportal's connections plan it, else with
    PostgreSQL's defaults (JIT, two parallel workers)."""
    params = {
        "zone": area.geom.hexewkb.decode(),
        "hidden": sorted(HIDDEN_STATUSES),
        "open": sorted(OPEN_STATUSES),
        "now": timezone.now(),
    }
    medians = []
    with transaction.atomic():
        if not tuned:
            with connection.cursor() as cursor:
                cursor.execute(UNTUNED_SQL)
        for name in SECTIONS:
            sql = sql_file("layers", name)
            medians.append(summary_ms(timed(lambda sql=sql: fetch_dicts(sql, params), runs))[0])
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "15")))
    args = parser.parse_args()
    kinds = [AdminArea.Kind.MUNICIPALITY, AdminArea.Kind.DISTRICT, AdminArea.Kind.TOS]
    areas = sorted(AdminArea.objects.filter(kind__in=kinds), key=lambda a: (kinds.index(a.kind), a.name))
    if not areas:
        sys.exit("No municipality, district or ТОС in the database: load the demo town first (make demo).")
    client = Client()

    print(f"runs per figure: {args.runs}; database: {os.environ['DATABASE_URL']}\n")
    columns = ["area", "kind", "km²", "buildings", "public appeals", "road km", "API median ms", "API p95 ms"]
    print("| " + " | ".join([*columns, "staff median ms"]) + " |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for area in areas:
        body = api_call(client, area.pk)
        api_median, api_p95 = summary_ms(timed(lambda area=area: api_call(client, area.pk), args.runs))
        staff_request = AnalysisRequest(area_id=area.pk)
        staff_median, _ = summary_ms(
            timed(lambda r=staff_request: area_analysis(request=r, user=STAFF), args.runs)
        )
        roads = next((k["length_m"] for k in body["assets"]["by_kind"] if k["kind"] == "road"), 0) or 0
        cells = [
            area.name,
            area.kind,
            f"{body['area']['area_km2']:.2f}",
            body["properties"]["buildings"]["count"],
            body["appeals"]["total"]["count"],
            f"{roads / 1000:.1f}",
            f"{api_median:.0f}",
            f"{api_p95:.0f}",
            f"{staff_median:.0f}",
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")

    print("\nEach SQL statement alone, median ms (appeals / properties / assets):\n")
    print("| area | jit off, no parallel workers (as served) | server defaults |")
    print("|---|---|---|")
    for area in areas:
        if area.kind == AdminArea.Kind.TOS:
            continue
        tuned = section_times(area, args.runs, tuned=True)
        default = section_times(area, args.runs, tuned=False)
        print(f"| {area.name} | {ms_list(tuned)} | {ms_list(default)} |")


if __name__ == "__main__":
    main()
