"""The obvious pipeline that the tension API replaces (bench/tension_bench.py, issue 6).

Read the appeals of the window from PostGIS with psycopg (lon, lat, severity, created_at, due_at, status,
supports), put each point in its res-8 cell with h3-py `latlng_to_cell`, apply the formula of
tension/scoring.py with pandas (vectorised, the weights of settings.TENSION) and group by cell, then
Getis-Ord Gi* with PySAL: esda `G_Local(star=True, transform="B")` over a libpysal W of h3 k-ring(1)
neighbours, on the same study area as ours (the k-ring(1) closure of the cells with T > 0).
`permutations=0`: the analytical z and p only, as the API; esda's default of 999 permutations costs more.
"""

import time
import warnings
from dataclasses import dataclass

import h3
import numpy as np
import pandas as pd
from esda.getisord import G_Local
from libpysal.weights import W

READ_SQL = """
SELECT ST_X(a.geom), ST_Y(a.geom), c.severity, a.created_at, a.due_at, a.status, a.supports_count
FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id
WHERE a.created_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
  AND a.created_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  AND a.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
"""
COLUMNS = ["lon", "lat", "severity", "created_at", "due_at", "status", "supports"]


@dataclass
class PipelineRun:
    seconds: dict[str, float]  # read, h3, pandas, esda, total
    rows: int
    cells: pd.DataFrame  # index: h3 cell (str); columns count, t
    z: dict[str, float]  # Gi* z of every study-area cell
    points: pd.DataFrame  # lon, lat, cell, t of every counted appeal (for the checks)


def run_pipeline(conn, params: dict, *, tz: str, open_statuses: set[str]) -> PipelineRun:
    """One pass of the obvious pipeline for the window and filters of `params` (score_params)."""
    res, end = params["res"], pd.Timestamp(params["end"])
    factors = dict(zip(params["status_names"], params["status_factors"], strict=True))
    clock = {}
    t0 = time.perf_counter()
    rows = conn.execute(READ_SQL, params).fetchall()
    df = pd.DataFrame(rows, columns=COLUMNS)
    clock["read"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    df["cell"] = [h3.latlng_to_cell(lat, lon, res) for lon, lat in zip(df["lon"], df["lat"], strict=True)]
    clock["h3"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    df["factor"] = df["status"].map(factors)
    df = df[df["factor"].notna()]
    day = pd.to_datetime(df["created_at"], utc=True).dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    due = pd.to_datetime(df["due_at"], utc=True).dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    age = (end - day).dt.days.to_numpy()
    overdue = df["status"].isin(open_statuses).to_numpy() & (due < end).to_numpy()
    df = df.assign(
        t=df["severity"].to_numpy()
        * np.power(2.0, -age / params["half_life"])
        * (1.0 + np.log1p(df["supports"].to_numpy()))
        * df["factor"].to_numpy()
        * np.where(overdue, params["boost"], 1.0)
    )
    cells = df.groupby("cell").agg(count=("t", "size"), t=("t", "sum"))
    clock["pandas"] = time.perf_counter() - t2

    t3 = time.perf_counter()
    z = gi_star(cells["t"])
    clock["esda"] = time.perf_counter() - t3
    clock["total"] = time.perf_counter() - t0
    return PipelineRun(
        seconds=clock, rows=len(rows), cells=cells, z=z, points=df[["lon", "lat", "cell", "t"]]
    )


def moved_points(points: pd.DataFrame, res: int) -> int:
    """Points whose res-`res` cell (h3-py latlng_to_cell) differs from the parent of their res-15 cell — the
    API's definition (appeals store the res-15 cell; SQL h3_parent). Not timed: a check of the comparison."""
    parents = [
        h3.cell_to_parent(h3.latlng_to_cell(lat, lon, 15), res)
        for lon, lat in zip(points["lon"], points["lat"], strict=True)
    ]
    return int((points["cell"].to_numpy() != pd.Series(parents, index=points.index).to_numpy()).sum())


def gi_star(t: pd.Series) -> dict[str, float]:
    """esda Gi* z per cell of the k-ring(1) closure of the cells with T > 0 (empty neighbours: T = 0)."""
    area = sorted({n for cell in t[t > 0].index for n in h3.grid_disk(cell, 1)})
    position = {cell: i for i, cell in enumerate(area)}
    neighbours = {
        i: [position[n] for n in h3.grid_disk(cell, 1) if n != cell and n in position]
        for i, cell in enumerate(area)
    }
    y = t.reindex(area, fill_value=0.0).to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = G_Local(y, W(neighbours, silence_warnings=True), transform="B", star=True, permutations=0)
    return dict(zip(area, g.Zs.tolist(), strict=True))
