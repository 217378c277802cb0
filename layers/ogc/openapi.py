"""The OpenAPI 3.0 definition of /ogc (served at /ogc/api), written by hand from what the views do.

Besides the generic `/collections/{collectionId}/items`, every collection the user may see has its own
`/collections/<id>/items` path that lists its queryable properties as query parameters: GDAL's OAPIF driver
and other clients read those to send `name=value` filters to the server.
"""

from django.utils.translation import gettext

from layers.collections import Collection
from layers.ogc import formats
from layers.ogc.crs import CRS84_URI, offered_uris
from layers.ogc.params import DEFAULT_LIMIT, FILTER_LANGS, MAX_LIMIT, MAX_OFFSET
from layers.ogc.queryables import Queryable

_REF = "#/components/"


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"{_REF}{kind}/{name}"}


def _json_content(schema_name: str, media_type: str = formats.JSON) -> dict:
    return {media_type: {"schema": _ref("schemas", schema_name)}}


def _errors(*statuses: str) -> dict:
    return {status: _ref("responses", f"E{status}") for status in statuses}


def _operation(operation_id: str, summary: str, tag: str, parameters: list, ok: dict) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": [tag],
            "parameters": parameters,
            "responses": {"200": ok, **_errors("400", "404", "406", "500")},
        }
    }


def _parameters() -> dict:
    crs_schema = {"type": "string", "format": "uri", "enum": offered_uris(), "default": CRS84_URI}
    return {
        "collectionId": {
            "name": "collectionId",
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
        },
        "featureId": {"name": "featureId", "in": "path", "required": True, "schema": {"type": "integer"}},
        "f-metadata": {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["json"]},
        },
        "f-features": {
            "name": "f",
            "in": "query",
            "required": False,
            "description": gettext(
                "geojson: application/geo+json (default); json: the same as application/json."
            ),
            "schema": {"type": "string", "enum": ["geojson", "json"]},
        },
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        },
        "offset": {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": gettext("How many matching features to skip (features are ordered by id)."),
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        },
        "bbox": {
            "name": "bbox",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": gettext(
                "min x, min y, max x, max y in bbox-crs (CRS84: lon, lat; EPSG:4326: lat, lon)."
            ),
            "schema": {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
        },
        "bbox-crs": {"name": "bbox-crs", "in": "query", "required": False, "schema": crs_schema},
        "crs": {"name": "crs", "in": "query", "required": False, "schema": crs_schema},
        "datetime": {
            "name": "datetime",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": gettext(
                "An RFC 3339 instant (2025-01-31T10:00:00Z; a date means that whole UTC day) or an interval "
                "start/end with .. for an open end."
            ),
            "schema": {"type": "string"},
        },
        "filter": {
            "name": "filter",
            "in": "query",
            "required": False,
            "description": gettext(
                "A CQL2 filter on the queryables (see /collections/{collectionId}/queryables)."
            ),
            "schema": {"type": "string"},
        },
        "filter-lang": {
            "name": "filter-lang",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(FILTER_LANGS), "default": "cql2-text"},
        },
        "filter-crs": {"name": "filter-crs", "in": "query", "required": False, "schema": crs_schema},
    }


_ITEMS_PARAMETERS = [
    "f-features",
    "limit",
    "offset",
    "bbox",
    "bbox-crs",
    "datetime",
    "crs",
    "filter",
    "filter-lang",
    "filter-crs",
]


def _schemas() -> dict:
    link = {
        "type": "object",
        "required": ["href", "rel"],
        "properties": {k: {"type": "string"} for k in ("href", "rel", "type", "title", "hreflang")},
    }
    links = {"type": "array", "items": _ref("schemas", "link")}
    collection = {
        "type": "object",
        "required": ["id", "links"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "links": links,
            "extent": {"type": "object"},
            "itemType": {"type": "string", "default": "feature"},
            "crs": {"type": "array", "items": {"type": "string"}},
            "storageCrs": {"type": "string", "format": "uri"},
        },
    }
    feature = {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "integer"},
            "geometry": {"nullable": True, "type": "object"},
            "properties": {"nullable": True, "type": "object"},
            "links": links,
        },
    }
    return {
        "link": link,
        "exception": {
            "type": "object",
            "required": ["detail"],
            "properties": {"detail": {"type": "string"}, "field": {"type": "string"}},
        },
        "landingPage": {
            "type": "object",
            "required": ["links"],
            "properties": {"title": {"type": "string"}, "description": {"type": "string"}, "links": links},
        },
        "confClasses": {
            "type": "object",
            "required": ["conformsTo"],
            "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
        },
        "collection": collection,
        "collections": {
            "type": "object",
            "required": ["links", "collections"],
            "properties": {
                "links": links,
                "collections": {"type": "array", "items": _ref("schemas", "collection")},
                "crs": {"type": "array", "items": {"type": "string"}},
            },
        },
        "featureGeoJSON": feature,
        "featureCollectionGeoJSON": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": _ref("schemas", "featureGeoJSON")},
                "links": links,
                "timeStamp": {"type": "string", "format": "date-time"},
                "numberMatched": {"type": "integer", "minimum": 0},
                "numberReturned": {"type": "integer", "minimum": 0},
            },
        },
        "queryables": {"type": "object", "description": "JSON Schema 2020-12 of the queryable properties."},
    }


