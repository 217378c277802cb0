"""Reads behind /ogc: pages of features and single features as GeoJSON text built in PostGIS, counts,
extents. Stored geometry is EPSG:4326 (lon, lat); output goes through crs.Crs (SRID, axis order, digits).

The ORM builds the WHERE clause (collection filter, bbox, datetime, property and CQL2 filters, all bound
parameters); layers/sql/ogc_*.sql wrap the SQL Django compiles and turn its rows into JSON text, which is
written to the client as it is.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.gis.db.models import Extent
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import Polygon
from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, connection, transaction
from django.db.models import BigIntegerField, ExpressionWrapper, F, Max, Min, Q, QuerySet
from django.utils.translation import gettext

from geoportal.db import RawTextLoader, fetch_bytes_row, fetch_rows, fetch_value, sql_file
from geoportal.errors import NotFound, ValidationFailed
from layers.collections import Collection
from layers.ogc.crs import Crs
from layers.ogc.expressions import FlipCoordinates, ForcePolygonCCW, JSONObjectText
from layers.ogc.params import Bbox, ItemsQuery, TimeFilter
from layers.ogc.queryables import Queryable, property_filter_q, queryables_annotate

# numberMatched is counted when the planner expects at most this many matching features, else it is left
# out (never estimated). Counting costs about one heap visit per row: 686k of 1M appeals took 350 ms,
# three times the 10,000-feature page. A collection's total (no filter) is what GIS clients ask once per
# layer; filtered totals come with every map pan, so they are counted only when that is cheap.
# settings.GEOPORTAL["OGC_EXACT_COUNT_MAX"] / ["OGC_EXACT_COUNT_MAX_FILTERED"] override these.
EXACT_COUNT_MAX = 100_000
EXACT_COUNT_MAX_FILTERED = 2_000
# A filtered page sorts all its matches when the planner expects at most this many (see _page_rows): a
# sort of 50,000 ids costs ~10 ms; beyond that the primary-key walk finds a page's rows sooner.
SORT_ALL_MATCHES_MAX = 50_000
# Tables with more rows than this get the planner's estimated extent instead of a full ST_Extent scan.
EXACT_EXTENT_MAX_ROWS = 200_000
_LINEAL_OR_POINT = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString"})
_BBOX_EDGE_POINTS = 32  # points per edge of a projected bbox, so it keeps its shape in degrees


@dataclass(frozen=True)
class ItemsPage:
    features: bytes  # the Feature objects as UTF-8 JSON, comma-separated (no brackets)
    number_returned: int
    number_matched: int | None  # None when counting would cost more than the page (see EXACT_COUNT_MAX)


@dataclass(frozen=True)
class CollectionExtent:
    bbox: tuple[float, float, float, float] | None  # (west, south, east, north), CRS84
    interval: tuple[datetime | None, datetime | None] | None


def _bbox_geometry(bbox: Bbox, crs: Crs) -> Polygon:
    """The bbox as a polygon in `crs` (x east first); projected boxes are densified before PostGIS
    transforms them to EPSG:4326, because their straight edges are curves in degrees."""
    if crs.geographic:
        polygon = Polygon.from_bbox(bbox)
    else:
        west, south, east, north = bbox
        n = _BBOX_EDGE_POINTS
        ring = [(west + (east - west) * i / n, south) for i in range(n)]
        ring += [(east, south + (north - south) * i / n) for i in range(n)]
        ring += [(east - (east - west) * i / n, north) for i in range(n)]
        ring += [(west, north - (north - south) * i / n) for i in range(n)]
        polygon = Polygon([*ring, ring[0]])
    polygon.srid = crs.srid
    return polygon


def _time_q(path: str, time: TimeFilter) -> Q:
    if time.start is not None and time.start == time.end and not time.end_exclusive:
        return Q(**{path: time.start})
    q = Q()
    if time.start is not None:
        q &= Q(**{f"{path}__gte": time.start})
    if time.end is not None:
        q &= Q(**{f"{path}__{'lt' if time.end_exclusive else 'lte'}": time.end})
    return q


def items_filtered(
    *, collection: Collection, queryables: dict[str, Queryable], query: ItemsQuery
) -> QuerySet:
    """The collection's public rows that match bbox, datetime, property filters and the CQL2 filter.

    Raises ValidationFailed (400) when a filter value does not fit its property.
    """
    q = Q()
    if query.bbox is not None:
        q &= Q(geom__intersects=_bbox_geometry(query.bbox, query.bbox_crs))
    if query.time is not None:
        q &= _time_q(collection.datetime_field, query.time)
    if query.properties:
        q &= property_filter_q(values_by_name=query.properties, queryables=queryables)
    if query.filter is not None:
        from layers.ogc.cql import cql_filter_q  # pygeofilter: loaded by the first filtered request only

        q &= cql_filter_q(
            text=query.filter, lang=query.filter_lang, crs=query.filter_crs, queryables=queryables
        )
    try:
        return queryables_annotate(collection.queryset(), queryables).filter(q)
    except (FieldError, ValueError, TypeError, DjangoValidationError) as error:
        detail = error.messages[0] if isinstance(error, DjangoValidationError) else str(error)
        message = gettext("A filter does not fit the property it names: %(detail)s")
        raise ValidationFailed(message % {"detail": detail}, field="filter") from None


def _geometry_geojson(collection: Collection, crs: Crs) -> AsGeoJSON:
    geometry = F("geom") if crs.srid == 4326 else Transform("geom", crs.srid)
    if collection.geometry_type not in _LINEAL_OR_POINT:
        geometry = ForcePolygonCCW(geometry)
    if crs.lat_lon:  # after the CCW step: rings stay counter-clockwise in (lon, lat)
        geometry = FlipCoordinates(geometry)
    return AsGeoJSON(geometry, precision=crs.precision)


def _feature_rows(queryset: QuerySet, collection: Collection, crs: Crs) -> QuerySet:
    """The three columns the ogc_*.sql wrappers read: ogc_fid, ogc_geometry (GeoJSON text), ogc_props."""
    if collection.json_properties:
        props = F(collection.json_properties)
    else:
        props = JSONObjectText({name: F(path) for name, path in collection.properties.items()})
    return queryset.order_by("pk").values(
        ogc_fid=F("pk"), ogc_geometry=_geometry_geojson(collection, crs), ogc_props=props
    )


def _run(
    sql_name: str, marker: str, queryset: QuerySet, before: list, after: list, *, text_as_bytes: bool = False
) -> list[tuple]:
    """Runs layers/sql/<sql_name>.sql with `marker` replaced by the SQL Django compiled for `queryset`.

    The compiled SQL carries its own placeholders; `before` and `after` bind the file's own ones.
    With `text_as_bytes`, text columns come back as UTF-8 bytes (the database encoding is UTF8).
    """
    inner, params = queryset.query.sql_with_params()
    sql = sql_file("layers", sql_name).replace(marker, inner)
    try:
        with connection.cursor() as cursor:
            if text_as_bytes:
                cursor.cursor.adapters.register_loader("text", RawTextLoader)
            cursor.execute(sql, [*before, *params, *after])
            return cursor.fetchall()
    except DataError as error:  # e.g. a coordinate PostGIS cannot transform
        message = gettext("The database could not apply this request: %(error)s")
        raise ValidationFailed(message % {"error": str(error).splitlines()[0]}) from None


def _filtered_by_client(query: ItemsQuery) -> bool:
    return bool(query.bbox or query.time or query.properties or query.filter)


def _estimated_matches(filtered: QuerySet) -> float:
    """The planner's estimate of the matching rows (an EXPLAIN: nothing is executed)."""
    plan = _run("ogc_estimate", "{ids}", filtered.order_by().values("pk"), [], [])[0][0]
    return plan[0]["Plan"]["Plan Rows"]


