"""The JSON documents of /ogc (landing page, conformance, collections, feature collection envelope) and
their links. Pure: takes what the selectors read and the absolute base URL of /ogc (no trailing slash).
"""

import json
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.utils.translation import gettext

from layers.collections import Collection
from layers.ogc import formats
from layers.ogc.crs import CRS84_URI, offered_uris
from layers.ogc.selectors import CollectionExtent, ItemsPage
from layers.tiles.ogc import CONFORMANCE as TILES_CONFORMANCE
from layers.tiles.ogc import REL_TILESETS_VECTOR

CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
)
# OGC API – Tiles is served over the same collections (layers/tiles/ogc_views.py).
CONFORMANCE += tuple(TILES_CONFORMANCE)
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"
TRS_GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"


def link(href: str, rel: str, media_type: str, title: str) -> dict:
    return {"href": href, "rel": rel, "type": media_type, "title": title}


def _utc(moment: datetime) -> str:
    """RFC 3339 in UTC, Z-suffixed, fractions kept (an extent must hold its last instant)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def landing_document(base: str) -> dict:
    return {
        "title": gettext("Geoportal: OGC API – Features"),
        "description": gettext(
            "Appeals, proposals, real estate, infrastructure, administrative areas and the uploaded layers "
            "of the municipality, for GIS clients (QGIS, GDAL, OWSLib)."
        ),
        "links": [
            link(f"{base}/", "self", formats.JSON, gettext("This document")),
            link(f"{base}/api", "service-desc", formats.OPENAPI, gettext("The API definition (OpenAPI 3.0)")),
            link(f"{base}/api.html", "service-doc", formats.HTML, gettext("The API documentation")),
            link(
                f"{base}/conformance", "conformance", formats.JSON, gettext("Conformance classes implemented")
            ),
            link(f"{base}/collections", "data", formats.JSON, gettext("The collections")),
            link(f"{base}/tileMatrixSets", REL_TILING_SCHEMES, formats.JSON, gettext("Tile matrix sets")),
        ],
    }


def conformance_document() -> dict:
    return {"conformsTo": list(CONFORMANCE)}


def collection_document(
    collection: Collection, extent: CollectionExtent, base: str, *, crs: list[str]
) -> dict:
    """One collection's metadata; `crs` is the CRS list to show (all, or ["#/crs"] inside /collections)."""
    url = f"{base}/collections/{collection.id}"
    document = {
        "id": collection.id,
        "title": str(collection.title),
        "description": str(collection.description),
        "itemType": "feature",
        "links": [
            link(url, "self", formats.JSON, gettext("This collection")),
            link(f"{url}/items", "items", formats.GEOJSON, gettext("The features")),
            link(f"{url}/queryables", REL_QUERYABLES, formats.JSON_SCHEMA, gettext("Queryable properties")),
            link(f"{url}/tiles", REL_TILESETS_VECTOR, formats.JSON, gettext("Vector tilesets")),
        ],
        "crs": crs,
        "storageCrs": CRS84_URI,
    }
    spatial_temporal = {}
    if extent.bbox is not None:
        spatial_temporal["spatial"] = {"bbox": [[round(v, 6) for v in extent.bbox]], "crs": CRS84_URI}
    if extent.interval is not None:
        start, end = extent.interval
        spatial_temporal["temporal"] = {"interval": [[_utc(start), _utc(end)]], "trs": TRS_GREGORIAN}
    if spatial_temporal:
        document["extent"] = spatial_temporal
    return document


def collections_document(entries: list[tuple[Collection, CollectionExtent]], base: str) -> dict:
    return {
        "links": [link(f"{base}/collections", "self", formats.JSON, gettext("The collections"))],
        "collections": [collection_document(c, e, base, crs=["#/crs"]) for c, e in entries],
        "crs": offered_uris(),
    }


def _url(path_url: str, query: dict[str, str]) -> str:
    return f"{path_url}?{urlencode(query)}" if query else path_url


def items_links(
    *,
    path_url: str,
    query: dict[str, str],
    media_type: str,
    page: ItemsPage,
    limit: int,
    offset: int,
    collection_url: str,
) -> list[dict]:
    """self, alternate, next (when more may follow), prev (when offset > 0) and collection."""
    other_f = "json" if media_type == formats.GEOJSON else "geojson"
    other_type = formats.JSON if other_f == "json" else formats.GEOJSON
    links = [
        link(_url(path_url, query), "self", media_type, gettext("This page")),
        link(
            _url(path_url, {**query, "f": other_f}),
            "alternate",
            other_type,
            gettext("This page as %(type)s") % {"type": other_type},
        ),
    ]
    shown_up_to = offset + page.number_returned
    more = (
        shown_up_to < page.number_matched
        if page.number_matched is not None
        else page.number_returned == limit
    )
    if more:
        following = {**query, "offset": str(offset + limit)}
        links.append(link(_url(path_url, following), "next", media_type, gettext("Next page")))
    if offset > 0:
        preceding = {**query, "offset": str(max(0, offset - limit))}
        if preceding["offset"] == "0":
            del preceding["offset"]
        links.append(link(_url(path_url, preceding), "prev", media_type, gettext("Previous page")))
    links.append(link(collection_url, "collection", formats.JSON, gettext("The collection")))
    return links


def item_links(*, self_url: str, path_url: str, media_type: str, collection_url: str) -> list[dict]:
    """self, alternate (the other JSON media type) and collection links of one feature."""
    other_f = "json" if media_type == formats.GEOJSON else "geojson"
    other_type = formats.JSON if other_f == "json" else formats.GEOJSON
    return [
        link(self_url, "self", media_type, gettext("This feature")),
        link(
            f"{path_url}?f={other_f}",
            "alternate",
            other_type,
            gettext("This feature as %(type)s") % {"type": other_type},
        ),
        link(collection_url, "collection", formats.JSON, gettext("The collection")),
    ]


def feature_collection_bytes(page: ItemsPage, *, links: list[dict], timestamp: datetime) -> bytes:
    """The FeatureCollection around the features from PostGIS (their bytes are not parsed or re-encoded)."""
    head = {"type": "FeatureCollection", "timeStamp": _utc(timestamp)}
    if page.number_matched is not None:
        head["numberMatched"] = page.number_matched
    head["numberReturned"] = page.number_returned
    head["links"] = links
    prefix = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return b"".join([prefix.encode(), b',"features":[', page.features, b"]}"])
