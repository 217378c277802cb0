"""GET /api/v1/tension/hotspots: Getis-Ord Gi* hotspots, trends and emerging hotspots (tension.hotspots).

Public, like the hexes: scores per hexagon, never an author or a contact. Query as for the hexes: `res`
(7–10), `from`/`to`, `kind`, `category`, `bbox` (chooses which cells are shown, never the study area).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from layers.api.geojson import GEOJSON_RENDERERS, PageReleasingView, geojson_response
from tension.api.params import parse_hex_query
from tension.api.views import HEX_PARAMETERS
from tension.hotspots import cached_hotspots_geojson


class TensionHotspotsApi(PageReleasingView):
    """Hexagons of the Gi* study area with z, p, class (hot/cold/none), trend and the emerging flag."""

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        operation_id="tension_hotspots",
        parameters=HEX_PARAMETERS,
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request):
        res, filters, bbox = parse_hex_query(request.query_params)
        return geojson_response(cached_hotspots_geojson(res, filters, bbox))