def _last_page_matched(query: ItemsQuery, returned: int) -> int | None:
    """numberMatched when this page is the last one (fewer than `limit` features), else None."""
    if returned < query.limit and (returned > 0 or query.offset == 0):
        return query.offset + returned
    return None


def _number_matched(
    filtered: QuerySet,
    query: ItemsQuery,
    *,
    returned: int,
    estimate: float | None,
    kept_kind: str | None = None,
) -> int | None:
    """numberMatched: exact on the last page; else counted up to the cap when the planner expects no more
    than the cap, or left out. `kept_kind`: an unfiltered appeals collection, counted on the read model's
    (kind, id) index (ogc_kept_count.sql: ~5 ms for 50,000 proposals, ~150 ms on the appeals table)."""
    last = _last_page_matched(query, returned)
    if last is not None:
        return last
    if _filtered_by_client(query):
        cap = settings.GEOPORTAL.get("OGC_EXACT_COUNT_MAX_FILTERED", EXACT_COUNT_MAX_FILTERED)
    else:
        cap = settings.GEOPORTAL.get("OGC_EXACT_COUNT_MAX", EXACT_COUNT_MAX)
    if (estimate if estimate is not None else _estimated_matches(filtered)) > cap:
        return None
    if kept_kind:
        count = fetch_value(sql_file("layers", "ogc_kept_count"), {"kind": kept_kind, "over_cap": cap + 1})
    else:
        count = _run("ogc_count", "{ids}", filtered.order_by().values("pk"), [], [cap + 1])[0][0]
    return count if count <= cap else None


def _page_rows(filtered: QuerySet, collection: Collection, query: ItemsQuery, estimate: float | None):
    """The page's rows for ogc_items.sql. Unfiltered: the primary-key order scan, stopped by the LIMIT (the
    category join memoized). Filtered: the page's ids are picked first from the bare rows, and only those
    rows are built — joining the category of all ~8,000 matches of a 400 m box cost 20 ms.

    With few matches (SORT_ALL_MATCHES_MAX) the ids are ordered by `id + 0`, which no index provides: the
    matches are then collected through the filter's index (the GiST index for a bbox) and sorted, 4 ms for
    a box of 8,000 appeals. Ordered by id, PostgreSQL walks the primary key instead and tests rows until it
    has the page (90 ms): it prices the bitmap scan as if every match lay on a page of its own, not knowing
    that appeals are clustered on their GiST index (manage.py cluster_appeals).
    """
    window = slice(query.offset, query.offset + query.limit)
    if not _filtered_by_client(query):
        return _feature_rows(filtered, collection, query.crs)[window]
    order = F("pk")
    if estimate is not None and estimate <= SORT_ALL_MATCHES_MAX:
        order = ExpressionWrapper(F("pk") + 0, output_field=BigIntegerField())
    ids = filtered.order_by(order).values("pk")[window]
    return _feature_rows(collection.model.objects.filter(pk__in=ids), collection, query.crs)


