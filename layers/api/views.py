"""Public API of reference geodata: thin views (validate → selector → response)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from geoportal.errors import ERROR_SCHEMA as ERROR
from layers.api.geojson import GEOJSON_RENDERERS, PageReleasingView, geojson_response
from layers.api.params import parse_choices
from layers.selectors import PUBLIC_AREA_KINDS, area_list_geojson

KINDS = "municipality, district, tos (comma-separated)"
COLLECTION = "GeoJSON FeatureCollection built in PostGIS"


class AreaListApi(PageReleasingView):
    """GET /api/v1/areas — the municipality, districts and ТОС as a GeoJSON FeatureCollection.

    Query: `kind` — one or more of municipality, district, tos, comma-separated (default: all three).
    """

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        operation_id="areas_list",
        tags=["areas"],
        parameters=[OpenApiParameter("kind", str, description=KINDS)],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=COLLECTION), 400: ERROR},
    )
    def get(self, request: Request):
        kinds = parse_choices(request.query_params.get("kind"), name="kind", allowed=PUBLIC_AREA_KINDS)
        return geojson_response(area_list_geojson(kinds=kinds))
