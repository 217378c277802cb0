"""The pure raster maths: ramps, statistics, the tile grid, zones and parameters. No database, no files."""

import h3
import numpy as np
import pytest

from geoportal.errors import ValidationFailed
from layers.rasters.cog import is_tiff
from layers.rasters.params import parse_colormap, parse_coordinate
from layers.rasters.ramps import RAMPS, paint_band, paint_rgb, ramp_table, to_byte
from layers.rasters.stats import EMPTY, band_stats, valid_pixels
from layers.rasters.tilegrid import overview_count, overview_level, tile_bounds_3857
from layers.rasters.zones import MAX_CELLS, zone_from_geojson, zones_from_h3
from layers.tiles.tilemath import WORLD_HALF_M

# The tiny raster of tests/data/rasters, as an array: 1..16 row by row, row 0 col 3 is nodata -1.
TINY = np.arange(1, 17, dtype="float32").reshape(4, 4)
TINY[0, 3] = -1.0


def test_ramps_run_from_their_first_to_their_last_anchor():
    for name, anchors in RAMPS.items():
        table = ramp_table(name)
        assert table.shape == (256, 3) and table.dtype == np.uint8
        assert tuple(table[0]) == anchors[0][1] and tuple(table[255]) == anchors[-1][1], name
    assert tuple(ramp_table("greys")[128]) == (128, 128, 128)


def test_to_byte_rescales_min_to_0_and_max_to_255_and_clips():
    values = np.array([21.0, 94.5, 168.0, 0.0, 500.0, np.nan])
    assert to_byte(values, 21.0, 168.0).tolist() == [0, 128, 255, 0, 255, 0]
    assert to_byte(np.array([5, 5]), 5.0, 5.0).tolist() == [0, 0]  # a flat band


def test_paint_band_makes_invalid_pixels_transparent():
    values = np.array([[0.0, 10.0], [5.0, -9999.0]])
    valid = np.array([[True, True], [True, False]])
    rgba = paint_band(values, valid, vmin=0.0, vmax=10.0, ramp="greys")
    assert rgba.shape == (4, 2, 2)
    assert rgba[:, 0, 0].tolist() == [0, 0, 0, 255]
    assert rgba[:, 0, 1].tolist() == [255, 255, 255, 255]
    assert rgba[:, 1, 0].tolist() == [128, 128, 128, 255]
    assert rgba[3, 1, 1] == 0


def test_paint_rgb_keeps_bytes_and_rescales_other_types():
    bands = np.array([[[255]], [[0]], [[7]]], dtype="uint8")
    assert paint_rgb(bands, np.array([[True]]), ranges=None)[:, 0, 0].tolist() == [255, 0, 7, 255]
    wide = np.array([[[4000]], [[0]], [[2000]]], dtype="uint16")
    ranges = [(0.0, 4000.0)] * 3
    assert paint_rgb(wide, np.array([[False]]), ranges=ranges)[:, 0, 0].tolist() == [255, 0, 128, 0]


def test_zonal_statistics_of_the_tiny_raster_by_hand():
    valid = valid_pixels(TINY, nodata=-1.0)
    assert valid.sum() == 15
    whole = band_stats(TINY, valid)
    # 1 + 2 + … + 16 = 136, less the nodata pixel (which would be 4): 132 over 15 pixels.
    assert (whole.count, whole.min, whole.max, whole.mean) == (15, 1.0, 16.0, 132 / 15)
    top_left = np.zeros((4, 4), bool)
    top_left[:2, :2] = True
    stats = band_stats(TINY, valid & top_left)  # 1, 2, 5, 6
    assert stats.as_dict() == {"min": 1.0, "max": 6.0, "mean": 3.5, "count": 4}
    top_row = np.zeros((4, 4), bool)
    top_row[0] = True
    assert band_stats(TINY, valid & top_row).as_dict() == {"min": 1.0, "max": 3.0, "mean": 2.0, "count": 3}


def test_no_valid_pixel_gives_nulls():
    assert band_stats(TINY, np.zeros((4, 4), bool)).as_dict() == {
        "min": None,
        "max": None,
        "mean": None,
        "count": 0,
    }


def test_merged_blocks_equal_the_whole():
    valid = valid_pixels(TINY, nodata=-1.0)
    halves = band_stats(TINY[:2], valid[:2]).merge(band_stats(TINY[2:], valid[2:])).merge(EMPTY)
    assert halves == band_stats(TINY, valid)


def test_valid_pixels_leaves_out_nan_nodata_and_masked():
    values = np.array([1.0, np.nan, np.inf, -1.0, 5.0])
    mask = np.array([False, False, False, False, True])
    assert valid_pixels(values, nodata=-1.0, mask=mask).tolist() == [True, False, False, False, False]
    assert valid_pixels(np.array([0, 3], dtype="uint8"), nodata=0).tolist() == [False, True]


