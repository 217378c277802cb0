"""Named colour ramps for single-band rasters, and the pure maths that paints a band with one. No I/O.

A ramp is a list of (position 0..1, (r, g, b)) anchors, interpolated linearly into a 256-entry table.
Values are rescaled by the band's (min, max) to 0..255; invalid pixels (nodata, outside the raster) get
alpha 0.
"""

import numpy as np

Anchor = tuple[float, tuple[int, int, int]]

# viridis: matplotlib's perceptually uniform ramp, sampled at five points (blue-violet → green → yellow).
# terrain: a hypsometric ramp for elevation (green lowlands → tan → brown → white peaks).
# greys: black (min) → white (max).
RAMPS: dict[str, list[Anchor]] = {
    "viridis": [
        (0.0, (68, 1, 84)),
        (0.25, (59, 82, 139)),
        (0.5, (33, 145, 140)),
        (0.75, (94, 201, 98)),
        (1.0, (253, 231, 37)),
    ],
    "terrain": [
        (0.0, (0, 97, 71)),
        (0.2, (16, 122, 47)),
        (0.45, (232, 215, 125)),
        (0.7, (161, 67, 0)),
        (0.88, (130, 30, 30)),
        (1.0, (255, 255, 255)),
    ],
    "greys": [(0.0, (0, 0, 0)), (1.0, (255, 255, 255))],
}
DEFAULT_RAMP = "viridis"


def ramp_table(name: str) -> np.ndarray:
    """The (256, 3) uint8 table of ramp `name`. Raises KeyError for an unknown name."""
    anchors = RAMPS[name]
    positions = np.array([p for p, _ in anchors]) * 255.0
    colours = np.array([c for _, c in anchors], dtype="float64")
    steps = np.arange(256, dtype="float64")
    channels = [np.interp(steps, positions, colours[:, i]) for i in range(3)]
    return np.rint(np.stack(channels, axis=1)).astype("uint8")


def to_byte(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """`values` rescaled linearly so that vmin → 0 and vmax → 255, clipped, uint8.

    A flat band (vmax <= vmin) maps every value to 0. NaN maps to 0 (callers mask it anyway).
    """
    if not vmax > vmin:
        return np.zeros(values.shape, dtype="uint8")
    scaled = (values.astype("float64") - vmin) * (255.0 / (vmax - vmin))
    scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    return np.rint(np.clip(scaled, 0.0, 255.0)).astype("uint8")


def paint_band(values: np.ndarray, valid: np.ndarray, *, vmin: float, vmax: float, ramp: str) -> np.ndarray:
    """A (4, h, w) uint8 RGBA image of one band (h, w) through `ramp`; alpha 0 where `valid` is False."""
    table = ramp_table(ramp)
    rgb = table[to_byte(values, vmin, vmax)]  # (h, w, 3)
    alpha = np.where(valid, 255, 0).astype("uint8")
    return np.concatenate([np.moveaxis(rgb, 2, 0), alpha[np.newaxis]], axis=0)


def paint_rgb(
    bands: np.ndarray, valid: np.ndarray, *, ranges: list[tuple[float, float]] | None
) -> np.ndarray:
    """A (4, h, w) uint8 RGBA image of three bands (3, h, w); alpha 0 where `valid` is False.

    ranges: per-band (min, max) to rescale to 0..255, or None when the bands are bytes already.
    """
    if ranges is None:
        rgb = bands.astype("uint8")
    else:
        rgb = np.stack([to_byte(band, lo, hi) for band, (lo, hi) in zip(bands, ranges, strict=True)])
    alpha = np.where(valid, 255, 0).astype("uint8")
    return np.concatenate([rgb, alpha[np.newaxis]], axis=0)
