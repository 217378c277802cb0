"""Bad input to /ogc: a clear status and a reason naming the parameter; never a 500, never a partial page."""

import pytest

from tests.layers.ogc.responses import GEOJSON

ITEMS = "/ogc/collections/appeals/items"


def assert_error(response, status: int, field: str | None, *words: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body.get("field") == field
    for word in words:
        assert word in body["detail"], body


@pytest.mark.parametrize(
    "url",
    [
        "/ogc/collections/nope",
        "/ogc/collections/nope/items",
        "/ogc/collections/nope/items/1",
        "/ogc/collections/nope/queryables",
        "/ogc/collections/water-network",  # internal: as unknown as a missing one for anonymous users
    ],
)
def test_unknown_collection_is_404(client, town, url):
    assert_error(client.get(url), 404, None, "nope" if "nope" in url else "water-network")


@pytest.mark.parametrize(
    ("bbox", "words"),
    [
        ("37.9,44.9,38.0", ["four"]),
        ("37.9,44.9,0,38.0,45.0,100", ["3D"]),
        ("a,b,c,d", ["four"]),
        ("38.0,44.9,37.9,45.0", ["min x"]),
        ("37.9,45.0,38.0,44.9", ["min y"]),
        ("37.9,-91,38.0,45.0", ["-90..90"]),
        ("inf,44.9,38.0,45.0", ["four"]),
    ],
)
def test_bad_bbox_is_400(client, town, bbox, words):
    assert_error(client.get(ITEMS, {"bbox": bbox}), 400, "bbox", *words)


@pytest.mark.parametrize(
    ("limit", "words"), [("0", ["at least 1"]), ("10001", ["10000"]), ("-1", []), ("x", [])]
)
def test_bad_limit_is_400(client, town, limit, words):
    assert_error(client.get(ITEMS, {"limit": limit}), 400, "limit", *words)


def test_limit_10000_is_allowed(client, town):
    assert client.get(ITEMS, {"limit": "10000"}).status_code == 200


@pytest.mark.parametrize("offset", ["-1", "two", "1.5", "99999999999999999999"])
def test_bad_offset_is_400(client, town, offset):
    assert_error(client.get(ITEMS, {"offset": offset}), 400, "offset", "offset")


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2025-13-01",
        "2025-02-30",
        "2025-05-01T07:30:00",  # no time zone
        "2025-05-01 07:30:00Z",  # RFC 3339 asks for the T here
        "2025-05-01T07:30Z",  # no seconds
        "2025-05-01/2025-04-01",  # ends before it starts
        "2025-05-01/2025-05-02/2025-05-03",
        "../2025-05-0x",
    ],
)
def test_malformed_datetime_is_400(client, town, value):
    assert_error(client.get(ITEMS, {"datetime": value}), 400, "datetime", "datetime")


def test_datetime_on_a_collection_without_time_is_400(client, town):
    assert_error(
        client.get("/ogc/collections/areas/items", {"datetime": "2025-05-01"}), 400, "datetime", "temporal"
    )


def test_invalid_cql2_is_400(client, town):
    assert_error(client.get(ITEMS, {"filter": "status = = 'x'"}), 400, "filter", "Invalid CQL2")


def test_overlong_or_too_deep_cql2_is_400(client, town):
    deep = '{"op":"not","args":[' * 330 + '{"op":"=","args":[{"property":"status"},"a"]}' + "]}" * 330
    long_text = " OR ".join(["status = 'registered'"] * 400)

    assert_error(client.get(ITEMS, {"filter": long_text}), 400, "filter", "8000")
    assert_error(client.get(ITEMS, {"filter": deep, "filter-lang": "cql2-json"}), 400, "filter", "recursion")


def test_cql2_on_an_unknown_property_is_400_naming_it(client, town):
    assert_error(client.get(ITEMS, {"filter": "priority > 3"}), 400, "filter", "priority")


@pytest.mark.parametrize("param", ["crs", "bbox-crs", "filter-crs"])
def test_crs_not_offered_is_400(client, town, param):
    query = {param: "http://www.opengis.net/def/crs/EPSG/0/2154", "bbox": "1,2,3,4", "filter": "id > 0"}
    if param != "bbox-crs":
        del query["bbox"]
    if param != "filter-crs":
        del query["filter"]

    assert_error(client.get(ITEMS, query), 400, param, "not offered")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"bbox-crs": "EPSG:3857"}, "bbox-crs"),  # without bbox
        ({"filter-crs": "EPSG:3857"}, "filter-crs"),  # without filter
        ({"f": "html"}, "f"),
        ({"sortby": "id"}, "sortby"),  # not implemented, hence unknown
        ({"resultType": "hits"}, "resultType"),
    ],
)
def test_other_bad_parameters_are_400(client, town, query, field):
    assert_error(client.get(ITEMS, query), 400, field)


def test_a_parameter_given_twice_is_400(client, town):
    assert_error(client.get(ITEMS + "?limit=1&limit=2"), 400, "limit", "more than once")


def test_unknown_parameter_on_metadata_endpoints_is_400(client, town):
    for url in ["/ogc/", "/ogc/conformance", "/ogc/api", "/ogc/collections", "/ogc/collections/appeals"]:
        assert_error(client.get(url, {"bbox": "1,2,3,4"}), 400, "bbox", "bbox")


def test_accept_that_allows_no_offered_type_is_406(client, town):
    response = client.get(ITEMS, headers={"Accept": "text/html"})

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_accept_negotiates_the_label(client, town):
    assert client.get(ITEMS, headers={"Accept": "application/json"})["Content-Type"] == "application/json"
    assert client.get(ITEMS, headers={"Accept": "text/html,*/*;q=0.8"})["Content-Type"] == GEOJSON
    assert client.get(ITEMS, {"f": "json"})["Content-Type"] == "application/json"
    assert (
        client.get("/ogc/api", headers={"Accept": "application/json"})["Content-Type"] == "application/json"
    )
