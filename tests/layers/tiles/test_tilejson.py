"""GET /tiles/{collection}.json and /tiles/basemap.json: TileJSON 3.0.0 with absolute URLs, zooms, bounds
from the data and vector_layers with their fields."""

import pytest
from django.contrib.gis.geos import Point

from layers.models import Access, Feature, Layer
from layers.tiles.sources import CELL_POINT_FIELDS, HEXAGON_FIELDS
from layers.tiles.sources import STATIC as TILE_SOURCES
from layers.tiles.tilemath import tile_of
from tests.layers.tiles.conftest import CENTRE, ORIGIN, decode, make_appeal

REQUIRED = {"tilejson", "tiles", "minzoom", "maxzoom", "bounds", "center", "vector_layers"}


def test_appeals_tilejson(client, category):
    make_appeal(category, (37.98, 44.92))
    make_appeal(category, (37.99, 44.93))

    response = client.get("/tiles/appeals.json")

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=60" and response["ETag"]
    doc = response.json()
    assert REQUIRED <= set(doc) and doc["tilejson"] == "3.0.0" and doc["scheme"] == "xyz"
    assert doc["tiles"] == [f"{ORIGIN}/tiles/appeals/{{z}}/{{x}}/{{y}}.mvt"]
    assert (doc["minzoom"], doc["maxzoom"]) == (0, 16)  # hexagons below z14, points from z14
    assert doc["bounds"] == pytest.approx([37.98, 44.92, 37.99, 44.93])
    assert doc["center"] == pytest.approx([37.985, 44.925, 14])
    [layer] = doc["vector_layers"]
    assert layer["id"] == "appeals" and (layer["minzoom"], layer["maxzoom"]) == (0, 16)
    assert layer["fields"] == dict(TILE_SOURCES["appeals"].fields) | HEXAGON_FIELDS | CELL_POINT_FIELDS


def test_tilejson_fields_are_the_properties_the_tiles_carry(client, category):
    make_appeal(category, CENTRE, supports_count=2)
    make_appeal(category, CENTRE)  # two in one ≈ 20 m cell: one counted point at z14–15
    doc = client.get("/tiles/appeals.json").json()
    x, y = 9920, 5898  # the z14 tile of CENTRE

    def features(z: int, zx: int, zy: int) -> list[dict]:
        return decode(client.get(f"/tiles/appeals/{z}/{zx}/{zy}.mvt").content)["appeals"]["features"]

    [counted] = features(14, x, y)
    [hexagon] = features(13, x // 2, y // 2)
    point = features(16, *tile_of(*CENTRE, 16))[0]

    keys = set(point["properties"]) | set(counted["properties"]) | set(hexagon["properties"])
    assert keys == set(doc["vector_layers"][0]["fields"])
    assert counted["properties"]["count"] == 2 and counted["properties"]["aggregate"] is True


def test_tilejson_of_an_empty_collection_spans_the_world(client, db):
    doc = client.get("/tiles/proposals.json").json()

    assert doc["bounds"] == pytest.approx([-180, -85.0511287798, 180, 85.0511287798])


def test_tilejson_of_a_layer_lists_the_fields_of_its_features_with_types(client, db):
    layer = Layer.objects.create(
        slug="bus-stops", title="Остановки", licence="CC BY 4.0", access=Access.PUBLIC
    )
    for props in (
        {"name": "Вокзал", "bays": 2, "shelter": True},
        {"name": "Рынок", "bays": "2a", "wifi": None},
    ):
        Feature.objects.create(layer=layer, geom=Point(*CENTRE, srid=4326), properties=props)

    doc = client.get("/tiles/bus-stops.json").json()

    assert doc["name"] == "Остановки" and doc["attribution"] == "CC BY 4.0"
    assert doc["minzoom"] == 0
    assert doc["vector_layers"][0]["fields"] == {"bays": "String", "name": "String", "shelter": "Boolean"}


def test_tilejson_urls_follow_the_request_host(client, db):
    doc = client.get("/tiles/areas.json", HTTP_HOST="127.0.0.1:8000").json()

    assert doc["tiles"] == ["http://127.0.0.1:8000/tiles/areas/{z}/{x}/{y}.mvt"]
    assert doc["attribution"] == "© OpenStreetMap contributors"


def test_basemap_tilejson(client, municipality):
    doc = client.get("/tiles/basemap.json").json()

    assert doc["tiles"] == [f"{ORIGIN}/tiles/basemap/{{z}}/{{x}}/{{y}}.mvt"]
    assert doc["attribution"] == "© OpenStreetMap contributors"
    assert doc["bounds"] == pytest.approx(list(municipality.geom.extent))
    layers = {layer["id"]: layer for layer in doc["vector_layers"]}
    assert {"buildings", "roads", "road_labels", "housenumbers", "boundary", "water", "landuse"} <= set(
        layers
    )
    assert layers["buildings"]["minzoom"] == 13 and layers["housenumbers"]["minzoom"] == 16
    assert layers["roads"]["fields"]["class"] == "String"
