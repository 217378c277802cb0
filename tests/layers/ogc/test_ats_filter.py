"""OGC API – Features – Part 3: Filtering, and CQL2 (OGC 19-079, 21-065): queryables, property query
parameters, `filter` in cql2-text and cql2-json with `filter-crs`, evaluated as ORM queries in PostGIS."""

import json

import pytest

from tests.layers.ogc.conftest import LENINA, STATION
from tests.layers.ogc.responses import GEOJSON, features_of, get_json, ids

QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
CQL2_JSON = {"filter-lang": "cql2-json"}
STATUS, CREATED, GEOMETRY = {"property": "status"}, {"property": "created_at"}, {"property": "geometry"}
SCHEMA_JSON = "application/schema+json"


def appeal_ids(town, *names) -> list[int]:
    return sorted(town.appeals[name].id for name in names)


def cql(client, text: str, collection: str = "appeals", **query) -> dict:
    return features_of(client, collection, filter=text, **query)


def cql_json(client, expression: dict, collection: str = "appeals", **query) -> dict:
    return features_of(
        client, collection, filter=json.dumps(expression), **{"filter-lang": "cql2-json"}, **query
    )


def test_conf_filter_declared(client, town):
    conforms = set(get_json(client, "/ogc/conformance")["conformsTo"])

    assert {
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    } <= conforms
    assert not any("temporal-functions" in c or "/functions" in c or "arithmetic" in c for c in conforms)


def test_conf_queryables_get_queryables_op(client, town):
    collection = get_json(client, "/ogc/collections/appeals")
    link = next(link for link in collection["links"] if link["rel"] == QUERYABLES_REL)

    response = client.get(link["href"].removeprefix("http://testserver"))

    assert response.status_code == 200
    assert response["Content-Type"] == SCHEMA_JSON


def test_conf_queryables_get_queryables_response(client, town):
    schema = get_json(client, "/ogc/collections/appeals/queryables", SCHEMA_JSON)

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "http://testserver/ogc/collections/appeals/queryables"
    assert schema["type"] == "object"
    props = schema["properties"]
    assert props["geometry"] == {
        "title": "geometry",
        "format": "geometry-point",
        "x-ogc-role": "primary-geometry",
    }
    assert props["id"]["type"] == "integer"
    assert props["created_at"] == {
        "title": "created_at", "type": "string", "format": "date-time", "x-ogc-role": "primary-instant"
    }  # fmt: skip
    assert "registered" in props["status"]["enum"]
    assert props["supports_count"]["type"] == "integer"
    assert not {"author", "author_id", "contact", "email", "phone", "h3"} & set(props)


def test_conf_queryables_layer_keys_typed_from_the_data(client, town):
    props = get_json(client, "/ogc/collections/bus-routes/queryables", SCHEMA_JSON)["properties"]

    assert {name: p.get("type") for name, p in props.items()} == {
        "id": "integer", "LANES": "number", "LIT": "boolean", "NAME": "string", "geometry": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "registered"}, ["lenina", "station"]),
        ({"status": "registered", "category": "roads"}, ["lenina", "station"]),
        ({"category": "light"}, ["lenina_light", "outskirts"]),
        ({"supports_count": "7"}, ["station"]),
        ({"created_at": "2025-05-01T07:30:00Z"}, ["lenina"]),
        ({"category_name": "Уличное освещение", "status": "answered"}, ["outskirts"]),
    ],
)
def test_conf_queryables_query_parameters(client, town, query, expected):
    assert ids(features_of(client, "appeals", **query)) == appeal_ids(town, *expected)


