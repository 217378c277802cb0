"""The body of POST /api/v1/analysis/area, checked. Pure: no database, no settings.

Exactly one of `geometry` (a GeoJSON Polygon or MultiPolygon in lon/lat degrees, EPSG:4326, or a Feature
holding one) or `area` (an AdminArea id); optionally `rasters`, a list of raster slugs. Every problem is a
ValidationFailed naming the field. Validity (self-intersections…) is checked later in PostGIS
(ST_IsValidReason), where the analysis runs, so that the reason is PostGIS's own.
"""

import math
from dataclasses import dataclass

import shapely
from django.utils.translation import gettext as _
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geoportal.errors import ValidationFailed

MAX_VERTICES = 10_000  # of a drawn polygon
MAX_RASTERS = 10  # raster slugs in one request
POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class AnalysisRequest:
    """A checked request: `geometry` (2-D, EPSG:4326) xor `area_id`, and the raster slugs in order."""

    geometry: BaseGeometry | None = None
    area_id: int | None = None
    rasters: tuple[str, ...] = ()


def parse_analysis_request(data) -> AnalysisRequest:
    """The request from a decoded JSON body. Raises ValidationFailed naming geometry, area or rasters."""
    if not isinstance(data, dict):
        raise ValidationFailed(_("The body must be a JSON object."), field="geometry")
    has_geometry = data.get("geometry") is not None
    has_area = data.get("area") is not None
    if has_geometry == has_area:
        raise ValidationFailed(
            _("Give exactly one of geometry (a GeoJSON polygon) or area (a district or ТОС id)."),
            field="geometry" if has_geometry else "area",
        )
    rasters = parse_rasters(data.get("rasters"))
    if has_area:
        return AnalysisRequest(area_id=parse_area_id(data["area"]), rasters=rasters)
    return AnalysisRequest(geometry=parse_polygon(data["geometry"]), rasters=rasters)


def parse_area_id(value) -> int:
    """A positive integer id (a JSON number, or a string of digits)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationFailed(
            _("area must be the id of a district or a ТОС (a positive integer)."), field="area"
        )
    return value


def parse_polygon(geometry) -> BaseGeometry:
    """A 2-D shapely Polygon / MultiPolygon from GeoJSON (a Feature's geometry is taken).

    Checks: a JSON object of type Polygon or MultiPolygon, coordinates that parse, not empty, finite
    longitudes in -180..180 and latitudes in -90..90, at most MAX_VERTICES vertices. A `crs` member is
    ignored: GeoJSON (RFC 7946) is always lon/lat WGS84. Rings that are not closed are closed.
    """
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in POLYGONAL:
        message = _(
            "geometry must be a GeoJSON Polygon or MultiPolygon in longitude / latitude; got %(type)s."
        )
        raise ValidationFailed(message % {"type": kind or type(geometry).__name__}, field="geometry")
    try:
        geom = shape({"type": kind, "coordinates": geometry.get("coordinates")})
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, ShapelyError) as exc:
        message = _("geometry is not a valid GeoJSON %(type)s: %(error)s")
        raise ValidationFailed(message % {"type": kind, "error": exc}, field="geometry") from None
    if geom.is_empty:
        raise ValidationFailed(_("geometry is empty."), field="geometry")
    vertices = shapely.get_num_coordinates(geom)
    if vertices > MAX_VERTICES:
        message = _("geometry has %(n)d vertices; at most %(max)d are accepted.")
        raise ValidationFailed(message % {"n": vertices, "max": MAX_VERTICES}, field="geometry")
    west, south, east, north = geom.bounds
    finite = all(math.isfinite(v) for v in shapely.get_coordinates(geom).ravel())
    if not finite or not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationFailed(
            _("geometry coordinates must be longitude -180..180 and latitude -90..90 (EPSG:4326)."),
            field="geometry",
        )
    return shapely.force_2d(geom)


def parse_rasters(value) -> tuple[str, ...]:
    """Raster slugs, in order, duplicates dropped; None → none. At most MAX_RASTERS."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(slug, str) and slug for slug in value):
        raise ValidationFailed(_("rasters must be a list of raster slugs."), field="rasters")
    slugs = tuple(dict.fromkeys(value))
    if len(slugs) > MAX_RASTERS:
        message = _("rasters names %(n)d rasters; at most %(max)d per request.")
        raise ValidationFailed(message % {"n": len(slugs), "max": MAX_RASTERS}, field="rasters")
    return slugs


def hex_ewkb(geom: BaseGeometry) -> str:
    """The geometry as hex EWKB with SRID 4326, for a `%(zone)s::geometry` parameter."""
    return shapely.to_wkb(shapely.set_srid(geom, 4326), hex=True, include_srid=True)
