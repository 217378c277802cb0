"""Write the small synthetic GeoTIFFs of the raster tests (see tests/data/README.md, "Rasters").

Run from the repository root:  .venv/bin/python tests/data/rasters/make_rasters.py
Needs only rasterio and numpy. Every value follows a formula written here, so tests can compute the
expected numbers by hand. The output is deterministic (no random numbers, no timestamps in the TIFFs).
"""

from pathlib import Path

import numpy as np
import rasterio
from rasterio.transform import from_bounds, from_origin

HERE = Path(__file__).resolve().parent

# The DEM: 600 × 480 pixels of 10 m in UTM 37N (EPSG:32637) around central Krymsk (lon 37.985, lat 44.925
# is at x 419898, y 4975120). Elevation rises to the south and a little to the east:
#   elev(row, col) = 20 + row // 4 + col // 20   metres, int16;
# the north-west corner (rows 0..19, cols 0..19, 200 × 200 m) is a hole in the survey: nodata -9999.
# So min = 21 (row 0, col 20), max = 168 (row 479, col 599).
DEM_ORIGIN = (416_900.0, 4_977_520.0)  # (west, north), metres
DEM_SHAPE = (480, 600)  # (rows, cols)
DEM_PIXEL = 10.0  # metres
DEM_NODATA = -9999
DEM_HOLE = 20  # rows and cols of the nodata corner

# The orthophoto stand-in: 512 × 512 RGB pixels in EPSG:3857 covering exactly the XYZ tile z15/19841/11797,
# four uniform quadrants: north-west red, north-east green, south-west blue, south-east white.
RGB_TILE = (15, 19841, 11797)
RGB_SIZE = 512
QUADRANTS = {"nw": (255, 0, 0), "ne": (0, 255, 0), "sw": (0, 0, 255), "se": (255, 255, 255)}

# The tiny raster for zonal statistics by hand: 4 × 4 float32 pixels of 10 m in EPSG:32637, values 1..16
# row by row, except row 0 col 3 (value 4) which is nodata -1:
#    1  2  3  .
#    5  6  7  8
#    9 10 11 12
#   13 14 15 16
TINY_ORIGIN = (419_880.0, 4_975_140.0)
TINY_NODATA = -1.0

WORLD_HALF_M = 20037508.342789244  # half the side of the EPSG:3857 square, metres


def dem_values() -> np.ndarray:
    rows, cols = np.indices(DEM_SHAPE)
    elev = (20 + rows // 4 + cols // 20).astype("int16")
    elev[:DEM_HOLE, :DEM_HOLE] = DEM_NODATA
    return elev


def tile_bounds_3857(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    side = 2 * WORLD_HALF_M / (1 << z)
    west = -WORLD_HALF_M + x * side
    north = WORLD_HALF_M - y * side
    return west, north - side, west + side, north


def rgb_values() -> np.ndarray:
    half = RGB_SIZE // 2
    rgb = np.zeros((3, RGB_SIZE, RGB_SIZE), dtype="uint8")
    for name, colour in QUADRANTS.items():
        rows = slice(0, half) if name[0] == "n" else slice(half, RGB_SIZE)
        cols = slice(0, half) if name[1] == "w" else slice(half, RGB_SIZE)
        for band, value in enumerate(colour):
            rgb[band, rows, cols] = value
    return rgb


def write(path: Path, data: np.ndarray, **profile) -> None:
    """A plain (striped, DEFLATE) GeoTIFF, as desktop GIS tools write them: not tiled, no overviews."""
    if data.ndim == 2:
        data = data[np.newaxis]
    profile = {
        "driver": "GTiff",
        "count": data.shape[0],
        "height": data.shape[1],
        "width": data.shape[2],
        "dtype": data.dtype.name,
        "compress": "deflate",
        **profile,
    }
    with rasterio.open(path, "w", **profile) as out:
        out.write(data)


def main() -> None:
    write(
        HERE / "krymsk_dem_32637.tif",
        dem_values(),
        crs="EPSG:32637",
        transform=from_origin(*DEM_ORIGIN, DEM_PIXEL, DEM_PIXEL),
        nodata=DEM_NODATA,
        predictor=2,
    )
    write(
        HERE / "krymsk_rgb_3857.tif",
        rgb_values(),
        crs="EPSG:3857",
        transform=from_bounds(*tile_bounds_3857(*RGB_TILE), RGB_SIZE, RGB_SIZE),
        photometric="RGB",
    )
    tiny = np.arange(1, 17, dtype="float32").reshape(4, 4)
    tiny[0, 3] = TINY_NODATA
    write(
        HERE / "tiny_4x4_32637.tif",
        tiny,
        crs="EPSG:32637",
        transform=from_origin(*TINY_ORIGIN, 10.0, 10.0),
        nodata=TINY_NODATA,
    )
    # A TIFF with pixels but no CRS and no geotransform (a scanned map before georeferencing).
    write(HERE / "no_georef.tif", np.full((32, 32), 7, dtype="uint8"))
    # The first half of the DEM's bytes: a TIFF cut off in the middle of its pixel data.
    dem = (HERE / "krymsk_dem_32637.tif").read_bytes()
    (HERE / "truncated_dem.tif").write_bytes(dem[: len(dem) // 2])


if __name__ == "__main__":
    main()
