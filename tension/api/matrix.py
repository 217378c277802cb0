"""GET /api/v1/tension/matrix — the digital matrix per district or ТОС as JSON, CSV or XLSX (thin view).

Public: counts, shares, medians and indexes per area, never an appeal, an author or a contact. Query:
`level` (district — the default — or tos), `from`/`to` (local dates, inclusive; default the last
TENSION["WINDOW_DAYS"] days), `kind`, `category` (as /tension/hexes), `format` (json, csv, xlsx; or
`Accept: text/csv` / the XLSX media type). Table headers follow the request's language (Russian first).
"""

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geoportal.errors import ValidationFailed
from tension.api.params import parse_filters
from tension.api.views import FILTER_PARAMETERS
from tension.matrix import MatrixLevel, area_matrix
from tension.matrix_export import XLSX_MEDIA_TYPE, csv_bytes, matrix_public, xlsx_bytes


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return csv_bytes(data)


class XlsxRenderer(BaseRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return xlsx_bytes(data)


class FormatNegotiation(DefaultContentNegotiation):
    """`?format=` wins over Accept; an unknown format is a 400 naming the parameter (DRF would 404)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if wanted is None:
            return super().select_renderer(request, renderers, format_suffix)
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        known = ", ".join(r.format for r in renderers)
        raise ValidationFailed(
            gettext("format must be one of: %(known)s.") % {"known": known}, field="format"
        )


def parse_level(raw: str | None) -> MatrixLevel:
    if raw is None or raw == "":
        return MatrixLevel.DISTRICT
    try:
        return MatrixLevel(raw)
    except ValueError:
        known = ", ".join(level.value for level in MatrixLevel)
        raise ValidationFailed(
            gettext("level must be one of: %(known)s.") % {"known": known}, field="level"
        ) from None


class TensionMatrixApi(APIView):
    """Per district or ТОС: appeals per 1,000 residents, share overdue, median answer time, mean and max
    tension, top 3 categories and the trend against the previous window."""

    renderer_classes = [JSONRenderer, CsvRenderer, XlsxRenderer]
    content_negotiation_class = FormatNegotiation

    @extend_schema(
        operation_id="tension_matrix",
        parameters=[
            OpenApiParameter(
                "level", str, enum=[level.value for level in MatrixLevel], description="district | tos"
            ),
            *FILTER_PARAMETERS,
            OpenApiParameter("format", str, enum=["json", "csv", "xlsx"], description="Default json."),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY,
        },
    )
    def get(self, request: Request):
        params = request.query_params
        level = parse_level(params.get("level"))
        filters = parse_filters(params)
        document = matrix_public(area_matrix(level, filters, now=timezone.now()))
        response = Response(document)
        fmt = request.accepted_renderer.format
        if fmt != "json":
            name = f"tension-matrix-{level.value}-{document['from']}-{document['to']}.{fmt}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def handle_exception(self, exc):
        """Errors are JSON whatever format was asked for."""
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
