"""The layer catalogue API: thin views (validate → selector / service → body). Views never catch.

Reads: public layers for everyone, internal ones for staff only (404 otherwise, as for a slug never
used). Writes: planners and administrators (403 for other users who may see the layer).
Uploads: the Content-Length is checked against GEOPORTAL["IMPORT_MAX_UPLOAD_BYTES"] before
authentication reads anything of the body, and files stream to disk through a handler that stops at the
same limit (layers.rasters.uploads), so a 2 GB body is refused without being read whole.
"""

from django.conf import settings
from django.http import HttpRequest
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.api.serializers import validated
from geoportal.roles import can_see_internal
from importers.api.serializers import ImportRunOutput, import_run_body
from layers.catalogue import selectors, services
from layers.catalogue.serializers import (
    LayerInput,
    LayerListQuery,
    LayerOutput,
    LayerPatchInput,
    UploadInput,
    layer_body,
)
from layers.models import Access
from layers.rasters.uploads import check_content_length, install_upload_limit

DEFAULT_UPLOAD_BYTES = 256 << 20


def upload_limit() -> int:
    """Largest vector upload, bytes: GEOPORTAL["IMPORT_MAX_UPLOAD_BYTES"] (default 256 MB)."""
    return int(settings.GEOPORTAL.get("IMPORT_MAX_UPLOAD_BYTES", DEFAULT_UPLOAD_BYTES))


def _body(layer, request: Request) -> dict:
    stats = selectors.layer_stats(layer_ids=[layer.pk]).get(layer.pk, selectors.LayerStats())
    return layer_body(layer, stats, request=request, show_import=can_see_internal(request.user))


class LayerListApi(APIView):
    """GET: the catalogue (public layers; internal ones too for staff). POST: a new, empty layer."""

    parser_classes = [JSONParser]

    @extend_schema(
        summary="The layer catalogue",
        parameters=[
            OpenApiParameter("keyword", str, description="Layers with this keyword"),
            OpenApiParameter("department", str, description="Department id or code"),
            OpenApiParameter("access", str, enum=Access.values),
            OpenApiParameter("q", str, description="Part of the title or description"),
        ],
        responses=LayerOutput(many=True),
    )
    def get(self, request: Request):
        query = {k: v for k, v in request.query_params.items() if v.strip()}
        layers = selectors.layer_list(user=request.user, **validated(LayerListQuery, query))
        stats = selectors.layer_stats(layer_ids=[layer.pk for layer in layers])
        show_import = can_see_internal(request.user)
        body = [
            layer_body(
                layer, stats.get(layer.pk, selectors.LayerStats()), request=request, show_import=show_import
            )
            for layer in layers
        ]
        return Response(body)

    @extend_schema(
        summary="Create a layer (planner or admin)", request=LayerInput, responses={201: LayerOutput}
    )
    def post(self, request: Request):
        services.require_layer_writer(request.user)
        data = validated(LayerInput, request.data)
        layer = services.layer_create(user=request.user, **data)
        return Response(
            _body(layer, request), status=201, headers={"Location": f"/api/v1/layers/{layer.slug}"}
        )


class LayerDetailApi(APIView):
    """GET / PATCH / DELETE /api/v1/layers/{slug}."""

    parser_classes = [JSONParser]

    @extend_schema(summary="One layer", responses=LayerOutput)
    def get(self, request: Request, slug: str):
        layer = selectors.layer_get(slug=slug, user=request.user)
        return Response(_body(layer, request))

    @extend_schema(
        summary="Change a layer (planner or admin)", request=LayerPatchInput, responses=LayerOutput
    )
    def patch(self, request: Request, slug: str):
        layer = selectors.layer_get(slug=slug, user=request.user)
        services.require_layer_writer(request.user)
        changes = validated(LayerPatchInput, request.data)
        layer = services.layer_update(layer=layer, user=request.user, changes=changes)
        return Response(_body(layer, request))

    @extend_schema(summary="Delete a layer and its features (planner or admin)", responses={204: None})
    def delete(self, request: Request, slug: str):
        layer = selectors.layer_get(slug=slug, user=request.user)
        services.layer_delete(layer=layer, user=request.user)
        return Response(status=204)


class LayerUploadApi(APIView):
    """POST /api/v1/layers/{slug}/upload (multipart/form-data): features from a vector file."""

    parser_classes = [MultiPartParser]

    def initialize_request(self, request: HttpRequest, *args, **kwargs):
        install_upload_limit(request, limit=upload_limit())
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request: Request, *args, **kwargs):
        check_content_length(request, limit=upload_limit())
        super().initial(request, *args, **kwargs)

    @extend_schema(
        summary="Upload features into a layer (planner or admin)",
        request={"multipart/form-data": UploadInput},
        responses={
            201: OpenApiResponse(ImportRunOutput, description="Imported (no task queue configured)"),
            202: OpenApiResponse(ImportRunOutput, description="Queued: follow GET /api/v1/imports/{id}"),
        },
    )
    def post(self, request: Request, slug: str):
        layer = selectors.layer_get(slug=slug, user=request.user)
        services.require_layer_writer(request.user)
        data = validated(UploadInput, request.data)
        upload = data.pop("file")
        options = {**data, "source_layer": data.pop("layer", None)}
        run, queued = services.layer_upload(layer=layer, user=request.user, upload=upload, options=options)
        return Response(
            import_run_body(run),
            status=202 if queued else 201,
            headers={"Location": f"/api/v1/imports/{run.pk}"},
        )