def _responses() -> dict:
    def error(description: str) -> dict:
        return {"description": description, "content": _json_content("exception")}

    return {
        "E400": error(gettext("A query parameter is unknown or has an invalid value.")),
        "E404": error(gettext("The collection or feature does not exist.")),
        "E406": error(gettext("None of the requested media types is offered.")),
        "E500": error(gettext("A server error occurred.")),
    }


def _property_parameter(q: Queryable) -> dict:
    schema = {"type": q.json_type}
    if q.fmt:
        schema["format"] = q.fmt
    if q.enum:
        schema["enum"] = list(q.enum)
    description = gettext("Only features whose %(name)s equals this value.") % {"name": q.name}
    return {"name": q.name, "in": "query", "required": False, "description": description, "schema": schema}


def openapi_document(base: str, collections: list[tuple[Collection, dict[str, Queryable]]]) -> dict:
    """The OpenAPI 3.0 document for `base` (the absolute /ogc URL) and the collections this user sees."""
    p = {name: _ref("parameters", name) for name in _parameters()}
    features = {
        "description": gettext("GeoJSON features"),
        "content": {
            formats.GEOJSON: {"schema": _ref("schemas", "featureCollectionGeoJSON")},
            formats.JSON: {"schema": _ref("schemas", "featureCollectionGeoJSON")},
        },
    }
    feature = {
        "description": gettext("One GeoJSON feature"),
        "content": {
            formats.GEOJSON: {"schema": _ref("schemas", "featureGeoJSON")},
            formats.JSON: {"schema": _ref("schemas", "featureGeoJSON")},
        },
    }

    def ok(schema: str, media_type: str = formats.JSON) -> dict:
        return {"description": gettext("Success"), "content": _json_content(schema, media_type)}

    items_params = [p[name] for name in _ITEMS_PARAMETERS]
    paths = {
        "/": _operation(
            "getLandingPage", gettext("Landing page"), "Capabilities", [p["f-metadata"]], ok("landingPage")
        ),
        "/conformance": _operation(
            "getConformanceDeclaration",
            gettext("Conformance classes"),
            "Capabilities",
            [p["f-metadata"]],
            ok("confClasses"),
        ),
        "/api": _operation(
            "getAPIDefinition",
            gettext("This API definition"),
            "Capabilities",
            [p["f-metadata"]],
            {
                "description": gettext("OpenAPI 3.0"),
                "content": {formats.OPENAPI: {"schema": {"type": "object"}}},
            },
        ),
        "/collections": _operation(
            "getCollections", gettext("The collections"), "Capabilities", [p["f-metadata"]], ok("collections")
        ),
        "/collections/{collectionId}": _operation(
            "describeCollection",
            gettext("One collection"),
            "Capabilities",
            [p["collectionId"], p["f-metadata"]],
            ok("collection"),
        ),
        "/collections/{collectionId}/queryables": _operation(
            "getQueryables",
            gettext("Queryable properties (JSON Schema)"),
            "Capabilities",
            [p["collectionId"], p["f-metadata"]],
            ok("queryables", formats.JSON_SCHEMA),
        ),
        "/collections/{collectionId}/items": _operation(
            "getFeatures",
            gettext("Features of a collection"),
            "Data",
            [p["collectionId"], *items_params],
            features,
        ),
        "/collections/{collectionId}/items/{featureId}": _operation(
            "getFeature",
            gettext("One feature"),
            "Data",
            [p["collectionId"], p["featureId"], p["f-features"], p["crs"]],
            feature,
        ),
    }
    for collection, queryables in collections:
        properties = [_property_parameter(q) for q in queryables.values() if q.json_type is not None]
        paths[f"/collections/{collection.id}/items"] = _operation(
            f"getFeatures_{collection.id}",
            str(collection.title),
            "Data",
            [*items_params, *properties],
            features,
        )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": gettext("Geoportal: OGC API – Features"),
            "version": "1.0.0",
            "description": gettext(
                'Public geodata of the municipality. Errors are JSON {"detail", "field"}. '
                "Features are ordered by id; paging follows the next links."
            ),
        },
        "servers": [{"url": base}],
        "tags": [{"name": "Capabilities"}, {"name": "Data"}],
        "paths": paths,
        "components": {"parameters": _parameters(), "schemas": _schemas(), "responses": _responses()},
    }
