"""Every read of rasters: the catalogue, one raster, its band statistics, a tile, a point value, zones.

Internal rasters exist only for users who can see internal data (geoportal.roles.can_see_internal): to
anyone else they are 404, in the API and in the tiles alike. Coordinates in and out are EPSG:4326
(lon, lat) unless a name says otherwise.
"""

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.contrib.gis.geos import Polygon
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from geoportal.errors import NotFound, ValidationFailed
from geoportal.roles import can_see_internal
from layers.models import Access, RasterLayer
from layers.rasters.cog import open_geotiff
from layers.rasters.ramps import DEFAULT_RAMP, RAMPS
from layers.rasters.render import render_tile
from layers.rasters.sampling import PointSample, ZoneStats, sample_point, zone_stats
from layers.rasters.stats import BandStats, band_stats, valid_pixels
from layers.rasters.storage import absolute_path, sidecar_of
from layers.tiles.tilemath import tile_bounds, tile_error


def raster_list(*, user) -> QuerySet[RasterLayer]:
    """The rasters `user` may see, by title: public ones, and internal ones for staff roles."""
    rasters = RasterLayer.objects.select_related("department")
    if not can_see_internal(user):
        rasters = rasters.filter(access=Access.PUBLIC)
    return rasters


def raster_get(*, slug: str, user) -> RasterLayer:
    """The raster `slug` if `user` may see it. Raises NotFound otherwise (internal ones look absent)."""
    raster = raster_list(user=user).filter(slug=slug).first()
    if raster is None:
        raise NotFound(_("No raster %(slug)r.") % {"slug": slug})
    return raster


def raster_file(raster: RasterLayer) -> Path:
    """The COG of `raster`. Raises NotFound when the file is gone from the server."""
    path = absolute_path(raster.path)
    if not path.is_file():
        raise NotFound(_("The file of raster %(slug)r is missing on the server.") % {"slug": raster.slug})
    return path


def raster_band_stats(*, raster: RasterLayer) -> list[BandStats]:
    """min / max / mean / count per band: from the sidecar written at upload; when it is missing (a COG
    put in place by hand), computed from the coarsest overview, which is cheap but approximate."""
    path = raster_file(raster)
    stat = path.stat()
    return list(_stats_of(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=256)
def _stats_of(path: str, mtime_ns: int, size: int) -> tuple[BandStats, ...]:
    """Cached per file version (path, modification time, size): a replaced file is read afresh."""
    sidecar = sidecar_of(Path(path))
    try:
        bands = json.loads(sidecar.read_text(encoding="utf-8"))["bands"]
        return tuple(
            BandStats(count=b["count"], min=b["min"], max=b["max"], total=(b["mean"] or 0.0) * b["count"])
            for b in bands
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    with open_geotiff(path) as full:
        level = len(full.overviews(1)) - 1
    with open_geotiff(path, **({"overview_level": level} if level >= 0 else {})) as src:
        block = src.read(masked=True)
    return tuple(
        band_stats(band.data, valid_pixels(band.data, mask=np.ma.getmaskarray(band))) for band in block
    )


def raster_tile_png(*, raster: RasterLayer, z: int, x: int, y: int, colormap: str | None) -> bytes | None:
    """PNG bytes of XYZ tile (z, x, y), or None when the tile shows nothing (outside the extent, all
    nodata). colormap: a ramp name, else the raster's own, else DEFAULT_RAMP. Raises ValidationFailed for
    a tile outside the grid."""
    wrong = tile_error(z, x, y)
    if wrong:
        message = _("%(name)s is out of range for zoom %(z)d.") % {"name": wrong, "z": z}
        raise ValidationFailed(message, field=wrong)
    if raster.extent is not None and not raster.extent.intersects(Polygon.from_bbox(tile_bounds(z, x, y))):
        return None
    path = raster_file(raster)
    ramp = colormap or (raster.colormap if raster.colormap in RAMPS else DEFAULT_RAMP)
    ranges = [(s.min, s.max) if s.count else (0.0, 0.0) for s in raster_band_stats(raster=raster)]
    return render_tile(path, z=z, x=x, y=y, ramp=ramp, ranges=ranges)


def raster_value(*, raster: RasterLayer, lon: float, lat: float) -> PointSample:
    """Every band's value at (lon, lat); None for nodata. Raises NotFound when the point is outside."""
    sample = sample_point(raster_file(raster), lon=lon, lat=lat)
    if sample is None:
        raise NotFound(
            _("The point (%(lon)s, %(lat)s) lies outside raster %(slug)r.")
            % {"lon": lon, "lat": lat, "slug": raster.slug}
        )
    return sample


def raster_zonal(*, raster: RasterLayer, zones: Sequence[dict]) -> list[ZoneStats]:
    """min / max / mean / count per band in each zone (GeoJSON (Multi)Polygons, EPSG:4326), in order."""
    if not zones:
        return []
    return zone_stats(raster_file(raster), zones)
