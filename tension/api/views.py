"""GET /api/v1/tension/hexes and /api/v1/tension/cells/{h3}: thin views over tension.selectors.

Both are public: they publish counts and scores per hexagon, never an author or a contact. Query:
`res` (7–10), `from`/`to` (local dates, inclusive; default the last TENSION["WINDOW_DAYS"] days),
`kind` (issue, proposal), `category` (ids or codes; a parent takes in its sub-categories), `bbox`.
"""

import h3
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geoportal.errors import NotFound
from geoportal.language import localized
from layers.api.geojson import GEOJSON_RENDERERS, PageReleasingView, geojson_response
from tension.api.params import parse_filters, parse_hex_query
from tension.selectors import API_RESOLUTIONS, explain_cell, hexes_geojson

FILTER_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First local day, inclusive."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last local day, inclusive (T is measured on it)."),
    OpenApiParameter("kind", str, description="issue, proposal (comma-separated)."),
    OpenApiParameter("category", str, description="Category ids or codes, comma-separated."),
]


HEX_PARAMETERS = [
    OpenApiParameter("res", int, description="H3 resolution, 7–10 (default 8)."),
    *FILTER_PARAMETERS,
    OpenApiParameter("bbox", str, description="west,south,east,north in degrees (which hexagons are shown)."),
]


class TensionHexesApi(PageReleasingView):
    """Hexagons with T, the 0–100 index, counts by status, overdue share and per 1,000 residents."""

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        operation_id="tension_hexes",
        parameters=HEX_PARAMETERS,
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request):
        return geojson_response(hexes_geojson(*parse_hex_query(request.query_params)))


class TensionCellApi(APIView):
    """One hexagon explained: every appeal and signal behind its T, each with its contribution."""

    @extend_schema(
        operation_id="tension_cell", parameters=FILTER_PARAMETERS, responses={200: OpenApiTypes.OBJECT}
    )
    def get(self, request: Request, cell: str):
        if not h3.is_valid_cell(cell) or h3.get_resolution(cell) not in API_RESOLUTIONS:
            raise NotFound(gettext("No H3 cell of resolution 7–10 is called %(cell)s.") % {"cell": cell})
        explained = explain_cell(h3.str_to_int(cell), parse_filters(request.query_params))
        return Response(_public(explained))


def _public(explained: dict) -> dict:
    appeals = [
        {
            "id": a["id"],
            "kind": a["kind"],
            "category": a["category"],
            "category_name": localized(a["name_ru"], a["name_en"]),
            "status": a["status"],
            "created_on": a["day"],
            "supports": a["supports"],
            "overdue": a["overdue"],
            "contribution": round(a["contribution"], 6),
        }
        for a in explained["appeals"]
    ]
    signals = [
        {
            "id": s["id"],
            "source": s["source"],
            "text": s["text"],
            "at": s["at"],
            "contribution": round(s["contribution"], 6),
        }
        for s in explained["signals"]
    ]
    return {
        "h3": explained["h3"],
        "res": explained["res"],
        "t": round(explained["t"], 6),
        "k": round(explained["k"], 6) if explained["k"] is not None else None,
        "index": round(explained["index"], 1),
        "count": len(appeals),
        "appeals": appeals,
        "signals": signals,
    }
