"""Raster API and PNG tiles: thin views (validate → selector / service → response). Views never catch.

Upload size: the Content-Length is checked before authentication (which may read a form body for its
CSRF check) and files stream to disk through a handler that stops at the same limit
(layers.rasters.uploads). Internal rasters are 404 to anyone without a staff role.
"""

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geoportal.errors import PermissionDenied, ValidationFailed
from geoportal.roles import Role, has_role
from layers.models import Access
from layers.rasters import selectors
from layers.rasters.params import parse_colormap, parse_coordinate
from layers.rasters.serializers import (
    RasterDetailOutput,
    RasterOutput,
    RasterUploadInput,
    ValueOutput,
    ZonalInput,
    ZonalOutput,
    bands_of,
)
from layers.rasters.services import raster_create
from layers.rasters.uploads import check_content_length, install_upload_limit
from layers.rasters.zones import zone_from_geojson, zones_from_h3
from layers.tiles.http import cached_bytes_response, max_age, tile_response

UPLOAD_ROLES = (Role.PLANNER, Role.ADMIN)


def _upload_limit() -> int:
    return int(settings.GEOPORTAL["RASTER_MAX_BYTES"])


class RasterListApi(APIView):
    """GET: the raster catalogue (public rasters; internal ones too for staff).
    POST: upload a GeoTIFF (multipart/form-data), planner or admin only."""

    parser_classes = [MultiPartParser]

    def initialize_request(self, request: HttpRequest, *args, **kwargs):
        if request.method == "POST":
            install_upload_limit(request, limit=_upload_limit())
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request: Request, *args, **kwargs):
        if request.method == "POST":
            check_content_length(request, limit=_upload_limit())
        super().initial(request, *args, **kwargs)

    @extend_schema(summary="The raster catalogue", responses=RasterOutput(many=True))
    def get(self, request: Request):
        rasters = selectors.raster_list(user=request.user)
        return Response(RasterOutput(rasters, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Upload a GeoTIFF (planner or admin); stored as a Cloud-Optimised GeoTIFF",
        request=RasterUploadInput,
        responses={201: RasterDetailOutput},
    )
    def post(self, request: Request):
        if not any(has_role(request.user, role) for role in UPLOAD_ROLES):
            raise PermissionDenied(_("Only planners and administrators may upload rasters."))
        data = RasterUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        upload = fields.pop("file")
        raster = raster_create(source=Path(upload.temporary_file_path()), **fields)
        return Response(_detail(raster, request), status=201)


class RasterDetailApi(APIView):
    """GET /api/v1/rasters/{slug}: metadata, tile URL and per-band statistics."""

    @extend_schema(responses=RasterDetailOutput)
    def get(self, request: Request, slug: str):
        raster = selectors.raster_get(slug=slug, user=request.user)
        return Response(_detail(raster, request))


class RasterValueApi(APIView):
    """GET /api/v1/rasters/{slug}/value?lon=&lat=: every band at a point (EPSG:4326)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("lon", float, required=True, description="Longitude, degrees (EPSG:4326)."),
            OpenApiParameter("lat", float, required=True, description="Latitude, degrees (EPSG:4326)."),
        ],
        responses=ValueOutput,
    )
    def get(self, request: Request, slug: str):
        lon = parse_coordinate(request.query_params.get("lon"), name="lon", limit=180)
        lat = parse_coordinate(request.query_params.get("lat"), name="lat", limit=90)
        raster = selectors.raster_get(slug=slug, user=request.user)
        sample = selectors.raster_value(raster=raster, lon=lon, lat=lat)
        body = {
            "raster": raster.slug,
            "lon": lon,
            "lat": lat,
            "crs": raster.crs,
            "x": sample.x,
            "y": sample.y,
        }
        body.update(row=sample.row, col=sample.col, values=sample.values)
        return Response(body)


class RasterZonalApi(APIView):
    """POST /api/v1/rasters/{slug}/zonal: min / max / mean / count per band over a polygon or H3 cells."""

    parser_classes = [JSONParser]

    @extend_schema(request=ZonalInput, responses=ZonalOutput)
    def post(self, request: Request, slug: str):
        raster = selectors.raster_get(slug=slug, user=request.user)
        data = ZonalInput(data=request.data)
        data.is_valid(raise_exception=True)
        geometry, cells = data.validated_data.get("geometry"), data.validated_data.get("h3")
        if (geometry is None) == (cells is None):
            raise ValidationFailed(
                _("Send either geometry or h3, not both and not neither."), field="geometry"
            )
        zones = [zone_from_geojson(geometry)] if geometry is not None else zones_from_h3(cells)
        results = selectors.raster_zonal(raster=raster, zones=zones)
        out = []
        for index, result in enumerate(results):
            zone = {"h3": cells[index]} if cells is not None else {}
            out.append({**zone, "factor": result.factor, "bands": bands_of(result.bands)})
        return Response({"raster": raster.slug, "zones": out})


def _detail(raster, request: Request) -> dict:
    body = RasterOutput(raster, context={"request": request}).data
    return {**body, "bands": bands_of(selectors.raster_band_stats(raster=raster))}


@require_safe
def raster_tile(request: HttpRequest, slug: str, z: str, x: str, y: str) -> HttpResponse:
    """GET /tiles/rasters/{slug}/{z}/{x}/{y}.png[?colormap=…]: a 256 px PNG; 204 when nothing shows."""
    raster = selectors.raster_get(slug=slug, user=request.user)
    colormap = parse_colormap(request.GET.get("colormap"))
    data = selectors.raster_tile_png(raster=raster, z=int(z), x=int(x), y=int(y), colormap=colormap)
    public = raster.access == Access.PUBLIC
    seconds = max_age("TILE_MAX_AGE")
    if data is None:
        return tile_response(request, b"", public=public, seconds=seconds)
    return cached_bytes_response(request, data, content_type="image/png", public=public, seconds=seconds)
