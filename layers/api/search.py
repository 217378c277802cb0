"""Search and geocoding API: thin views over layers.search.selectors.

Coordinates are degrees, EPSG:4326, in (lon, lat) order; a bbox is [west, south, east, north].
"""

import json
import math
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geoportal.errors import ValidationFailed
from geoportal.roles import can_see_internal
from layers.api.geojson import GEOJSON_RENDERERS, geojson_response
from layers.api.params import parse_choices, parse_limit
from layers.search.selectors import KINDS, MAX_LIMIT, address_reverse, gazetteer_search

Q_PARAMETER = OpenApiParameter(
    "q", str, required=True, description="Text to find: «ленина 12», «Ленина, д.12», a cadastral number…"
)
KIND_PARAMETER = OpenApiParameter(
    "kind", str, description=f"One or more of {', '.join(KINDS)}, comma-separated (default: all)."
)


def limit_parameter(default: int) -> OpenApiParameter:
    return OpenApiParameter("limit", int, description=f"1..{MAX_LIMIT}, default {default}.")


SEARCH_OUTPUT = inline_serializer(
    "SearchResults",
    {
        "query": serializers.CharField(),
        "results": inline_serializer(
            "SearchResult",
            {
                "kind": serializers.ChoiceField(choices=KINDS),
                "label": serializers.CharField(),
                "lon": serializers.FloatField(allow_null=True),
                "lat": serializers.FloatField(allow_null=True),
                "bbox": serializers.ListField(
                    child=serializers.FloatField(), allow_null=True, help_text="[west, south, east, north]"
                ),
                "ref": inline_serializer(
                    "SearchRef",
                    {"type": serializers.CharField(), "id": serializers.IntegerField()},
                    allow_null=True,
                ),
                "score": serializers.FloatField(),
            },
            many=True,
        ),
    },
)


def required_query(params) -> str:
    """The `q` parameter; 400 when it is missing (its length is checked by the selector)."""
    q = params.get("q")
    if q is None or not q.strip():
        raise ValidationFailed(gettext("q is required: the text to search for."), field="q")
    return q


def coordinate(params, name: str, *, limit: float) -> float:
    """A finite number of degrees in -limit..limit from the parameter `name` (400 otherwise)."""
    raw = params.get(name)
    if raw is None:
        raise ValidationFailed(gettext("%(name)s is required, in degrees.") % {"name": name}, field=name)
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        message = gettext("%(name)s must be a number of degrees from -%(limit)d to %(limit)d.")
        raise ValidationFailed(message % {"name": name, "limit": limit}, field=name)
    return value


def _bbox(row: dict[str, Any]) -> list[float] | None:
    sides = [row["west"], row["south"], row["east"], row["north"]]
    return None if any(v is None for v in sides) else sides


def _ref(row: dict[str, Any]) -> dict[str, Any] | None:
    return {"type": row["ref_type"], "id": row["ref_id"]} if row["ref_type"] else None


def search_result(row: dict[str, Any]) -> dict[str, Any]:
    """One search hit as JSON: kind, label, lon, lat, bbox, ref {type, id}, score."""
    return {
        "kind": row["kind"],
        "label": row["name"],
        "lon": row["lon"],
        "lat": row["lat"],
        "bbox": _bbox(row),
        "ref": _ref(row),
        "score": row["score"],
    }


def point_feature(row: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Point feature of a gazetteer row (id: the gazetteer entry), with its bbox."""
    return {
        "type": "Feature",
        "id": row["id"],
        "bbox": _bbox(row),
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": properties,
    }


def feature_collection(features: list[dict[str, Any]]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


class SearchApi(APIView):
    """GET /api/v1/search?q=&limit=&kind= — addresses, streets, cadastral numbers, named assets and layer
    titles that match `q`, best first (full-text search plus trigram similarity for typos)."""

    @extend_schema(
        parameters=[Q_PARAMETER, limit_parameter(10), KIND_PARAMETER],
        responses=SEARCH_OUTPUT,
        tags=["search"],
    )
    def get(self, request: Request):
        params = request.query_params
        q = required_query(params)
        rows = gazetteer_search(
            q=q,
            limit=parse_limit(params.get("limit"), default=10, maximum=MAX_LIMIT),
            kinds=parse_choices(params.get("kind"), name="kind", allowed=KINDS),
            internal=can_see_internal(request.user),
        )
        return Response({"query": q, "results": [search_result(row) for row in rows]})


class GeocodeApi(APIView):
    """GET /api/v1/geocode?q=&limit=&kind= — the best match(es) of `q` that have a location, as a GeoJSON
    FeatureCollection of Point features (properties: label, kind, score, ref); empty when nothing matches."""

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        parameters=[Q_PARAMETER, limit_parameter(1), KIND_PARAMETER],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
        tags=["search"],
    )
    def get(self, request: Request):
        params = request.query_params
        rows = gazetteer_search(
            q=required_query(params),
            limit=parse_limit(params.get("limit"), default=1, maximum=MAX_LIMIT),
            kinds=parse_choices(params.get("kind"), name="kind", allowed=KINDS),
            internal=can_see_internal(request.user),
            located=True,
        )
        features = [
            point_feature(
                row, {"label": row["name"], "kind": row["kind"], "score": row["score"], "ref": _ref(row)}
            )
            for row in rows
        ]
        return geojson_response(feature_collection(features))


class ReverseApi(APIView):
    """GET /api/v1/reverse?lon=&lat= — the address at a point: the building containing it, else the
    nearest addressed building within 100 m, with its street and district, as a GeoJSON FeatureCollection
    of one Point feature. 404 when no address is that near."""

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        parameters=[
            OpenApiParameter("lon", float, required=True, description="Longitude, degrees (EPSG:4326)."),
            OpenApiParameter("lat", float, required=True, description="Latitude, degrees (EPSG:4326)."),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
        tags=["search"],
    )
    def get(self, request: Request):
        params = request.query_params
        row = address_reverse(
            lon=coordinate(params, "lon", limit=180), lat=coordinate(params, "lat", limit=90)
        )
        district = {"id": row["district_id"], "name": row["district_name"]} if row["district_id"] else None
        properties = {
            "label": row["name"],
            "kind": "address",
            "street": row["street_name"] or row["street"],
            "housenumber": row["housenumber"],
            "district": district,
            "distance_m": row["distance_m"],
            "ref": _ref(row),
        }
        return geojson_response(feature_collection([point_feature(row, properties)]))
