"""OGC's WebMercatorQuad tile matrix set (OGC 17-083r4, TMS 2.0 JSON encoding): pure, no database.

The grid is the XYZ one: EPSG:3857, 256-pixel tiles, origin at the top left, tileRow = y (from the top),
tileCol = x. Scale denominators use OGC's standard pixel of 0.28 mm.
"""

from layers.tiles.tilemath import MAX_ZOOM, WORLD_HALF_M, tile_range

WEB_MERCATOR_QUAD = "WebMercatorQuad"
TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
CRS_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TILE_SIZE_PX = 256
PIXEL_M = 0.00028  # the standardised rendering pixel, metres


def cell_size_m(z: int) -> float:
    """Metres per pixel at the equator for zoom `z` (EPSG:3857 units)."""
    return 2 * WORLD_HALF_M / TILE_SIZE_PX / (1 << z)


def web_mercator_quad() -> dict:
    """The full definition of WebMercatorQuad, tile matrices 0…MAX_ZOOM."""
    return {
        "id": WEB_MERCATOR_QUAD,
        "title": "Google Maps Compatible for the World",
        "uri": TMS_URI,
        "crs": CRS_3857,
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "boundingBox": {
            "lowerLeft": [-WORLD_HALF_M, -WORLD_HALF_M],
            "upperRight": [WORLD_HALF_M, WORLD_HALF_M],
            "crs": CRS_3857,
            "orderedAxes": ["X", "Y"],
        },
        "tileMatrices": [
            {
                "id": str(z),
                "scaleDenominator": cell_size_m(z) / PIXEL_M,
                "cellSize": cell_size_m(z),
                "cornerOfOrigin": "topLeft",
                "pointOfOrigin": [-WORLD_HALF_M, WORLD_HALF_M],
                "tileWidth": TILE_SIZE_PX,
                "tileHeight": TILE_SIZE_PX,
                "matrixWidth": 1 << z,
                "matrixHeight": 1 << z,
            }
            for z in range(MAX_ZOOM + 1)
        ],
    }


def tile_matrix_set_limits(bbox: tuple[float, float, float, float], minzoom: int, maxzoom: int) -> list[dict]:
    """Per zoom from `minzoom` to `maxzoom`, the rows and columns of the tiles that cover `bbox`
    (west, south, east, north in degrees)."""
    limits = []
    for z in range(minzoom, maxzoom + 1):
        (min_col, max_col), (min_row, max_row) = tile_range(bbox, z)
        limits.append(
            {
                "tileMatrix": str(z),
                "minTileRow": min_row,
                "maxTileRow": max_row,
                "minTileCol": min_col,
                "maxTileCol": max_col,
            }
        )
    return limits