def test_tile_bounds_in_metres():
    assert tile_bounds_3857(0, 0, 0) == pytest.approx(
        (-WORLD_HALF_M, -WORLD_HALF_M, WORLD_HALF_M, WORLD_HALF_M)
    )
    west, south, east, north = tile_bounds_3857(1, 1, 0)  # the north-east quarter
    assert (west, south, east, north) == pytest.approx((0.0, 0.0, WORLD_HALF_M, WORLD_HALF_M))


def test_overview_level_picks_the_coarsest_overview_still_fine_enough():
    factors = [2, 4, 8]
    assert overview_level(factors, 0.5) is None  # zoomed in past full resolution
    assert overview_level(factors, 1.9) is None
    assert overview_level(factors, 2.0) == 0
    assert overview_level(factors, 5.3) == 1
    assert overview_level(factors, 100.0) == 2
    assert overview_level([], 100.0) is None


def test_overview_count_halves_down_to_one_tile():
    assert overview_count(600, 480) == 2  # 600 → 300 → 150
    assert overview_count(512, 512) == 1
    assert overview_count(256, 100) == 0
    assert overview_count(40000, 20000) == 8


def test_tiff_signatures():
    assert is_tiff(b"II*\x00\x08\x00\x00\x00") and is_tiff(b"MM\x00*") and is_tiff(b"II+\x00")
    assert not is_tiff(b"\x89PNG\r\n\x1a\n") and not is_tiff(b'{"type"') and not is_tiff(b"")


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[37.98, 44.92], [37.99, 44.92], [37.99, 44.93], [37.98, 44.92]]],
}


def test_a_polygon_zone_is_checked_and_densified():
    zone = zone_from_geojson(SQUARE)
    assert zone["type"] == "Polygon"
    assert len(zone["coordinates"][0]) > 4  # 0.01° edges cut to ≤ 0.0005°


@pytest.mark.parametrize(
    "geometry, reason",
    [
        ({"type": "Point", "coordinates": [37.98, 44.92]}, "must be a GeoJSON Polygon or MultiPolygon"),
        ("POLYGON((0 0, 1 0, 1 1, 0 0))", "must be a GeoJSON Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[1, 2]]]}, "not a valid GeoJSON Polygon"),
        ({"type": "Polygon", "coordinates": []}, "geometry is empty"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[420000, 4975000], [420100, 4975000], [420100, 4975100], [420000, 4975000]]],
            },
            "longitude -180..180",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "geometry is invalid: Self-intersection",
        ),
    ],
)
def test_bad_polygon_zones_say_why(geometry, reason):
    with pytest.raises(ValidationFailed, match=reason) as caught:
        zone_from_geojson(geometry)
    assert caught.value.field == "geometry"


def test_h3_zones_are_the_cells_outlines_in_lon_lat():
    cell = h3.latlng_to_cell(44.925, 37.985, 9)
    [zone] = zones_from_h3([cell])
    lons = [lon for lon, _ in zone["coordinates"][0]]
    lats = [lat for _, lat in zone["coordinates"][0]]
    assert min(lons) < 37.985 < max(lons) and min(lats) < 44.925 < max(lats)


@pytest.mark.parametrize(
    "cells, reason",
    [
        ([], "non-empty list"),
        ("8a2d1c8a6d77fff", "non-empty list"),
        (["8928308280fffff", "not-a-cell"], "h3 item 2 \\('not-a-cell'\\) is not an H3 cell id"),
        ([613196570331971583], "h3 item 1 .* is not an H3 cell id"),
        (["8928308280fffff"] * (MAX_CELLS + 1), f"at most {MAX_CELLS} per request"),
    ],
)
def test_bad_h3_zones_say_why(cells, reason):
    with pytest.raises(ValidationFailed, match=reason) as caught:
        zones_from_h3(cells)
    assert caught.value.field == "h3"


def test_coordinates_and_colour_maps_are_checked():
    assert parse_coordinate("37.985", name="lon", limit=180) == 37.985
    for raw, reason in [
        (None, "lon is required"),
        ("abc", "must be a number"),
        ("200", "-180..180"),
        ("nan", "-180..180"),
    ]:
        with pytest.raises(ValidationFailed, match=reason):
            parse_coordinate(raw, name="lon", limit=180)
    assert parse_colormap(None) is None and parse_colormap("terrain") == "terrain"
    with pytest.raises(ValidationFailed, match="colormap must be one of greys, terrain, viridis"):
        parse_colormap("jet")
