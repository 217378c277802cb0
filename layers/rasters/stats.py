"""Pure statistics of raster pixels (numpy): which pixels count, and min / max / mean / count of them.

Used for the band statistics computed once at upload (block by block, merged) and for zonal statistics.
A pixel counts when it is inside the zone, not masked by the raster (nodata, alpha) and finite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class BandStats:
    """Statistics of the valid pixels of one band. count 0 → min, max and mean are None.

    total is the sum of the values (float64), kept so that partial results merge exactly.
    """

    count: int
    min: float | None
    max: float | None
    total: float

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    def as_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "mean": self.mean, "count": self.count}

    def merge(self, other: BandStats) -> BandStats:
        """The statistics of the union of both pixel sets (blocks never overlap)."""
        if not other.count:
            return self
        if not self.count:
            return other
        return BandStats(
            count=self.count + other.count,
            min=min(self.min, other.min),
            max=max(self.max, other.max),
            total=self.total + other.total,
        )


EMPTY = BandStats(count=0, min=None, max=None, total=0.0)


def valid_pixels(values: np.ndarray, *, nodata: float | None = None, mask: np.ndarray | None = None):
    """Boolean array: True where a pixel counts — finite, not equal to `nodata`, not masked by `mask`.

    mask: True where the raster masks the pixel out (numpy masked-array convention), or None.
    """
    valid = np.isfinite(values) if np.issubdtype(values.dtype, np.floating) else np.ones(values.shape, bool)
    if nodata is not None and not np.isnan(nodata):
        valid &= values != nodata
    if mask is not None:
        valid &= ~mask
    return valid


def band_stats(values: np.ndarray, valid: np.ndarray) -> BandStats:
    """min, max, sum and count of `values` where `valid` is True (same shapes). Sums in float64."""
    chosen = values[valid]
    if chosen.size == 0:
        return EMPTY
    return BandStats(
        count=int(chosen.size),
        min=float(chosen.min()),
        max=float(chosen.max()),
        total=float(chosen.sum(dtype="float64")),
    )
