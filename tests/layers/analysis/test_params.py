"""The request checks of layers.analysis.params: pure, no database."""

import pytest
import shapely

from geoportal.errors import ValidationFailed
from layers.analysis.params import MAX_VERTICES, hex_ewkb, parse_analysis_request, parse_polygon

SQUARE = [[37.98, 44.92], [37.99, 44.92], [37.99, 44.93], [37.98, 44.93], [37.98, 44.92]]


def test_a_polygon_is_parsed_to_2d_and_ewkb_carries_srid_4326():
    request = parse_analysis_request(
        {
            "geometry": {"type": "Polygon", "coordinates": [[[x, y, 55.0] for x, y in SQUARE]]},
            "rasters": ["dem"],
        }
    )

    assert request.area_id is None and request.rasters == ("dem",)
    assert not request.geometry.has_z
    assert request.geometry.equals(shapely.Polygon(SQUARE))
    assert hex_ewkb(request.geometry).upper().startswith("0103000020E6100000")  # Polygon, SRID flag, 4326


def test_a_crs_member_is_ignored_and_duplicate_rasters_dropped():
    request = parse_analysis_request(
        {
            "geometry": {"type": "MultiPolygon", "coordinates": [[SQUARE]], "crs": {"type": "name"}},
            "rasters": ["dem", "noise", "dem"],
        }
    )

    assert request.geometry.geom_type == "MultiPolygon"
    assert request.rasters == ("dem", "noise")


def test_an_area_id():
    assert parse_analysis_request({"area": 23}).area_id == 23
    assert parse_analysis_request({"area": "23", "rasters": None}).rasters == ()


def test_too_many_vertices():
    ring = [[37.98 + 0.01 * i / MAX_VERTICES, 44.92] for i in range(MAX_VERTICES)] + [
        [37.99, 44.93],
        [37.98, 44.92],
    ]

    with pytest.raises(ValidationFailed) as error:
        parse_polygon({"type": "Polygon", "coordinates": [ring]})

    assert error.value.field == "geometry"
    assert "at most 10000" in str(error.value.detail)


@pytest.mark.parametrize("value", [0, -3, 2.5, None, [1]])
def test_bad_area_ids(value):
    with pytest.raises(ValidationFailed) as error:
        parse_analysis_request({"area": value} if value is not None else {"area": None, "rasters": []})

    assert error.value.field == "area"


def test_non_finite_coordinates():
    ring = [[37.98, 44.92], [37.99, 44.92], [37.99, float("nan")], [37.98, 44.92]]

    with pytest.raises(ValidationFailed, match="-180..180"):
        parse_polygon({"type": "Polygon", "coordinates": [ring]})
