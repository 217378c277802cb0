"""HTTP for tiles and basemap assets: ETag + conditional GET (304), Cache-Control, 204 for an empty tile.

Public resources say `Cache-Control: public` and allow any origin (other departments' web maps read
them); internal layers' tiles are `private` and vary by cookie, so no shared cache keeps them.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from layers.tiles.tilemath import etag_of

MVT_MEDIA_TYPE = "application/vnd.mapbox-vector-tile"
TILEJSON_MEDIA_TYPE = "application/json"

# Seconds; settings.GEOPORTAL may override each (GEOPORTAL_TILE_MAX_AGE, GEOPORTAL_BASEMAP_MAX_AGE).
_DEFAULT_MAX_AGE = {"TILE_MAX_AGE": 60, "BASEMAP_MAX_AGE": 86400}


def max_age(key: str) -> int:
    """Cache lifetime in seconds for `key` (TILE_MAX_AGE for data tiles, BASEMAP_MAX_AGE for the basemap)."""
    return int(settings.GEOPORTAL.get(key, _DEFAULT_MAX_AGE[key]))


def _cache_headers(response: HttpResponse, *, public: bool, seconds: int) -> HttpResponse:
    if public:
        response["Cache-Control"] = f"public, max-age={seconds}"
        response["Access-Control-Allow-Origin"] = "*"
    else:
        response["Cache-Control"] = f"private, max-age={seconds}"
        patch_vary_headers(response, ["Cookie"])
    return response


def cached_bytes_response(
    request: HttpRequest, data: bytes, *, content_type: str, public: bool = True, seconds: int
) -> HttpResponse:
    """`data` with a strong ETag (a hash of the bytes) and Cache-Control; 304 when If-None-Match matches."""
    response = HttpResponse(data, content_type=content_type)
    response["ETag"] = etag_of(data)
    _cache_headers(response, public=public, seconds=seconds)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def tile_response(request: HttpRequest, data: bytes, *, public: bool, seconds: int) -> HttpResponse:
    """An MVT tile; 204 No Content (still cacheable) when the tile has no feature."""
    if not data:
        return _cache_headers(HttpResponse(status=204), public=public, seconds=seconds)
    return cached_bytes_response(request, data, content_type=MVT_MEDIA_TYPE, public=public, seconds=seconds)


def json_response(
    request: HttpRequest,
    body: dict,
    *,
    public: bool = True,
    seconds: int,
    content_type: str = "application/json",
) -> HttpResponse:
    """A JSON document (TileJSON, a style, OGC metadata) with an ETag and Cache-Control."""
    data = JsonResponse(body, json_dumps_params={"ensure_ascii": False}).content
    return cached_bytes_response(request, data, content_type=content_type, public=public, seconds=seconds)
