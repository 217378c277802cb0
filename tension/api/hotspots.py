"""GET /api/v1/tension/hotspots: Getis-Ord Gi* hotspots, trends and emerging hotspots (tension.hotspots).

Public, like the hexes: scores per hexagon, never an author or a contact. Query as for the hexes: `res`
(7–10), `from`/`to`, `kind`, `category`, `bbox` (chooses which cells are shown, never the study area).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from layers.api.geojson import GEOJSON_RENDERERS, geojson_response
from layers.api.params import parse_bbox
from tension.api.params import parse_filters, parse_res
from tension.api.views import DEFAULT_RES, FILTER_PARAMETERS
from tension.hotspots import hotspot_map, hotspots_geojson
from tension.selectors import API_RESOLUTIONS


class TensionHotspotsApi(APIView):
    """Hexagons of the Gi* study area with z, p, class (hot/cold/none), trend and the emerging flag."""

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        operation_id="tension_hotspots",
        parameters=[
            OpenApiParameter("res", int, description="H3 resolution, 7–10 (default 8)."),
            *FILTER_PARAMETERS,
            OpenApiParameter("bbox", str, description="west,south,east,north in degrees (what is shown)."),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request):
        params = request.query_params
        res = parse_res(params.get("res"), allowed=API_RESOLUTIONS, default=DEFAULT_RES)
        bbox = parse_bbox(params.get("bbox"))
        return geojson_response(hotspots_geojson(hotspot_map(res, parse_filters(params)), bbox))
