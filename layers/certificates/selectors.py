"""Reads for a property certificate: the open public appeals around it and its map's features (UTM)."""

import json
import math

from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES
from geoportal.db import fetch_dicts, sql_file
from layers.models import Property
from layers.records.selectors import appeals_near

LISTED_APPEALS = 10
MIN_HALF_M = 120.0  # the map shows at least 240 × 240 m around the property


def utm_srid(lon: float, lat: float) -> int:
    """EPSG code of the WGS84 UTM zone holding (lon, lat) degrees: 326xx north, 327xx south."""
    zone = min(int(math.floor((lon + 180.0) / 6.0)) + 1, 60)
    return (32600 if lat >= 0 else 32700) + zone


def certificate_appeals(*, record: Property) -> tuple[int, list[dict]]:
    """(how many open public appeals lie within APPEALS_RADIUS_M metres of the property, the nearest
    LISTED_APPEALS of them with category_name, status, created_at, address, distance_m)."""
    rows = appeals_near(geom=record.geom, open_only=True, max_rows=LISTED_APPEALS)
    return (rows[0]["total"] if rows else 0), rows


def certificate_map_features(*, record: Property) -> dict:
    """{"srid", "centre": (x, y) m, "half_m", "features": [{"layer", "ref", "geometry" (GeoJSON dict in
    metres)}]} for the property's map: itself, buildings and roads around it, open public appeals."""
    centre = record.geom.centroid
    srid = utm_srid(centre.x, centre.y)
    local = record.geom.transform(srid, clone=True)
    west, south, east, north = local.extent
    half_m = max(MIN_HALF_M, 0.75 * max(east - west, north - south))
    rows = fetch_dicts(
        sql_file("layers", "certificate_map"),
        {
            "property_id": record.pk,
            "utm_srid": srid,
            "half_m": half_m,
            "open": sorted(OPEN_STATUSES),
            "hidden": sorted(HIDDEN_STATUSES),
        },
    )
    local_centre = local.centroid
    features = [
        {"layer": row["layer"], "ref": row["ref"], "geometry": json.loads(row["geometry"])}
        for row in rows
        if row["geometry"]
    ]
    return {"srid": srid, "centre": (local_centre.x, local_centre.y), "half_m": half_m, "features": features}
