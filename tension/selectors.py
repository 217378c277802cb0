"""Reads the tension of H3 cells: scores per cell, the hexes GeoJSON and the explanation of one cell.

Resolutions up to 9 read the rollups (daily, and monthly for the whole months of appeals no longer open);
res 10 (finer than the rollups) reads the appeals. Both apply the formula of tension.scoring with the
weights of settings.TENSION, in SQL (tension/sql/cell_scores.sql). The public reads go through a short
shared cache of the scores (score_arrays).
"""

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import h3
from django.conf import settings
from django.core.cache import cache

from appeals.workflow import OPEN_STATUSES, AppealKind
from geoportal.db import fetch_bytes, fetch_dicts, fetch_value, sql_file
from tension.cells import ensure_outlines
from tension.scoring import (
    Weights,
    Window,
    appeal_contribution,
    is_overdue,
    signal_contribution,
    tension_index,
    whole_months,
)

ROLLUP_MAX_RES = 9
API_RESOLUTIONS = range(7, 11)


@dataclass(frozen=True)
class Filters:
    """What a tension query counts: the window, kinds and categories (None: all), with or without signals.

    Signals carry no category, so a category filter leaves them out.
    """

    window: Window
    kinds: Sequence[str] = (AppealKind.ISSUE.value, AppealKind.PROPOSAL.value)
    category_ids: Sequence[int] | None = None

    @property
    def signals(self) -> bool:
        return self.category_ids is None and AppealKind.ISSUE.value in self.kinds


@dataclass(frozen=True)
class CellScore:
    cell: int
    count: int
    overdue: int
    statuses: dict[str, int]
    signals: int
    t: float
    k: float | None


def scores_sql(res: int) -> str:
    """The SQL of T per cell at `res` (rows: cell, count, overdue, statuses, signals, t, k)."""
    source = sql_file("tension", "src_rollup" if res <= ROLLUP_MAX_RES else "src_appeals")
    return sql_file("tension", "cell_scores").format(source=source)


def _full_months(filters: Filters, w: Weights) -> tuple[date, date]:
    """The whole months the monthly rollup serves, or an empty range (start after end) when there are none
    or the rollup was summed with another half-life than the settings' (then the daily rollup serves all)."""
    months = whole_months(filters.window)
    if months is None or fetch_value("SELECT tension_half_life()") != float(w.half_life_days):
        return filters.window.end + timedelta(days=1), filters.window.start - timedelta(days=1)
    return months


def score_params(res: int, filters: Filters, weights: Weights | None = None) -> dict[str, Any]:
    w = weights or Weights.from_settings()
    sources = [s for s in w.signal_source_weights if s != "DEFAULT"]
    full_start, full_end = _full_months(filters, w) if res <= ROLLUP_MAX_RES else (None, None)
    return {
        "full_start": full_start,
        "full_end": full_end,
        "res": res,
        "start": filters.window.start,
        "end": filters.window.end,
        "kinds": list(filters.kinds),
        "categories": list(filters.category_ids) if filters.category_ids is not None else None,
        "open": sorted(OPEN_STATUSES),
        "status_names": list(w.status_factors),
        "status_factors": list(w.status_factors.values()),
        "half_life": w.half_life_days,
        "boost": w.overdue_boost,
        "signals": filters.signals,
        "source_names": sources,
        "source_weights": [w.signal_source_weights[s] for s in sources],
        "default_source_weight": w.source_weight("DEFAULT"),
    }


def cell_scores(res: int, filters: Filters) -> dict[int, CellScore]:
    """T and counts of every cell at `res` with an appeal or a signal in the window, keyed by cell."""
    rows = fetch_dicts(scores_sql(res), score_params(res, filters))
    return {row["cell"]: CellScore(**row) for row in rows}


