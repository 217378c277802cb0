"""Check an uploaded GeoTIFF and turn it into a Cloud-Optimised GeoTIFF with internal overviews (rasterio).

Uploads are opened with the GTiff driver only (never GDAL's full list: a VRT or another format could make
GDAL read other files) and without listing the file's folder. Every problem is a ValidationFailed on the
field "file" whose message says what is wrong and what to do.

The COG keeps the source's CRS, bands, data type and nodata: 512 × 512 blocks, DEFLATE with a predictor,
and overviews halving until the larger side is at most one tile (256 px).
"""

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
import rasterio.shutil
from django.utils.translation import gettext as _
from rasterio._err import CPLE_BaseError
from rasterio.enums import Resampling
from rasterio.errors import NotGeoreferencedWarning, RasterioError
from rasterio.io import DatasetReader
from rasterio.transform import xy
from rasterio.warp import transform as transform_points

from geoportal.errors import ValidationFailed
from layers.rasters.stats import EMPTY, BandStats, band_stats, valid_pixels
from layers.rasters.tilegrid import overview_count

# GDAL's own errors (a block that cannot be read, a CRS that cannot be transformed) derive from
# CPLE_BaseError, which rasterio does not re-export.
GDAL_ERRORS = (RasterioError, CPLE_BaseError)
TIFF_SIGNATURES = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")  # classic and BigTIFF, both byte orders
BLOCK_SIZE = 512
RESAMPLINGS = ("average", "nearest", "mode", "bilinear", "cubic")
# A small compressed file may declare a huge raster (a "TIFF bomb"); refuse what would decompress past this.
MAX_UNCOMPRESSED_BYTES = 8 << 30
FOOTPRINT_STEPS = 16  # points per side of the footprint, so that curved edges in EPSG:4326 stay close
WGS84 = "EPSG:4326"
_WKT_NAME = re.compile(r'^\w+\["([^"]*)"')


@dataclass(frozen=True)
class RasterInfo:
    """What an upload holds. crs: "EPSG:32637", or the CRS's name when it has no authority code."""

    crs: str
    band_count: int
    dtype: str
    nodata: float | None
    width: int
    height: int


def _invalid(message: str) -> ValidationFailed:
    return ValidationFailed(message, field="file")


@contextmanager
def open_geotiff(path: Path | str, **kwargs) -> Iterator[DatasetReader]:
    """Open a GeoTIFF for reading with the GTiff driver only, without listing its folder for side files.

    kwargs go to rasterio.open (e.g. overview_level). Raises rasterio / GDAL errors as they come.
    """
    with (
        rasterio.Env(GDAL_DISABLE_READDIR_ON_OPEN="EMPTY_DIR"),
        rasterio.open(path, driver="GTiff", **kwargs) as dataset,
    ):
        yield dataset


def is_tiff(head: bytes) -> bool:
    """True when `head` (the first bytes of a file) starts like a TIFF or BigTIFF."""
    return head[:4] in TIFF_SIGNATURES


def gdal_detail(exc: Exception, path: Path) -> str:
    """GDAL's message without the server-side folder of the file (uploads live in a temp folder)."""
    return str(exc).replace(str(path), path.name)


def crs_label(crs) -> str:
    """ "EPSG:32637" for a CRS with an authority code, else its WKT name, at most 64 characters."""
    authority = crs.to_authority()
    if authority:
        return f"{authority[0]}:{authority[1]}"
    match = _WKT_NAME.match(crs.to_wkt())
    return (match.group(1) if match else "")[:64]