def test_conf_queryables_query_parameters_on_layer_keys(client, town):
    first, second, third = (f.id for f in town.features)

    assert ids(features_of(client, "bus-routes", LANES="2")) == [first]
    assert ids(features_of(client, "bus-routes", LIT="true")) == [first, third]
    assert ids(features_of(client, "bus-routes", NAME="Кирова")) == [second]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("status = 'registered'", ["lenina", "station"]),
        ("status <> 'registered'", ["lenina_light", "station_closed", "outskirts", "outskirts_late"]),
        ("supports_count > 2", ["lenina", "station"]),
        ("supports_count BETWEEN 1 AND 5", ["lenina"]),
        ("status IN ('closed', 'answered')", ["station_closed", "outskirts"]),
        ("status NOT IN ('closed', 'answered', 'registered')", ["lenina_light", "outskirts_late"]),
        ("text LIKE 'Яма%'", ["outskirts_late"]),
        ("text LIKE 'Яма 50\\%%'", ["outskirts_late"]),  # \% is a literal percent sign
        ("text LIKE 'Яма 5_\\% дороги'", ["outskirts_late"]),  # _ is one character
        ("text LIKE 'Яма 5\\_%'", []),
        ("text NOT LIKE '%фонарь'", ["outskirts_late"]),
        ("due_at IS NULL AND category = 'light'", ["lenina_light", "outskirts"]),
        ("due_at IS NOT NULL", ["station", "station_closed"]),
        ("NOT (status = 'registered') AND category = 'roads'", ["station_closed", "outskirts_late"]),
        ("status = 'answered' OR supports_count >= 7", ["station", "outskirts"]),
        ("created_at > TIMESTAMP('2025-05-15T00:00:00Z')", ["outskirts", "outskirts_late"]),
        ("created_at < DATE('2025-05-02')", ["lenina"]),
        ("due_at > created_at", ["station"]),  # property-property
        ("id = {lenina}", ["lenina"]),
    ],
)
def test_conf_cql2_text_basic(client, town, text, expected):
    page = cql(client, text.replace("{lenina}", str(town.appeals["lenina"].id)))

    assert ids(page) == appeal_ids(town, *expected)
    assert page["numberMatched"] == len(expected)


def test_conf_cql2_text_spatial(client, town):
    lon, lat = STATION
    near_station = f"S_INTERSECTS(geometry, BBOX({lon - 0.001}, {lat - 0.001}, {lon + 0.001}, {lat + 0.001}))"
    lon, lat = LENINA
    corners = [
        (lon - 0.001, lat - 0.001),
        (lon + 0.001, lat - 0.001),
        (lon + 0.001, lat + 0.001),
        (lon - 0.001, lat + 0.001),
    ]
    square = "POLYGON((" + ", ".join(f"{x} {y}" for x, y in [*corners, corners[0]]) + "))"

    assert ids(cql(client, near_station)) == appeal_ids(town, "station", "station_closed")
    assert ids(cql(client, f"S_WITHIN(geometry, {square})")) == appeal_ids(town, "lenina", "lenina_light")
    assert ids(cql(client, f"S_INTERSECTS(geometry, POINT({lon} {lat}))")) == appeal_ids(
        town, "lenina", "lenina_light"
    )
    assert ids(cql(client, f"S_DISJOINT(geometry, {square}) AND status = 'registered'")) == appeal_ids(
        town, "station"
    )
    road = town.assets["road"].id
    assert ids(cql(client, f"S_INTERSECTS(geometry, {square})", "assets")) == sorted(
        [road, town.assets["light"].id]
    )


def test_conf_filter_crs_lat_lon_and_projected(client, town):
    lon, lat = STATION
    lat_lon_box = f"S_INTERSECTS(geometry, BBOX({lat - 0.001}, {lon - 0.001}, {lat + 0.001}, {lon + 0.001}))"
    point_lat_lon = f"S_INTERSECTS(geometry, POINT({LENINA[1]} {LENINA[0]}))"
    mercator_box = "S_INTERSECTS(geometry, BBOX(4228722, 5610463, 4228822, 5610563))"  # Lenina ± 50 m

    assert ids(cql(client, lat_lon_box, **{"filter-crs": "EPSG:4326"})) == appeal_ids(
        town, "station", "station_closed"
    )
    assert ids(cql(client, point_lat_lon, **{"filter-crs": "EPSG:4326"})) == appeal_ids(
        town, "lenina", "lenina_light"
    )
    assert ids(cql(client, mercator_box, **{"filter-crs": "EPSG:3857"})) == appeal_ids(
        town, "lenina", "lenina_light"
    )


def test_conf_cql2_json(client, town):
    lon, lat = STATION
    registered = {"op": "=", "args": [{"property": "status"}, "registered"]}
    near_station = {
        "op": "s_intersects",
        "args": [{"property": "geometry"}, {"bbox": [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001]}],
    }
    later = {"op": ">", "args": [{"property": "created_at"}, {"timestamp": "2025-05-15T00:00:00Z"}]}

    assert ids(cql_json(client, registered)) == appeal_ids(town, "lenina", "station")
    assert ids(cql_json(client, near_station)) == appeal_ids(town, "station", "station_closed")
    assert ids(cql_json(client, {"op": "and", "args": [registered, near_station]})) == appeal_ids(
        town, "station"
    )
    assert ids(cql_json(client, {"op": "or", "args": [registered, later]})) == appeal_ids(
        town, "lenina", "station", "outskirts", "outskirts_late"
    )
    assert ids(cql_json(client, {"op": "in", "args": [{"property": "category"}, ["light"]]})) == appeal_ids(
        town, "lenina_light", "outskirts"
    )


