"""Bad requests to POST /api/v1/analysis/area: 400 with the field and a reason, 404 for an unknown area."""

import pytest

from layers.analysis.params import MAX_RASTERS
from tests.layers.analysis.conftest import ZONE, box_geojson

URL = "/api/v1/analysis/area"


def analyse(client, body):
    return client.post(URL, body, content_type="application/json")


def polygon(ring: list) -> dict:
    return {"type": "Polygon", "coordinates": [ring]}


def bowtie() -> dict:
    """A ring crossing itself inside the zone, corners (0,0) → (200,200) → (200,0) → (0,200)."""
    square = box_geojson(*ZONE)["coordinates"][0]  # SW, SE, NE, NW, SW
    sw, se, ne, nw = square[:4]
    return {"type": "Polygon", "coordinates": [[sw, ne, se, nw, sw]]}


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({}, "area", "exactly one of geometry"),
        ({"geometry": box_geojson(*ZONE), "area": 1}, "geometry", "exactly one of geometry"),
        ({"geometry": {"type": "Point", "coordinates": [37.98, 44.93]}}, "geometry", "got Point"),
        ({"geometry": "POLYGON((0 0, 1 0, 1 1, 0 0))"}, "geometry", "got str"),
        ({"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]}}, "geometry", "at least 4"),
        ({"geometry": polygon([["x", 0], [1, 0], [1, 1], [0, 0]])}, "geometry", "could not convert string"),
        ({"geometry": {"type": "Polygon", "coordinates": []}}, "geometry", "empty"),
        ({"geometry": polygon([[0, 0], [200, 0], [200, 1], [0, 0]])}, "geometry", "-180..180"),
        ({"area": "district-1"}, "area", "positive integer"),
        ({"area": True}, "area", "positive integer"),
        ({"area": 1, "rasters": "dem"}, "rasters", "list of raster slugs"),
        ({"area": 1, "rasters": [f"r{i}" for i in range(MAX_RASTERS + 1)]}, "rasters", "at most 10"),
    ],
)  # fmt: skip
def test_malformed_bodies_name_the_field(client, quarter, body, field, reason):
    response = analyse(client, body)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert reason in response.json()["detail"]


def test_a_json_array_body_is_refused(client, quarter):
    response = analyse(client, [1, 2])

    assert response.status_code == 400 and response.json()["field"] == "geometry"


def test_a_self_intersecting_polygon_gets_postgis_reason(client, quarter):
    response = analyse(client, {"geometry": bowtie()})

    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "geometry"
    assert body["detail"].startswith("geometry is not a valid polygon: Self-intersection[")


def test_a_polygon_outside_the_municipality_is_refused(client, quarter):
    far = box_geojson(5000, 5000, 5200, 5200)  # the municipality is ±1 km around the origin

    response = analyse(client, far)
    wrapped = analyse(client, {"geometry": far})

    assert response.status_code == 400  # no geometry key at all
    assert wrapped.status_code == 400
    assert wrapped.json() == {
        "detail": "geometry lies entirely outside the municipality.",
        "field": "geometry",
    }


def test_a_polygon_partly_outside_is_analysed(client, quarter):
    response = analyse(client, {"geometry": box_geojson(900, 900, 1100, 1100)})

    assert response.status_code == 200


def test_a_polygon_larger_than_the_limit_is_refused(client, quarter, settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "ANALYSIS_MAX_AREA_KM2": 0.03}

    too_big = analyse(client, {"geometry": box_geojson(*ZONE)})  # 0.04 km²
    fits = analyse(client, {"geometry": box_geojson(0, 0, 150, 150)})  # 0.0225 km²
    by_id = analyse(client, {"area": quarter.district.pk})  # areas by id are not capped

    assert too_big.status_code == 400
    assert too_big.json() == {
        "detail": "geometry covers 0.04 km²; at most 0.03 km² may be analysed at once.",
        "field": "geometry",
    }
    assert fits.status_code == 200 and by_id.status_code == 200


def test_an_unknown_area_is_404(client, quarter):
    response = analyse(client, {"area": quarter.town.pk + 1000})

    assert response.status_code == 404
    assert response.json()["field"] == "area"


def test_an_unknown_raster_is_named(client, quarter):
    response = analyse(client, {"area": quarter.district.pk, "rasters": ["dem", "noise"]})

    assert response.status_code == 400
    assert response.json() == {"detail": "Unknown raster: dem, noise.", "field": "rasters"}


def test_a_feature_is_accepted_for_its_geometry(client, quarter):
    feature = {"type": "Feature", "properties": {}, "geometry": box_geojson(*ZONE)}

    response = analyse(client, {"geometry": feature})

    assert response.status_code == 200
    assert response.json()["properties"]["count"] == 3
