"""GET /tiles/rasters/{slug}/{z}/{x}/{y}.png: decoded PNGs with the expected colours at known pixels."""

import io
import math

import numpy as np
import pytest
from PIL import Image
from rasterio.warp import transform

from layers.models import RasterLayer
from layers.rasters.ramps import to_byte

# krymsk_rgb_3857.tif covers exactly this tile: NW red, NE green, SW blue, SE white (make_rasters.py).
RGB_TILE = (15, 19841, 11797)
# The DEM: origin (west, north) in EPSG:32637, 10 m pixels, elev = 20 + row // 4 + col // 20.
DEM_ORIGIN = (416_900.0, 4_977_520.0)


def elevation(row: int, col: int) -> int:
    return 20 + row // 4 + col // 20


def decode(response) -> np.ndarray:
    """(h, w, 4) RGBA of a PNG response."""
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (256, 256) and image.mode == "RGBA"
    return np.asarray(image)


def tile_url(slug: str, z: int, x: int, y: int, query: str = "") -> str:
    return f"/tiles/rasters/{slug}/{z}/{x}/{y}.png{query}"


def pixel_at(lon: float, lat: float, z: int) -> tuple[int, int, int, int]:
    """(tile x, tile y, pixel column, pixel row) of a point at zoom z (XYZ, y from the top)."""
    world = (1 << z) * 256
    gx = (lon + 180.0) / 360.0 * world
    gy = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * world
    return int(gx // 256), int(gy // 256), int(gx % 256), int(gy % 256)


def lonlat_of_dem_pixel(row: int, col: int) -> tuple[float, float]:
    x = DEM_ORIGIN[0] + (col + 0.5) * 10.0
    y = DEM_ORIGIN[1] - (row + 0.5) * 10.0
    lons, lats = transform("EPSG:32637", "EPSG:4326", [x], [y])
    return lons[0], lats[0]


def test_rgb_quadrants_come_out_in_their_colours(client, rgb):
    image = decode(client.get(tile_url("ortho", *RGB_TILE)))

    assert image[64, 64].tolist() == [255, 0, 0, 255]  # (row, col): north-west
    assert image[64, 192].tolist() == [0, 255, 0, 255]
    assert image[192, 64].tolist() == [0, 0, 255, 255]
    assert image[192, 192].tolist() == [255, 255, 255, 255]


def test_a_deeper_tile_inside_one_quadrant_is_all_that_colour(client, rgb):
    image = decode(client.get(tile_url("ortho", 16, 39682, 23594)))  # the NW quarter of RGB_TILE
    assert np.unique(image.reshape(-1, 4), axis=0).tolist() == [[255, 0, 0, 255]]


def test_a_shallower_tile_reads_the_overview_and_is_transparent_outside(client, rgb):
    # RGB_TILE is the south-east quarter of this z14 tile; 4 tile pixels per raster pixel → overview 2.
    image = decode(client.get(tile_url("ortho", 14, 9920, 5898)))

    assert image[32, 32, 3] == 0  # outside the raster
    assert image[128 + 32, 128 + 32].tolist() == [255, 0, 0, 255]
    assert image[128 + 96, 128 + 96].tolist() == [255, 255, 255, 255]


def test_tiles_outside_the_extent_are_204(client, rgb):
    response = client.get(tile_url("ortho", 15, 19841 + 1, 11797))
    assert response.status_code == 204 and response.content == b""
    assert response["Cache-Control"].startswith("public")


@pytest.mark.parametrize("row, col", [(100, 200), (300, 450), (470, 35)])
def test_dem_pixels_are_grey_by_their_elevation(client, dem, row, col):
    lon, lat = lonlat_of_dem_pixel(row, col)
    tx, ty, px, py = pixel_at(lon, lat, 17)  # 0.85 m tile pixels over 10 m DEM pixels: full resolution

    image = decode(client.get(tile_url("dem", 17, tx, ty)))

    grey = image[py, px]
    assert grey[3] == 255 and grey[0] == grey[1] == grey[2]
    # The point is a pixel centre; the warper's nearest neighbour may land on a neighbour at worst.
    near = {elevation(r, c) for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1)}
    assert grey[0] in {int(to_byte(np.array([v]), 21.0, 168.0)[0]) for v in near}


def test_the_colormap_parameter_overrides_the_rasters_own(client, dem):
    lon, lat = lonlat_of_dem_pixel(479, 599)  # the highest pixel, 168 m: the top of every ramp
    tx, ty, px, py = pixel_at(lon, lat, 17)

    greys = decode(client.get(tile_url("dem", 17, tx, ty)))
    viridis = decode(client.get(tile_url("dem", 17, tx, ty, "?colormap=viridis")))

    assert greys[py, px].tolist() == [255, 255, 255, 255]
    assert viridis[py, px].tolist() == [253, 231, 37, 255]
    response = client.get(tile_url("dem", 17, tx, ty, "?colormap=jet"))
    assert response.status_code == 400 and response.json()["field"] == "colormap"


def test_nodata_is_transparent(client, dem):
    lon, lat = lonlat_of_dem_pixel(10, 10)  # inside the 20 × 20 nodata corner
    tx, ty, px, py = pixel_at(lon, lat, 16)
    image = decode(client.get(tile_url("dem", 16, tx, ty)))
    assert image[py, px, 3] == 0
    lon, lat = lonlat_of_dem_pixel(25, 25)
    tx2, ty2, px2, py2 = pixel_at(lon, lat, 16)
    assert (tx2, ty2) == (tx, ty)  # the same tile holds data too
    assert image[py2, px2, 3] == 255
    # A z20 tile (~27 m) entirely inside the nodata corner shows nothing at all.
    assert client.get(tile_url("dem", 20, *pixel_at(*lonlat_of_dem_pixel(10, 10), 20)[:2])).status_code == 204


def test_etag_and_cache_control(client, rgb):
    first = client.get(tile_url("ortho", *RGB_TILE))
    assert first["ETag"].startswith('"') and first["Cache-Control"] == "public, max-age=60"

    again = client.get(tile_url("ortho", *RGB_TILE), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_internal_rasters_are_404_to_anonymous_users_and_residents(client, make_user, rgb):
    RasterLayer.objects.filter(pk=rgb.pk).update(access="internal")
    assert client.get(tile_url("ortho", *RGB_TILE)).status_code == 404
    client.force_login(make_user("resident", "resident"))
    assert client.get(tile_url("ortho", *RGB_TILE)).status_code == 404
    client.force_login(make_user("operator", "operator"))
    response = client.get(tile_url("ortho", *RGB_TILE))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private") and "Cookie" in response["Vary"]


def test_unknown_rasters_and_bad_tile_numbers(client, rgb):
    assert client.get(tile_url("nope", *RGB_TILE)).status_code == 404
    response = client.get(tile_url("ortho", 15, -1, 11797))
    assert response.status_code == 400 and response.json()["field"] == "x"
    assert client.get(tile_url("ortho", 2, 0, 4)).status_code == 400
    assert client.post(tile_url("ortho", *RGB_TILE)).status_code == 405
