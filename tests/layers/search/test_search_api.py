"""GET /api/v1/search, /geocode and /reverse on a small hand-made town, against real PostGIS.

The building of «улица Ленина, 12» has the real envelope of that house in the Krymsk extract (OSM via
NextGIS, ODbL); the other rows are made up around it to compete with it: the same house number on a
similar street, houses that start with «12», a second building of the same address, a street known only
from a one-line address.
"""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.core.management import call_command

from geoportal.roles import Role
from layers.models import Access, AdminArea, Asset, Feature, GazetteerEntry, Layer, Property
from layers.search.services import gazetteer_rebuild

LENINA_12_BOX = (37.9853418, 44.9115133, 37.9854993, 44.9116095)  # west, south, east, north
INSIDE_LENINA_12 = (37.98542, 44.91156)


def building(box, **fields) -> Property:
    return Property.objects.create(
        kind=Property.Kind.BUILDING, geom=MultiPolygon(Polygon.from_bbox(box), srid=4326), **fields
    )


def box_at(lon: float, lat: float, half: float = 0.00007) -> tuple[float, float, float, float]:
    return (lon - half, lat - half, lon + half, lat + half)


def address(street: str, house: str) -> dict:
    return {"street": street, "housenumber": house, "address": f"{street}, {house}"}


@pytest.fixture
def town(db):
    lenina_12 = building(
        LENINA_12_BOX, cadastral_number="23:15:0101001:1234", **address("улица Ленина", "12")
    )
    second_building = building(box_at(37.98570, 44.91160), **address("улица Ленина", "12"))
    lenina_12a = building(box_at(37.98560, 44.91190), **address("улица Ленина", "12А"))
    lenina_120 = building(box_at(37.98600, 44.92000), **address("улица Ленина", "120"))
    lenina_2 = building(box_at(37.98400, 44.90800), **address("улица Ленина", "2"))
    leninsky_12 = building(box_at(37.99000, 44.91500), **address("2-й Ленинский переулок", "12"))
    one_line = building(box_at(37.98530, 44.91250), address="ул. Ленина, д. 14")
    no_address = building(box_at(37.98660, 44.91156))
    for line in (
        [(37.9848, 44.9050), (37.9850, 44.9150)],
        [(37.9850, 44.9150), (37.9858, 44.9250)],
    ):
        Asset.objects.create(kind=Asset.Kind.ROAD, name="улица Ленина", geom=LineString(line, srid=4326))
    Asset.objects.create(
        kind=Asset.Kind.ROAD,
        name="2-й Ленинский переулок",
        geom=LineString([(37.9890, 44.9150), (37.9910, 44.9150)], srid=4326),
    )
    school = Asset.objects.create(
        kind=Asset.Kind.SCHOOL, name="Школа № 3", geom=Point(37.99, 44.92, srid=4326)
    )
    park = Asset.objects.create(
        kind=Asset.Kind.PARK,
        name="Парк Победы",
        geom=Polygon.from_bbox((37.980, 44.930, 37.984, 44.933)),
    )
    Asset.objects.create(kind=Asset.Kind.BENCH, name="", geom=Point(37.98, 44.93, srid=4326))
    roads = Layer.objects.create(slug="road-works", title="Ремонт дорог 2025")
    water = Layer.objects.create(slug="water", title="Сети водоснабжения", access=Access.INTERNAL)
    empty = Layer.objects.create(slug="empty", title="Пустой слой дорог")
    for layer in (roads, water):
        Feature.objects.create(layer=layer, geom=LineString([(37.98, 44.91), (37.99, 44.92)], srid=4326))
    district = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name="Микрорайон 6",
        geom=MultiPolygon(Polygon.from_bbox((37.97, 44.90, 38.00, 44.92)), srid=4326),
    )
    counts = gazetteer_rebuild()
    return locals()


def search(client, query: str, **params) -> list[dict]:
    response = client.get("/api/v1/search", {"q": query, **params})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["query"] == query
    return body["results"]


def labels(results: list[dict]) -> list[str]:
    return [r["label"] for r in results]


@pytest.mark.parametrize("query", ["ленина 12", "Ленина, д.12", "ул. Ленина, дом 12", "ленена 12"])
def test_every_spelling_and_a_typo_find_lenina_12_first(client, town, query):
    results = search(client, query)

    first = results[0]
    assert first["label"] == "улица Ленина, 12"
    assert first["kind"] == "address"
    assert first["ref"] == {"type": "property", "id": town["lenina_12"].id}
    west, south, east, north = LENINA_12_BOX
    assert first["bbox"] == pytest.approx([west, south, east, north])
    assert west < first["lon"] < east and south < first["lat"] < north


