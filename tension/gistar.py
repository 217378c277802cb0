"""Getis-Ord Gi* hotspots over H3 hexagons in closed form (numpy only; pure, no database).

Neighbours are the k-ring(1) of a cell (h3 `grid_disk(cell, 1)`: itself and its 6 — 5 at a pentagon —
neighbours) that lie inside the study area, with binary weights and the cell's own weight 1. That is
PySAL esda `G_Local(y, w, transform="B", star=True)`, the textbook Gi* (Getis & Ord 1995; ArcGIS "Hot
Spot Analysis"), and it agrees with esda to ~1e-14 (tests/tension/test_gistar.py). esda's *default*
transform is "R" (row-standardised), whose z-score reduces to (local mean − global mean) / global sd:
it ignores how many cells the local mean is taken over, so with 7-cell rings it is ~2.6× smaller than
the Gi* z and |z| > 1.96 would almost never fire. `gi_star_z(..., transform="R")` reproduces it for the
record; the product uses "B".

Study area: the k-ring(1) closure of the cells with a non-zero value — every such cell and each of its
neighbours, the neighbours counting as zeros. Every non-empty cell so gets its full ring, the empty land
around activity counts as "nothing happened here", and the far countryside of a large municipality does
not dilute the mean (the result would otherwise depend on how much empty land the boundary holds). The
study area never depends on a request's bbox: a bbox only chooses which results are shown.

p-value: two-sided under the normal approximation, p = erfc(|z| / √2) — twice esda's one-sided `p_norm`.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import h3.api.basic_int as h3
import numpy as np


class HotspotClass(StrEnum):
    HOT = "hot"
    COLD = "cold"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Hotspot:
    z: float
    p: float
    cls: HotspotClass


def study_area(cells: Iterable[int]) -> np.ndarray:
    """Sorted int64 array of the k-ring(1) closure of `cells` (H3 cells as ints, one resolution)."""
    area: set[int] = set()
    for cell in cells:
        area.update(h3.grid_disk(cell, 1))
    return np.array(sorted(area), dtype=np.int64)


def ring_pairs(area: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, col) index pairs of `area` (sorted) such that col is in row's k-ring(1), itself included."""
    cells = area.tolist()
    position = {cell: i for i, cell in enumerate(cells)}
    rows: list[int] = []
    cols: list[int] = []
    for i, cell in enumerate(cells):
        for neighbour in h3.grid_disk(cell, 1):
            j = position.get(neighbour)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)


def gi_star_z(
    y: np.ndarray, rows: np.ndarray, cols: np.ndarray, *, transform: Literal["B", "R"] = "B"
) -> np.ndarray:
    """Gi* z-scores of `y` with the neighbour pairs (rows, cols), self-pairs included, as esda computes them.

    transform "B": binary weights; "R": each row scaled to sum 1. Returns zeros when y is constant
    (no variance: nothing stands out), including the all-zero case.
    """
    y = np.asarray(y, dtype=np.float64)
    n = y.size
    if n < 2:
        return np.zeros(n)
    weights = np.ones(rows.size)
    if transform == "R":
        weights = weights / np.bincount(rows, minlength=n)[rows]
    lag = np.bincount(rows, weights=weights * y[cols], minlength=n)
    card = np.bincount(rows, weights=weights, minlength=n)
    mean = y.mean()
    variance = (y * y).mean() - mean * mean
    if variance <= 1e-12 * max(mean * mean, 1e-300):
        return np.zeros(n)
    spread = np.sqrt(variance * card * (n - card) / (n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lag - card * mean) / spread
    # A row whose ring is the whole study area (card == n) has no spread: it cannot stand out.
    return np.where(spread > 0, z, 0.0)


def p_two_sided(z: float) -> float:
    """Two-sided normal p-value of a z-score."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def classify(z: float, *, z_threshold: float) -> HotspotClass:
    """hot when z > threshold, cold when z < −threshold, none otherwise."""
    if z > z_threshold:
        return HotspotClass.HOT
    if z < -z_threshold:
        return HotspotClass.COLD
    return HotspotClass.NONE


def hotspots(values: Mapping[int, float], *, z_threshold: float) -> dict[int, Hotspot]:
    """Gi* of every cell of the study area of `values` (H3 cell int → value ≥ 0; absent cells are 0).

    Returns cell → Hotspot(z, two-sided p, class) for the k-ring(1) closure of the non-zero cells.
    """
    area = study_area(cell for cell, value in values.items() if value)
    if area.size == 0:
        return {}
    y = np.array([values.get(cell, 0.0) for cell in area.tolist()], dtype=np.float64)
    rows, cols = ring_pairs(area)
    z = gi_star_z(y, rows, cols)
    result = {}
    for cell, zi in zip(area.tolist(), z.tolist(), strict=True):
        result[cell] = Hotspot(z=zi, p=p_two_sided(zi), cls=classify(zi, z_threshold=z_threshold))
    return result
