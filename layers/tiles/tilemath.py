"""Pure tile maths for the XYZ / OGC WebMercatorQuad grid (EPSG:3857), no database.

Tiles are addressed (z, x, y) with y counted from the top (north), as in XYZ URLs and in OGC's
WebMercatorQuad, where tileRow = y and tileCol = x. Longitudes and latitudes are WGS84 degrees.
"""

import hashlib
import math

MAX_ZOOM = 24  # the deepest tile matrix of OGC's WebMercatorQuad
EXTENT = 4096  # MVT tile extent, units per tile side
BUFFER = 64  # MVT buffer for lines and polygons, in tile units (1/64 of a tile side)
WORLD_HALF_M = 20037508.342789244  # half the side of the EPSG:3857 square, metres
MAX_LAT = 85.0511287798066  # the latitude of the north edge of the EPSG:3857 square, degrees


def tile_error(z: int, x: int, y: int) -> str | None:
    """The first of "z", "x", "y" that is out of range for the grid, or None when (z, x, y) is a tile."""
    if not 0 <= z <= MAX_ZOOM:
        return "z"
    side = 1 << z
    if not 0 <= x < side:
        return "x"
    if not 0 <= y < side:
        return "y"
    return None


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """(x, y) of the zoom-`z` tile that holds the point (lon, lat) in degrees; y from the top."""
    side = 1 << z
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = int((lon + 180.0) / 360.0 * side)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * side)
    return min(max(x, 0), side - 1), min(max(y, 0), side - 1)


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of tile (z, x, y)."""
    side = 1 << z

    def lat_of(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * row / side))))

    return x / side * 360.0 - 180.0, lat_of(y + 1), (x + 1) / side * 360.0 - 180.0, lat_of(y)


def tile_range(bbox: tuple[float, float, float, float], z: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """((min_x, max_x), (min_y, max_y)) of the zoom-`z` tiles that cover bbox (west, south, east, north)."""
    west, south, east, north = bbox
    min_x, min_y = tile_of(west, north, z)
    max_x, max_y = tile_of(east, south, z)
    return (min_x, max_x), (min_y, max_y)


def etag_of(data: bytes) -> str:
    """A strong ETag (quoted) for a response body: 128 bits of BLAKE2b over the bytes."""
    return '"' + hashlib.blake2b(data, digest_size=16).hexdigest() + '"'