def test_the_exact_house_comes_first_then_its_street_then_houses_that_start_with_the_number(client, town):
    results = search(client, "ленина 12")

    assert labels(results)[:2] == ["улица Ленина, 12", "улица Ленина"]
    assert results[1]["kind"] == "street"
    rest = labels(results)[2:]
    assert {"улица Ленина, 12А", "улица Ленина, 120"} <= set(rest)
    assert "улица Ленина, 2" not in rest
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_the_same_house_on_a_weaker_street_ranks_below_the_street_asked_for(client, town):
    results = labels(search(client, "ленина 12"))

    assert results.index("улица Ленина") < results.index("2-й Ленинский переулок, 12")


def test_a_house_that_does_not_exist_gives_the_street(client, town):
    assert labels(search(client, "Ленина 99"))[0] == "улица Ленина"


def test_two_buildings_of_one_address_are_one_result(client, town):
    results = labels(search(client, "ленина 12"))

    assert results.count("улица Ленина, 12") == 1


def test_the_street_is_the_roads_merged_with_a_point_on_them(client, town):
    streets = search(client, "улица ленина", kind="street")
    street = streets[0]

    assert street["label"] == "улица Ленина"
    assert labels(streets).count("улица Ленина") == 1
    assert street["ref"]["type"] == "asset"
    # A point on the roads (the one nearest their centroid), inside their envelope.
    assert street["lon"] == pytest.approx(37.98500, abs=1e-4) and street["lat"] == pytest.approx(
        44.915, abs=1e-4
    )
    assert street["bbox"] == pytest.approx([37.9848, 44.9050, 37.9858, 44.9250])
    assert GazetteerEntry.objects.filter(kind="street", name="улица Ленина").count() == 1


def test_a_one_line_address_without_street_fields_is_found(client, town):
    assert labels(search(client, "ленина 14"))[0] == "ул. Ленина, д. 14"


def test_a_cadastral_number_and_its_start(client, town):
    [exact] = search(client, "23:15:0101001:1234")
    partial = search(client, "23:15:0101001")

    assert exact["kind"] == "cadastral"
    assert exact["label"] == "23:15:0101001:1234, улица Ленина, 12"
    assert exact["ref"] == {"type": "property", "id": town["lenina_12"].id}
    assert exact["score"] == 1.5
    assert labels(partial) == [exact["label"]] and partial[0]["score"] < 1.5


def test_asset_names_with_and_without_a_typo(client, town):
    [school] = search(client, "школа №3", kind="asset")
    park = search(client, "парк пабеды")[0]

    assert school["label"] == "Школа № 3"
    assert school["ref"] == {"type": "asset", "id": town["school"].id}
    assert [school["lon"], school["lat"]] == [37.99, 44.92]
    assert park["label"] == "Парк Победы" and park["kind"] == "asset"


def test_a_layer_title(client, town):
    results = search(client, "ремонт дорог")

    assert results[0]["label"] == "Ремонт дорог 2025"
    assert results[0]["kind"] == "layer"
    assert results[0]["ref"] == {"type": "layer", "id": town["roads"].id}


def test_internal_layers_are_found_by_staff_only(client, town):
    assert "Сети водоснабжения" not in labels(search(client, "сети водоснабжения"))

    planner = User.objects.create_user("planner", password="x")
    planner.groups.add(Group.objects.get(name=Role.PLANNER))
    client.force_login(planner)
    assert labels(search(client, "сети водоснабжения"))[0] == "Сети водоснабжения"


def test_kind_filter_and_limit(client, town):
    results = search(client, "ленина 12", kind="address", limit=2)

    assert len(results) == 2
    assert {r["kind"] for r in results} == {"address"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "q"),
        ("q=", "q"),
        ("q=%20%20", "q"),
        ("q=%D0%BB", "q"),  # «л»: one letter
        ("q=!!", "q"),
        ("q=" + "л" * 201, "q"),
        ("q=ленина&limit=0", "limit"),
        ("q=ленина&limit=51", "limit"),
        ("q=ленина&limit=abc", "limit"),
        ("q=ленина&kind=building", "kind"),
    ],
)
def test_bad_search_input_is_a_400_naming_the_parameter(client, town, query, field):
    response = client.get(f"/api/v1/search?{query}")

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field


