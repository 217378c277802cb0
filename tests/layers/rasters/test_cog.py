"""Checking uploads and writing COGs with rasterio, on the committed GeoTIFFs. No database."""

import numpy as np
import pytest
import rasterio
from PIL import Image

from geoportal.errors import ValidationFailed
from layers.rasters.cog import cog_band_stats, footprint_4326, probe, write_cog
from tests.layers.rasters.conftest import DATA, DEM, NO_GEOREF, RGB, TINY, TRUNCATED


def test_probe_says_what_a_geotiff_holds():
    info = probe(DEM)
    assert (info.crs, info.band_count, info.dtype, info.nodata) == ("EPSG:32637", 1, "int16", -9999.0)
    assert (info.width, info.height) == (600, 480)
    assert probe(RGB).crs == "EPSG:3857" and probe(RGB).band_count == 3


@pytest.mark.parametrize("use_cog_driver", [True, False], ids=["COG driver", "GTiff fallback"])
def test_a_striped_geotiff_becomes_tiled_with_internal_overviews(tmp_path, use_cog_driver):
    target = tmp_path / "dem.tif"

    write_cog(DEM, target, resampling="average", use_cog_driver=use_cog_driver)

    with rasterio.open(target) as cog, rasterio.open(DEM) as source:
        assert cog.overviews(1) == [2, 4]  # 600 × 480 → 300 × 240 → 150 × 120
        assert cog.profile["tiled"] and cog.block_shapes == [(512, 512)]
        assert cog.crs == source.crs and cog.transform == source.transform and cog.nodata == -9999
        assert np.array_equal(cog.read(1), source.read(1))
        assert cog.tags(ns="IMAGE_STRUCTURE")["COMPRESSION"] == "DEFLATE"
    assert not list(tmp_path.glob("*.tiled"))  # the fallback's intermediate file is gone
    if use_cog_driver:
        with rasterio.open(target) as cog:
            assert cog.tags(ns="IMAGE_STRUCTURE")["LAYOUT"] == "COG"


def test_a_raster_within_one_tile_needs_no_overview(tmp_path):
    write_cog(TINY, tmp_path / "tiny.tif", resampling="average")
    with rasterio.open(tmp_path / "tiny.tif") as cog:
        assert cog.overviews(1) == []


def test_band_statistics_by_hand():
    # elev = 20 + row // 4 + col // 20, a 20 × 20 nodata corner: min at row 0 col 20, max at the far corner.
    [dem] = cog_band_stats(DEM)
    assert (dem.min, dem.max, dem.count) == (21.0, 168.0, 600 * 480 - 20 * 20)
    [tiny] = cog_band_stats(TINY)
    assert tiny.as_dict() == {"min": 1.0, "max": 16.0, "mean": 8.8, "count": 15}


def test_the_footprint_of_the_utm_dem_in_degrees():
    ring = footprint_4326(DEM)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    assert ring[0] == ring[-1] and len(ring) == 4 * 16 + 1
    assert min(lons) < 37.985 < max(lons) and min(lats) < 44.925 < max(lats)  # central Krymsk
    assert max(lons) - min(lons) == pytest.approx(6000 / 78_900, rel=0.02)  # 6 km at 44.9° N


@pytest.mark.parametrize(
    "path, reason",
    [
        (NO_GEOREF, "has no georeference"),
        (DATA.parent / "krymsk_boundary.geojson", "not a GeoTIFF"),
    ],
)
def test_probe_refuses_with_a_reason(path, reason):
    with pytest.raises(ValidationFailed, match=reason) as caught:
        probe(path)
    assert caught.value.field == "file"


def test_a_png_is_not_a_geotiff(tmp_path):
    png = tmp_path / "picture.tif"  # the name does not matter, the bytes do
    Image.new("RGB", (8, 8), (255, 0, 0)).save(png, format="PNG")
    with pytest.raises(ValidationFailed, match="not a GeoTIFF"):
        probe(png)


def test_a_tiff_without_a_crs_is_told_how_to_assign_one(tmp_path):
    path = tmp_path / "no_crs.tif"
    with rasterio.open(
        path, "w", driver="GTiff", width=4, height=4, count=1, dtype="uint8",
        transform=rasterio.transform.from_origin(419_880, 4_975_140, 10, 10),
    ) as out:  # fmt: skip
        out.write(np.ones((1, 4, 4), "uint8"))
    with pytest.raises(ValidationFailed, match="no coordinate reference system; assign one"):
        probe(path)


def test_a_truncated_tiff_opens_but_fails_when_converted(tmp_path):
    probe(TRUNCATED)  # the header is intact
    with pytest.raises(ValidationFailed, match="cannot be read to the end") as caught:
        write_cog(TRUNCATED, tmp_path / "out.tif", resampling="average")
    assert str(TRUNCATED.parent) not in str(caught.value.detail)  # no server folder in the message
