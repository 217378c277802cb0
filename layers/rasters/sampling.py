"""Read pixel values from a COG (rasterio): every band at a point, and statistics over zones.

Points and zones arrive in EPSG:4326 (lon, lat) and are transformed to the raster's CRS here. A zone
counts the pixels whose centre lies inside it (rasterio geometry_mask, all_touched=False), read only over
the window of the zone; nodata, masked and non-finite pixels are left out. The maths is layers.rasters.stats.
"""

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _
from rasterio.errors import WindowError
from rasterio.features import geometry_mask, geometry_window
from rasterio.warp import transform as transform_points
from rasterio.warp import transform_geom
from rasterio.windows import Window

from geoportal.errors import ValidationFailed
from layers.rasters.cog import GDAL_ERRORS, WGS84, open_geotiff
from layers.rasters.stats import EMPTY, BandStats, band_stats, valid_pixels

# Pixels of one zone's window read at once (per band). A larger zone is read from the first overview that
# brings it under the limit (its statistics then describe averaged pixels, and `factor` says so).
MAX_ZONE_PIXELS = 16_000_000


@dataclass(frozen=True)
class PointSample:
    """The pixel under a point: its centre's position in the raster CRS, row / col, and a value per band
    (None for nodata)."""

    x: float
    y: float
    row: int
    col: int
    values: list[float | int | None]


@dataclass(frozen=True)
class ZoneStats:
    """Statistics per band over one zone. factor: 1 at full resolution, else the overview's decimation."""

    factor: int
    bands: list[BandStats]


def python_number(value: np.generic) -> float | int:
    """A JSON-friendly number: ints stay ints, float32 gets its shortest decimal form (123.4, not
    123.40000152587891)."""
    if np.issubdtype(value.dtype, np.integer):
        return int(value)
    if value.dtype == np.float32:
        return float(str(value))
    return float(value)


def sample_point(path: Path, *, lon: float, lat: float) -> PointSample | None:
    """Every band of the raster at `path` at the point (lon, lat), EPSG:4326; None when the point falls
    outside the raster."""
    with open_geotiff(path) as src:
        try:
            xs, ys = transform_points(WGS84, src.crs, [lon], [lat])
        except GDAL_ERRORS:
            return None
        x, y = xs[0], ys[0]
        if not (np.isfinite(x) and np.isfinite(y)):
            return None
        row, col = src.index(x, y)
        if not (0 <= row < src.height and 0 <= col < src.width):
            return None
        pixel = src.read(window=Window(col, row, 1, 1), masked=True)
        values = []
        for band in pixel:
            value = band[0, 0]
            if value is np.ma.masked or not np.isfinite(value):
                values.append(None)
            else:
                values.append(python_number(band.data[0, 0]))
        centre_x, centre_y = src.xy(row, col)
        return PointSample(x=float(centre_x), y=float(centre_y), row=int(row), col=int(col), values=values)


def zone_stats(path: Path, zones: Sequence[dict]) -> list[ZoneStats]:
    """min / max / mean / count per band for each zone, a GeoJSON (Multi)Polygon in EPSG:4326.

    A zone that misses the raster, or holds no pixel centre, has count 0. Raises ValidationFailed when a
    zone is too large even for the coarsest overview (MAX_ZONE_PIXELS).
    """
    with ExitStack() as stack:
        full = stack.enter_context(open_geotiff(path))
        levels = {1: full}
        factors = full.overviews(1)
        results = []
        for zone in zones:
            geom = transform_geom(WGS84, full.crs, zone)
            try:
                window = geometry_window(full, [geom])
            except WindowError:
                results.append(ZoneStats(factor=1, bands=[EMPTY] * full.count))
                continue
            factor = _factor_for(window, factors)
            if factor not in levels:
                level = factors.index(factor)
                levels[factor] = stack.enter_context(open_geotiff(path, overview_level=level))
            results.append(ZoneStats(factor=factor, bands=_stats_in(levels[factor], geom)))
        return results


def _factor_for(window: Window, factors: list[int]) -> int:
    pixels = window.width * window.height
    for factor in [1, *factors]:
        if pixels / (factor * factor) <= MAX_ZONE_PIXELS:
            return factor
    raise ValidationFailed(
        _("The zone covers %(pixels)d pixels of this raster, more than it can read at once (%(max)d).")
        % {"pixels": pixels, "max": MAX_ZONE_PIXELS},
        field="geometry",
    )


def _stats_in(src, geom: dict) -> list[BandStats]:
    """Per-band statistics of the pixels of `src` whose centre lies in `geom` (the raster's CRS)."""
    try:
        window = geometry_window(src, [geom])
    except WindowError:
        return [EMPTY] * src.count
    if window.width < 1 or window.height < 1:
        return [EMPTY] * src.count
    shape = (int(window.height), int(window.width))
    inside = geometry_mask([geom], out_shape=shape, transform=src.window_transform(window), invert=True)
    block = src.read(window=window, masked=True)
    out = []
    for band in block:
        valid = inside & valid_pixels(band.data, mask=np.ma.getmaskarray(band))
        out.append(band_stats(band.data, valid))
    return out
