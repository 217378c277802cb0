"""Deterministic k-means (Lloyd's algorithm with k-means++ seeding) on planar points: pure numpy, no database.

Used to place the centres of the demo districts over building centroids given in metres (UTM 37N).
"""

import numpy as np


def kmeans(points: np.ndarray, *, k: int, seed: int, max_iter: int = 100) -> np.ndarray:
    """Centres (k × 2) of `points` (n × 2, metres), sorted north to south, then west to east.

    The input is sorted first, so the result depends only on the set of points and the seed, never on
    the order the database returned them in. Raises ValueError when there are fewer distinct points than k.
    """
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must be an n × 2 array, got shape {points.shape}")
    pts = np.unique(points, axis=0)  # sorted and de-duplicated: order-independent
    if len(pts) < k:
        raise ValueError(f"k-means needs at least {k} distinct points, got {len(pts)}")
    rng = np.random.default_rng(seed)
    centres = _kmeans_pp(pts, k=k, rng=rng)
    for _ in range(max_iter):
        labels = _nearest(pts, centres)
        moved = np.array(
            [pts[labels == j].mean(axis=0) if np.any(labels == j) else centres[j] for j in range(k)]
        )
        if np.allclose(moved, centres, atol=1e-3):  # millimetres
            centres = moved
            break
        centres = moved
    order = np.lexsort((centres[:, 0], -centres[:, 1]))
    return centres[order]


def assign(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Index of the nearest centre for every point (n,)."""
    return _nearest(points, centres)


def _nearest(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    d2 = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


def _kmeans_pp(points: np.ndarray, *, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: each next centre drawn with probability proportional to the squared distance."""
    centres = [points[rng.integers(len(points))]]
    d2 = ((points - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        nxt = points[rng.choice(len(points), p=d2 / d2.sum())]
        centres.append(nxt)
        d2 = np.minimum(d2, ((points - nxt) ** 2).sum(axis=1))
    return np.array(centres, dtype=float)
