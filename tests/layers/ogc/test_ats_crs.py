"""OGC API – Features – Part 2: Coordinate Reference Systems by Reference (OGC 18-058), abstract tests.

Reference values for Lenina street (37.987712 E, 44.930034 N), computed outside the server:
  Web Mercator by its formula x = R·λ, y = R·ln tan(π/4 + φ/2), R = 6378137 → 4228772.76, 5610513.49;
  also `echo "37.987712 44.930034" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3857 -output_xy`.
  UTM zone 37N (36°E–42°E): `… -t_srs EPSG:32637` → 420119.16, 4975676.50.
"""

import pytest

from tests.layers.ogc.conftest import LENINA, STATION
from tests.layers.ogc.responses import features_of, get_json, ids, links_by_rel

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
EPSG3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"
UTM37N = "http://www.opengis.net/def/crs/EPSG/0/32637"
CRS_CONF = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"
LENINA_3857 = (4228772.76, 5610513.49)
LENINA_UTM37N = (420119.16, 4975676.50)


def lenina_geometry(client, town, crs: str) -> dict:
    response = client.get(f"/ogc/collections/appeals/items/{town.appeals['lenina'].id}", {"crs": crs})
    assert response.status_code == 200, response.content
    assert response["Content-Crs"] == f"<{crs}>"
    return response.json()["geometry"]


def test_conf_crs_declared(client, town):
    assert CRS_CONF in get_json(client, "/ogc/conformance")["conformsTo"]


def test_conf_crs_fc_md_crs_list(client, town):
    collection = get_json(client, "/ogc/collections/appeals")

    assert collection["crs"][0] == CRS84
    assert {EPSG4326, EPSG3857, UTM37N} <= set(collection["crs"])
    assert "http://www.opengis.net/def/crs/EPSG/0/32601" in collection["crs"]
    assert "http://www.opengis.net/def/crs/EPSG/0/32760" in collection["crs"]
    assert len(collection["crs"]) == 3 + 120


def test_conf_crs_fc_md_storage_crs(client, town):
    assert get_json(client, "/ogc/collections/properties")["storageCrs"] == CRS84


def test_conf_crs_fc_md_crs_list_global(client, town):
    document = get_json(client, "/ogc/collections")

    assert document["crs"] == get_json(client, "/ogc/collections/appeals")["crs"]
    assert all(c["crs"] == ["#/crs"] for c in document["collections"])


def test_conf_crs_fc_crs_definition(client, town):
    params = get_json(client, "/ogc/api", "application/vnd.oai.openapi+json;version=3.0")["components"][
        "parameters"
    ]

    assert params["crs"]["schema"]["default"] == CRS84
    assert UTM37N in params["crs"]["schema"]["enum"]
    assert params["bbox-crs"]["name"] == "bbox-crs"


def test_conf_crs_ogc_crs_header_default_is_crs84(client, town):
    response = client.get("/ogc/collections/appeals/items")

    assert response["Content-Crs"] == f"<{CRS84}>"
    assert response.json()["features"][0]["geometry"]["coordinates"] == [LENINA[0], LENINA[1]]


def test_conf_crs_fc_crs_action_epsg4326_is_lat_lon(client, town):
    assert lenina_geometry(client, town, EPSG4326)["coordinates"] == [LENINA[1], LENINA[0]]


def test_conf_crs_fc_crs_action_web_mercator_in_metres(client, town):
    x, y = lenina_geometry(client, town, EPSG3857)["coordinates"]

    assert (x, y) == (pytest.approx(LENINA_3857[0], abs=0.01), pytest.approx(LENINA_3857[1], abs=0.01))
    assert round(x, 2) == x  # 2 decimals for metres


def test_conf_crs_fc_crs_action_utm_zone(client, town):
    x, y = lenina_geometry(client, town, UTM37N)["coordinates"]

    assert (x, y) == (pytest.approx(LENINA_UTM37N[0], abs=0.01), pytest.approx(LENINA_UTM37N[1], abs=0.01))


def test_conf_crs_fc_crs_action_short_forms(client, town):
    for form in ["EPSG:3857", "[EPSG:3857]"]:
        response = client.get("/ogc/collections/appeals/items", {"crs": form, "limit": 1})
        assert response["Content-Crs"] == f"<{EPSG3857}>"


def test_conf_crs_fc_crs_valid_value(client, town):
    for crs in ["http://www.opengis.net/def/crs/EPSG/0/28406", "EPSG:2154", "CRS83", "32637"]:
        response = client.get("/ogc/collections/appeals/items", {"crs": crs})
        assert response.status_code == 400, crs
        assert response.json()["field"] == "crs"
    assert (
        client.get(
            f"/ogc/collections/appeals/items/{town.appeals['lenina'].id}", {"crs": "EPSG:2154"}
        ).status_code
        == 400
    )


def test_conf_crs_polygons_stay_ccw_in_projected_and_lat_lon_output(client, town):
    for crs in [EPSG3857, UTM37N]:
        polygon = features_of(client, "properties", crs=crs, limit=1)["features"][0]["geometry"]
        ring = polygon["coordinates"][0][0]
        area2 = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
        assert area2 > 0, crs
    # EPSG:4326 swaps axes, which mirrors the ring: it is CCW read as (lon, lat), i.e. CW as written.
    ring = features_of(client, "properties", crs=EPSG4326, limit=1)["features"][0]["geometry"]["coordinates"][
        0
    ][0]
    assert sum(x1 * y2 - x2 * y1 for (y1, x1), (y2, x2) in zip(ring, ring[1:], strict=False)) > 0


def test_conf_crs_fc_bbox_crs_action(client, town):
    lon, lat = STATION
    lenina_ids = sorted([town.appeals["lenina"].id, town.appeals["lenina_light"].id])
    station_ids = sorted([town.appeals["station"].id, town.appeals["station_closed"].id])

    # EPSG:4326: min lat, min lon, max lat, max lon.
    in_4326 = features_of(client, "appeals", bbox=f"{lat - 0.001},{lon - 0.001},{lat + 0.001},{lon + 0.001}",
                          **{"bbox-crs": EPSG4326})  # fmt: skip
    x, y = LENINA_3857
    in_3857 = features_of(
        client, "appeals", bbox=f"{x - 50},{y - 50},{x + 50},{y + 50}", **{"bbox-crs": EPSG3857}
    )
    x, y = LENINA_UTM37N
    in_utm = features_of(
        client, "appeals", bbox=f"{x - 50},{y - 50},{x + 50},{y + 50}", **{"bbox-crs": UTM37N}
    )

    assert ids(in_4326) == station_ids
    assert ids(in_3857) == lenina_ids
    assert ids(in_utm) == lenina_ids


def test_conf_crs_fc_bbox_crs_valid_value(client, town):
    response = client.get("/ogc/collections/appeals/items", {"bbox": "1,2,3,4", "bbox-crs": "EPSG:9999"})

    assert response.status_code == 400
    assert response.json()["field"] == "bbox-crs"


def test_conf_crs_links_keep_the_crs(client, town):
    page = features_of(client, "appeals", crs=EPSG3857, limit=2)

    assert "crs=http" in links_by_rel(page)["next"]["href"]