def test_conf_cql2_on_layer_keys(client, town):
    first, second, third = (f.id for f in town.features)

    assert ids(cql(client, "LANES >= 2 AND LIT = true", "bus-routes")) == [first, third]
    assert ids(cql(client, "NAME LIKE 'К%'", "bus-routes")) == [second]
    assert ids(cql(client, "NAME IN ('Мира', 'Кирова')", "bus-routes")) == [second, third]


def test_conf_filter_combines_with_bbox_and_property_parameters(client, town):
    page = cql(
        client, "supports_count >= 0", bbox="37,44,39,46", category="roads", status="registered", limit=1
    )

    assert page["numberMatched"] == 2
    assert ids(page) == appeal_ids(town, "lenina")
    assert "filter=supports_count" in next(link for link in page["links"] if link["rel"] == "next")["href"]


def test_conf_filter_param_on_proposals_keeps_hidden_ones_out(client, town):
    assert ids(cql(client, "status = 'new'", "proposals")) == []
    assert ids(cql(client, "status = 'new'")) == []  # the hidden issues stay hidden under any filter


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"filter": "status = "}, "filter", "Invalid CQL2"),
        ({"filter": "status = 'a' AND AND"}, "filter", "Invalid CQL2"),
        ({"filter": "colour = 'red'"}, "filter", "colour"),  # not a queryable: named in the reason
        ({"filter": "contact__email = 'x'"}, "filter", "contact__email"),
        ({"filter": "author_id = 1"}, "filter", "author_id"),
        ({"filter": "supports_count = 'many'"}, "filter", "supports_count"),
        ({"filter": "created_at > 'yesterday'"}, "filter", ""),
        ({"filter": "CASEI(status) = 'x'"}, "filter", "lower"),
        ({"filter": "supports_count + 1 > 5"}, "filter", "arithmetic"),
        ({"filter": "S_INTERSECTS(geometry, POLYGON((1 2, 3 4)))"}, "filter", "Invalid CQL2"),
        ({"filter": "S_INTERSECTS(geometry, BBOX(1, 2, 3))"}, "filter", "four"),
        ({"filter": json.dumps({"op": "=", "args": [STATUS]}), **CQL2_JSON}, "filter", "Invalid"),
        ({"filter": "not json", **CQL2_JSON}, "filter", "JSON"),
        ({"filter": "[1]", **CQL2_JSON}, "filter", "condition"),
        ({"filter": json.dumps({"op": "t_after", "args": [CREATED, {"timestamp": "2025-01-01T00:00:00Z"}]}),
          **CQL2_JSON}, "filter", "temporal"),
        ({"filter": json.dumps({"op": "s_intersects", "args": [GEOMETRY, {"bbox": [1, 2, 0, 3, 4, 9]}]}),
          **CQL2_JSON}, "filter", "3D"),
        ({"filter": "status = 'x'", "filter-lang": "ecql"}, "filter-lang", "cql2-text"),
        ({"filter": "status = 'x'", "filter-crs": "EPSG:2154"}, "filter-crs", "not offered"),
        ({"filter-lang": "cql2-text"}, "filter-lang", "without filter"),
        ({"filter": "  "}, "filter", "empty"),
    ],
)  # fmt: skip
def test_conf_filter_invalid_is_400_with_a_reason(client, town, query, field, words):
    response = client.get("/ogc/collections/appeals/items", query)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["field"] == field
    assert words in body["detail"]


def test_conf_queryables_property_parameter_with_a_wrong_type_is_400(client, town):
    for query in [{"supports_count": "many"}, {"created_at": "May 1st"}, {"LIT": "yes"}]:
        collection = "bus-routes" if "LIT" in query else "appeals"
        response = client.get(f"/ogc/collections/{collection}/items", query)
        assert response.status_code == 400, query
        assert response.json()["field"] == next(iter(query))


def test_filter_response_is_geojson(client, town):
    response = client.get("/ogc/collections/appeals/items", {"filter": "status = 'registered'"})

    assert response["Content-Type"] == GEOJSON