def test_geocode_is_the_best_match_as_geojson(client, town):
    response = client.get("/api/v1/geocode", {"q": "Ленина, д.12"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    west, south, east, north = LENINA_12_BOX
    assert west < lon < east and south < lat < north
    assert feature["properties"]["label"] == "улица Ленина, 12"
    assert feature["properties"]["kind"] == "address"
    assert feature["properties"]["score"] == 1.5


def test_geocode_skips_entries_without_a_place_and_is_empty_without_a_match(client, town):
    located = json.loads(client.get("/api/v1/geocode", {"q": "пустой слой", "limit": 5}).content)
    nothing = json.loads(client.get("/api/v1/geocode", {"q": "зззззз"}).content)

    assert "Пустой слой дорог" not in [f["properties"]["label"] for f in located["features"]]
    assert search(client, "пустой слой")[0]["lon"] is None  # search still lists it
    assert nothing == {"type": "FeatureCollection", "features": []}


def test_geocode_rejects_a_missing_query(client, town):
    response = client.get("/api/v1/geocode")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["field"] == "q"


def reverse(client, lon: float, lat: float):
    return client.get("/api/v1/reverse", {"lon": lon, "lat": lat})


def test_reverse_inside_a_building_is_its_address_with_street_and_district(client, town):
    response = reverse(client, *INSIDE_LENINA_12)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    [feature] = json.loads(response.content)["features"]
    assert feature["properties"] == {
        "label": "улица Ленина, 12",
        "kind": "address",
        "street": "улица Ленина",
        "housenumber": "12",
        "district": {"id": town["district"].id, "name": "Микрорайон 6"},
        "distance_m": 0.0,
        "ref": {"type": "property", "id": town["lenina_12"].id},
    }


def test_reverse_inside_a_building_without_address_gives_the_nearest_address(client, town):
    response = reverse(client, 37.98660, 44.91156)  # inside the building that has no address

    [feature] = json.loads(response.content)["features"]
    # The second building of «Ленина, 12» ends at 37.98577: 0.00083° of longitude = 65 m at 44.9° N.
    assert feature["properties"]["ref"] == {"type": "property", "id": town["second_building"].id}
    assert 60 < feature["properties"]["distance_m"] < 70


def test_reverse_far_from_every_building_is_404(client, town):
    response = reverse(client, 37.9900, 44.9000)

    assert response.status_code == 404
    assert "100 м" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"lat": 44.9}, "lon"),
        ({"lon": 37.9}, "lat"),
        ({"lon": "abc", "lat": 44.9}, "lon"),
        ({"lon": 37.9, "lat": "nan"}, "lat"),
        ({"lon": "inf", "lat": 44.9}, "lon"),
        ({"lon": 181, "lat": 44.9}, "lon"),
        ({"lon": 37.9, "lat": -90.5}, "lat"),
    ],
)
def test_reverse_rejects_missing_or_invalid_coordinates(client, town, query, field):
    response = client.get("/api/v1/reverse", query)

    assert response.status_code == 400
    assert response.json()["field"] == field


def test_rebuild_counts_and_is_repeatable(town):
    expected = {"address": 7, "street": 2, "cadastral": 1, "asset": 2, "layer": 3}
    assert town["counts"] == expected

    assert gazetteer_rebuild() == expected
    assert GazetteerEntry.objects.count() == sum(expected.values())


def test_rebuild_follows_the_source_rows(client, town):
    town["lenina_12a"].delete()
    building(box_at(37.98800, 44.91800), **address("Вишнёвая улица", "7"))

    gazetteer_rebuild()

    assert "улица Ленина, 12А" not in labels(search(client, "ленина 12а"))
    assert labels(search(client, "вишневая 7"))[0] == "Вишнёвая улица, 7"


def test_management_command(town):
    out = StringIO()
    call_command("gazetteer_rebuild", stdout=out)

    assert "address 7, street 2, cadastral 1, asset 2, layer 3" in out.getvalue()


def test_reverse_ranks_in_metres_not_in_degrees(client, db):
    # At 44.9° N a degree of longitude is 78.9 km and one of latitude 111.1 km: the building 0.0010° east
    # (79 m) is nearer than the one 0.00085° north (94 m), though it is farther in degrees.
    lon, lat = 37.95, 44.90
    east = building(
        (lon + 0.0010, lat - 0.0001, lon + 0.0012, lat + 0.0001), **address("Восточная улица", "1")
    )
    building((lon - 0.0001, lat + 0.00085, lon + 0.0001, lat + 0.00105), **address("Северная улица", "1"))
    gazetteer_rebuild()

    found = json.loads(reverse(client, lon, lat).content)["features"][0]["properties"]

    assert found["ref"]["id"] == east.id
    assert found["distance_m"] == pytest.approx(78.9, abs=0.5)
