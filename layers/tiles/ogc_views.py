"""OGC API – Tiles for the collections' vector tiles, under /ogc/ (registered in layers/tiles/urls.py).

/ogc/tileMatrixSets, /ogc/tileMatrixSets/WebMercatorQuad, /ogc/collections/{id}/tiles,
/ogc/collections/{id}/tiles/WebMercatorQuad and …/{tileMatrix}/{tileRow}/{tileCol} (row = y from the
top, col = x). The tile is the very one /tiles/{id}/{z}/{x}/{y}.mvt serves.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from geoportal.errors import NotFound
from layers.collections import collection_get
from layers.models import Access
from layers.tiles import ogc, selectors
from layers.tiles.http import json_response, max_age, tile_response
from layers.tiles.tilematrixset import WEB_MERCATOR_QUAD, web_mercator_quad
from layers.tiles.views import origin_of


def _check_tms(tms_id: str) -> None:
    if tms_id != WEB_MERCATOR_QUAD:
        raise NotFound(_("Unknown tile matrix set: %(id)s") % {"id": tms_id})


@require_safe
def tile_matrix_sets(request: HttpRequest) -> HttpResponse:
    """GET /ogc/tileMatrixSets"""
    body = ogc.tile_matrix_sets_list(origin=origin_of(request))
    return json_response(request, body, seconds=max_age("BASEMAP_MAX_AGE"))


@require_safe
def tile_matrix_set(request: HttpRequest, tms_id: str) -> HttpResponse:
    """GET /ogc/tileMatrixSets/WebMercatorQuad"""
    _check_tms(tms_id)
    return json_response(request, web_mercator_quad(), seconds=max_age("BASEMAP_MAX_AGE"))


@require_safe
def collection_tilesets(request: HttpRequest, collection_id: str) -> HttpResponse:
    """GET /ogc/collections/{id}/tiles"""
    collection = collection_get(collection_id, request.user)
    body = ogc.collection_tilesets(collection=collection, origin=origin_of(request))
    public = collection.access == Access.PUBLIC
    return json_response(request, body, public=public, seconds=max_age("TILE_MAX_AGE"))


@require_safe
def collection_tileset(request: HttpRequest, collection_id: str, tms_id: str) -> HttpResponse:
    """GET /ogc/collections/{id}/tiles/WebMercatorQuad"""
    _check_tms(tms_id)
    collection = collection_get(collection_id, request.user)
    body = ogc.collection_tileset(collection=collection, origin=origin_of(request))
    public = collection.access == Access.PUBLIC
    return json_response(request, body, public=public, seconds=max_age("TILE_MAX_AGE"))


@require_safe
def collection_tile(
    request: HttpRequest, collection_id: str, tms_id: str, tile_matrix: str, tile_row: str, tile_col: str
) -> HttpResponse:
    """GET /ogc/collections/{id}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"""
    _check_tms(tms_id)
    collection = collection_get(collection_id, request.user)
    data = selectors.collection_tile(
        collection=collection, z=int(tile_matrix), x=int(tile_col), y=int(tile_row)
    )
    public = collection.access == Access.PUBLIC
    return tile_response(request, data, public=public, seconds=max_age("TILE_MAX_AGE"))
