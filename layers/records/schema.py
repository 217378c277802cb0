"""OpenAPI descriptions of the property and asset records API (drf-spectacular), kept apart from the
thin views. The cards are GeoJSON Features built by the selectors; edits take the Patch serializers."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from geoportal.errors import ERROR_SCHEMA as ERROR
from layers.records.serializers import AssetPatch, PropertyPatch

CARD = OpenApiResponse(
    OpenApiTypes.OBJECT, description="GeoJSON Feature of the record with its nearby appeals and records"
)
HISTORY = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description='{"id": …, "history": [{"id", "date", "type", "user", "reason", "changes"}]}, newest first; '
    "changes: [{field, before, after}] (geometry as GeoJSON)",
)


def _card(kind: str):
    return extend_schema(operation_id=f"{kind}_retrieve", tags=["records"], responses={200: CARD, 404: ERROR})


def _edit(kind: str, patch: type):
    return extend_schema(
        operation_id=f"{kind}_partial_update",
        tags=["records"],
        request=patch,
        responses={200: CARD, 400: ERROR, 403: ERROR, 404: ERROR},
    )


def _history(kind: str):
    return extend_schema(
        operation_id=f"{kind}_history", tags=["records"], responses={200: HISTORY, 403: ERROR, 404: ERROR}
    )


PROPERTY_CARD, PROPERTY_EDIT, PROPERTY_HISTORY = (
    _card("properties"),
    _edit("properties", PropertyPatch),
    _history("properties"),
)
ASSET_CARD, ASSET_EDIT, ASSET_HISTORY = _card("assets"), _edit("assets", AssetPatch), _history("assets")
