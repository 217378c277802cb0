"""Vector tiles, TileJSON and the basemap's style, glyphs and sprites: thin views over the selectors.

Errors (unknown collection 404, tile out of range 400) are DomainErrors that the middleware maps to JSON.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from geoportal.errors import NotFound
from layers.basemap.assets import glyph_file, sprite_file
from layers.basemap.style import basemap_style
from layers.collections import collection_get
from layers.models import Access
from layers.tiles import selectors
from layers.tiles.http import cached_bytes_response, json_response, max_age, tile_response

_SPRITE_TYPES = {".json": "application/json", ".png": "image/png"}


def origin_of(request: HttpRequest) -> str:
    """ "scheme://host[:port]" of the request: every URL we hand out is absolute to this server."""
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def collection_tile(request: HttpRequest, collection_id: str, z: str, x: str, y: str) -> HttpResponse:
    """GET /tiles/{collection}/{z}/{x}/{y}.mvt — one MVT tile; 204 when it has no feature."""
    collection = collection_get(collection_id, request.user)
    data = selectors.collection_tile(collection=collection, z=int(z), x=int(x), y=int(y))
    public = collection.access == Access.PUBLIC
    return tile_response(request, data, public=public, seconds=max_age("TILE_MAX_AGE"))


@require_safe
def collection_tilejson(request: HttpRequest, collection_id: str) -> HttpResponse:
    """GET /tiles/{collection}.json — TileJSON 3.0.0."""
    collection = collection_get(collection_id, request.user)
    body = selectors.collection_tilejson(collection=collection, origin=origin_of(request))
    public = collection.access == Access.PUBLIC
    return json_response(request, body, public=public, seconds=max_age("TILE_MAX_AGE"))


@require_safe
def basemap_tile(request: HttpRequest, z: str, x: str, y: str) -> HttpResponse:
    """GET /tiles/basemap/{z}/{x}/{y}.mvt — one basemap tile from the imported OSM data."""
    data = selectors.basemap_tile(z=int(z), x=int(x), y=int(y))
    return tile_response(request, data, public=True, seconds=max_age("BASEMAP_MAX_AGE"))


@require_safe
def basemap_tilejson(request: HttpRequest) -> HttpResponse:
    """GET /tiles/basemap.json — TileJSON 3.0.0 of the basemap."""
    body = selectors.basemap_tilejson(origin=origin_of(request))
    return json_response(request, body, seconds=max_age("BASEMAP_MAX_AGE"))


@require_safe
def style(request: HttpRequest, name: str) -> HttpResponse:
    """GET /styles/basemap.json — the MapLibre style, every URL absolute to this server."""
    if name != "basemap":
        raise NotFound()
    bounds = selectors.basemap_bounds()
    center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2) if bounds else None
    body = basemap_style(origin=origin_of(request), center=center)
    return json_response(request, body, seconds=max_age("BASEMAP_MAX_AGE"))


@require_safe
def glyphs(request: HttpRequest, fontstack: str, glyph_range: str) -> HttpResponse:
    """GET /fonts/{fontstack}/{start}-{end}.pbf — SDF glyphs (the first font of the stack that we have)."""
    data = glyph_file(fontstack=fontstack, glyph_range=glyph_range).read_bytes()
    return cached_bytes_response(
        request, data, content_type="application/x-protobuf", seconds=max_age("BASEMAP_MAX_AGE")
    )


@require_safe
def sprite(request: HttpRequest, file_name: str) -> HttpResponse:
    """GET /sprites/basemap[@2x].json|png — the icon sheet and its index."""
    path = sprite_file(file_name)
    return cached_bytes_response(
        request,
        path.read_bytes(),
        content_type=_SPRITE_TYPES[path.suffix],
        seconds=max_age("BASEMAP_MAX_AGE"),
    )
