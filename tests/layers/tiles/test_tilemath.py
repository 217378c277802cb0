"""Pure tile maths and the WebMercatorQuad definition: no database."""

import math

import pytest

from layers.tiles.tilemath import MAX_ZOOM, etag_of, tile_bounds, tile_error, tile_of, tile_range
from layers.tiles.tilematrixset import cell_size_m, tile_matrix_set_limits, web_mercator_quad
from tests.layers.tiles.conftest import CENTRE


@pytest.mark.parametrize(
    ("z", "x", "y", "field"),
    [
        (0, 0, 0, None),
        (MAX_ZOOM, 2**MAX_ZOOM - 1, 0, None),
        (-1, 0, 0, "z"),
        (MAX_ZOOM + 1, 0, 0, "z"),
        (3, 8, 0, "x"),
        (3, -1, 0, "x"),
        (3, 0, 8, "y"),
        (3, 7, -1, "y"),
    ],
)
def test_tile_error_names_the_field_out_of_range(z, x, y, field):
    assert tile_error(z, x, y) == field


def test_tile_of_the_town_centre_matches_the_slippy_map_formula():
    # Reference: https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames, worked by hand for z14.
    lon, lat = CENTRE
    n = 2**14
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)

    assert tile_of(lon, lat, 14) == (x, y) == (9920, 5898)


def test_tile_bounds_contain_the_point_and_share_edges_with_the_neighbours():
    x, y = tile_of(*CENTRE, 16)
    west, south, east, north = tile_bounds(16, x, y)

    assert west <= CENTRE[0] < east and south < CENTRE[1] <= north
    assert tile_bounds(16, x + 1, y)[0] == east and tile_bounds(16, x, y + 1)[3] == south
    assert tile_bounds(0, 0, 0) == pytest.approx((-180, -85.0511287798, 180, 85.0511287798))


def test_tile_range_covers_a_bbox_west_to_east_north_to_south():
    (min_x, max_x), (min_y, max_y) = tile_range((37.93, 44.89, 38.05, 44.96), 14)

    assert min_x < max_x and min_y < max_y
    assert (min_x, min_y) == tile_of(37.93, 44.96, 14) and (max_x, max_y) == tile_of(38.05, 44.89, 14)


def test_etag_is_a_quoted_hash_of_the_bytes():
    assert etag_of(b"a") == etag_of(b"a") != etag_of(b"b")
    assert etag_of(b"a").startswith('"') and etag_of(b"a").endswith('"') and len(etag_of(b"a")) == 34


def test_web_mercator_quad_follows_the_ogc_definition():
    tms = web_mercator_quad()
    z0, z14 = tms["tileMatrices"][0], tms["tileMatrices"][14]

    assert tms["id"] == "WebMercatorQuad" and tms["crs"] == "http://www.opengis.net/def/crs/EPSG/0/3857"
    assert len(tms["tileMatrices"]) == MAX_ZOOM + 1
    # OGC 17-083r4 Annex: z0 scale denominator 559082264.028717, cell size 156543.033928041 m.
    assert z0["scaleDenominator"] == pytest.approx(559082264.028717)
    assert z0["cellSize"] == pytest.approx(156543.033928041) == cell_size_m(0)
    assert (z14["matrixWidth"], z14["matrixHeight"], z14["cornerOfOrigin"]) == (2**14, 2**14, "topLeft")


def test_tile_matrix_set_limits_per_zoom():
    limits = tile_matrix_set_limits((37.93, 44.89, 38.05, 44.96), 12, 14)

    assert [limit["tileMatrix"] for limit in limits] == ["12", "13", "14"]
    (min_x, max_x), (min_y, max_y) = tile_range((37.93, 44.89, 38.05, 44.96), 14)
    assert limits[-1] == {
        "tileMatrix": "14",
        "minTileRow": min_y,
        "maxTileRow": max_y,
        "minTileCol": min_x,
        "maxTileCol": max_x,
    }
