"""POST /api/v1/rasters: a GeoTIFF → a COG with overviews + a RasterLayer; bad input → 4xx, nothing kept."""

import io

import pytest
import rasterio
from django.contrib.gis.geos import Point
from PIL import Image

from geoportal.errors import PayloadTooLarge
from layers.models import RasterLayer
from layers.rasters.uploads import LimitedUploadHandler
from tests.layers.rasters.conftest import DATA, DEM, NO_GEOREF, RGB, TRUNCATED, stored_files

URL = "/api/v1/rasters"


def upload(client, path, **fields):
    with open(path, "rb") as stream:
        return client.post(URL, {"file": stream, "slug": "dem", "title": "Рельеф", **fields})


@pytest.fixture
def as_planner(client, planner):
    client.force_login(planner)
    return client


def test_a_planner_uploads_a_utm_dem(as_planner, media):
    response = upload(as_planner, DEM, access="internal", colormap="terrain", licence="CC BY 4.0")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "dem" and body["access"] == "internal" and body["colormap"] == "terrain"
    assert (body["crs"], body["band_count"], body["dtype"], body["nodata"]) == (
        "EPSG:32637",
        1,
        "int16",
        -9999,
    )
    assert body["bands"] == [
        {"band": 1, "min": 21.0, "max": 168.0, "mean": pytest.approx(94.1, abs=0.01), "count": 287_600}
    ]
    assert body["tiles"] == ["http://testserver/tiles/rasters/dem/{z}/{x}/{y}.png"]
    raster = RasterLayer.objects.get(slug="dem")
    assert raster.path == "rasters/dem.tif" and raster.title == "Рельеф" and raster.licence == "CC BY 4.0"
    assert raster.extent.srid == 4326 and raster.extent.contains(Point(37.985, 44.925))
    assert stored_files(media) == ["dem.stats.json", "dem.tif"]
    with rasterio.open(media / "rasters" / "dem.tif") as cog:
        assert cog.overviews(1) == [2, 4]
        assert cog.profile["tiled"] and cog.block_shapes == [(512, 512)]
        assert cog.tags(ns="IMAGE_STRUCTURE")["LAYOUT"] == "COG"
        assert cog.crs.to_epsg() == 32637


def test_an_rgb_web_mercator_raster_keeps_its_bands(as_planner, media):
    response = upload(as_planner, RGB, slug="ortho")

    assert response.status_code == 201, response.content
    assert response.json()["band_count"] == 3 and response.json()["crs"] == "EPSG:3857"
    with rasterio.open(media / "rasters" / "ortho.tif") as cog:
        assert cog.count == 3 and cog.overviews(1) == [2]


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_planners_and_admins_may_upload(client, make_user, role):
    client.force_login(make_user("someone", role))
    assert upload(client, DEM).status_code == 201


@pytest.mark.parametrize("roles", [(), ("resident",), ("operator",), ("moderator",)])
def test_other_users_may_not(client, make_user, media, roles):
    client.force_login(make_user("someone", *roles))
    response = upload(client, DEM)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only planners and administrators may upload rasters."
    assert not RasterLayer.objects.exists() and stored_files(media) == []


def test_anonymous_users_may_not(client, db, media):
    assert upload(client, DEM).status_code == 403
    assert stored_files(media) == []


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 128, 0)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "content, reason",
    [
        (NO_GEOREF.read_bytes(), "The TIFF has no georeference (no coordinate system and no geotransform)."),
        (TRUNCATED.read_bytes(), "The GeoTIFF cannot be read to the end (truncated or corrupt?)"),
        (b"II*\x00" + b"\xff" * 200, "The GeoTIFF cannot be read: "),
        (png_bytes(), "The file is not a GeoTIFF (a TIFF file starts with II* or MM*)."),
        ((DATA.parent / "krymsk_boundary.geojson").read_bytes(), "The file is not a GeoTIFF"),
    ],
    ids=["no georeference", "truncated", "corrupt header", "png", "geojson"],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_kept(as_planner, media, content, reason):
    response = as_planner.post(URL, {"file": io.BytesIO(content), "slug": "dem", "title": "Рельеф"})

    assert response.status_code == 400, response.content
    assert response.json()["field"] == "file"
    assert response.json()["detail"].startswith(reason)
    assert not RasterLayer.objects.exists()
    assert stored_files(media) == []


def test_form_fields_are_checked(as_planner, media):
    response = upload(as_planner, DEM, slug="рельеф")
    assert response.status_code == 400 and "slug" in response.json()
    response = upload(as_planner, DEM, colormap="jet")
    assert response.status_code == 400 and "colormap" in response.json()
    response = as_planner.post(URL, {"slug": "dem", "title": "Рельеф"})
    assert response.status_code == 400 and "file" in response.json()
    assert stored_files(media) == []


def test_a_slug_in_use_is_refused_and_the_first_raster_kept(as_planner, media):
    assert upload(as_planner, DEM).status_code == 201
    before = (media / "rasters" / "dem.tif").read_bytes()

    response = upload(as_planner, RGB)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "A raster with slug 'dem' exists already; choose another slug.",
        "field": "slug",
    }
    assert (media / "rasters" / "dem.tif").read_bytes() == before
    assert stored_files(media) == ["dem.stats.json", "dem.tif"]


def test_a_2_gb_upload_is_refused_from_its_content_length_before_reading(as_planner, media):
    # The declared length is all the server looks at: the body here is a few bytes.
    response = as_planner.generic(
        "POST", URL, b"--x--\r\n", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(2 << 30)
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The upload is larger than the limit of 256.0\xa0MB.",
        "field": "file",
    }
    assert stored_files(media) == []


def test_the_limit_is_a_setting(as_planner, media, settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "RASTER_MAX_BYTES": 1000}
    response = upload(as_planner, DEM)  # 6.5 KB

    assert response.status_code == 413
    assert response.json()["detail"] == "The upload is larger than the limit of 1000\xa0bytes."
    assert not RasterLayer.objects.exists() and stored_files(media) == []


def test_anonymous_oversized_uploads_are_refused_before_anything_else(client, db):
    response = client.generic(
        "POST", URL, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(2 << 30)
    )
    assert response.status_code == 413


def test_the_upload_handler_stops_once_the_files_pass_the_limit():
    handler = LimitedUploadHandler(limit=10)
    handler.new_file("file", "a.tif", "image/tiff", None)
    handler.receive_data_chunk(b"II*\x00\x08\x00", 0)
    handler.file_complete(6)
    handler.new_file("other", "b.tif", "image/tiff", None)  # the limit counts every file of the request
    with pytest.raises(PayloadTooLarge):
        handler.receive_data_chunk(b"\x00" * 5, 0)
    assert handler.file.closed
