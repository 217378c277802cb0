"""Public API of appeals: thin views (validate → selector → response)."""

from rest_framework.request import Request
from rest_framework.views import APIView

from appeals.selectors import appeal_public_list_geojson
from layers.api.geojson import GEOJSON_RENDERERS, geojson_response, next_page_prefix
from layers.api.params import parse_after, parse_bbox, parse_limit

MAX_LIMIT = 10_000


class AppealListApi(APIView):
    """GET /api/v1/appeals — public appeals as a GeoJSON FeatureCollection, ordered by id, keyset-paged.

    Query: `bbox=west,south,east,north` (degrees, EPSG:4326), `limit` (1..10000, default 10000),
    `after` (the last id of the previous page). The collection's `properties.next` is the next page's URL.
    """

    renderer_classes = GEOJSON_RENDERERS

    def get(self, request: Request):
        params = request.query_params
        bbox = parse_bbox(params.get("bbox"))
        limit = parse_limit(params.get("limit"), default=MAX_LIMIT, maximum=MAX_LIMIT)
        after = parse_after(params.get("after"))
        body = appeal_public_list_geojson(
            limit=limit, after=after, bbox=bbox, next_url_prefix=next_page_prefix(request)
        )
        return geojson_response(body)