def _kept_bbox_only(query: ItemsQuery) -> bool:
    """A CRS84 page whose only filter is a bbox in degrees: read model, ids from its plane-point index."""
    return (
        query.bbox is not None
        and query.bbox_crs.geographic
        and not (query.time or query.properties or query.filter)
    )


def _kept_bbox_page(kind: str, query: ItemsQuery) -> ItemsPage:
    """A bbox-only CRS84 page of appeals of `kind` (layers/sql/ogc_kept_bbox_items.sql): no ORM, no plan
    estimate; numberMatched is the count of matches it sorted (exact up to SORT_ALL_MATCHES_MAX), else
    known on the last page only."""
    west, south, east, north = query.bbox
    params = {"kind": kind, "west": west, "south": south, "east": east, "north": north}
    params |= {"limit": query.limit, "offset": query.offset, "sort_max": SORT_ALL_MATCHES_MAX}
    features, returned, matched = fetch_bytes_row(sql_file("layers", "ogc_kept_bbox_items"), params)
    if matched is None:
        matched = _last_page_matched(query, returned)
    return ItemsPage(features=features, number_returned=returned, number_matched=matched)


def items_page(*, collection: Collection, queryables: dict[str, Queryable], query: ItemsQuery) -> ItemsPage:
    """One page (offset, limit, ordered by id) of the features matching `query`, as GeoJSON text."""
    if collection.kept_kind and query.crs.is_storage and _kept_bbox_only(query):
        return _kept_bbox_page(collection.kept_kind, query)
    filtered = items_filtered(collection=collection, queryables=queryables, query=query)
    with transaction.atomic():  # the page and its count see one snapshot
        estimate = _estimated_matches(filtered) if _filtered_by_client(query) else None
        if collection.kept_kind and not _filtered_by_client(query) and query.crs.is_storage:
            kept_kind = collection.kept_kind
            params = {"kind": kept_kind, "limit": query.limit, "offset": query.offset}
            features, returned = fetch_bytes_row(sql_file("layers", "ogc_kept_items"), params)
        else:
            kept_kind = None
            page = _page_rows(filtered, collection, query, estimate)
            features, returned = _run("ogc_items", "{page}", page, [], [], text_as_bytes=True)[0]
        matched = _number_matched(filtered, query, returned=returned, estimate=estimate, kept_kind=kept_kind)
    return ItemsPage(features=features, number_returned=returned, number_matched=matched)


def item_geojson(*, collection: Collection, feature_id: str, crs: Crs, links_json: str) -> bytes:
    """One public feature as a GeoJSON Feature object with `links_json` (a JSON array) as its links.

    Raises NotFound (404) for an id that is not a public feature of the collection.
    """
    not_found = NotFound(
        gettext("No feature %(id)s in collection %(collection)s.")
        % {"id": feature_id, "collection": collection.id}
    )
    if not (feature_id.isascii() and feature_id.isdigit()) or int(feature_id) > 2**63 - 1:
        raise not_found
    rows = _feature_rows(collection.queryset().filter(pk=int(feature_id)), collection, crs)
    result = _run("ogc_item", "{page}", rows, [links_json], [], text_as_bytes=True)
    if not result:
        raise not_found
    return result[0][0]


def collection_extent(collection: Collection) -> CollectionExtent:
    """Spatial extent (CRS84) and temporal extent of the collection's public rows.

    Exact (ST_Extent, min/max) for tables up to EXACT_EXTENT_MAX_ROWS rows; above that the spatial
    extent is PostGIS's estimate for the whole table (ST_EstimatedExtent), a box that still holds every row.
    """
    queryset = collection.queryset()
    table = collection.model._meta.db_table
    rows = fetch_value(sql_file("layers", "ogc_table_rows"), {"table": table})
    if rows is not None and rows > EXACT_EXTENT_MAX_ROWS:
        box = fetch_rows(sql_file("layers", "ogc_estimated_extent"), {"table": table})
        bbox = tuple(box[0]) if box and box[0][0] is not None else None
    else:
        bbox = queryset.aggregate(extent=Extent("geom"))["extent"]
    interval = None
    if collection.datetime_field:
        found = queryset.aggregate(start=Min(collection.datetime_field), end=Max(collection.datetime_field))
        if found["start"] is not None:
            interval = (found["start"], found["end"])
    return CollectionExtent(bbox=tuple(bbox) if bbox else None, interval=interval)
