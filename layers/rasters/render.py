"""One 256 × 256 PNG tile of a COG in EPSG:3857 (rasterio WarpedVRT + Pillow).

The tile's grid is given to the WarpedVRT, and the source is opened at the overview that matches the
tile's resolution (tilegrid.overview_level): GDAL's warper does not pick overviews by itself when the
output grid is fixed. Resampling is nearest, so tiles show real pixel values (the overviews themselves are
built with the resampling chosen at upload).

One or two data bands → the first one painted with a colour ramp, rescaled by the band's (min, max);
three or more → the first three as RGB (rescaled the same way unless they are bytes). Nodata, an alpha
band and everything outside the raster are transparent.
"""

import io
from pathlib import Path

import numpy as np
from PIL import Image
from rasterio.enums import ColorInterp, MaskFlags, Resampling
from rasterio.transform import Affine
from rasterio.vrt import WarpedVRT
from rasterio.warp import transform_bounds

from layers.rasters.cog import GDAL_ERRORS, open_geotiff
from layers.rasters.ramps import paint_band, paint_rgb
from layers.rasters.stats import valid_pixels
from layers.rasters.tilegrid import TILE_SIZE, overview_level, tile_bounds_3857

WEB_MERCATOR = "EPSG:3857"
Range = tuple[float, float]


def render_tile(path: Path, *, z: int, x: int, y: int, ramp: str, ranges: list[Range]) -> bytes | None:
    """PNG bytes of tile (z, x, y) of the COG at `path`, or None when no pixel of it is visible.

    ramp: a name in layers.rasters.ramps.RAMPS (single-band rasters); ranges: (min, max) per band.
    """
    bounds = tile_bounds_3857(z, x, y)
    with open_geotiff(path) as src:
        level = _level_for(src, bounds)
    options = {} if level is None else {"overview_level": level}
    with open_geotiff(path, **options) as src:
        data_bands = [i + 1 for i, ci in enumerate(src.colorinterp) if ci != ColorInterp.alpha]
        with WarpedVRT(
            src,
            crs=WEB_MERCATOR,
            transform=_tile_transform(bounds),
            width=TILE_SIZE,
            height=TILE_SIZE,
            resampling=Resampling.nearest,
            add_alpha=not _has_mask(src),
        ) as vrt:
            visible = vrt.dataset_mask() > 0
            if not visible.any():
                return None
            if len(data_bands) >= 3:
                indexes = data_bands[:3]
                bands = vrt.read(indexes)
                bytes_already = all(src.dtypes[i - 1] == "uint8" for i in indexes)
                rgba = paint_rgb(
                    bands, visible, ranges=None if bytes_already else [ranges[i - 1] for i in indexes]
                )
            else:
                band = vrt.read(data_bands[0])
                valid = visible & valid_pixels(band, nodata=src.nodata)
                if not valid.any():
                    return None
                low, high = ranges[data_bands[0] - 1]
                rgba = paint_band(band, valid, vmin=low, vmax=high, ramp=ramp)
    return encode_png(rgba)


def _tile_transform(bounds: tuple[float, float, float, float]) -> Affine:
    """The geotransform of a TILE_SIZE-pixel square over (west, south, east, north), north up."""
    west, south, east, north = bounds
    return Affine((east - west) / TILE_SIZE, 0.0, west, 0.0, -(north - south) / TILE_SIZE, north)


def _has_mask(src) -> bool:
    """True when the source marks invalid pixels itself (nodata, an alpha band or a mask band)."""
    if src.nodata is not None:
        return True
    return any(MaskFlags.all_valid not in flags for flags in src.mask_flag_enums)


def _level_for(src, bounds: tuple[float, float, float, float]) -> int | None:
    """The overview index to read for a tile with these EPSG:3857 bounds (None: full resolution)."""
    factors = src.overviews(1)
    if not factors:
        return None
    try:
        left, bottom, right, top = transform_bounds(WEB_MERCATOR, src.crs, *bounds)
    except GDAL_ERRORS:
        return None
    res_x, res_y = src.res
    ratio = min((right - left) / TILE_SIZE / res_x, (top - bottom) / TILE_SIZE / res_y)
    if not np.isfinite(ratio):
        return None
    return overview_level(factors, ratio)


def encode_png(rgba: np.ndarray) -> bytes:
    """PNG bytes of a (4, h, w) uint8 RGBA array."""
    image = Image.fromarray(np.ascontiguousarray(np.moveaxis(rgba, 0, 2)))  # (h, w, 4) uint8 → RGBA
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
