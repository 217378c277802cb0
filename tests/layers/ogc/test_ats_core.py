"""OGC API – Features – Part 1: Core, the abstract test suite (OGC 17-069r4, Annex A) as pytest.

Each test is named after its ATS id (/conf/core/root-op → test_conf_core_root_op) and checks what that
abstract test asks, against /ogc on real PostGIS. Conformance classes: core, geojson, oas30.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from openapi_spec_validator import validate as validate_openapi

from tests.layers.ogc.conftest import LENINA, OUTSKIRTS, STATION
from tests.layers.ogc.responses import (
    BASE,
    GEOJSON,
    JSON,
    OPENAPI,
    assert_rfc7946_feature,
    features_of,
    get_json,
    ids,
    links_by_rel,
    relative,
)

CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
GEOJSON_CONF = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"
STATIC = ["appeals", "proposals", "properties", "assets", "areas"]


def public_issue_ids(town) -> list[int]:
    names = ["lenina", "lenina_light", "station", "station_closed", "outskirts", "outskirts_late"]
    return sorted(town.appeals[name].id for name in names)


def openapi(client) -> dict:
    return get_json(client, "/ogc/api", OPENAPI)


def items_parameters(document: dict) -> dict[str, dict]:
    params = {}
    for param in document["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]:
        if "$ref" in param:
            param = document["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        params[param["name"]] = param
    return params


# A.2.2 HTTP 1.1


def test_conf_core_http(client, town):
    assert client.head("/ogc/").status_code == 200
    assert client.get("/ogc/collections/appeals/items").status_code == 200
    assert client.post("/ogc/collections/appeals/items").status_code == 405  # read-only API


# A.2.3 Landing page


def test_conf_core_root_op(client, town):
    response = client.get("/ogc/")

    assert response.status_code == 200
    assert response["Content-Type"] == JSON


def test_conf_core_root_success(client, town):
    landing = get_json(client, "/ogc/")

    links = links_by_rel(landing)
    assert links["self"]["href"] == f"{BASE}/"
    assert links["service-desc"] == {
        "href": f"{BASE}/api", "rel": "service-desc", "type": OPENAPI, "title": links["service-desc"]["title"]
    }  # fmt: skip
    assert links["service-doc"]["type"] == "text/html"
    assert links["conformance"]["href"] == f"{BASE}/conformance"
    assert links["data"]["href"] == f"{BASE}/collections"
    assert landing["title"]


# A.2.4 API definition


def test_conf_core_api_definition_op(client, town):
    landing = get_json(client, "/ogc/")

    response = client.get(relative(links_by_rel(landing)["service-desc"]["href"]))

    assert response.status_code == 200
    assert response["Content-Type"] == OPENAPI
    docs = client.get(relative(links_by_rel(landing)["service-doc"]["href"]))
    assert docs.status_code == 200
    assert docs["Content-Type"].startswith("text/html")


def test_conf_core_api_definition_success(client, town):
    document = openapi(client)

    assert document["openapi"].startswith("3.0.")
    assert document["servers"] == [{"url": BASE}]
    required = ["/", "/conformance", "/api", "/collections", "/collections/{collectionId}"]
    required += ["/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}"]
    for path in required:
        assert "get" in document["paths"][path]


# A.2.5 Conformance


def test_conf_core_conformance_op(client, town):
    response = client.get("/ogc/conformance")

    assert response.status_code == 200
    assert response["Content-Type"] == JSON


def test_conf_core_conformance_success(client, town):
    conforms = get_json(client, "/ogc/conformance")["conformsTo"]

    assert {CORE, GEOJSON_CONF, OAS30} <= set(conforms)
    assert not any("/conf/html" in c for c in conforms)  # no HTML encoding is offered, so none is declared
    assert len(conforms) == len(set(conforms))


# A.2.6 Feature collections


def test_conf_core_fc_md_op(client, town):
    response = client.get("/ogc/collections")

    assert response.status_code == 200
    assert response["Content-Type"] == JSON


def test_conf_core_fc_md_success(client, town):
    document = get_json(client, "/ogc/collections")

    assert links_by_rel(document)["self"]["href"] == f"{BASE}/collections"
    assert [c["id"] for c in document["collections"]] == [*STATIC, "bus-routes"]  # not the internal layer


def test_conf_core_fc_md_links(client, town):
    for collection in get_json(client, "/ogc/collections")["collections"]:
        links = links_by_rel(collection)
        assert links["self"]["href"] == f"{BASE}/collections/{collection['id']}"
        assert links["items"]["type"] == GEOJSON
        assert links["items"]["href"] == f"{BASE}/collections/{collection['id']}/items"


def test_conf_core_fc_md_items(client, town):
    for collection in get_json(client, "/ogc/collections")["collections"]:
        assert collection["id"] and collection["title"]
        assert collection["itemType"] == "feature"
        assert isinstance(collection["links"], list)


def test_conf_core_fc_md_items_links(client, town):
    for collection in get_json(client, "/ogc/collections")["collections"]:
        items = client.get(relative(links_by_rel(collection)["items"]["href"]))
        assert items.status_code == 200
        assert items["Content-Type"] == GEOJSON


def test_conf_core_fc_md_extent(client, town):
    collections = {c["id"]: c for c in get_json(client, "/ogc/collections")["collections"]}

    extent = collections["appeals"]["extent"]
    assert extent["spatial"]["crs"] == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    assert extent["spatial"]["bbox"] == [[
        pytest.approx(OUTSKIRTS[0], abs=1e-6), pytest.approx(STATION[1], abs=1e-6),
        pytest.approx(STATION[0], abs=1e-6), pytest.approx(OUTSKIRTS[1], abs=1e-6),
    ]]  # fmt: skip
    # Public issues only: the hidden appeals (days 4, 5) and the proposals are not in the interval.
    assert extent["temporal"]["interval"] == [["2025-05-01T07:30:00Z", "2025-05-31T07:30:00Z"]]
    assert "temporal" not in collections["areas"]["extent"]  # areas have no time


def test_conf_core_sfc_md_op(client, town):
    response = client.get("/ogc/collections/appeals")

    assert response.status_code == 200
    assert response["Content-Type"] == JSON


def test_conf_core_sfc_md_success(client, town):
    listed = {c["id"]: c for c in get_json(client, "/ogc/collections")["collections"]}

    for collection_id, entry in listed.items():
        single = get_json(client, f"/ogc/collections/{collection_id}")
        assert {**single, "crs": ["#/crs"]} == entry  # the list points at its global "crs" list


# A.2.7 Features


def test_conf_core_fc_op(client, town):
    for collection_id in [*STATIC, "bus-routes"]:
        response = client.get(f"/ogc/collections/{collection_id}/items")
        assert response.status_code == 200, collection_id
        assert response["Content-Type"] == GEOJSON


def test_conf_core_fc_limit_definition(client, town):
    limit = items_parameters(openapi(client))["limit"]

    assert limit["in"] == "query"
    assert limit["required"] is False
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 10_000, "default": 100}
    assert limit["style"] == "form" and limit["explode"] is False


def test_conf_core_fc_limit_response(client, town):
    page = features_of(client, "appeals", limit=2)

    assert len(page["features"]) == 2
    assert page["numberReturned"] == 2
    assert ids(page) == public_issue_ids(town)[:2]


def test_conf_core_fc_bbox_definition(client, town):
    bbox = items_parameters(openapi(client))["bbox"]

    assert bbox["required"] is False
    assert bbox["style"] == "form" and bbox["explode"] is False
    assert bbox["schema"]["type"] == "array"
    assert bbox["schema"]["minItems"] == 4
    assert bbox["schema"]["items"] == {"type": "number"}


def test_conf_core_fc_bbox_response(client, town):
    lon, lat = LENINA

    page = features_of(client, "appeals", bbox=f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}")

    # The hidden "new" appeal at the same place and the proposal there stay out.
    assert ids(page) == sorted([town.appeals["lenina"].id, town.appeals["lenina_light"].id])
    everything = features_of(client, "appeals", bbox="37,44,39,46")
    assert ids(everything) == public_issue_ids(town)
    assert features_of(client, "appeals", bbox="10,10,11,11")["features"] == []


def test_conf_core_fc_datetime_definition(client, town):
    datetime_param = items_parameters(openapi(client))["datetime"]

    assert datetime_param["in"] == "query"
    assert datetime_param["schema"] == {"type": "string"}
    assert datetime_param["style"] == "form" and datetime_param["explode"] is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-01T07:30:00Z", ["lenina"]),  # an instant matches exactly
        ("2025-05-01T10:30:00+03:00", ["lenina"]),  # the same instant, Moscow offset
        ("2025-05-03", ["station"]),  # a date is that whole UTC day
        ("2025-05-02T00:00:00Z/2025-05-10T07:30:00Z", ["lenina_light", "station", "station_closed"]),
        ("../2025-05-02T07:30:00Z", ["lenina", "lenina_light"]),  # open start, end inclusive
        ("2025-05-20T07:30:00Z/..", ["outskirts", "outskirts_late"]),  # open end
        ("2025-05-20/", ["outskirts", "outskirts_late"]),  # an empty end is open too
        ("2025-05-02/2025-05-03", ["lenina_light", "station"]),  # dates: whole days at both ends
        ("2026-01-01T00:00:00Z/..", []),
    ],
)
def test_conf_core_fc_datetime_response(client, town, value, expected):
    page = features_of(client, "appeals", datetime=value)

    assert ids(page) == sorted(town.appeals[name].id for name in expected)


def test_conf_core_fc_response(client, town):
    page = features_of(client, "appeals")

    assert page["type"] == "FeatureCollection"
    assert isinstance(page["features"], list)
    for feature in page["features"]:
        assert_rfc7946_feature(feature)


def test_conf_core_fc_links(client, town):
    page = features_of(client, "appeals", limit=2, offset=2)

    links = links_by_rel(page)
    assert links["self"] == {
        "href": f"{BASE}/collections/appeals/items?limit=2&offset=2", "rel": "self", "type": GEOJSON,
        "title": links["self"]["title"],
    }  # fmt: skip
    assert links["alternate"]["type"] == JSON
    assert links["alternate"]["href"] == f"{BASE}/collections/appeals/items?limit=2&offset=2&f=json"
    assert links["next"]["href"] == f"{BASE}/collections/appeals/items?limit=2&offset=4"
    assert links["prev"]["href"] == f"{BASE}/collections/appeals/items?limit=2"
    assert links["collection"]["href"] == f"{BASE}/collections/appeals"


def test_conf_core_fc_links_paging_visits_every_feature_once(client, town):
    seen, url, pages = [], "/ogc/collections/appeals/items?limit=4", 0
    while url:
        page = get_json(client, url, GEOJSON)
        seen += ids(page)
        pages += 1
        url = relative(links_by_rel(page)["next"]["href"]) if "next" in links_by_rel(page) else None

    assert seen == public_issue_ids(town)
    assert pages == 2
    last = features_of(client, "appeals", limit=4, offset=4)
    assert "next" not in links_by_rel(last)
    assert links_by_rel(last)["prev"]["href"] == f"{BASE}/collections/appeals/items?limit=4"


def test_conf_core_fc_timeStamp(client, town):  # noqa: N802 — named after the ATS id
    before = datetime.now(UTC) - timedelta(seconds=1)

    stamp = features_of(client, "appeals")["timeStamp"]

    assert stamp.endswith("Z")
    assert before <= datetime.fromisoformat(stamp) <= datetime.now(UTC)


def test_conf_core_fc_numberMatched(client, town):  # noqa: N802
    assert features_of(client, "appeals", limit=1)["numberMatched"] == 6
    assert features_of(client, "appeals", limit=1, offset=5)["numberMatched"] == 6
    assert features_of(client, "appeals", limit=1, status="registered")["numberMatched"] == 2
    assert features_of(client, "appeals", offset=100)["numberMatched"] == 6  # past the end: still counted
    assert features_of(client, "proposals")["numberMatched"] == 1


def test_numberMatched_is_left_out_when_counting_would_cost_more_than_the_cap(client, town, settings):  # noqa: N802
    settings.GEOPORTAL = {**settings.GEOPORTAL, "OGC_EXACT_COUNT_MAX": 3, "OGC_EXACT_COUNT_MAX_FILTERED": 1}

    full_page = features_of(client, "appeals", limit=2)
    filtered_page = features_of(client, "appeals", limit=1, status="registered")
    last_page = features_of(client, "appeals", limit=10)

    assert "numberMatched" not in full_page
    assert "next" in links_by_rel(full_page)  # a full page may have more after it
    assert "numberMatched" not in filtered_page  # the filtered cap applies as soon as the client filters
    assert last_page["numberMatched"] == 6  # the last page tells the total for free


def test_conf_core_fc_numberReturned(client, town):  # noqa: N802
    for query in [{}, {"limit": 4}, {"limit": 4, "offset": 4}, {"offset": 100}]:
        page = features_of(client, "appeals", **query)
        assert page["numberReturned"] == len(page["features"])


def test_conf_core_query_param_unknown(client, town):
    response = client.get("/ogc/collections/appeals/items", {"colour": "red"})

    assert response.status_code == 400
    assert response.json()["field"] == "colour"
    assert client.get("/ogc/collections", {"limit": "1"}).status_code == 400


def test_conf_core_query_param_invalid(client, town):
    response = client.get("/ogc/collections/appeals/items", {"limit": "many"})

    assert response.status_code == 400
    assert response.json() == {"detail": response.json()["detail"], "field": "limit"}


# A.2.8 Feature


def test_conf_core_f_op(client, town):
    response = client.get(f"/ogc/collections/appeals/items/{town.appeals['lenina'].id}")

    assert response.status_code == 200
    assert response["Content-Type"] == GEOJSON


def test_conf_core_f_success(client, town):
    appeal = town.appeals["lenina"]

    feature = get_json(client, f"/ogc/collections/appeals/items/{appeal.id}", GEOJSON)

    assert_rfc7946_feature(feature)
    assert feature["id"] == appeal.id
    assert feature["properties"]["address"] == "ул. Ленина, 1"
    links = links_by_rel(feature)
    assert links["self"]["href"] == f"{BASE}/collections/appeals/items/{appeal.id}"
    assert links["alternate"]["type"] == JSON
    assert links["collection"]["href"] == f"{BASE}/collections/appeals"


def test_conf_core_f_not_in_collection_is_404(client, town):
    for collection, feature_id in [
        ("appeals", town.appeals["hidden_new"].id),  # hidden
        ("appeals", town.appeals["proposal"].id),  # a proposal, not an issue
        ("bus-routes", town.secret_pipe.id),  # a feature of another (internal) layer
        ("appeals", "abc"),
        ("appeals", "99999999999999999999999"),
    ]:
        response = client.get(f"/ogc/collections/{collection}/items/{feature_id}")
        assert response.status_code == 404, (collection, feature_id)
        assert response["Content-Type"] == JSON


def test_conf_core_crs84(client, town):
    feature = features_of(client, "appeals", limit=1)["features"][0]

    assert feature["geometry"] == {"type": "Point", "coordinates": [LENINA[0], LENINA[1]]}  # lon, lat


# GeoJSON


def test_conf_geojson_definition(client, town):
    responses = openapi(client)["paths"]["/collections/{collectionId}/items"]["get"]["responses"]

    assert GEOJSON in responses["200"]["content"]


def test_conf_geojson_content(client, town):
    for collection_id in [*STATIC, "bus-routes"]:
        page = features_of(client, collection_id)
        assert page["features"], collection_id
        for feature in page["features"]:
            assert_rfc7946_feature(feature)
            assert isinstance(feature["id"], int)


# OpenAPI 3.0


def _resolve(document: dict, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_conf_oas30_oas_definition_1(client, town):
    response = client.get("/ogc/api")

    assert response["Content-Type"] == OPENAPI
    assert json.loads(response.content)["openapi"] == "3.0.3"


def test_conf_oas30_oas_definition_2(client, town, staff_client):
    for who in (client, staff_client):  # the document differs by the collections one may see
        document = openapi(who)
        validate_openapi(document)  # OpenAPI 3.0 schema, and every $ref resolves
        assert document["info"]["title"] and document["info"]["version"]


def test_conf_oas30_completeness(client, town):
    document = openapi(client)

    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        for status, response in responses.items():
            content = _resolve(document, response)["content"]
            assert content, (path, status)
            for media in content.values():
                assert "schema" in media


def test_conf_oas30_exceptions_codes(client, town):
    document = openapi(client)
    responses = document["paths"]["/collections/{collectionId}/items"]["get"]["responses"]
    for status in ("400", "404"):
        schema = _resolve(document, _resolve(document, responses[status])["content"][JSON]["schema"])
        assert schema["required"] == ["detail"]

    assert client.get("/ogc/collections/nope/items").status_code == 404
    assert set(client.get("/ogc/collections/nope/items").json()) == {"detail"}
    assert client.get("/ogc/collections/appeals/items", {"limit": "0"}).status_code == 400


def test_conf_oas30_oas_impl(client, town):
    document = openapi(client)
    feature_id = town.appeals["lenina"].id

    for path in document["paths"]:
        url = "/ogc" + path.replace("{collectionId}", "appeals").replace("{featureId}", str(feature_id))
        response = client.get(url)
        assert response.status_code == 200, url
