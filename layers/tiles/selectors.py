"""Reads for vector tiles: render one MVT tile in PostGIS, describe a tileset (TileJSON 3.0.0).

Tiles are (z, x, y) of the XYZ / WebMercatorQuad grid, y from the top. Bounds are (west, south, east,
north) in degrees (EPSG:4326). URLs in the descriptions are absolute, from `origin` ("http://host:port").
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.gis.db.models import Extent
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from geoportal.db import fetch_rows, fetch_value, sql_file
from geoportal.errors import ValidationFailed
from layers.collections import Collection
from layers.models import AdminArea, Layer
from layers.tiles.http import max_age
from layers.tiles.sources import CELL_POINT_FIELDS, HEXAGON_FIELDS, OSM_ATTRIBUTION, TileSource, tile_source
from layers.tiles.tilemath import MAX_LAT, MAX_ZOOM, tile_error

TILEJSON_VERSION = "3.0.0"
FULL_POINTS_ZOOM = 16  # appeals tiles: every appeal its own point from here (tension.tiles)
COLLECTION_MAX_ZOOM = 16  # the deepest zoom we advertise; clients over-zoom past it (4096 units ≈ 15 cm)
BASEMAP_MIN_ZOOM, BASEMAP_MAX_ZOOM = 0, 16
WORLD = (-180.0, -MAX_LAT, 180.0, MAX_LAT)


@dataclass(frozen=True)
class VectorLayer:
    id: str
    fields: Mapping[str, str]
    minzoom: int
    maxzoom: int
    description: str = ""


def check_tile(z: int, x: int, y: int) -> None:
    """Raises ValidationFailed (400) naming z, x or y when (z, x, y) is not a tile of the grid."""
    field = tile_error(z, x, y)
    if field == "z":
        raise ValidationFailed(
            _("The zoom level must be between 0 and %(max)d.") % {"max": MAX_ZOOM}, field="z"
        )
    if field is not None:
        raise ValidationFailed(
            _("%(name)s must be between 0 and %(max)d at zoom %(z)d.")
            % {"name": field, "max": (1 << z) - 1, "z": z},
            field=field,
        )


def render_mvt(sql: str, params: dict) -> bytes:
    """Runs a tile query (one row, one bytea); b"" for none. The connection plans it without parallel
    workers or JIT (geoportal/settings.py): on 2 cores a parallel ST_AsMVT plan cut throughput tenfold, and
    JIT compiling the many-CTE basemap query cost seconds a tile (5.2 s → 0.14 s for a z13 tile)."""
    value = fetch_value(sql, params)
    return bytes(value) if value is not None else b""


def _render(sql_name: str, params: dict) -> bytes:
    """Runs layers/sql/<sql_name>.sql; b"" for no feature."""
    return render_mvt(sql_file("layers", sql_name), params)


def collection_tile(*, collection: Collection, z: int, x: int, y: int) -> bytes:
    """The MVT tile (z, x, y) of `collection`: one layer named after the collection id, feature id = row id,
    every feature of the tile (no cap). The appeals collections (tension.tiles): H3 hexagons with counts
    below their min_zoom, lone appeals as points and denser res-12 cells as counted points up to z15, every
    appeal as a point from z16. Other collections below their min_zoom: b"" (no tile) rather than a tile
    that would have to drop features. Raises ValidationFailed for a tile outside the grid."""
    check_tile(z, x, y)
    source = tile_source(collection)
    if source.hexagons:
        return _kept_appeals_tile(collection, source, z, x, y)
    if z < collection.min_zoom:
        return b""
    return _render(source.sql, {"z": z, "x": x, "y": y, **source.query_params(collection)})


def _appeals_tile(collection: Collection, source: TileSource, z: int, x: int, y: int) -> bytes:
    params = source.query_params(collection)
    if z >= FULL_POINTS_ZOOM:
        return _render(source.sql, {"z": z, "x": x, "y": y, **params})
    # tension builds on layers, not the reverse: imported here
    from tension.tiles import appeal_hexagons_tile, appeal_points_tile

    if z < collection.min_zoom:
        return appeal_hexagons_tile(z=z, x=x, y=y, params=params)
    return appeal_points_tile(z=z, x=x, y=y, params=params)


def _kept_appeals_tile(collection: Collection, source: TileSource, z: int, x: int, y: int) -> bytes:
    """An appeals tile kept in the shared cache under the appeals' write version and the local day (the
    hexagons' overdue counts change at midnight): any appeal or category write makes the kept tiles
    unreachable at once, so a map never shows an appeal's old state after its write has committed. (A
    tile rendered while a write is in flight may be kept under that write's version until the next write
    or TILE_MAX_AGE, as long as an HTTP cache may keep it anyway.) Keeps the dense quarters' tiles of a
    busy map from being rendered again for every visitor."""
    version = fetch_value(sql_file("layers", "appeals_public_version"))
    key = f"appeals-tile:{collection.id}:{z}/{x}/{y}:{version}:{timezone.localdate()}"
    data = cache.get(key)
    if data is None:
        data = _appeals_tile(collection, source, z, x, y)
        cache.set(key, data, max_age("TILE_MAX_AGE"))
    return data


def basemap_tile(*, z: int, x: int, y: int) -> bytes:
    """The basemap tile (z, x, y) from the imported OSM data (layers/sql/basemap_tile.sql)."""
    check_tile(z, x, y)
    return _render("basemap_tile", {"z": z, "x": x, "y": y})


def layer_fields(layer_id: int) -> dict[str, str]:
    """Property name → type (String, Number, Boolean) over the features of one Layer."""
    return dict(fetch_rows(sql_file("layers", "tiles_features_fields"), {"layer_id": layer_id}))


def collection_source(collection: Collection) -> TileSource:
    """The tile source of `collection`; a Layer's fields come from its data, its attribution from its
    licence."""
    if collection.layer_id is None:
        return tile_source(collection)
    source = tile_source(collection, layer_fields=layer_fields(collection.layer_id))
    licence = Layer.objects.filter(pk=collection.layer_id).values_list("licence", flat=True).first()
    return TileSource(source.sql, source.fields, attribution=licence or "", params=source.params)


def collection_bounds(collection: Collection) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees of every row of `collection`, or None when it has none."""
    extent = collection.queryset().aggregate(extent=Extent("geom"))["extent"]
    return tuple(extent) if extent else None


