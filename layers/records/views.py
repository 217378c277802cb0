"""API of property and asset records: the card (public), edits with history (officials), the history.

Thin views: validate → selector / service → response. Permissions: layers.records.permissions.
"""

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from layers.records import schema
from layers.records.permissions import can_edit_asset, can_edit_property, require
from layers.records.selectors import (
    asset_card,
    asset_get,
    property_card,
    property_get,
    record_history,
)
from layers.records.serializers import AssetPatch, PropertyPatch
from layers.records.services import asset_update, property_update


def _changes(serializer_class, request: Request) -> tuple[dict, str]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    changes = dict(data.validated_data)
    return changes, changes.pop("reason", "")


class PropertyApi(APIView):
    """GET /api/v1/properties/{id} — the property card (anyone): a GeoJSON Feature with `appeals_nearby`
    and `assets`. PATCH — edit attributes and/or `geometry` (planners, admins); `reason` is kept in the
    history. Answers the card after the edit."""

    @schema.PROPERTY_CARD
    def get(self, request: Request, property_id: int):
        return Response(property_card(record=property_get(property_id=property_id)))

    @schema.PROPERTY_EDIT
    def patch(self, request: Request, property_id: int):
        record = property_get(property_id=property_id)
        require(can_edit_property(request.user))
        changes, reason = _changes(PropertyPatch, request)
        record = property_update(record=record, actor=request.user, changes=changes, reason=reason)
        return Response(property_card(record=record))


class AssetApi(APIView):
    """GET /api/v1/assets/{id} — the asset card (anyone): a GeoJSON Feature with `appeals_nearby` and
    `properties_nearby`. PATCH — edit (planners, admins, operators of the asset's department)."""

    @schema.ASSET_CARD
    def get(self, request: Request, asset_id: int):
        return Response(asset_card(record=asset_get(asset_id=asset_id)))

    @schema.ASSET_EDIT
    def patch(self, request: Request, asset_id: int):
        record = asset_get(asset_id=asset_id)
        require(can_edit_asset(request.user, record.department_id))
        changes, reason = _changes(AssetPatch, request)
        record = asset_update(record=record, actor=request.user, changes=changes, reason=reason)
        return Response(asset_card(record=record))


class PropertyHistoryApi(APIView):
    """GET /api/v1/properties/{id}/history — the edits, newest first, with per-field before/after (staff)."""

    @schema.PROPERTY_HISTORY
    def get(self, request: Request, property_id: int):
        record = property_get(property_id=property_id)
        return Response({"id": record.pk, "history": record_history(record=record, user=request.user)})


class AssetHistoryApi(APIView):
    """GET /api/v1/assets/{id}/history — as for properties (staff)."""

    @schema.ASSET_HISTORY
    def get(self, request: Request, asset_id: int):
        record = asset_get(asset_id=asset_id)
        return Response({"id": record.pk, "history": record_history(record=record, user=request.user)})