def probe(path: Path) -> RasterInfo:
    """Check that `path` is a readable, georeferenced GeoTIFF; say what it holds. Raises ValidationFailed."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if not is_tiff(head):
        raise _invalid(_("The file is not a GeoTIFF (a TIFF file starts with II* or MM*)."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)  # reported below, in words
            with open_geotiff(path) as src:
                return _info(src)
    except GDAL_ERRORS as exc:
        raise _invalid(
            _("The GeoTIFF cannot be read: %(error)s") % {"error": gdal_detail(exc, path)}
        ) from exc


def _info(src) -> RasterInfo:
    if src.crs is None or src.transform.is_identity:
        if src.gcps[0]:
            message = _(
                "The GeoTIFF has only ground control points; warp it to a map grid first "
                "(gdalwarp -t_srs EPSG:32637 in.tif out.tif)."
            )
        elif src.crs is None and not src.transform.is_identity:
            message = _(
                "The GeoTIFF has no coordinate reference system; assign one "
                "(gdal_edit.py -a_srs EPSG:32637 file.tif)."
            )
        else:
            message = _("The TIFF has no georeference (no coordinate system and no geotransform).")
        raise _invalid(message)
    if any(np.issubdtype(np.dtype(dtype), np.complexfloating) for dtype in src.dtypes):
        raise _invalid(_("Complex-valued rasters are not supported."))
    size = src.width * src.height * sum(np.dtype(dtype).itemsize for dtype in src.dtypes)
    if size > MAX_UNCOMPRESSED_BYTES:
        raise _invalid(
            _("The raster is %(gib).1f GiB uncompressed; at most %(max)d GiB is accepted.")
            % {"gib": size / (1 << 30), "max": MAX_UNCOMPRESSED_BYTES >> 30}
        )
    return RasterInfo(
        crs=crs_label(src.crs),
        band_count=src.count,
        dtype=src.dtypes[0],
        nodata=src.nodata,
        width=src.width,
        height=src.height,
    )


def cog_driver_available() -> bool:
    """True when the GDAL bundled with rasterio has the COG driver (GDAL >= 3.1)."""
    with rasterio.Env() as env:
        return "COG" in env.drivers()


def write_cog(source: Path, target: Path, *, resampling: str, use_cog_driver: bool | None = None) -> None:
    """Write `source` (a probed GeoTIFF) to `target` as a COG with internal overviews.

    resampling: one of RESAMPLINGS, for the overviews ("average" for continuous data and photos,
    "nearest" / "mode" for classes). use_cog_driver None → the COG driver when GDAL has it; False forces
    the fallback (tiled GTiff, overviews built with build_overviews, copied with COPY_SRC_OVERVIEWS).
    Raises ValidationFailed when GDAL cannot read the pixels (a truncated or corrupt file); `target` may
    then be half-written and is the caller's to remove.
    """
    if use_cog_driver is None:
        use_cog_driver = cog_driver_available()
    try:
        with open_geotiff(source) as src:
            levels = overview_count(src.width, src.height)
            if use_cog_driver:
                rasterio.shutil.copy(
                    src,
                    target,
                    driver="COG",
                    BLOCKSIZE=BLOCK_SIZE,
                    COMPRESS="DEFLATE",
                    PREDICTOR="YES",
                    BIGTIFF="IF_SAFER",
                    OVERVIEWS="IGNORE_EXISTING" if levels else "NONE",
                    OVERVIEW_COUNT=levels,
                    OVERVIEW_RESAMPLING=resampling.upper(),
                )
            else:
                _write_tiled_with_overviews(src, target, levels=levels, resampling=resampling)
    except GDAL_ERRORS as exc:
        message = _("The GeoTIFF cannot be read to the end (truncated or corrupt?): %(error)s")
        raise _invalid(message % {"error": gdal_detail(exc, source)}) from exc


def _write_tiled_with_overviews(src, target: Path, *, levels: int, resampling: str) -> None:
    """The COG layout without the COG driver: a tiled copy gets overviews, then is copied with them first."""
    tiled = target.with_name(target.name + ".tiled")
    options = {
        "TILED": "YES",
        "BLOCKXSIZE": BLOCK_SIZE,
        "BLOCKYSIZE": BLOCK_SIZE,
        "COMPRESS": "DEFLATE",
        "BIGTIFF": "IF_SAFER",
    }
    try:
        rasterio.shutil.copy(src, tiled, driver="GTiff", **options)
        with rasterio.open(tiled, "r+") as staged:
            staged.build_overviews([2**i for i in range(1, levels + 1)], Resampling[resampling])
        rasterio.shutil.copy(tiled, target, driver="GTiff", COPY_SRC_OVERVIEWS="YES", **options)
    finally:
        tiled.unlink(missing_ok=True)


def cog_band_stats(path: Path) -> list[BandStats]:
    """Statistics of every band of the COG at `path`, at full resolution, block by block (bounded memory)."""
    with open_geotiff(path) as src:
        totals = [EMPTY] * src.count
        for _, window in src.block_windows(1):
            block = src.read(window=window, masked=True)
            for index in range(src.count):
                band = block[index]
                valid = valid_pixels(band.data, mask=np.ma.getmaskarray(band))
                totals[index] = totals[index].merge(band_stats(band.data, valid))
        return totals


def footprint_4326(path: Path) -> list[tuple[float, float]]:
    """The outline of the raster at `path` as a closed ring of (lon, lat) in EPSG:4326.

    Each side is cut into FOOTPRINT_STEPS points before transforming, so a UTM rectangle keeps its
    slightly curved shape. Raises ValidationFailed when the CRS cannot be transformed to WGS84.
    """
    with open_geotiff(path) as src:
        w, h = src.width, src.height
        steps = np.linspace(0.0, 1.0, FOOTPRINT_STEPS, endpoint=False)
        cols = np.concatenate([steps * w, np.full_like(steps, w), (1 - steps) * w, np.zeros_like(steps)])
        rows = np.concatenate([np.zeros_like(steps), steps * h, np.full_like(steps, h), (1 - steps) * h])
        xs, ys = xy(src.transform, rows, cols, offset="ul")  # pixel corners, not centres
        try:
            lons, lats = transform_points(src.crs, WGS84, list(xs), list(ys))
        except GDAL_ERRORS as exc:
            message = _("The raster's coordinate system cannot be transformed to WGS 84: %(error)s")
            raise _invalid(message % {"error": exc}) from exc
    ring = list(zip(lons, lats, strict=True))
    if not all(np.isfinite(v) and -180.0 <= v <= 180.0 for v in lons) or not all(
        np.isfinite(v) and -90.0 <= v <= 90.0 for v in lats
    ):
        raise _invalid(_("The raster lies outside the longitude / latitude range; is its CRS right?"))
    return [*ring, ring[0]]
