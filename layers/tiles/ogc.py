"""OGC API – Tiles (Part 1, 1.0) documents for the collections' vector tiles: tilesets list, tileset
metadata and the tile matrix sets. URLs are absolute from `origin`; tiles are WebMercatorQuad only.

Conformance classes these documents implement (to list in /ogc/conformance): see CONFORMANCE.
"""

from django.utils.translation import gettext as _

from layers.collections import Collection
from layers.tiles.http import MVT_MEDIA_TYPE
from layers.tiles.selectors import WORLD, collection_bounds, collection_vector_layer
from layers.tiles.tilematrixset import CRS84, CRS_3857, TMS_URI, WEB_MERCATOR_QUAD, tile_matrix_set_limits

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
    "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
]
REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
REL_GEODATA = "http://www.opengis.net/def/rel/ogc/1.0/geodata"
REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
JSON = "application/json"
_JSON_SCHEMA_TYPES = {"String": "string", "Number": "number", "Boolean": "boolean"}
_DIMENSIONS = {
    "Point": 0,
    "MultiPoint": 0,
    "LineString": 1,
    "MultiLineString": 1,
    "Polygon": 2,
    "MultiPolygon": 2,
}


def tile_matrix_sets_list(*, origin: str) -> dict:
    """GET /ogc/tileMatrixSets: the one tile matrix set offered."""
    return {
        "tileMatrixSets": [
            {
                "id": WEB_MERCATOR_QUAD,
                "title": "Google Maps Compatible for the World",
                "uri": TMS_URI,
                "links": [
                    {"rel": "self", "type": JSON, "href": f"{origin}/ogc/tileMatrixSets/{WEB_MERCATOR_QUAD}"}
                ],
            }
        ]
    }


def _tileset_links(collection: Collection, origin: str) -> list[dict]:
    base = f"{origin}/ogc/collections/{collection.id}/tiles/{WEB_MERCATOR_QUAD}"
    return [
        {"rel": "self", "type": JSON, "title": _("This tileset"), "href": base},
        {
            "rel": REL_TILING_SCHEME,
            "type": JSON,
            "title": _("The tile matrix set"),
            "href": f"{origin}/ogc/tileMatrixSets/{WEB_MERCATOR_QUAD}",
        },
        {
            "rel": "item",
            "type": MVT_MEDIA_TYPE,
            "title": _("Mapbox vector tiles"),
            "href": f"{base}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}",
            "templated": True,
        },
        {"rel": REL_GEODATA, "type": JSON, "href": f"{origin}/ogc/collections/{collection.id}"},
        {
            "rel": "describedby",
            "type": JSON,
            "title": "TileJSON",
            "href": f"{origin}/tiles/{collection.id}.json",
        },
    ]


def collection_tilesets(*, collection: Collection, origin: str) -> dict:
    """GET /ogc/collections/{id}/tiles: the vector tilesets of a collection (WebMercatorQuad)."""
    links = _tileset_links(collection, origin)
    return {
        "links": [
            {"rel": "self", "type": JSON, "href": f"{origin}/ogc/collections/{collection.id}/tiles"},
            {"rel": REL_GEODATA, "type": JSON, "href": f"{origin}/ogc/collections/{collection.id}"},
        ],
        "tilesets": [
            {
                "title": str(collection.title),
                "dataType": "vector",
                "crs": CRS_3857,
                "tileMatrixSetURI": TMS_URI,
                "links": [links[0], links[1]],
            }
        ],
    }


def collection_tileset(*, collection: Collection, origin: str) -> dict:
    """GET /ogc/collections/{id}/tiles/WebMercatorQuad: tileset metadata with limits from the data."""
    layer = collection_vector_layer(collection)
    west, south, east, north = collection_bounds(collection) or WORLD
    description = {
        "id": layer.id,
        "title": str(collection.title),
        "description": layer.description,
        "dataType": "vector",
        "minTileMatrix": str(layer.minzoom),
        "maxTileMatrix": str(layer.maxzoom),
        "propertiesSchema": {
            "type": "object",
            "properties": {name: {"type": _JSON_SCHEMA_TYPES[kind]} for name, kind in layer.fields.items()},
        },
    }
    if collection.geometry_type in _DIMENSIONS:
        description["geometryDimension"] = _DIMENSIONS[collection.geometry_type]
    return {
        "title": str(collection.title),
        "description": str(collection.description),
        "dataType": "vector",
        "crs": CRS_3857,
        "tileMatrixSetURI": TMS_URI,
        "tileMatrixSetLimits": tile_matrix_set_limits(
            (west, south, east, north), layer.minzoom, layer.maxzoom
        ),
        "boundingBox": {"lowerLeft": [west, south], "upperRight": [east, north], "crs": CRS84},
        "layers": [description],
        "links": _tileset_links(collection, origin),
    }
