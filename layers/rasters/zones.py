"""Zones for zonal statistics from user input: a GeoJSON (Multi)Polygon, or H3 cell ids. Pure, no I/O.

Both come out as GeoJSON geometry dicts in EPSG:4326 (lon, lat), densified so that their edges stay close
to the straight lon/lat lines once transformed to the raster's CRS. Every problem is a ValidationFailed
naming the field ("geometry" or "h3") and, for cells, the position in the list.
"""

import h3
import shapely
from django.utils.translation import gettext as _
from shapely.errors import ShapelyError
from shapely.geometry import Polygon, mapping, shape
from shapely.validation import explain_validity

from geoportal.errors import ValidationFailed

MAX_CELLS = 2000  # H3 cells in one request
DENSIFY_DEG = 0.0005  # longest edge kept in a zone, degrees (~40-55 m at Krymsk)
POLYGONAL = ("Polygon", "MultiPolygon")


def zone_from_geojson(geometry) -> dict:
    """A GeoJSON Polygon or MultiPolygon object (lon, lat degrees) checked and densified."""
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONAL:
        raise ValidationFailed(
            _("geometry must be a GeoJSON Polygon or MultiPolygon in longitude / latitude (EPSG:4326)."),
            field="geometry",
        )
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, ShapelyError) as exc:
        message = _("geometry is not a valid GeoJSON %(type)s: %(error)s")
        raise ValidationFailed(message % {"type": geometry["type"], "error": exc}, field="geometry") from None
    if geom.is_empty:
        raise ValidationFailed(_("geometry is empty."), field="geometry")
    west, south, east, north = geom.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationFailed(
            _("geometry coordinates must be longitude -180..180 and latitude -90..90 (EPSG:4326)."),
            field="geometry",
        )
    if not geom.is_valid:
        raise ValidationFailed(
            _("geometry is invalid: %(reason)s") % {"reason": explain_validity(geom)}, field="geometry"
        )
    return mapping(shapely.segmentize(geom, DENSIFY_DEG))


def zones_from_h3(cells) -> list[dict]:
    """GeoJSON Polygons of H3 cells given as id strings ("8a2d1c8a6d77fff"), in the given order."""
    if not isinstance(cells, list) or not cells:
        raise ValidationFailed(_("h3 must be a non-empty list of H3 cell ids (strings)."), field="h3")
    if len(cells) > MAX_CELLS:
        raise ValidationFailed(
            _("h3 holds %(n)d cells; at most %(max)d per request.") % {"n": len(cells), "max": MAX_CELLS},
            field="h3",
        )
    zones = []
    for position, cell in enumerate(cells, start=1):
        if not isinstance(cell, str) or not h3.is_valid_cell(cell):
            raise ValidationFailed(
                _("h3 item %(n)d (%(cell)r) is not an H3 cell id.") % {"n": position, "cell": cell},
                field="h3",
            )
        ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(cell)]  # h3 gives (lat, lng)
        zones.append(mapping(shapely.segmentize(Polygon(ring), DENSIFY_DEG)))
    return zones
