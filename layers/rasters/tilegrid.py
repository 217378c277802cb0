"""Pure maths of the XYZ tile grid in EPSG:3857 metres, and which overview of a raster a tile should read.

Tile numbering (z, x, y with y from the top) and the range check are layers.tiles.tilemath's; this adds
the bounds in metres, which rasterio needs for the tile's geotransform.
"""

from layers.tiles.tilemath import WORLD_HALF_M

TILE_SIZE = 256  # pixels per side of a PNG tile


def tile_bounds_3857(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of tile (z, x, y) in EPSG:3857 metres."""
    side = 2.0 * WORLD_HALF_M / (1 << z)
    west = -WORLD_HALF_M + x * side
    north = WORLD_HALF_M - y * side
    return west, north - side, west + side, north


def overview_level(factors: list[int], ratio: float) -> int | None:
    """Which overview to read when each output pixel covers `ratio` source pixels (per side).

    factors: the raster's overview decimation factors, ascending (rasterio `overviews(1)`, e.g. [2, 4, 8]).
    Returns the 0-based index of the coarsest overview that is still at least as fine as the output
    (factor <= ratio), or None for the full resolution. GDAL's warper does not choose overviews itself
    when the output grid is given, so the tile reader opens the chosen level.
    """
    level = None
    for index, factor in enumerate(factors):
        if factor <= ratio:
            level = index
    return level


def overview_count(width: int, height: int, *, smallest: int = TILE_SIZE) -> int:
    """How many halvings make the larger side of a width × height raster at most `smallest` pixels."""
    count, side = 0, max(width, height)
    while side > smallest:
        side = (side + 1) // 2
        count += 1
    return count
