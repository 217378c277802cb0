"""Reads of reference geodata. Every geometry is EPSG:4326; bounds are (west, south, east, north) degrees."""

from collections.abc import Sequence

from django.contrib.gis.db.models import Extent

from geoportal.db import fetch_value, sql_file
from layers.models import AdminArea

# Responsibility zones are the departments' working areas, not a public layer.
PUBLIC_AREA_KINDS: tuple[str, ...] = (
    AdminArea.Kind.MUNICIPALITY.value,
    AdminArea.Kind.DISTRICT.value,
    AdminArea.Kind.TOS.value,
)


def area_list_geojson(*, kinds: Sequence[str]) -> str:
    """Areas of `kinds` as GeoJSON FeatureCollection text built in PostGIS (layers/sql/areas_geojson.sql)."""
    return fetch_value(sql_file("layers", "areas_geojson"), {"kinds": list(kinds)})


def municipality_bounds(*, code: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees of the municipality `code`, else of all municipalities, or None."""
    municipalities = AdminArea.objects.filter(kind=AdminArea.Kind.MUNICIPALITY)
    extent = municipalities.filter(code=code).aggregate(extent=Extent("geom"))["extent"]
    if extent is None:
        extent = municipalities.aggregate(extent=Extent("geom"))["extent"]
    return tuple(extent) if extent else None
