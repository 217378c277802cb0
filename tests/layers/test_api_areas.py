"""GET /api/v1/areas: public areas as GeoJSON built in PostGIS, against real PostGIS and the real boundary.

The municipality is the Krymsk boundary from tests/data/krymsk_boundary.geojson (OSM, extract by NextGIS).
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from layers.models import AdminArea

BOUNDARY = Path(__file__).resolve().parent.parent / "data" / "krymsk_boundary.geojson"
URL = "/api/v1/areas"
AREA_PROPERTIES = {"id", "kind", "name", "code", "population", "parent"}
TRICKY_NAME = 'Район "Южный" \\ строка\nвторая\t</script>'


def krymsk_boundary() -> MultiPolygon:
    feature = json.loads(BOUNDARY.read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def box(west: float, south: float, east: float, north: float) -> MultiPolygon:
    return MultiPolygon(Polygon.from_bbox((west, south, east, north)), srid=4326)


@pytest.fixture
def areas(db):
    municipality = AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY,
        name="Крымск",
        code="krymsk",
        population=57_000,
        geom=krymsk_boundary(),
    )
    centre = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name="Центральный",
        code="d1",
        parent=municipality,
        geom=box(37.97, 44.92, 38.00, 44.94),
    )
    south = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name=TRICKY_NAME,
        code="d2",
        parent=municipality,
        population=12_345,
        geom=box(37.97, 44.90, 38.00, 44.92),
    )
    tos = AdminArea.objects.create(
        kind=AdminArea.Kind.TOS, name="ТОС «Ленина»", parent=centre, geom=box(37.98, 44.925, 37.99, 44.93)
    )
    zone = AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Зона ЖКХ", geom=box(37.9, 44.9, 38.1, 45.0)
    )
    return {"municipality": municipality, "centre": centre, "south": south, "tos": tos, "zone": zone}


def get_collection(client, query: str = "") -> dict:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert collection["numberReturned"] == len(collection["features"])
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert set(feature["properties"]) == AREA_PROPERTIES
        assert feature["id"] == feature["properties"]["id"]
        assert feature["geometry"]["type"] == "MultiPolygon"
    return collection


def by_name(collection: dict) -> dict[str, dict]:
    return {f["properties"]["name"]: f for f in collection["features"]}


def all_positions(geometry: dict) -> list[list[float]]:
    return [position for polygon in geometry["coordinates"] for ring in polygon for position in ring]


def test_default_lists_municipality_districts_and_tos_but_not_responsibility_zones(client, areas):
    collection = get_collection(client)

    names = [f["properties"]["name"] for f in collection["features"]]
    assert sorted(names) == sorted(["Крымск", "Центральный", TRICKY_NAME, "ТОС «Ленина»"])
    assert "Зона ЖКХ" not in names


def test_municipality_geometry_is_the_boundary_in_lon_lat_order(client, areas):
    collection = get_collection(client, "?kind=municipality")

    [feature] = collection["features"]
    assert feature["properties"] == {
        "id": areas["municipality"].id,
        "kind": "municipality",
        "name": "Крымск",
        "code": "krymsk",
        "population": 57_000,
        "parent": None,
    }
    positions = all_positions(feature["geometry"])
    # Krymsk lies at about 38.0° E, 44.9° N: the first coordinate is the longitude.
    assert all(37.8 < lon < 38.2 and 44.8 < lat < 45.1 for lon, lat in positions)
    # 6 decimals at most (~0.1 m), and every vertex of the stored boundary is there, moved by rounding only.
    assert all(-Decimal(repr(v)).as_tuple().exponent <= 6 for position in positions for v in position)
    written = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
    assert written.equals_exact(areas["municipality"].geom, tolerance=1e-6)


def test_kind_filter_returns_only_that_kind_with_parents(client, areas):
    collection = get_collection(client, "?kind=district")

    districts = by_name(collection)
    assert set(districts) == {"Центральный", TRICKY_NAME}
    assert {f["properties"]["parent"] for f in districts.values()} == {areas["municipality"].id}
    assert districts[TRICKY_NAME]["properties"]["population"] == 12_345
    assert districts["Центральный"]["properties"]["population"] is None


def test_kind_accepts_a_comma_separated_list(client, areas):
    collection = get_collection(client, "?kind=municipality,tos")

    assert {f["properties"]["kind"] for f in collection["features"]} == {"municipality", "tos"}
    assert by_name(collection)["ТОС «Ленина»"]["properties"]["parent"] == areas["centre"].id


def test_strings_are_escaped_by_postgresql(client, areas):
    collection = get_collection(client, "?kind=district")

    assert TRICKY_NAME in by_name(collection)


def test_no_areas_is_an_empty_collection(client, db):
    collection = get_collection(client)

    assert collection["features"] == []


@pytest.mark.parametrize("kind", ["responsibility_zone", "bogus", "", "district,", "DISTRICT"])
def test_unknown_kind_is_a_400_naming_the_parameter(client, areas, kind):
    response = client.get(URL, {"kind": kind})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "field"}
    assert body["field"] == "kind"
    assert "municipality, district, tos" in body["detail"]


def test_error_answers_a_client_that_accepts_only_geojson(client, areas):
    response = client.get(URL, {"kind": "bogus"}, HTTP_ACCEPT="application/geo+json")

    assert response.status_code == 400
    assert "kind" in json.loads(response.content)["detail"]