def score_arrays(res: int, filters: Filters) -> dict[str, Any]:
    """Every scored cell of `res` as parallel arrays (cells, t, count, overdue, statuses, signals) and K,
    kept in the shared cache for TILE_MAX_AGE seconds: the heatmap, its tiles and a panned map reuse one
    computation (a new appeal shows after at most that long, like the tiles' own max-age). `key` and `at`
    (when it was computed) name the computation for kept_with_scores()."""
    w = filters.window
    key_text = f"{res}|{w.start}|{w.end}|{sorted(filters.kinds)}|{filters.category_ids}"
    key = "tension-scores:" + hashlib.sha1(key_text.encode()).hexdigest()
    arrays = cache.get(key)
    if arrays is None:
        scores = list(cell_scores(res, filters).values())
        arrays = {
            "cells": [s.cell for s in scores],
            "t": [s.t for s in scores],
            "count": [s.count for s in scores],
            "overdue": [s.overdue for s in scores],
            "statuses": [json.dumps(s.statuses) for s in scores],
            "signals": [s.signals for s in scores],
            "k": next((s.k for s in scores if s.k), None),
            "key": key,
            "at": time.time(),
        }
        cache.set(key, arrays, settings.GEOPORTAL["TILE_MAX_AGE"])
    return arrays


def kept_with_scores(
    name: str, sources: Sequence[dict[str, Any]], extra: str, build: Callable[[], bytes]
) -> bytes:
    """build() — an answer made from the score computations `sources` (score_arrays) and `extra` (the
    bbox) — kept in the shared cache while those computations are: its key names each of them (key and
    time), so recomputed scores make a new key and the answer is never older than the scores it shows."""
    names = "|".join(f"{a['key']}@{a['at']!r}" for a in sources)
    key = f"tension-{name}:" + hashlib.sha1(f"{names}|{extra}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, settings.GEOPORTAL["TILE_MAX_AGE"])
    return data


def cached_cell_scores(res: int, filters: Filters) -> dict[int, CellScore]:
    """cell_scores() through the shared cache of score_arrays() (for the public reads)."""
    a = score_arrays(res, filters)
    return {
        cell: CellScore(cell, count, overdue, json.loads(statuses), signals, t, a["k"])
        for cell, t, count, overdue, statuses, signals in zip(
            a["cells"], a["t"], a["count"], a["overdue"], a["statuses"], a["signals"], strict=True
        )
    }


def hexes_geojson(res: int, filters: Filters, bbox: Sequence[float] | None) -> bytes:
    """The hexagons of `res` as a GeoJSON FeatureCollection (text built by PostgreSQL), kept in the shared
    cache with the scores it shows."""
    arrays = score_arrays(res, filters)
    params = arrays | {
        "res": res,
        "start": filters.window.start,
        "end": filters.window.end,
        "bbox": list(bbox) if bbox else None,
    }

    def build() -> bytes:
        ensure_outlines()
        return fetch_bytes(sql_file("tension", "hexes_geojson"), params)

    return kept_with_scores("hexes", [arrays], repr(params["bbox"]), build)


def explain_cell(cell: int, filters: Filters) -> dict[str, Any]:
    """Why a cell scores what it scores: every appeal and signal behind T with its contribution.

    Contributions come from the pure formula (tension.scoring); their sum equals the SQL's T for the cell.
    """
    w = Weights.from_settings()
    res = h3.get_resolution(h3.int_to_str(cell))
    params = score_params(res, filters, w) | {"cell": cell}
    end = filters.window.end
    appeals = []
    for row in fetch_dicts(sql_file("tension", "cell_appeals"), params):
        contribution = appeal_contribution(
            w,
            severity=row["severity"],
            day=row["day"],
            ref_day=end,
            supports=row["supports"],
            status=row["status"],
            due_day=row["due_day"],
        )
        appeals.append(
            row | {"overdue": is_overdue(row["status"], row["due_day"], end), "contribution": contribution}
        )
    signals = []
    if filters.signals:
        for row in fetch_dicts(sql_file("tension", "cell_signals"), params):
            share = signal_contribution(
                w, weight=row["weight"], source=row["source"], day=row["day"], ref_day=end, cells=row["cells"]
            )
            signals.append(row | {"contribution": share * row["inside"]})
    t = sum(a["contribution"] for a in appeals) + sum(s["contribution"] for s in signals)
    k = next(iter(cell_scores(res, filters).values()), None)
    median = k.k if k else None
    return {
        "h3": f"{cell:x}",
        "res": res,
        "t": t,
        "k": median,
        "index": tension_index(t, median or 0.0),
        "appeals": appeals,
        "signals": signals,
    }
