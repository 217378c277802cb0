"""OGC API – Features at /ogc/: thin views (negotiate → validate → selector → response).

Plain Django views: the bodies are JSON (features as text built in PostGIS); a DomainError raised below
becomes a JSON {"detail", "field"} response through geoportal.errors.DomainErrorMiddleware.
"""

import json

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from layers.collections import collection_get, collections_for
from layers.ogc import formats
from layers.ogc.crs import content_crs_header, crs_parse, offered_uris
from layers.ogc.documents import (
    collection_document,
    collections_document,
    conformance_document,
    feature_collection_bytes,
    item_links,
    items_links,
    landing_document,
)
from layers.ogc.openapi import openapi_document
from layers.ogc.params import ITEM_PARAMS, METADATA_PARAMS, items_query_parse, reject_unknown
from layers.ogc.queryables import collection_queryables, property_queryables, queryables_schema
from layers.ogc.selectors import collection_extent, item_geojson, items_page


def _base(request: HttpRequest) -> str:
    """The absolute URL of /ogc, without a trailing slash."""
    return request.build_absolute_uri(reverse("ogc-landing")).rstrip("/")


def _json(document: dict, media_type: str) -> HttpResponse:
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type=media_type)


def _metadata_type(request: HttpRequest, offer: formats.Offer = formats.METADATA) -> str:
    reject_unknown(request.GET, allowed=METADATA_PARAMS)
    return formats.negotiate(request, offer)


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    """GET /ogc/ — the landing page: links to the API definition, conformance and the collections."""
    return _json(landing_document(_base(request)), _metadata_type(request))


@require_safe
def conformance(request: HttpRequest) -> HttpResponse:
    """GET /ogc/conformance — the conformance classes implemented."""
    return _json(conformance_document(), _metadata_type(request))


@require_safe
def api(request: HttpRequest) -> HttpResponse:
    """GET /ogc/api — the OpenAPI 3.0 definition, with one items path per collection this user sees."""
    media_type = _metadata_type(request, formats.OPENAPI_DOC)
    visible = [(c, collection_queryables(c)) for c in collections_for(request.user)]
    return _json(openapi_document(_base(request), visible), media_type)


@require_safe
def collections(request: HttpRequest) -> HttpResponse:
    """GET /ogc/collections — every collection this user may read, with extents."""
    media_type = _metadata_type(request)
    entries = [(c, collection_extent(c)) for c in collections_for(request.user)]
    return _json(collections_document(entries, _base(request)), media_type)


@require_safe
def collection(request: HttpRequest, collection_id: str) -> HttpResponse:
    """GET /ogc/collections/{id} — one collection's metadata; 404 when unknown or not visible."""
    media_type = _metadata_type(request)
    found = collection_get(collection_id, request.user)
    document = collection_document(found, collection_extent(found), _base(request), crs=offered_uris())
    return _json(document, media_type)


@require_safe
def queryables(request: HttpRequest, collection_id: str) -> HttpResponse:
    """GET /ogc/collections/{id}/queryables — the JSON Schema of what filters may name."""
    media_type = _metadata_type(request, formats.QUERYABLES)
    found = collection_get(collection_id, request.user)
    url = request.build_absolute_uri(request.path)
    return _json(queryables_schema(found, collection_queryables(found), url=url), media_type)


@require_safe
def items(request: HttpRequest, collection_id: str) -> HttpResponse:
    """GET /ogc/collections/{id}/items — a page of features (bbox, datetime, limit, offset, crs, property
    filters, CQL2 filter) as a GeoJSON FeatureCollection built in PostGIS."""
    found = collection_get(collection_id, request.user)
    available = collection_queryables(found)
    query = items_query_parse(
        request.GET, queryables=property_queryables(available), temporal=bool(found.datetime_field)
    )
    media_type = formats.negotiate(request, formats.FEATURES)
    page = items_page(collection=found, queryables=available, query=query)
    links = items_links(
        path_url=request.build_absolute_uri(request.path),
        query=request.GET.dict(),
        media_type=media_type,
        page=page,
        limit=query.limit,
        offset=query.offset,
        collection_url=f"{_base(request)}/collections/{found.id}",
    )
    response = HttpResponse(
        feature_collection_bytes(page, links=links, timestamp=timezone.now()), content_type=media_type
    )
    response["Content-Crs"] = content_crs_header(query.crs)
    return response


@require_safe
def item(request: HttpRequest, collection_id: str, feature_id: str) -> HttpResponse:
    """GET /ogc/collections/{id}/items/{featureId} — one feature; 404 when it is not public."""
    found = collection_get(collection_id, request.user)
    reject_unknown(request.GET, allowed=ITEM_PARAMS)
    media_type = formats.negotiate(request, formats.FEATURES)
    crs = crs_parse(request.GET.get("crs"), field="crs")
    links = item_links(
        self_url=request.build_absolute_uri(),
        path_url=request.build_absolute_uri(request.path),
        media_type=media_type,
        collection_url=f"{_base(request)}/collections/{found.id}",
    )
    body = item_geojson(
        collection=found, feature_id=feature_id, crs=crs, links_json=json.dumps(links, ensure_ascii=False)
    )
    response = HttpResponse(body, content_type=media_type)
    response["Content-Crs"] = content_crs_header(crs)
    return response