def tile_min_zoom(collection: Collection) -> int:
    """The lowest zoom with tiles: 0 when hexagons stand in for the points below the collection's min_zoom."""
    return 0 if collection_source(collection).hexagons else collection.min_zoom


def collection_vector_layer(collection: Collection) -> VectorLayer:
    """The one MVT layer of a collection's tiles, as TileJSON's vector_layers and OGC's tilesets list it."""
    source = collection_source(collection)
    return VectorLayer(
        id=collection.id,
        fields={**source.fields, **HEXAGON_FIELDS, **CELL_POINT_FIELDS} if source.hexagons else source.fields,
        minzoom=tile_min_zoom(collection),
        maxzoom=COLLECTION_MAX_ZOOM,
        description=str(collection.description),
    )


BASEMAP_LAYERS = [
    VectorLayer("landuse", {"class": "String", "name": "String"}, 0, BASEMAP_MAX_ZOOM),
    VectorLayer("water", {"class": "String", "name": "String"}, 0, BASEMAP_MAX_ZOOM),
    VectorLayer("waterway", {"class": "String", "name": "String"}, 0, BASEMAP_MAX_ZOOM),
    VectorLayer("boundary", {"kind": "String", "name": "String"}, 0, BASEMAP_MAX_ZOOM),
    VectorLayer("place", {"class": "String", "name": "String", "population": "Number"}, 0, BASEMAP_MAX_ZOOM),
    VectorLayer(
        "roads",
        {
            "class": "String",
            "rank": "Number",
            "name": "String",
            "ref": "String",
            "oneway": "Number",
            "bridge": "Boolean",
            "tunnel": "Boolean",
        },
        5,
        BASEMAP_MAX_ZOOM,
    ),
    VectorLayer("road_labels", {"class": "String", "name": "String"}, 13, BASEMAP_MAX_ZOOM),
    VectorLayer("buildings", {"levels": "Number"}, 13, BASEMAP_MAX_ZOOM),
    VectorLayer("housenumbers", {"housenumber": "String"}, 16, BASEMAP_MAX_ZOOM),
]


def basemap_bounds() -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees of the municipalities, or None when none is loaded."""
    municipalities = AdminArea.objects.filter(kind=AdminArea.Kind.MUNICIPALITY)
    extent = municipalities.aggregate(extent=Extent("geom"))["extent"]
    return tuple(extent) if extent else None


def _tilejson(
    *,
    name: str,
    description: str,
    tiles_url: str,
    attribution: str,
    bounds: tuple[float, float, float, float] | None,
    layers: list[VectorLayer],
    minzoom: int,
    maxzoom: int,
) -> dict:
    west, south, east, north = bounds or WORLD
    center_zoom = max(minzoom, min(14, maxzoom))
    document = {
        "tilejson": TILEJSON_VERSION,
        "name": name,
        "description": description,
        "version": "1.0.0",
        "scheme": "xyz",
        "tiles": [tiles_url],
        "minzoom": minzoom,
        "maxzoom": maxzoom,
        "bounds": [west, south, east, north],
        "center": [(west + east) / 2, (south + north) / 2, center_zoom],
        "vector_layers": [
            {
                "id": layer.id,
                "description": layer.description,
                "minzoom": layer.minzoom,
                "maxzoom": layer.maxzoom,
                "fields": dict(layer.fields),
            }
            for layer in layers
        ],
    }
    if attribution:
        document["attribution"] = attribution
    return document


def collection_tilejson(*, collection: Collection, origin: str) -> dict:
    """TileJSON 3.0.0 of a collection's tiles: absolute tiles URL, zooms, data bounds, vector_layers."""
    source = collection_source(collection)
    return _tilejson(
        name=str(collection.title),
        description=str(collection.description),
        tiles_url=f"{origin}/tiles/{collection.id}/{{z}}/{{x}}/{{y}}.mvt",
        attribution=source.attribution,
        bounds=collection_bounds(collection),
        layers=[collection_vector_layer(collection)],
        minzoom=tile_min_zoom(collection),
        maxzoom=COLLECTION_MAX_ZOOM,
    )


def basemap_tilejson(*, origin: str) -> dict:
    """TileJSON 3.0.0 of the basemap tiles, bounded by the municipalities."""
    return _tilejson(
        name=_("Basemap"),
        description=_("The municipality's basemap from OpenStreetMap data, served by the geoportal."),
        tiles_url=f"{origin}/tiles/basemap/{{z}}/{{x}}/{{y}}.mvt",
        attribution=OSM_ATTRIBUTION,
        bounds=basemap_bounds(),
        layers=BASEMAP_LAYERS,
        minzoom=BASEMAP_MIN_ZOOM,
        maxzoom=BASEMAP_MAX_ZOOM,
    )
