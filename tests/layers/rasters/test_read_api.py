"""The catalogue, one raster, the value at a point and zonal statistics, with hand-computed expectations."""

import h3
import pytest
from rasterio.warp import transform, transform_geom

from layers.models import RasterLayer
from tests.layers.rasters.test_tiles import lonlat_of_dem_pixel

# tiny_4x4_32637.tif: origin (419880, 4975140), 10 m pixels, values 1..16 row by row, row 0 col 3 nodata.
TINY_WEST, TINY_NORTH = 419_880.0, 4_975_140.0


def utm_box(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON Polygon in EPSG:4326 of a box given in EPSG:32637 metres."""
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return transform_geom("EPSG:32637", "EPSG:4326", {"type": "Polygon", "coordinates": [ring]})


def zonal(client, slug: str, body: dict):
    return client.post(f"/api/v1/rasters/{slug}/zonal", body, content_type="application/json")


def test_the_catalogue_lists_public_rasters_to_everyone_and_internal_ones_to_staff(
    client, make_user, dem, rgb
):
    RasterLayer.objects.filter(pk=rgb.pk).update(access="internal")

    anonymous = client.get("/api/v1/rasters")
    client.force_login(make_user("operator", "operator"))
    staff = client.get("/api/v1/rasters")

    assert anonymous.status_code == 200
    assert [r["slug"] for r in anonymous.json()] == ["dem"]
    assert [r["slug"] for r in staff.json()] == ["ortho", "dem"]  # by title: Ортофото, Рельеф…
    [entry] = anonymous.json()
    assert entry["title"] == "Рельеф Крымска" and entry["extent"]["type"] == "Polygon"
    west, south, east, north = entry["bounds"]
    assert west < 37.985 < east and south < 44.925 < north


def test_one_raster_with_its_band_statistics(client, dem, rgb):
    body = client.get("/api/v1/rasters/dem").json()
    assert body["bands"] == [
        {"band": 1, "min": 21.0, "max": 168.0, "mean": pytest.approx(94.1, abs=0.01), "count": 287_600}
    ]
    assert [b["mean"] for b in client.get("/api/v1/rasters/ortho").json()["bands"]] == [127.5] * 3
    RasterLayer.objects.filter(pk=dem.pk).update(access="internal")
    assert client.get("/api/v1/rasters/dem").status_code == 404
    assert client.get("/api/v1/rasters/nope").status_code == 404


def test_the_value_at_a_known_point(client, dem):
    lon, lat = lonlat_of_dem_pixel(100, 200)  # 20 + 100 // 4 + 200 // 20 = 55 m

    response = client.get("/api/v1/rasters/dem/value", {"lon": lon, "lat": lat})

    assert response.status_code == 200
    body = response.json()
    assert body["values"] == [55]
    assert (body["row"], body["col"], body["crs"]) == (100, 200, "EPSG:32637")
    assert (body["x"], body["y"]) == (418_905.0, 4_976_515.0)  # the pixel centre, metres


def test_every_band_and_nodata_as_null(client, dem, rgb, tiny):
    lons, lats = transform("EPSG:3857", "EPSG:4326", [4_228_100.0], [5_609_600.0])
    body = client.get("/api/v1/rasters/ortho/value", {"lon": lons[0], "lat": lats[0]}).json()
    assert body["values"] == [255, 0, 0]  # the red north-west quadrant
    lon, lat = lonlat_of_dem_pixel(10, 10)
    assert client.get("/api/v1/rasters/dem/value", {"lon": lon, "lat": lat}).json()["values"] == [None]
    lons, lats = transform("EPSG:32637", "EPSG:4326", [TINY_WEST + 15], [TINY_NORTH - 25])
    assert client.get("/api/v1/rasters/tiny/value", {"lon": lons[0], "lat": lats[0]}).json()["values"] == [
        10.0
    ]


def test_outside_the_raster_is_404_with_a_reason(client, dem):
    response = client.get("/api/v1/rasters/dem/value", {"lon": 37.5, "lat": 44.9})
    assert response.status_code == 404
    assert response.json()["detail"] == "The point (37.5, 44.9) lies outside raster 'dem'."


@pytest.mark.parametrize(
    "query, field",
    [({"lat": 44.9}, "lon"), ({"lon": "abc", "lat": 44.9}, "lon"), ({"lon": 37.9, "lat": 91}, "lat")],
)
def test_bad_coordinates_are_400(client, dem, query, field):
    response = client.get("/api/v1/rasters/dem/value", query)
    assert response.status_code == 400 and response.json()["field"] == field


def test_zonal_statistics_over_polygons_by_hand(client, tiny):
    # Pixel centres lie 5 m inside each 10 m pixel; the boxes stay 1 m off every centre.
    top_left = utm_box(TINY_WEST + 1, TINY_NORTH - 19, TINY_WEST + 19, TINY_NORTH - 1)  # 1, 2, 5, 6
    top_row = utm_box(TINY_WEST + 1, TINY_NORTH - 9, TINY_WEST + 39, TINY_NORTH - 1)  # 1, 2, 3, nodata

    first = zonal(client, "tiny", {"geometry": top_left})
    second = zonal(client, "tiny", {"geometry": top_row})

    assert first.status_code == 200, first.content
    assert first.json() == {
        "raster": "tiny",
        "zones": [{"factor": 1, "bands": [{"band": 1, "min": 1.0, "max": 6.0, "mean": 3.5, "count": 4}]}],
    }
    assert second.json()["zones"][0]["bands"] == [
        {"band": 1, "min": 1.0, "max": 3.0, "mean": 2.0, "count": 3}
    ]


def test_a_multipolygon_is_one_zone(client, tiny):
    corners = [
        utm_box(TINY_WEST + 1, TINY_NORTH - 9, TINY_WEST + 9, TINY_NORTH - 1)["coordinates"],  # 1
        utm_box(TINY_WEST + 31, TINY_NORTH - 39, TINY_WEST + 39, TINY_NORTH - 31)["coordinates"],  # 16
    ]
    response = zonal(client, "tiny", {"geometry": {"type": "MultiPolygon", "coordinates": corners}})
    assert response.json()["zones"][0]["bands"] == [
        {"band": 1, "min": 1.0, "max": 16.0, "mean": 8.5, "count": 2}
    ]


def test_zonal_statistics_over_h3_cells_by_hand(client, tiny):
    lons, lats = transform(
        "EPSG:32637", "EPSG:4326", [TINY_WEST, TINY_WEST + 40] * 2, [TINY_NORTH] * 2 + [TINY_NORTH - 40] * 2
    )
    cell = h3.latlng_to_cell(lats[0], lons[0], 8)
    assert all(h3.latlng_to_cell(lat, lon, 8) == cell for lon, lat in zip(lons, lats, strict=True))
    far = h3.latlng_to_cell(55.75, 37.62, 8)  # Moscow

    response = zonal(client, "tiny", {"h3": [cell, far]})

    assert response.status_code == 200
    assert response.json()["zones"] == [
        # the whole raster: 1 + … + 16 less the nodata 4 = 132 over 15 pixels
        {"h3": cell, "factor": 1, "bands": [{"band": 1, "min": 1.0, "max": 16.0, "mean": 8.8, "count": 15}]},
        {"h3": far, "factor": 1, "bands": [{"band": 1, "min": None, "max": None, "mean": None, "count": 0}]},
    ]


def test_zonal_over_every_band_of_the_rgb_raster(client, rgb):
    # A triangle inside the red quadrant (EPSG:3857 metres; the raster spans x 4227885..4229108,
    # y 5608643..5609866).
    ring = [(4_228_000.0, 5_609_400.0), (4_228_300.0, 5_609_400.0), (4_228_300.0, 5_609_700.0)]
    polygon = transform_geom("EPSG:3857", "EPSG:4326", {"type": "Polygon", "coordinates": [[*ring, ring[0]]]})
    bands = zonal(client, "ortho", {"geometry": polygon}).json()["zones"][0]["bands"]
    assert [(b["min"], b["max"]) for b in bands] == [(255.0, 255.0), (0.0, 0.0), (0.0, 0.0)]
    assert bands[0]["count"] > 1000


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "geometry"),
        (
            {"geometry": {"type": "Point", "coordinates": [37.98, 44.92]}, "h3": ["8828308281fffff"]},
            "geometry",
        ),
        ({"geometry": {"type": "Point", "coordinates": [37.98, 44.92]}}, "geometry"),
        ({"h3": ["xyz"]}, "h3"),
    ],
)
def test_bad_zonal_requests_are_400(client, tiny, body, field):
    response = zonal(client, "tiny", body)
    assert response.status_code == 400 and response.json()["field"] == field


def test_internal_rasters_answer_no_values_to_outsiders(client, make_user, tiny):
    RasterLayer.objects.filter(pk=tiny.pk).update(access="internal")
    lons, lats = transform("EPSG:32637", "EPSG:4326", [TINY_WEST + 15], [TINY_NORTH - 25])
    query = {"lon": lons[0], "lat": lats[0]}
    assert client.get("/api/v1/rasters/tiny/value", query).status_code == 404
    assert zonal(client, "tiny", {"h3": [h3.latlng_to_cell(lats[0], lons[0], 8)]}).status_code == 404
    client.force_login(make_user("planner2", "planner"))
    assert client.get("/api/v1/rasters/tiny/value", query).json()["values"] == [10.0]


def test_without_its_sidecar_a_raster_gets_statistics_from_its_coarsest_overview(client, dem, media):
    (media / "rasters" / "dem.stats.json").unlink()

    [band] = client.get("/api/v1/rasters/dem").json()["bands"]

    # The 4× overview: 150 × 120 averaged pixels, the 5 × 5 of them over the nodata corner left out.
    assert band["count"] == 150 * 120 - 5 * 5
    assert 21 <= band["min"] < 25 and 160 < band["max"] <= 168


def test_a_raster_whose_file_is_gone_is_404_with_a_reason(client, dem, media):
    (media / "rasters" / "dem.tif").unlink()
    response = client.get("/api/v1/rasters/dem/value", {"lon": 37.985, "lat": 44.925})
    assert response.status_code == 404
    assert response.json()["detail"] == "The file of raster 'dem' is missing on the server."
