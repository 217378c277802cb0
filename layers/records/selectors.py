"""Reads for property and asset records: the card (the record, appeals nearby, related objects), the
history of edits, and the lookups the edit services need. Geometry is EPSG:4326; distances are metres."""

import json

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry

from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES
from geoportal.db import fetch_dicts, sql_file
from geoportal.errors import NotFound
from layers.models import AdminArea, Asset, Property
from layers.records.history import history_entries
from layers.records.permissions import require_history_reader

APPEALS_RADIUS_M = 100.0  # appeals shown on a card: within this distance of the record's edge
RELATED_RADIUS_M = 20.0  # assets of a property (and properties of an asset): intersecting or this close
CARD_MAX_ROWS = 50

PROPERTY_FIELDS = ("kind", "cadastral_number", "address", "street", "housenumber", "ownership", "use")
PROPERTY_FIELDS += ("levels", "area_m2", "attributes")
ASSET_FIELDS = ("kind", "name", "department_id", "condition", "attributes")
# The public properties of a card's Feature (as in layers.collections), geometry aside.
PROPERTY_PUBLIC = ("kind", "cadastral_number", "address", "ownership", "use", "levels", "area_m2")
ASSET_PUBLIC = ("kind", "name", "condition", "department_id")


def property_get(*, property_id: int) -> Property:
    """The property with this id; raises NotFound."""
    record = Property.objects.filter(pk=property_id).first()
    if record is None:
        raise NotFound(field="id")
    return record


def asset_get(*, asset_id: int) -> Asset:
    """The asset with this id, its department joined; raises NotFound."""
    record = Asset.objects.select_related("department").filter(pk=asset_id).first()
    if record is None:
        raise NotFound(field="id")
    return record


def municipality_covers(geom: GEOSGeometry) -> bool:
    """True when the municipality (AdminArea code settings.GEOPORTAL["MUNICIPALITY_CODE"]) covers `geom`
    (EPSG:4326); False when it does not or when no municipality is loaded."""
    return AdminArea.objects.filter(
        kind=AdminArea.Kind.MUNICIPALITY, code=settings.GEOPORTAL["MUNICIPALITY_CODE"], geom__covers=geom
    ).exists()


def _feature(record, fields: tuple[str, ...], **members) -> dict:
    values = {name: getattr(record, name) for name in fields}
    if getattr(record, "updated_at", None):
        values["updated_at"] = record.updated_at.isoformat()
    return {
        "type": "Feature",
        "id": record.pk,
        "geometry": json.loads(record.geom.geojson),
        "properties": {"id": record.pk, **values},
        **members,
    }


def _collection(rows: list[dict]) -> dict:
    features = []
    for row in rows:
        row = dict(row)
        row.pop("total", None)
        geometry = json.loads(row.pop("geometry"))
        if row.get("created_at") is not None:
            row["created_at"] = row["created_at"].isoformat()
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row})
    return {"type": "FeatureCollection", "features": features}


def appeals_near(
    *, geom: GEOSGeometry, radius_m: float = APPEALS_RADIUS_M, open_only: bool = False, max_rows: int
) -> list[dict]:
    """Public appeals within `radius_m` metres of `geom` (EPSG:4326), open first then nearest, each with
    distance_m, is_open, geometry (GeoJSON text) and total (every match) — records_nearby_appeals.sql."""
    params = {
        "geom": geom.ewkt,
        "radius_m": float(radius_m),
        "open": sorted(OPEN_STATUSES),
        "hidden": sorted(HIDDEN_STATUSES),
        "open_only": open_only,
        "max_rows": max_rows,
    }
    return fetch_dicts(sql_file("layers", "records_nearby_appeals"), params)


def property_card(*, record: Property) -> dict:
    """The property as a GeoJSON Feature (public fields) with two foreign members: `appeals_nearby`
    (public appeals within APPEALS_RADIUS_M, open first, nearest first) and `assets` (assets intersecting
    it or within RELATED_RADIUS_M), both FeatureCollections of at most CARD_MAX_ROWS features."""
    appeals = appeals_near(geom=record.geom, max_rows=CARD_MAX_ROWS)
    assets = fetch_dicts(
        sql_file("layers", "records_nearby_assets"),
        {
            "geom": record.geom.ewkt,
            "radius_m": RELATED_RADIUS_M,
            "exclude_id": None,
            "max_rows": CARD_MAX_ROWS,
        },
    )
    return _feature(record, PROPERTY_PUBLIC, appeals_nearby=_collection(appeals), assets=_collection(assets))


def asset_card(*, record: Asset) -> dict:
    """The asset as a GeoJSON Feature (public fields) with `appeals_nearby` (as on the property card) and
    `properties_nearby` (properties intersecting it or within RELATED_RADIUS_M), FeatureCollections."""
    appeals = appeals_near(geom=record.geom, max_rows=CARD_MAX_ROWS)
    properties = fetch_dicts(
        sql_file("layers", "records_nearby_properties"),
        {"geom": record.geom.ewkt, "radius_m": RELATED_RADIUS_M, "max_rows": CARD_MAX_ROWS},
    )
    return _feature(
        record, ASSET_PUBLIC, appeals_nearby=_collection(appeals), properties_nearby=_collection(properties)
    )


def _user(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username(), "name": user.get_full_name()}


def _history_row(row, fields: tuple[str, ...]) -> dict:
    values = {name: getattr(row, name) for name in fields}
    values["geometry"] = json.loads(row.geom.geojson) if row.geom else None
    return {
        **values,
        "history_id": row.history_id,
        "history_date": row.history_date.isoformat(),
        "history_type": row.history_type,
        "history_user": _user(row.history_user),
        "history_change_reason": row.history_change_reason,
    }


def record_history(*, record: Property | Asset, user) -> list[dict]:
    """The edits of a property or an asset, newest first: who (id, username, name), when, and per field
    the value before and after; geometry is compared and shown as GeoJSON (EPSG:4326). Staff only
    (raises PermissionDenied). Imports write with COPY and leave no rows here: see their ImportRun."""
    require_history_reader(user)
    fields = (PROPERTY_FIELDS if isinstance(record, Property) else ASSET_FIELDS) + ("geometry",)
    rows = (
        type(record)
        .history.filter(id=record.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return history_entries([_history_row(row, fields[:-1]) for row in rows], fields=fields)
